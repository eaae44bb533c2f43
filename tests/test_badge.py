"""Open Badges 3.0 credentials: valid against 1EdTech's schema, verified by PyJWT too."""

from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from jsonschema import Draft201909Validator

from tests.cli_helpers import cli_on
from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.exports.badge import (
    BadgeData,
    BadgeError,
    SkillResult,
    base58,
    build_credential,
    did_key,
    identity_hash,
    sign_badge,
    verify_badge,
)
from trainer_tui.exports.signing import TrustedKey, public_key_of
from trainer_tui.services.badges import check_badge, issue_badge
from trainer_tui.services.workspace import Workspace

#: 1EdTech's published schema, kept with its provenance (tests/data/openbadges/SOURCE.md).
SCHEMA = Path(__file__).parent / "data" / "openbadges" / "ob_v3p0_achievementcredential_schema.json"
KEY = bytes(range(1, 33))  # fixed: the same badge every run
PUBLIC = public_key_of(KEY)


def badge_data(catalogue: Catalogue) -> BadgeData:
    skills = [s for block in catalogue.blocks for s in block.active_skills]
    return BadgeData(
        issuer_name="École des métiers de la fibre — Saint-Denis",
        programme=catalogue.title.get("fr"),
        programme_description="Formation de 400 heures au métier de technicien·ne FTTH.",
        catalogue_id=catalogue.id,
        catalogue_version=catalogue.version,
        skills=tuple((s.id, s.title.get("fr")) for s in skills),
        scale=tuple(
            (level, catalogue.scale.label(level, "fr")) for level in catalogue.scale.values
        ),
        results=(
            SkillResult("SPL-04", "Réaliser une soudure par fusion", 3, "Acquis"),
            SkillResult("SEC-01", "Choisir et porter ses EPI", 4, "Maîtrisé"),
        ),
        trainee_code="SD26A6R",
        salt="5f2c9a11",
        started=dt.date(2026, 10, 5),
        ended=dt.date(2027, 1, 12),
        issued_on=dt.date(2026, 11, 26),
        training_minutes=225 * 60,
    )


def test_base58_and_did_key_follow_their_specifications() -> None:
    assert base58(b"hello world") == "StV1DL6CwTryKyV"
    assert base58(b"\0\0\x01") == "112"
    assert did_key(PUBLIC).startswith("did:key:z6Mk")  # every Ed25519 did:key does


def test_the_credential_is_valid_against_the_open_badges_schema(catalogue: Catalogue) -> None:
    credential = build_credential(badge_data(catalogue), PUBLIC)
    validator = Draft201909Validator(json.loads(SCHEMA.read_text("utf-8")))
    errors = sorted(validator.iter_errors(credential), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    subject = credential["credentialSubject"]
    assert subject["identifier"][0]["identityHash"] == identity_hash("SD26A6R", "5f2c9a11")
    assert "SD26A6R" not in json.dumps(subject)  # hashed, never in clear
    assert len(subject["achievement"]["alignment"]) == 100
    assert {r["achievedLevel"].rsplit(":", 1)[1] for r in subject["result"]} == {"3", "4"}


def test_an_independent_jose_library_verifies_the_badge(catalogue: Catalogue) -> None:
    credential = build_credential(badge_data(catalogue), PUBLIC)
    token = sign_badge(credential, KEY)
    claims = jwt.decode(token, key=Ed25519PublicKey.from_public_bytes(PUBLIC), algorithms=["EdDSA"])
    assert claims["iss"] == credential["issuer"]["id"] == did_key(PUBLIC)
    assert claims["jti"] == credential["id"]
    assert {k: v for k, v in claims.items() if k not in ("iss", "jti", "nbf")} == credential
    verdict = verify_badge(token, [TrustedKey(PUBLIC, "Saint-Denis")])
    assert verdict.problem == "" and verdict.credential == credential


def test_a_tampered_badge_fails_everywhere(catalogue: Catalogue) -> None:
    token = sign_badge(build_credential(badge_data(catalogue), PUBLIC), KEY)
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["credentialSubject"]["result"][0]["achievedLevel"] = (
        claims["credentialSubject"]["result"][0]["achievedLevel"][:-1] + "4"
    )
    forged_payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    forged = f"{header}.{forged_payload}.{signature}"
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(forged, key=Ed25519PublicKey.from_public_bytes(PUBLIC), algorithms=["EdDSA"])
    with pytest.raises(BadgeError):
        verify_badge(forged, [TrustedKey(PUBLIC, "Saint-Denis")])
    with pytest.raises(BadgeError):
        verify_badge("not.a.badge", [])


def test_a_badge_signed_by_an_unknown_key_is_said_so(catalogue: Catalogue) -> None:
    other = bytes(range(2, 34))
    token = sign_badge(build_credential(badge_data(catalogue), public_key_of(other)), other)
    verdict = verify_badge(token, [TrustedKey(PUBLIC, "Saint-Denis")])
    assert verdict.problem == "unknown_key" and verdict.signer is None


def test_a_trainees_badge_from_the_records_verifies_from_a_file(
    demo_ws: Workspace,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cohort = demo_ws.cohorts()[0]
    trainee = demo_ws.cohort_records(cohort).trainees[0]
    token = issue_badge(demo_ws, cohort, trainee)
    credential = check_badge(demo_ws, token).credential
    validator = Draft201909Validator(json.loads(SCHEMA.read_text("utf-8")))
    assert not list(validator.iter_errors(credential))
    assert trainee.last_name not in token and trainee.code not in json.dumps(credential)
    assert credential["credentialSubject"]["result"]  # the demo trainee has assessed skills
    assert token == issue_badge(demo_ws, cohort, trainee)  # same day, same badge

    cli = cli_on(demo_ws, capsys, monkeypatch)
    badge = tmp_path / "badge.jwt"
    badge.write_text(token, "utf-8")
    said = cli.ok("verify", str(badge))
    assert said.startswith("Authentique") and "Open Badge" in said
    header, payload, signature = token.split(".")
    forged = tmp_path / "forged.jwt"
    forged.write_text(f"{header}.{payload[:-4]}AAAA.{signature}", "utf-8")
    result = cli("verify", str(forged))
    assert result.code == 1 and "FALSIFIÉ" in result.out
