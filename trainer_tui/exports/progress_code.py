"""The progress payload: one trainee's progress in ~150 bytes, signed, for a QR code.

Layout (version 1, big-endian), then base64url without padding in the QR code::

    0      1  format version (1)
    1      4  key id: first 4 bytes of SHA-256 of the signer's raw Ed25519 public key
    5      4  catalogue reference: first 4 bytes of SHA-256 of "<catalogue id>@<version>"
    9      2  issue date: days since 2000-01-01
    11     2  training minutes attended
    13     2  driving minutes done
    15     1+n  trainee code (n ASCII bytes)
    ..     1+m  first name (m UTF-8 bytes, 0 when left out; at most 24 bytes)
    ..     2  number of skills (the catalogue's active skills, in catalogue order)
    ..     ⌈3k/8⌉  each skill's level on 3 bits, most significant bit first
    ..     64 Ed25519 signature of every byte before it

The catalogue and the key travel as short references: the viewer and ``verify`` carry the
catalogues and the trusted keys they know and match them. Nothing here signs or verifies
(see :mod:`trainer_tui.exports.signing`); this module only packs and unpacks bytes.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from dataclasses import dataclass

FORMAT_VERSION = 1
EPOCH = dt.date(2000, 1, 1)
SIGNATURE_BYTES = 64
MAX_FIRST_NAME_BYTES = 24
LEVEL_BITS = 3


class PayloadError(ValueError):
    """Bytes that are not a progress payload of a version this program reads.

    ``kind`` says which, for the message a person reads: ``not_a_code`` (not even base64url
    of a known version: a truncated link, another text) or ``damaged`` (a payload whose
    insides do not hold together).
    """

    def __init__(self, detail: str, kind: str = "damaged") -> None:
        super().__init__(detail)
        self.kind = kind


@dataclass(frozen=True, slots=True)
class ProgressPayload:
    """What a progress QR code says about one trainee."""

    key_id: bytes
    catalogue_ref: bytes
    issued_on: dt.date
    training_minutes: int
    driving_minutes: int
    code: str
    first_name: str
    levels: tuple[int, ...]


def short_digest(data: bytes) -> bytes:
    """The 4-byte reference used for keys and catalogues."""
    return hashlib.sha256(data).digest()[:4]


def catalogue_ref(catalogue_id: str, version: str) -> bytes:
    """The reference of a catalogue version, as the payload carries it."""
    return short_digest(f"{catalogue_id}@{version}".encode())


def _text(value: str, limit: int, what: str) -> bytes:
    data = value.encode("utf-8")
    if len(data) > limit:
        # Cut on a character boundary: a first name is only a courtesy on the sheet.
        data = data[:limit].decode("utf-8", "ignore").encode("utf-8")
    if len(data) > 255:
        raise PayloadError(f"{what} too long")
    return bytes([len(data)]) + data


def _uint16(value: int, what: str) -> bytes:
    if not 0 <= value <= 0xFFFF:
        raise PayloadError(f"{what} out of range: {value}")
    return value.to_bytes(2, "big")


def pack_levels(levels: tuple[int, ...]) -> bytes:
    """Levels on 3 bits each, most significant bit first, padded with zero bits."""
    bits = 0
    for level in levels:
        if not 0 <= level < 2**LEVEL_BITS:
            raise PayloadError(f"level out of range: {level}")
        bits = (bits << LEVEL_BITS) | level
    size = (len(levels) * LEVEL_BITS + 7) // 8
    padding = size * 8 - len(levels) * LEVEL_BITS
    return (bits << padding).to_bytes(size, "big") if size else b""


def unpack_levels(data: bytes, count: int) -> tuple[int, ...]:
    """The inverse of :func:`pack_levels`."""
    bits = int.from_bytes(data, "big")
    padding = len(data) * 8 - count * LEVEL_BITS
    bits >>= padding
    mask = 2**LEVEL_BITS - 1
    return tuple((bits >> (LEVEL_BITS * (count - 1 - i))) & mask for i in range(count))


def encode_unsigned(payload: ProgressPayload) -> bytes:
    """The bytes to sign (everything but the signature)."""
    if len(payload.key_id) != 4 or len(payload.catalogue_ref) != 4:
        raise PayloadError("key id and catalogue reference are 4 bytes")
    if not payload.code.isascii():
        raise PayloadError("the trainee code is ASCII")
    return b"".join(
        [
            bytes([FORMAT_VERSION]),
            payload.key_id,
            payload.catalogue_ref,
            _uint16((payload.issued_on - EPOCH).days, "issue date"),
            _uint16(payload.training_minutes, "training minutes"),
            _uint16(payload.driving_minutes, "driving minutes"),
            _text(payload.code, 32, "code"),
            _text(payload.first_name, MAX_FIRST_NAME_BYTES, "first name"),
            _uint16(len(payload.levels), "skill count"),
            pack_levels(payload.levels),
        ]
    )


def decode(data: bytes) -> tuple[ProgressPayload, bytes, bytes]:
    """``(payload, signed bytes, signature)`` from a whole payload; :class:`PayloadError` else."""
    if len(data) < 1 + 4 + 4 + 6 + 1 + 1 + 2 + SIGNATURE_BYTES or data[0] != FORMAT_VERSION:
        raise PayloadError("not a progress payload of a known version", "not_a_code")
    signed, signature = data[:-SIGNATURE_BYTES], data[-SIGNATURE_BYTES:]
    try:
        position = 15
        code_length = signed[position]
        if position + 1 + code_length > len(signed):
            raise PayloadError("damaged payload: the code runs past the end")
        code = signed[position + 1 : position + 1 + code_length].decode("ascii")
        position += 1 + code_length
        name_length = signed[position]
        first_name = signed[position + 1 : position + 1 + name_length].decode("utf-8")
        position += 1 + name_length
        if position + 2 > len(signed):
            raise PayloadError("damaged payload: the texts run past the end")
        count = int.from_bytes(signed[position : position + 2], "big")
        position += 2
        packed = signed[position:]
        if len(packed) != (count * LEVEL_BITS + 7) // 8:
            raise PayloadError("the levels do not match the skill count")
    except (IndexError, UnicodeDecodeError) as error:
        raise PayloadError(f"damaged payload: {error}") from None
    payload = ProgressPayload(
        key_id=signed[1:5],
        catalogue_ref=signed[5:9],
        issued_on=EPOCH + dt.timedelta(days=int.from_bytes(signed[9:11], "big")),
        training_minutes=int.from_bytes(signed[11:13], "big"),
        driving_minutes=int.from_bytes(signed[13:15], "big"),
        code=code,
        first_name=first_name,
        levels=unpack_levels(packed, count),
    )
    return payload, signed, signature


def to_text(data: bytes) -> str:
    """Base64url without padding: what follows ``#`` in the viewer's URL."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def from_text(text: str) -> bytes:
    """The payload's bytes from its text, a whole viewer URL, or a QR's content."""
    fragment = text.strip().rsplit("#", 1)[-1]
    try:
        data = base64.urlsafe_b64decode(fragment + "=" * (-len(fragment) % 4))
    except ValueError as error:
        raise PayloadError(f"not base64url: {error}", "not_a_code") from None
    # The decoder skips characters outside the alphabet and ignores the spare bits of the
    # last one: a link changed there would decode to the same bytes. One spelling only.
    if to_text(data) != fragment.rstrip("="):
        raise PayloadError("not base64url: altered characters", "not_a_code")
    return data
