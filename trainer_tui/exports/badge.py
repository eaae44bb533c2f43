"""Open Badges 3.0 credentials of a trainee's skills, signed as a VC-JWT with EdDSA.

The credential (an ``OpenBadgeCredential``) names the programme as its achievement, aligned
to every active skill of the catalogue, with one result per assessed skill on the catalogue's
scale (a rubric). The trainee is identified by a salted SHA-256 hash of their code, never by
name or email. The issuer is the campus laptop's Ed25519 key as a ``did:key``.

It is secured as a compact JWS (VC-JWT, ``alg`` EdDSA): the payload is the credential with
the registered claims ``iss``, ``jti`` and ``nbf`` mapped from it, and the header carries the
public key (``jwk``) and its ``kid``. Any JOSE library checks the signature; whether the key
belongs to the school is checked against the keys the school trusts.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from trainer_tui.exports.signing import TrustedKey, public_key_of

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
_BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
#: Multicodec prefix of an Ed25519 public key (did:key method).
_ED25519_PUB = b"\xed\x01"


class BadgeError(ValueError):
    """A badge that cannot be read, or whose signature does not hold.

    ``kind`` says which, for the message a person reads: ``not_a_badge`` (unreadable),
    ``altered`` (the signature does not hold) or ``misissued`` (signed, but not as a badge of
    this program is: another issuer, no credential).
    """

    def __init__(self, detail: str, kind: str) -> None:
        super().__init__(detail)
        self.kind = kind


@dataclass(frozen=True, slots=True)
class SkillResult:
    """One assessed skill of the record."""

    skill_id: str
    title: str
    level: int
    level_name: str


@dataclass(frozen=True, slots=True)
class BadgeData:
    """What the credential says, gathered by the services."""

    issuer_name: str
    programme: str
    programme_description: str
    catalogue_id: str
    catalogue_version: str
    #: Every active skill of the catalogue: (id, title), for the achievement's alignment.
    skills: tuple[tuple[str, str], ...]
    #: The scale: (level, name), lowest first.
    scale: tuple[tuple[int, str], ...]
    results: tuple[SkillResult, ...]
    trainee_code: str
    salt: str
    started: dt.date
    ended: dt.date
    issued_on: dt.date
    training_minutes: int


def base58(data: bytes) -> str:
    """Bitcoin-alphabet base58 (did:key and multibase ``z``)."""
    number = int.from_bytes(data, "big")
    text = ""
    while number:
        number, digit = divmod(number, 58)
        text = _BASE58[digit] + text
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + text


def did_key(public_key: bytes) -> str:
    """The ``did:key`` naming an Ed25519 public key."""
    return "did:key:z" + base58(_ED25519_PUB + public_key)


def identity_hash(code: str, salt: str) -> str:
    """Open Badges' hashed identifier: ``sha256$`` then SHA-256 of the identity and the salt."""
    return "sha256$" + hashlib.sha256((code + salt).encode("utf-8")).hexdigest()


def _urn(data: BadgeData, *parts: str) -> str:
    return ":".join(["urn:trainer-tui", data.catalogue_id, data.catalogue_version, *parts])


def build_credential(data: BadgeData, public_key: bytes) -> dict[str, Any]:
    """The OpenBadgeCredential of ``data``, issued by the holder of ``public_key``."""
    issuer = did_key(public_key)
    # The same trainee, issuer and day give the same id: a badge re-issued later replaces it.
    credential_id = uuid.uuid5(uuid.NAMESPACE_URL, f"{issuer}|{data.trainee_code}|{data.issued_on}")
    scale_id = _urn(data, "scale")
    framework = f"{data.programme} ({data.catalogue_id} {data.catalogue_version})"
    aligned = {
        skill_id: {
            "type": ["Alignment"],
            "targetName": title,
            "targetUrl": _urn(data, "skill", skill_id),
            "targetCode": skill_id,
            "targetFramework": framework,
            "targetType": "ext:Competency",
        }
        for skill_id, title in data.skills
    }
    issued = dt.datetime.combine(data.issued_on, dt.time(0), tzinfo=dt.UTC).isoformat()
    return {
        "@context": CONTEXTS,
        "id": f"urn:uuid:{credential_id}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": data.programme,  # the trainee appears only through the hashed identifier
        "issuer": {"id": issuer, "type": ["Profile"], "name": data.issuer_name},
        "validFrom": issued.replace("+00:00", "Z"),
        "awardedDate": issued.replace("+00:00", "Z"),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "identifier",
                    "hashed": True,
                    "identityHash": identity_hash(data.trainee_code, data.salt),
                    "salt": data.salt,
                }
            ],
            "activityStartDate": f"{data.started.isoformat()}T00:00:00Z",
            "activityEndDate": f"{data.ended.isoformat()}T00:00:00Z",
            "achievement": {
                "id": _urn(data, "achievement"),
                "type": ["Achievement"],
                "name": data.programme,
                "description": data.programme_description,
                "criteria": {"narrative": data.programme_description},
                "alignment": list(aligned.values()),
                "resultDescription": [
                    {
                        "id": scale_id,
                        "type": ["ResultDescription"],
                        "name": "Niveau / Level",
                        "resultType": "RubricCriterionLevel",
                        "rubricCriterionLevel": [
                            {
                                "id": f"{scale_id}:{level}",
                                "type": ["RubricCriterionLevel"],
                                "name": name,
                                "level": str(level),
                            }
                            for level, name in data.scale
                        ],
                    }
                ],
            },
            "result": [
                {
                    "type": ["Result"],
                    "resultDescription": scale_id,
                    "achievedLevel": f"{scale_id}:{result.level}",
                    "alignment": [aligned[result.skill_id]],
                }
                for result in data.results
                if result.skill_id in aligned
            ],
        },
    }


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    """Base64url in its one canonical spelling (a changed spare bit is a changed badge)."""
    data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    if _b64(data) != text:
        raise ValueError("not canonical base64url")
    return data


def sign_badge(credential: dict[str, Any], private_key: bytes) -> str:
    """The credential as a compact JWS (VC-JWT, EdDSA)."""
    public = public_key_of(private_key)
    issuer = credential["issuer"]["id"]
    header = {
        "alg": "EdDSA",
        "typ": "JWT",
        "kid": f"{issuer}#{issuer.removeprefix('did:key:')}",
        "jwk": {"kty": "OKP", "crv": "Ed25519", "x": _b64(public)},
    }
    valid_from = dt.datetime.fromisoformat(credential["validFrom"].replace("Z", "+00:00"))
    claims = {
        **credential,
        "iss": issuer,
        "jti": credential["id"],
        "nbf": int(valid_from.timestamp()),
    }
    signing_input = ".".join(
        _b64(json.dumps(part, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        for part in (header, claims)
    )
    signature = Ed25519PrivateKey.from_private_bytes(private_key).sign(signing_input.encode())
    return f"{signing_input}.{_b64(signature)}"


@dataclass(frozen=True, slots=True)
class BadgeVerdict:
    """A badge read back: its credential, who signed it (if trusted), what is wrong."""

    credential: dict[str, Any]
    signer: TrustedKey | None
    #: ``unknown_key`` (signature holds, key not the school's), else empty when authentic.
    problem: str


def verify_badge(token: str, trusted: list[TrustedKey]) -> BadgeVerdict:
    """Check a VC-JWT badge; :class:`BadgeError` when unreadable or not signed by its key."""
    try:
        header_text, payload_text, signature_text = token.strip().split(".")
        header = json.loads(_unb64(header_text))
        claims = json.loads(_unb64(payload_text))
        public = _unb64(header["jwk"]["x"])
        signature = _unb64(signature_text)
    except (ValueError, KeyError, TypeError, RecursionError) as error:
        raise BadgeError(f"not a signed badge: {error}", "not_a_badge") from None
    if not isinstance(header, dict) or header.get("alg") != "EdDSA" or len(public) != 32:
        raise BadgeError("not an EdDSA badge", "not_a_badge")
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(
            signature, f"{header_text}.{payload_text}".encode()
        )
    except InvalidSignature:
        raise BadgeError("the signature does not match the content", "altered") from None
    # Anyone can sign a badge with a key of their own: past the signature, the content is
    # still checked for its shape before anything reads it.
    if not isinstance(claims, dict):
        raise BadgeError("not a credential", "misissued")
    credential = {k: v for k, v in claims.items() if k not in ("iss", "jti", "nbf")}
    issuer = credential.get("issuer")
    if claims.get("iss") != did_key(public) or not (
        isinstance(issuer, dict) and issuer.get("id") == did_key(public)
    ):
        raise BadgeError("the issuer is not the key that signed", "misissued")
    for key in trusted:
        if key.public_key == public:
            return BadgeVerdict(credential, key, "")
    return BadgeVerdict(credential, None, "unknown_key")
