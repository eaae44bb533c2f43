"""What a sync did, for the sync screen and the ``sync`` command."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from trainer_tui.storage.layout import SetAside


@dataclass(frozen=True, slots=True)
class ClockSkew:
    """A laptop whose ops are stamped ahead of this laptop's clock by ``minutes``."""

    device: str
    minutes: int


@dataclass(slots=True)
class SyncReport:
    """What a sync did: segments and ops in, segments out, files set aside."""

    imported_segments: int = 0
    imported_ops: int = 0
    published_segments: int = 0
    repaired_segments: int = 0
    conflict_copies: int = 0
    own_segments_found: int = 0
    #: Erasures carried out here by this sync, and superseded files removed from the folder.
    erased_partitions: list[str] = field(default_factory=list)
    superseded_removed: int = 0
    #: The school's laptops as this one knows them after the sync (device ids).
    devices: list[str] = field(default_factory=list)
    set_aside: list[SetAside] = field(default_factory=list)
    #: Laptops this one admitted to the school in this sync (pairing codes it gave).
    admitted: list[str] = field(default_factory=list)
    #: The folder held segments of this laptop's id and key that it never held: it was
    #: restored from a backup or a snapshot, and took the id ``new_device``.
    restored_copy: bool = False
    new_device: str = ""
    #: Identity changes of this laptop not reported before (storage/laptops.py).
    copies: list[dict[str, Any]] = field(default_factory=list)
    #: Laptops whose clocks run ahead of this one's by more than ten minutes.
    skews: list[ClockSkew] = field(default_factory=list)
