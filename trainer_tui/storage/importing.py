"""Taking segments from a sync folder: only what the school's laptops signed is applied.

Each candidate is read and verified (its body must hash to its name), then admitted by the
trust book (storage/trust.py). Membership arrives as data, so the global partition goes
first and the rest is retried while the book grows: a new laptop's segments are admitted in
the same sync as the op that admits it. What stays unknown is reported and left in the
folder, untouched, to be tried again at the next sync.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from trainer_tui.storage.clocks import (
    ahead_by_device,
    newest_by_device,
    remember_newest,
    skews,
)
from trainer_tui.storage.layout import SetAside
from trainer_tui.storage.local import LOCAL_DIR
from trainer_tui.storage.replica import GLOBAL, Replica
from trainer_tui.storage.segments import CONFLICT_COPY, BadSegment, Segment, read_segment
from trainer_tui.storage.sync_report import SyncReport
from trainer_tui.storage.trust import UNKNOWN_KEY, UNSIGNED

Progress = Callable[[int, int], None]
#: Reasons that may change while the sync admits other segments.
_RETRY = {UNKNOWN_KEY, UNSIGNED}


def import_candidates(
    replica: Replica,
    candidates: list[tuple[tuple[str, str, str], Path]],
    report: SyncReport,
    progress: Progress | None,
    total: int,
) -> int:
    """Read, verify, admit and keep every candidate segment; return progress done."""
    done = 0
    readable: list[tuple[Segment, Path]] = []
    for (partition, device, _name), path in sorted(candidates):
        done += 1
        if progress:
            progress(done, total)
        try:
            readable.append((read_segment(path, partition, device), path))
        except BadSegment as error:
            report.set_aside.append(SetAside(str(path), error.reason, error.detail))
    # The global partition first: it holds the memberships the others' admission needs.
    pending = sorted(readable, key=lambda item: item[0].partition != GLOBAL)
    ahead: dict[str, int] = {}
    newest: dict[str, int] = {}
    while pending:
        waiting = []
        for segment, path in pending:
            reason = replica.trust.admits(segment)
            if reason in _RETRY:
                waiting.append((segment, path))
            elif reason:
                report.set_aside.append(SetAside(str(path), reason, segment.device))
            else:
                _keep(replica, segment, path, report, ahead)
                newest_by_device(segment.ops, newest)
        if len(waiting) == len(pending):
            break
        pending = waiting
    for segment, path in pending:
        reason = replica.trust.admits(segment)
        report.set_aside.append(SetAside(str(path), reason, segment.device))
    report.skews = skews(ahead)
    newest.pop(replica.device.id, None)
    remember_newest(replica.data_dir / LOCAL_DIR, newest)
    return done


def _keep(
    replica: Replica, segment: Segment, path: Path, report: SyncReport, ahead: dict[str, int]
) -> None:
    if CONFLICT_COPY.search(path.name):
        report.conflict_copies += 1
    own = segment.device == replica.device.id
    # An erasure's redacted copy of one of this laptop's segments is not a lost one.
    lost = own and not replica.holds_sequence(segment.partition, segment.device, segment.seq)
    if own and _never_held(replica, segment):
        report.restored_copy = True
    if replica.import_segment(segment):
        report.imported_segments += 1
        report.imported_ops += len(segment.ops)
        if lost:
            report.own_segments_found += 1
    ahead_by_device(segment.ops, replica.clock.wall(), ahead)
    rejected = replica.future_ops(segment)
    if rejected:
        report.set_aside.append(SetAside(str(path), "from_the_future", segment.device))


def _never_held(replica: Replica, segment: Segment) -> bool:
    """Whether ``segment`` is this laptop's own work that it never held: a restored copy.

    Signed with this laptop's own key, not a handover of a copied laptop, not a redacted
    copy, not already here and not set aside here as damaged (a lost file coming back):
    only another holder of this identity can have made it.
    """
    if segment.key != replica.key.public or segment.handover or segment.redacted:
        return False
    folder = replica.replica_dir / segment.partition / segment.device
    if (folder / segment.name).exists():
        return False
    return not any(replica.quarantine_dir.glob(f"*-{segment.name}"))
