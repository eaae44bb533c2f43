"""This laptop's signing key and the school's trusted keys, for signed documents.

The private key is this laptop's own (``local/device.json``, owner-only, never synced); it
also signs every segment the laptop publishes. The school's keys are the laptops that the
data itself admitted (storage/trust.py): pairing codes, vouches of copied laptops. A file
in the sync folder adds no key: replacing a descriptor there changes nothing here.
"""

from __future__ import annotations

import datetime as dt

from trainer_tui.exports.signing import TrustedKey
from trainer_tui.services.preferences import paperwork
from trainer_tui.services.workspace import Workspace
from trainer_tui.storage.signature import fingerprint


def private_key(ws: Workspace) -> bytes:
    """This laptop's private signing key."""
    return ws.replica.key.private


def own_label(ws: Workspace) -> str:
    """Who signs this laptop's codes: the organisation, and the laptop's name."""
    organisation = paperwork(ws).organisation
    device = ws.replica.device.name
    return " — ".join(part for part in (organisation, device) if part) or ws.replica.device.id


def own_key(ws: Workspace) -> TrustedKey:
    """This laptop's public key and label."""
    public = ws.replica.key.public
    return TrustedKey(public, own_label(ws), revoked_since=_revoked(ws, public))


def descriptor_facts(ws: Workspace) -> dict[str, str]:
    """What this laptop publishes in the sync folder beside its key: its label."""
    return {"label": own_label(ws)}


def _revoked(ws: Workspace, key: bytes) -> dt.datetime | None:
    revocation = ws.replica.trust.revoked.get(fingerprint(key))
    return revocation.since if revocation else None


def trusted_keys(ws: Workspace) -> list[TrustedKey]:
    """This laptop's key, then every key of the school's other laptops."""
    found = [own_key(ws)]
    trust = ws.replica.trust
    for device in trust.laptops():
        member = trust.members.get(device)
        for key in sorted(trust.keys[device]):
            if key == found[0].public_key:
                continue
            label = member.label if member and member.key == key else device
            found.append(TrustedKey(key, label or device, revoked_since=_revoked(ws, key)))
    return found
