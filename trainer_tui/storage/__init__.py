"""Storage: TinyDB JSON files, an op log synced by file copy. The only package using TinyDB.

See ``replica`` for the local layout and ``sync`` for the sync folder; ARCHITECTURE.md gives
the invariants this package keeps.
"""

from trainer_tui.storage.layout import SetAside
from trainer_tui.storage.local import StoreLocked
from trainer_tui.storage.ops import Change, Op
from trainer_tui.storage.replica import GLOBAL, Replica
from trainer_tui.storage.segments import BadSegment
from trainer_tui.storage.state import Conflict, EntityState, PartitionState
from trainer_tui.storage.sync import SyncFolderInvalid, sync_folder
from trainer_tui.storage.sync_report import SyncReport

__all__ = [
    "GLOBAL",
    "BadSegment",
    "Change",
    "Conflict",
    "EntityState",
    "Op",
    "PartitionState",
    "Replica",
    "SetAside",
    "StoreLocked",
    "SyncFolderInvalid",
    "SyncReport",
    "sync_folder",
]
