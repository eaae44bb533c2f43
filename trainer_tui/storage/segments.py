"""Sealed segments: immutable TinyDB JSON files of ops, named by their content hash.

A segment lives at ``<root>/<partition>/<device>/<seq:08d>-<sha256[:16]>.json`` and holds
TinyDB tables ``header`` (one document), ``ops`` and, from version 2, ``sig``: the Ed25519
signature of the rest (storage/signature.py). The hash covers the exact bytes of the header
and ops (the body), so a file name never has two bodies: copying folders in any direction can
only add files, and a truncated or altered copy is recognised without trusting its content.
Version 1 segments (before signatures) are their body alone.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from trainer_tui.storage.ops import Op, is_valid_op
from trainer_tui.storage.signature import split_signed
from trainer_tui.storage.tiny import dump_tinydb

SEGMENT_FORMAT = "trainer-tui-segment"
SEGMENT_VERSION = 2
HASH_CHARS = 16
#: Canonical name, followed by whatever a sync tool appended for a conflict copy.
NAME_PATTERN = re.compile(r"^(?P<seq>\d{8})-(?P<hash>[0-9a-f]{16})(?P<extra>.*)\.json$")
#: Names that sync tools give to conflict copies (reliability.md §3.3).
CONFLICT_COPY = re.compile(
    r"\.sync-conflict-\d{8}-\d{6}-\w+|\(.*conflicted copy.*\)|_conflict-\d{8}-\d{6}"
    r"|\((Case|Unicode Encoding) Conflict\)",
)
#: Files that are never data and are skipped silently (OS litter, in-flight copies).
_IGNORED = re.compile(r"^(\..*|desktop\.ini|Thumbs\.db|.*\.tmp|.*\.part|~.*)$", re.IGNORECASE)


class BadSegment(Exception):
    """A file that cannot be used; ``reason`` is a message-catalogue code."""

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}" if detail else reason)


@dataclass(frozen=True, slots=True)
class Segment:
    """A well-formed segment: its canonical name, header and ops, and its exact bytes.

    ``key`` and ``signature`` are empty for an unsigned (version 1) segment; whether the
    signature holds and whether the key is trusted is storage/trust.py's business.
    """

    name: str
    partition: str
    device: str
    seq: int
    ops: tuple[Op, ...]
    data: bytes
    body: bytes = b""
    key: bytes = b""
    signature: bytes = b""
    #: A redacted copy (storage/erasure.py): signed by the laptop that redacted it.
    redacted: bool = False
    #: The device id a copied laptop took when it sealed the ops it inherited (identity.py).
    handover: str = ""


def content_hash(data: bytes) -> str:
    """The short content hash used in segment names."""
    return hashlib.sha256(data).hexdigest()[:HASH_CHARS]


def segment_name(seq: int, data: bytes) -> str:
    """The canonical file name of a segment with these bytes (its body's hash)."""
    return f"{seq:08d}-{content_hash(split_signed(data).body)}.json"


def encode_segment(
    partition: str,
    device: str,
    seq: int,
    ops: list[Op] | tuple[Op, ...],
    *,
    redacted: bool = False,
    handover: str = "",
) -> bytes:
    """The body of a sealed segment (TinyDB format: a ``header`` and an ``ops`` table).

    The caller signs it (:meth:`SigningKey.signed_segment`) before writing it anywhere.
    """
    header: dict[str, Any] = {
        "format": SEGMENT_FORMAT,
        "v": SEGMENT_VERSION,
        "part": partition,
        "dev": device,
        "seq": seq,
        "count": len(ops),
    }
    if redacted:
        header["redacted"] = True
    if handover:
        header["handover"] = handover
    table = {str(number): op for number, op in enumerate(ops, start=1)}
    return dump_tinydb({"header": {"1": header}, "ops": table})


def is_ignored(name: str) -> bool:
    """Whether a file name is OS litter or an in-flight copy, never data."""
    return bool(_IGNORED.match(name))


def parse_name(name: str) -> tuple[int, str, str] | None:
    """``(seq, hash, extra)`` for a segment file name (``extra`` marks a conflict copy)."""
    match = NAME_PATTERN.match(name)
    if match is None:
        return None
    return int(match["seq"]), match["hash"], match["extra"]


def decode_segment(
    data: bytes, partition: str, device: str, data_hash: str | None = None
) -> Segment:
    """Verify and decode segment bytes found under ``partition/device``.

    Raises :class:`BadSegment` for anything that is not a complete, well-formed segment of a
    version this program understands, written by ``device`` for ``partition``.
    """
    if not data.strip():
        raise BadSegment("empty")
    signed = split_signed(data)
    try:
        # orjson parses the store's files two to three times faster than the json module
        # (most of the cost of opening a cohort); its errors are json.JSONDecodeError too.
        # Only the body is parsed: what is applied is exactly what the signature covers.
        raw: Any = orjson.loads(signed.body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BadSegment("not_json", str(error)) from None
    header = _header(raw)
    version = header.get("v")
    if not isinstance(version, int) or header.get("format") != SEGMENT_FORMAT:
        raise BadSegment("wrong_schema", "header")
    if version > SEGMENT_VERSION:
        raise BadSegment("newer_version", str(version))
    if header.get("part") != partition or header.get("dev") != device:
        raise BadSegment("wrong_place", f"{header.get('part')}/{header.get('dev')}")
    table = raw.get("ops")
    if not isinstance(table, dict) or len(table) != header.get("count"):
        raise BadSegment("wrong_schema", "ops")
    ops = tuple(table[key] for key in sorted(table, key=_doc_number))
    if not all(is_valid_op(op) and op["dev"] == device for op in ops):
        raise BadSegment("wrong_schema", "op")
    seq = header.get("seq")
    if not isinstance(seq, int) or seq < 0:
        raise BadSegment("wrong_schema", "seq")
    if version >= 2 and not signed.is_signed:
        raise BadSegment("unsigned")
    digest = data_hash or content_hash(signed.body)
    handover = header.get("handover", "")
    return Segment(
        f"{seq:08d}-{digest}.json",
        partition,
        device,
        seq,
        ops,
        data,
        signed.body,
        signed.key,
        signed.signature,
        header.get("redacted") is True,
        handover if isinstance(handover, str) else "",
    )


def _header(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise BadSegment("wrong_schema", "top")
    table = raw.get("header")
    if not isinstance(table, dict) or len(table) != 1:
        raise BadSegment("wrong_schema", "header")
    header = next(iter(table.values()))
    if not isinstance(header, dict):
        raise BadSegment("wrong_schema", "header")
    return header


def _doc_number(key: str) -> int:
    try:
        return int(key)
    except ValueError:
        raise BadSegment("wrong_schema", f"document id {key!r}") from None


def read_segment(path: Path, partition: str, device: str) -> Segment:
    """Read and verify the segment file at ``path``.

    A file whose name carries a hash must have exactly that content: a truncated copy or a
    flipped byte is refused, and a good copy is expected to arrive later.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BadSegment("unreadable", error.strerror or str(error)) from None
    parsed = parse_name(path.name)
    if parsed is None:
        raise BadSegment("unknown_name")
    _seq, expected_hash, _extra = parsed
    # A conflict copy made by a sync tool holds the same bytes as the original (a segment is
    # never rewritten), so every file, conflict copy or not, must match the hash in its name.
    if content_hash(split_signed(data).body) != expected_hash:
        raise BadSegment("damaged" if data.strip() else "empty")
    return decode_segment(data, partition, device, expected_hash)
