"""The sync folder's layout, its descriptors, and the checks that keep a sync inside it.

::

    <folder>/trainer-tui/segments/<partition>/<device>/<seq>-<hash>.json
    <folder>/trainer-tui/devices/<device>-<hash>.json

A descriptor says who a laptop is (device id, name, public key, label) and, for a laptop
joining the school, proves it holds a pairing code (storage/pairing.py). Descriptors are
signed by the key they carry and, like segments, never rewritten: a laptop publishes a new
file (named by its content hash) when its facts change. A descriptor grants no trust: only
membership ops in the data do (storage/trust.py).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainer_tui.storage.files import ensure_dir, write_atomic
from trainer_tui.storage.replica import Replica
from trainer_tui.storage.segments import content_hash, parse_name
from trainer_tui.storage.signature import b64, is_valid_descriptor, split_signed, unb64

SYNC_ROOT = "trainer-tui"
SEGMENTS_DIR = "segments"
DEVICES_DIR = "devices"
#: A descriptor is a few hundred bytes; anything much bigger is not one.
_DESCRIPTOR_MAX = 16_384


@dataclass(frozen=True, slots=True)
class Descriptor:
    """A laptop's self-signed facts, as found in the folder."""

    device: str
    name: str
    key: bytes
    label: str
    join: dict[str, Any]


def holds_body_named(path: Path) -> bool:
    """Whether the segment file at ``path`` is whole: its body hashes to its name."""
    parsed = parse_name(path.name)
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return parsed is not None and content_hash(split_signed(data).body) == parsed[1]


def is_real_folder(root: Path, target: Path) -> bool:
    """Whether no level from ``root`` down to ``target`` is a symbolic link (or a file)."""
    level = root
    for part in target.relative_to(root).parts:
        level = level / part
        if level.is_symlink() or (level.exists() and not level.is_dir()):
            return False
    return not root.is_symlink()


def canonical(record: dict[str, Any]) -> bytes:
    """The bytes a descriptor's signature covers."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def read_descriptors(root: Path) -> list[Descriptor]:
    """Every well-formed, self-signed descriptor in the folder (the others are ignored)."""
    found = []
    try:
        entries = sorted(os.scandir(root / DEVICES_DIR), key=lambda e: e.name)
    except (FileNotFoundError, NotADirectoryError):
        return []
    for entry in entries:
        if not entry.name.endswith(".json") or not entry.is_file(follow_symlinks=False):
            continue
        try:
            if entry.stat(follow_symlinks=False).st_size > _DESCRIPTOR_MAX:
                continue
            record = json.loads(Path(entry.path).read_bytes())
        except (OSError, ValueError):
            continue
        descriptor = _descriptor(record)
        if descriptor is not None:
            found.append(descriptor)
    return found


def _descriptor(record: Any) -> Descriptor | None:
    if not isinstance(record, dict):
        return None
    signature = unb64(record.pop("sig", None), 64)
    key = unb64(record.get("key"), 32)
    device, name, label = record.get("id"), record.get("name", ""), record.get("label", "")
    join = record.get("join", {})
    if signature is None or key is None or not isinstance(device, str):
        return None
    if not (isinstance(name, str) and isinstance(label, str) and isinstance(join, dict)):
        return None
    if not is_valid_descriptor(key, signature, canonical(record)):
        return None
    return Descriptor(device, name, key, label, join)


def publish_descriptor(
    replica: Replica, root: Path, public: dict[str, Any], join: dict[str, Any] | None = None
) -> None:
    """Publish this laptop's descriptor as a new file, unless the same one is there."""
    record: dict[str, Any] = {
        "id": replica.device.id,
        "name": replica.device.name,
        "key": b64(replica.key.public),
        "label": str(public.get("label", "")),
    }
    if join:
        record["join"] = join
    record["sig"] = b64(replica.key.sign_descriptor(canonical(record)))
    data = canonical(record)
    folder = root / DEVICES_DIR
    name = f"{replica.device.id}-{hashlib.sha256(data).hexdigest()[:16]}.json"
    if not is_real_folder(root, folder):
        return
    ensure_dir(folder)
    if not (folder / name).exists():
        write_atomic(folder / name, data, durable=False)
