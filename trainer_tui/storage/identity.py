"""This laptop's identity: device id, name, signing key, and where it was made.

``local/device.json`` holds all of it in one file, replaced atomically, so an id never goes
with another laptop's key::

    {"id": "a1b2c3d4", "name": "atelier-1", "created": "...", "home": "<16 hex>",
     "key": "<base64 Ed25519 private key>"}

``home`` fingerprints the machine and the data folder's real path. A data folder copied to
another machine or another folder (``cp -a``, a disk image, a restored backup) no longer
matches it: the copy then becomes a laptop of its own (Replica.become_new_laptop), because two
laptops writing under one device id would make two different files of one name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import platform
import secrets
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from trainer_tui.storage.files import ensure_dir, write_atomic
from trainer_tui.storage.local import LOCAL_DIR, Device, load_local_json
from trainer_tui.storage.signature import SigningKey, b64, unb64

DEVICE_FILE = "device.json"
#: Where the signing key lived before it moved into device.json.
LEGACY_KEY_FILE = "signing-key.json"
_MACHINE_ID_FILES = (Path("/etc/machine-id"), Path("/var/lib/dbus/machine-id"))


@dataclass(frozen=True, slots=True)
class Identity:
    """Who this laptop is: its device, its key, and whether its folder moved since."""

    device: Device
    key: SigningKey
    #: False when ``device.json`` was made for another machine or another folder.
    at_home: bool = True
    #: For a laptop made from a copied folder: the device it was copied from, that device's
    #: public key and its signature of this identity (``device``, ``key``, ``sig``, base64).
    vouched_by: dict[str, str] = field(default_factory=dict)


def machine_id() -> str:
    """A stable id of this machine (systemd's machine id, else the network card's)."""
    for path in _MACHINE_ID_FILES:
        try:
            text = path.read_text("ascii").strip()
        except (OSError, UnicodeDecodeError):
            continue
        if text:
            return text
    return f"node-{uuid.getnode():012x}"


def home_fingerprint(data_dir: Path) -> str:
    """The fingerprint of this machine and this data folder's real path."""
    place = f"{machine_id()}\x00{data_dir.resolve()}"
    return hashlib.sha256(place.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def load_identity(data_dir: Path, new_id: str | None = None) -> Identity:
    """Read this laptop's identity, making it on first use (or upgrading an older file).

    An unreadable file is never guessed from: it is kept aside and a new identity made.
    """
    path = data_dir / LOCAL_DIR / DEVICE_FILE
    home = home_fingerprint(data_dir)
    if path.exists():
        try:
            raw = json.loads(path.read_bytes())
            device = Device(id=str(raw["id"]), name=str(raw.get("name", "")))
        except (ValueError, KeyError, TypeError):
            path.replace(path.with_suffix(".damaged"))
        else:
            return _upgrade(data_dir, raw, device, home)
    return new_identity(data_dir, new_id or secrets.token_hex(4), platform.node() or "laptop")


def _upgrade(data_dir: Path, raw: dict[str, object], device: Device, home: str) -> Identity:
    """The identity in ``raw``, adding what older versions did not write."""
    private = unb64(raw.get("key"), 32)
    if private is None:
        legacy = load_local_json(data_dir, LEGACY_KEY_FILE).get("ed25519")
        private = unb64(legacy, 32)
    key = SigningKey(private) if private is not None else SigningKey.generate()
    written_home = raw.get("home")
    vouch = raw.get("vouched_by")
    vouched_by = (
        {k: v for k, v in vouch.items() if isinstance(v, str)} if isinstance(vouch, dict) else {}
    )
    if private is None or "key" not in raw or written_home is None:
        # Made before keys and homes were kept here: this is its home (nothing to detect).
        _write(data_dir, device, key, home, str(raw.get("created", "")), vouched_by)
        written_home = home
    return Identity(device, key, written_home == home, vouched_by)


def new_identity(data_dir: Path, device_id: str, name: str) -> Identity:
    """Make and save a new identity: a device id, a fresh key, this folder as its home."""
    return new_identity_with(data_dir, device_id, name, SigningKey.generate(), {})


def new_identity_with(
    data_dir: Path, device_id: str, name: str, key: SigningKey, vouched_by: dict[str, str]
) -> Identity:
    """Save the identity of ``device_id`` signing with ``key``, this folder as its home."""
    device = Device(device_id, name)
    _write(data_dir, device, key, home_fingerprint(data_dir), "", vouched_by)
    return Identity(device, key, True, vouched_by)


def _write(
    data_dir: Path,
    device: Device,
    key: SigningKey,
    home: str,
    created: str,
    vouched_by: dict[str, str],
) -> None:
    folder = data_dir / LOCAL_DIR
    ensure_dir(folder)
    record: dict[str, object] = {
        "id": device.id,
        "name": device.name,
        "created": created or dt.datetime.now(dt.UTC).isoformat(),
        "home": home,
        "key": b64(key.private),
    }
    if vouched_by:
        record["vouched_by"] = vouched_by
    write_atomic(folder / DEVICE_FILE, json.dumps(record, ensure_ascii=False).encode("utf-8"))
