"""A copied data folder becomes a laptop of its own, vouched for by the key it inherited.

Two laptops writing under one device id would make two different segments of one name and
sequence, and sign as each other. So a replica that finds it is a copy takes a new device id
and a new key, keeping all data:

* on opening, when ``device.json`` was made for another machine or folder (identity.py);
* during a sync, when the folder holds a segment of its device id, signed by its key, that it
  never held: it was restored from a backup or a VM snapshot while the original went on.

The ops it inherited in its active files are sealed first under the old id, signed with the
old key and marked as handed over (so the original laptop does not mistake them for its own
lost work). Then the old key signs the new id and key (the *vouch*), kept in ``device.json``
until the new laptop's ``_laptop`` op carrying it is written: every laptop that trusted the
old key trusts the new one at its next sync, without pairing. The old private key is dropped;
the old public key stays trusted for what it signed.
"""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path
from typing import Any

from trainer_tui.storage.identity import new_identity_with
from trainer_tui.storage.legacy import vouch_for_legacy
from trainer_tui.storage.local import load_local_json, save_local_json
from trainer_tui.storage.ops import Change
from trainer_tui.storage.replica import GLOBAL, Replica
from trainer_tui.storage.signature import SigningKey, b64
from trainer_tui.storage.trust import LAPTOP

#: This laptop's past identities: ``{"copies": [{"from", "to", "reason", "at", "told"}]}``.
HISTORY_FILE = "identities.json"
MOVED, RESTORED = "moved", "restored"


def open_replica(data_dir: Path, **options: Any) -> Replica:
    """Open a replica, making it a laptop of its own first if its folder is a copy."""
    replica = Replica.open(data_dir, **options)
    try:
        if not replica.identity.at_home:
            become_new_laptop(replica, MOVED)
        else:
            _write_pending_vouch(replica)
        vouch_for_legacy(replica)
    except BaseException:
        replica.close()
        raise
    return replica


def become_new_laptop(replica: Replica, reason: str) -> str:
    """Give ``replica`` a new device id and key, vouched for by the old key; return the id."""
    old_device, old_key = replica.device, replica.key
    new_id = secrets.token_hex(4)
    for partition in replica.active.partitions():
        replica.seal(partition, handover=new_id)
    new_key = SigningKey.generate()
    vouch = {
        "device": old_device.id,
        "key": b64(old_key.public),
        "sig": b64(old_key.vouch(new_id, new_key.public)),
    }
    # One atomic write switches id and key together; the vouch stays in it until written.
    replica.adopt(new_identity_with(replica.data_dir, new_id, old_device.name, new_key, vouch))
    _remember(replica.data_dir, old_device.id, new_id, reason)
    _write_pending_vouch(replica)
    return new_id


def _write_pending_vouch(replica: Replica) -> None:
    """Write the ``_laptop`` ops of a vouched identity if they are not in the data yet."""
    vouch = replica.identity.vouched_by
    own = replica.device.id
    if not vouch or replica.partition(GLOBAL).get(LAPTOP, own) is not None:
        return
    changes = [
        Change(
            LAPTOP,
            own,
            {
                "key": b64(replica.key.public),
                "label": replica.device.name,
                "added_by": own,
                "vouch": {"key": vouch["key"], "sig": vouch["sig"]},
                "copy_of": vouch["device"],
            },
        )
    ]
    if replica.partition(GLOBAL).get(LAPTOP, vouch["device"]) is None:
        # The laptop this one was: trusted here from now on as any other of the school.
        values = {"key": vouch["key"], "label": replica.device.name, "added_by": own}
        changes.append(Change(LAPTOP, vouch["device"], values))
    replica.write(GLOBAL, changes)


def _remember(data_dir: Path, old: str, new: str, reason: str) -> None:
    history = load_local_json(data_dir, HISTORY_FILE)
    copies = history.get("copies")
    entries = copies if isinstance(copies, list) else []
    at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    entries.append({"from": old, "to": new, "reason": reason, "at": at, "told": False})
    save_local_json(data_dir, HISTORY_FILE, {"copies": entries})


def untold_copies(data_dir: Path) -> list[dict[str, Any]]:
    """The identity changes not yet reported by a sync, marking them reported."""
    history = load_local_json(data_dir, HISTORY_FILE)
    copies = history.get("copies")
    if not isinstance(copies, list):
        return []
    untold = [c for c in copies if isinstance(c, dict) and not c.get("told")]
    if untold:
        for entry in untold:
            entry["told"] = True
        save_local_json(data_dir, HISTORY_FILE, {"copies": copies})
    return untold
