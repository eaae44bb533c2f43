"""Ed25519 signatures of segment files (the ``cryptography`` package).

A signed segment is the TinyDB file of its header and ops (the *body*) with one more table,
``sig``, appended as the last bytes::

    {"header":{"1":{...}},"ops":{...},"sig":{"1":{"key":"<base64>","ed25519":"<base64>"}}}

The signature covers the body exactly as written (the file up to ``,"sig":``, closed by
``}``), so verifying never depends on how a JSON library re-encodes anything, and what is
applied is parsed from those same bytes. The file stays a valid TinyDB database.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

_TRAILER = re.compile(
    rb',"sig":\{"1":\{"key":"(?P<key>[A-Za-z0-9+/=]{44})","ed25519":"(?P<sig>[A-Za-z0-9+/=]{88})"\}\}\}\s*\Z'
)
#: What a vouch signs: a laptop's old key says that a new device id and key are its own.
_VOUCH_CONTEXT = b"trainer-tui vouch v1\x00"
#: What a descriptor signs (the file's JSON without its ``sig`` field).
_DESCRIPTOR_CONTEXT = b"trainer-tui descriptor v1\x00"


def b64(data: bytes) -> str:
    """Standard base64 text of ``data``."""
    return base64.b64encode(data).decode("ascii")


def unb64(text: object, size: int) -> bytes | None:
    """The ``size`` bytes that base64 ``text`` holds, or ``None`` if it is anything else."""
    if not isinstance(text, str):
        return None
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return data if len(data) == size else None


def fingerprint(public_key: bytes) -> str:
    """A key's id as people see it: 16 hex digits of its SHA-256."""
    return hashlib.sha256(public_key).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class SigningKey:
    """This laptop's private key, and what it signs."""

    private: bytes

    @classmethod
    def generate(cls) -> SigningKey:
        """A fresh key."""
        return cls(Ed25519PrivateKey.generate().private_bytes_raw())

    @property
    def public(self) -> bytes:
        """The raw 32-byte public key."""
        return _public_of(self.private)

    def sign(self, message: bytes) -> bytes:
        """The 64-byte signature of ``message``."""
        return _private(self.private).sign(message)

    def signed_segment(self, body: bytes) -> bytes:
        """The file bytes of a segment whose body is ``body``."""
        if not body.endswith(b"}"):
            raise ValueError("a segment body is a JSON object")
        key, signature = b64(self.public), b64(self.sign(body))
        trailer = f',"sig":{{"1":{{"key":"{key}","ed25519":"{signature}"}}}}}}'
        return body[:-1] + trailer.encode("ascii")

    def vouch(self, device: str, new_public: bytes) -> bytes:
        """Sign that ``device`` holding ``new_public`` continues this key's laptop."""
        return self.sign(_VOUCH_CONTEXT + device.encode() + b"\x00" + new_public)

    def sign_descriptor(self, canonical: bytes) -> bytes:
        """Sign a descriptor's canonical JSON."""
        return self.sign(_DESCRIPTOR_CONTEXT + canonical)


@lru_cache(maxsize=64)
def _private(private: bytes) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(private)


@lru_cache(maxsize=64)
def _public_of(private: bytes) -> bytes:
    return _private(private).public_key().public_bytes_raw()


@lru_cache(maxsize=1024)
def _public(public: bytes) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(public)


def is_valid_signature(public: bytes, signature: bytes, message: bytes) -> bool:
    """Whether ``signature`` is ``public``'s over ``message``."""
    try:
        _public(public).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def is_valid_vouch(old_public: bytes, signature: bytes, device: str, new_public: bytes) -> bool:
    """Whether ``old_public`` vouched for ``device`` holding ``new_public``."""
    message = _VOUCH_CONTEXT + device.encode() + b"\x00" + new_public
    return is_valid_signature(old_public, signature, message)


def is_valid_descriptor(public: bytes, signature: bytes, canonical: bytes) -> bool:
    """Whether a descriptor's canonical JSON was signed by ``public``."""
    return is_valid_signature(public, signature, _DESCRIPTOR_CONTEXT + canonical)


@dataclass(frozen=True, slots=True)
class Signed:
    """A file split into its body and signature (``key`` and ``signature`` empty if none)."""

    body: bytes
    key: bytes
    signature: bytes

    @property
    def is_signed(self) -> bool:
        """Whether the file carried a signature table."""
        return bool(self.key)

    def holds(self) -> bool:
        """Whether the signature is the key's over the body."""
        return self.is_signed and is_valid_signature(self.key, self.signature, self.body)


def split_signed(data: bytes) -> Signed:
    """Split segment bytes into body and signature; unsigned (legacy) files are all body."""
    # Only the tail is searched: a signature table is always the file's last bytes.
    tail_at = max(0, len(data) - 200)
    match = _TRAILER.search(data, tail_at)
    if match is None:
        return Signed(data, b"", b"")
    key = base64.b64decode(match["key"])
    signature = base64.b64decode(match["sig"])
    if len(key) != 32 or len(signature) != 64:
        return Signed(data, b"", b"")
    return Signed(data[: match.start()] + b"}", key, signature)
