"""Data written before segments were signed: kept, and vouched for once by its holder.

Version 1 segments carry no signature. A laptop that held them before it was upgraded had
already applied them, so it keeps reading them from its own replica. Other laptops only
take a segment from a sync folder if a laptop of the school signed it, so at its first
opening after the upgrade each laptop vouches for the unsigned segments it holds: one
``_vouch`` op (in its own signed segment) listing their SHA-256, which every laptop that
trusts it honours (storage/trust.py). Nothing is rewritten: the old files keep their names,
so laptops that already hold them are not sent them again.
"""

from __future__ import annotations

import hashlib

from trainer_tui.storage.layout import segment_files
from trainer_tui.storage.local import load_local_json, save_local_json
from trainer_tui.storage.ops import Change
from trainer_tui.storage.replica import GLOBAL, Replica
from trainer_tui.storage.segments import BadSegment, read_segment
from trainer_tui.storage.trust import VOUCH

#: ``{"done": true}`` once this laptop has vouched for what it held unsigned.
LEGACY_FILE = "legacy.json"


def unsigned_held(replica: Replica) -> list[str]:
    """The SHA-256 of every unsigned segment this laptop holds, sorted."""
    found = set()
    for partition, device, path in segment_files(replica.replica_dir):
        try:
            segment = read_segment(path, partition, device)
        except BadSegment:
            continue  # a damaged file is the integrity check's business, not a vouch's
        if not segment.key:
            found.add(hashlib.sha256(segment.data).hexdigest())
    return sorted(found)


def vouch_for_legacy(replica: Replica) -> int:
    """Vouch once for the unsigned segments this laptop holds; return how many were new.

    Every segment is read the first time only (the upgrade); later openings read one small
    local file.
    """
    if load_local_json(replica.data_dir, LEGACY_FILE).get("done") is True:
        return 0
    new = [digest for digest in unsigned_held(replica) if digest not in replica.trust.vouched]
    if new:
        entity = f"{replica.device.id}:{new[0][:16]}"
        replica.write(GLOBAL, [Change(VOUCH, entity, {"hashes": new})])  # trusted as written
    save_local_json(replica.data_dir, LEGACY_FILE, {"done": True})
    return len(new)
