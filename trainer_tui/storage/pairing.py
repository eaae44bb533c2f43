"""Pairing: a new laptop joins the school once, explicitly, with a code from a trusted one.

On a laptop of the school, ``laptops add`` makes a one-time code: 8 bytes of its key's
fingerprint and a 7-byte secret, shown as 24 letters and digits (``ABCD-EFGH-…``), valid 48
hours. On the new laptop, ``laptops join CODE`` keeps both. Then, at each sync:

* the new laptop trusts the descriptor in the folder whose key has that fingerprint (a key of
  that fingerprint cannot be forged), writing a ``_laptop`` op for it, and publishes its own
  descriptor with ``HMAC(secret, its id and key)``, a proof only a holder of the code can make;
* the laptop that made the code admits the descriptor whose proof matches, once, writing a
  ``_laptop`` op for it: every laptop trusting it now trusts the new one (storage/trust.py).

The secret never leaves the two laptops; the folder only ever sees the proof.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
from typing import Any

from trainer_tui.storage.folder import Descriptor
from trainer_tui.storage.local import load_local_json, save_local_json
from trainer_tui.storage.ops import Change
from trainer_tui.storage.replica import GLOBAL, Replica
from trainer_tui.storage.signature import b64, fingerprint
from trainer_tui.storage.trust import LAPTOP

PAIRING_FILE = "pairing.json"
VALID_FOR = dt.timedelta(hours=48)
_FINGERPRINT_BYTES, _SECRET_BYTES = 8, 7
#: Characters people mistake for base32 letters.
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})


class PairingCodeInvalid(ValueError):
    """The text typed is not a pairing code (a typo, a missing part)."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def format_code(raw: bytes) -> str:
    """``raw`` as groups of four base32 characters."""
    text = base64.b32encode(raw).decode("ascii").rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_code(text: str) -> tuple[str, bytes]:
    """``(fingerprint hex, secret)`` of a typed code; raises :class:`PairingCodeInvalid`."""
    letters = "".join(ch for ch in text.upper().translate(_LOOKALIKES) if ch.isalnum())
    if len(letters) != 24:
        raise PairingCodeInvalid(text)
    try:
        raw = base64.b32decode(letters, casefold=True)
    except ValueError:
        raise PairingCodeInvalid(text) from None
    return raw[:_FINGERPRINT_BYTES].hex(), raw[_FINGERPRINT_BYTES:]


def new_invitation(replica: Replica) -> tuple[str, dt.datetime]:
    """Make a one-time pairing code for a new laptop; return it and when it expires."""
    secret = secrets.token_bytes(_SECRET_BYTES)
    expires = _now() + VALID_FOR
    state = _load(replica)
    state["invitations"].append(
        {"secret": secret.hex(), "expires": expires.isoformat(), "used_by": ""}
    )
    _save(replica, state)
    raw = bytes.fromhex(fingerprint(replica.key.public))[:_FINGERPRINT_BYTES] + secret
    return format_code(raw), expires


def join_with(replica: Replica, code: str) -> str:
    """Keep a code typed on a new laptop until its syncs complete the pairing.

    Returns the fingerprint of the laptop that gave it. Raises :class:`PairingCodeInvalid`,
    and ``ValueError("own_code")`` for this laptop's own code.
    """
    anchor, secret = parse_code(code)
    if fingerprint(replica.key.public).startswith(anchor):
        raise ValueError("own_code")
    state = _load(replica)
    state["joins"] = [j for j in state["joins"] if j.get("anchor") != anchor]
    state["joins"].append({"anchor": anchor, "secret": secret.hex(), "trusted": ""})
    _save(replica, state)
    return anchor


def pending_joins(replica: Replica) -> list[dict[str, str]]:
    """The codes typed here whose pairing is not complete yet."""
    admitted = replica.partition(GLOBAL).get(LAPTOP, replica.device.id) is not None
    return [j for j in _load(replica)["joins"] if not (j.get("trusted") and admitted)]


def join_proof(replica: Replica) -> dict[str, Any] | None:
    """What this laptop's descriptor carries while a pairing is pending, or ``None``."""
    pending = pending_joins(replica)
    if not pending:
        return None
    join = pending[-1]
    proof = _proof(bytes.fromhex(join["secret"]), replica.device.id, replica.key.public)
    return {"to": join["anchor"], "proof": proof}


def _proof(secret: bytes, device: str, key: bytes) -> str:
    message = device.encode() + b"\x00" + key
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]


def admit_joiners(replica: Replica, descriptors: list[Descriptor]) -> list[str]:
    """Complete pairings both ways from the folder's descriptors; return devices admitted."""
    state = _load(replica)
    changes: list[Change] = []
    admitted: list[str] = []
    own_fingerprint = fingerprint(replica.key.public)
    for join in state["joins"]:
        if join.get("trusted"):
            continue
        for found in descriptors:
            if found.device != replica.device.id and fingerprint(found.key).startswith(
                join["anchor"]
            ):
                changes.append(_laptop_change(found, replica.device.id))
                join["trusted"] = found.device
                break
    for found in descriptors:
        proof = found.join.get("proof")
        if found.join.get("to") != own_fingerprint[: 2 * _FINGERPRINT_BYTES]:
            continue
        invitation = _matching(state["invitations"], found, proof)
        if invitation is None:
            continue
        invitation["used_by"] = found.device
        if found.key not in replica.trust.keys.get(found.device, set()):
            changes.append(_laptop_change(found, replica.device.id))
        admitted.append(found.device)
    if changes:
        replica.write(GLOBAL, changes)
    if changes or admitted:
        _save(replica, state)
    return admitted


def _matching(
    invitations: list[dict[str, str]], found: Descriptor, proof: object
) -> dict[str, str] | None:
    if not isinstance(proof, str):
        return None
    for invitation in invitations:
        try:
            expired = dt.datetime.fromisoformat(invitation["expires"]) < _now()
            secret = bytes.fromhex(invitation["secret"])
        except (KeyError, ValueError):
            continue
        if invitation.get("used_by") or expired:
            continue
        if hmac.compare_digest(_proof(secret, found.device, found.key), proof):
            return invitation
    return None


def _laptop_change(found: Descriptor, by: str) -> Change:
    values = {"key": b64(found.key), "label": found.label or found.name, "added_by": by}
    return Change(LAPTOP, found.device, values)


def _load(replica: Replica) -> dict[str, list[dict[str, str]]]:
    raw = load_local_json(replica.data_dir, PAIRING_FILE)
    return {
        name: [e for e in raw.get(name, []) if isinstance(e, dict)]
        if isinstance(raw.get(name), list)
        else []
        for name in ("invitations", "joins")
    }


def _save(replica: Replica, state: dict[str, list[dict[str, str]]]) -> None:
    save_local_json(replica.data_dir, PAIRING_FILE, dict(state))
