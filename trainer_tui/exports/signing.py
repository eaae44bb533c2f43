"""Ed25519 signatures of progress payloads (the ``cryptography`` package).

Keys are raw 32-byte Ed25519 keys here; where they are kept (this laptop's private key, the
public keys of the school's other laptops) is the services' business.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from trainer_tui.exports.progress_code import (
    PayloadError,
    ProgressPayload,
    decode,
    encode_unsigned,
    short_digest,
)


@dataclass(frozen=True, slots=True)
class TrustedKey:
    """A public key the school trusts, and who holds it (shown as "issued by …")."""

    public_key: bytes
    label: str
    #: Documents this key signed after this instant are refused (``keys revoke``).
    revoked_since: dt.datetime | None = None

    @property
    def key_id(self) -> bytes:
        """The 4-byte id payloads carry."""
        return short_digest(self.public_key)


def public_key_of(private_key: bytes) -> bytes:
    """The raw public key of a raw private key."""
    return Ed25519PrivateKey.from_private_bytes(private_key).public_key().public_bytes_raw()


def new_private_key() -> bytes:
    """A fresh raw Ed25519 private key."""
    return Ed25519PrivateKey.generate().private_bytes_raw()


def sign(payload: ProgressPayload, private_key: bytes) -> bytes:
    """The whole payload: its bytes then their signature."""
    signer = Ed25519PrivateKey.from_private_bytes(private_key)
    if payload.key_id != short_digest(public_key_of(private_key)):
        raise PayloadError("the payload's key id is not this key's")
    unsigned = encode_unsigned(payload)
    return unsigned + signer.sign(unsigned)


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a payload says and whether to believe it."""

    payload: ProgressPayload
    #: The trusted key that signed it, or ``None`` (unknown key, or a bad signature).
    signer: TrustedKey | None
    #: Why it cannot be believed: ``unknown_key`` or ``bad_signature``; empty when authentic.
    problem: str

    @property
    def authentic(self) -> bool:
        """Signed by a trusted key and unchanged since."""
        return not self.problem


def verify(data: bytes, trusted: list[TrustedKey]) -> Verdict:
    """Check ``data``'s signature against the trusted keys.

    Raises :class:`PayloadError` when the bytes are not a payload at all.
    """
    payload, signed, signature = decode(data)
    for key in trusted:
        if key.key_id == payload.key_id:
            try:
                Ed25519PublicKey.from_public_bytes(key.public_key).verify(signature, signed)
            except InvalidSignature:
                return Verdict(payload, None, "bad_signature")
            return Verdict(payload, key, "")
    return Verdict(payload, None, "unknown_key")
