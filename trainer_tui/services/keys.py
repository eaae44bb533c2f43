"""This laptop's signing key and the school's trusted keys, for signed progress codes.

The private key is made on first use and kept in ``<data>/local/`` (owner-only, never
synced). Its public half, with a label saying who issues ("École des métiers de la fibre —
laptop of the Saint-Denis workshop"), is published in this laptop's descriptor in the sync
folder; each sync reads the other laptops' descriptors and trusts their keys. Whoever can
write to the school's sync folder can therefore add a trusted key: the sync folder is the
school's own, as it already is for the records themselves.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from trainer_tui.exports.signing import TrustedKey, new_private_key, public_key_of
from trainer_tui.services.preferences import paperwork
from trainer_tui.services.workspace import Workspace
from trainer_tui.storage.local import load_local_json, save_local_json

KEY_FILE = "signing-key.json"
TRUSTED_FILE = "trusted-keys.json"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _raw(text: Any, size: int) -> bytes | None:
    if not isinstance(text, str):
        return None
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return data if len(data) == size else None


def private_key(ws: Workspace) -> bytes:
    """This laptop's private signing key, made and saved the first time it is needed."""
    data_dir = ws.replica.data_dir
    existing = _raw(load_local_json(data_dir, KEY_FILE).get("ed25519"), 32)
    if existing is not None:
        return existing
    key = new_private_key()
    save_local_json(data_dir, KEY_FILE, {"ed25519": _b64(key)})
    return key


def own_label(ws: Workspace) -> str:
    """Who signs this laptop's codes: the organisation, and the laptop's name."""
    organisation = paperwork(ws).organisation
    device = ws.replica.device.name
    return " — ".join(part for part in (organisation, device) if part) or ws.replica.device.id


def own_key(ws: Workspace) -> TrustedKey:
    """This laptop's public key and label."""
    return TrustedKey(public_key_of(private_key(ws)), own_label(ws))


def descriptor_facts(ws: Workspace) -> dict[str, Any]:
    """What this laptop publishes in the sync folder: its public key and label."""
    key = own_key(ws)
    return {"public_key": _b64(key.public_key), "label": key.label}


def trusted_keys(ws: Workspace) -> list[TrustedKey]:
    """This laptop's key, then every key learnt from the school's other laptops."""
    found = [own_key(ws)]
    for entry in load_local_json(ws.replica.data_dir, TRUSTED_FILE).values():
        if not isinstance(entry, dict):
            continue
        public = _raw(entry.get("public_key"), 32)
        label = entry.get("label")
        if public is not None and isinstance(label, str) and public != found[0].public_key:
            found.append(TrustedKey(public, label))
    return found


def learn_keys(ws: Workspace, descriptors: dict[str, dict[str, Any]]) -> int:
    """Trust the public keys of the devices seen in the sync folder; return how many changed."""
    data_dir = ws.replica.data_dir
    known = load_local_json(data_dir, TRUSTED_FILE)
    changed = 0
    for device, record in descriptors.items():
        public = _raw(record.get("public_key"), 32)
        label = record.get("label")
        if public is None or not isinstance(label, str):
            continue
        entry = {"public_key": _b64(public), "label": label[:200], "device": device}
        if known.get(device) != entry:
            known[device] = entry
            changed += 1
    if changed:
        save_local_json(data_dir, TRUSTED_FILE, known)
    return changed
