"""This laptop's full copy of the data: active segments, sealed segments, set-aside files.

Layout of a data folder::

    local/device.json, local/lock          identity and single-writer lock (never synced)
    local/active/<partition>.json          ops not yet sealed, one small TinyDB file each
    replica/<partition>/<device>/<seq>-<hash>.json   sealed segments, this laptop's and others'
    quarantine/                            files set aside because they could not be used

A save rewrites only the small active file of one partition (at most ``seal_at`` ops), so its
cost does not grow with history. Partitions (one per cohort, plus ``_global``) load on demand:
opening never reads the archive of finished cohorts.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from trainer_tui.storage.active import ActiveFiles
from trainer_tui.storage.erasure import (
    ERASURE,
    ErasureRegistry,
    ErasureSpec,
    redacted_segment,
    rewrite_erased_segments,
)
from trainer_tui.storage.files import ensure_dir, remove_stale_temps, write_atomic
from trainer_tui.storage.identity import Identity, load_identity
from trainer_tui.storage.layout import (
    SetAside,
    partition_fingerprint,
    purge_quarantine,
    quarantine_file,
    remove_stale_segment_temps,
    segment_files,
    subfolders,
)
from trainer_tui.storage.local import LOCAL_DIR, Device, WriterLock
from trainer_tui.storage.ops import (
    Change,
    HybridClock,
    Op,
    make_op,
)
from trainer_tui.storage.segments import (
    BadSegment,
    Segment,
    encode_segment,
    parse_name,
    read_segment,
    segment_name,
)
from trainer_tui.storage.signature import SigningKey
from trainer_tui.storage.state import PartitionState
from trainer_tui.storage.trust import TrustBook, load_anchors, save_anchor

GLOBAL = "_global"
REPLICA_DIR = "replica"
ACTIVE_DIR = "active"
QUARANTINE_DIR = "quarantine"
#: Ops per active segment before it is sealed: bounds the cost of one save.
DEFAULT_SEAL_AT = 128


class Replica:
    """The local store. Open it with :meth:`open`; one process at a time per data folder."""

    def __init__(
        self,
        data_dir: Path,
        *,
        wall: Callable[[], int] | None = None,
        new_id: Callable[[], str] = lambda: secrets.token_hex(8),
        seal_at: int = DEFAULT_SEAL_AT,
    ) -> None:
        self.data_dir = data_dir
        self.replica_dir = data_dir / REPLICA_DIR
        self.active_dir = data_dir / LOCAL_DIR / ACTIVE_DIR
        self.quarantine_dir = data_dir / QUARANTINE_DIR
        self.clock = HybridClock(wall)
        self.new_id = new_id
        self.seal_at = seal_at
        self.set_aside: list[SetAside] = []
        self._partitions: dict[str, PartitionState] = {}
        self.active = ActiveFiles(self.active_dir, lambda: self.device.id, self.quarantine)
        self._lock = WriterLock(data_dir)
        self.identity: Identity
        self.device: Device
        self.key: SigningKey
        #: The school's laptops as this one knows them (storage/trust.py).
        self.trust: TrustBook
        self.erasures = ErasureRegistry()
        #: Partitions that received an erasure not yet carried out on their files.
        self._erasures_pending: set[str] = set()

    @classmethod
    def open(cls, data_dir: Path, **options: Any) -> Replica:
        """Lock ``data_dir`` for this process and prepare it; raises ``StoreLocked``."""
        device_id = options.pop("device_id", None)
        replica = cls(data_dir, **options)
        ensure_dir(data_dir)
        replica._lock.acquire()
        try:
            replica.identity = load_identity(data_dir, device_id)
            replica.adopt(replica.identity)
            replica.erasures = ErasureRegistry.load(data_dir)
            for folder in (replica.replica_dir, replica.active_dir):
                ensure_dir(folder)
                remove_stale_temps(folder)
            # A seal killed half-way leaves its temporary file beside the segments; the lock
            # guarantees no live process owns it.
            remove_stale_segment_temps(replica.replica_dir)
            replica.partition(GLOBAL)
        except BaseException:
            replica._lock.release()
            raise
        return replica

    def adopt(self, identity: Identity) -> None:
        """Write from now on as ``identity`` (a copied folder's new one, storage/laptops.py)."""
        self.identity = identity
        self.device, self.key = identity.device, identity.key
        self.trust = TrustBook(identity.device.id, identity.key.public)
        for device, key in load_anchors(self.data_dir):
            self.trust.add_key(device, key)
        global_state = self._partitions.get(GLOBAL)
        if global_state is not None:
            self.trust.learn(global_state.op_ids.values())

    def trust_key(self, device: str, key: bytes) -> None:
        """Trust ``key`` for ``device`` from now on, by this laptop's own decision."""
        if self.trust.add_key(device, key):
            save_anchor(self.data_dir, device, key)

    def close(self) -> None:
        """Seal the active segments worth a file of their own, and release the lock."""
        try:
            self.seal_on_quit()
        finally:
            self._lock.release()

    # -- reading ---------------------------------------------------------------------------

    def partition_names(self) -> list[str]:
        """Every partition with data on this laptop, sorted."""
        names = {entry.name for entry in subfolders(self.replica_dir)}
        names.update(p.stem for p in self.active_dir.glob("*.json"))
        return sorted(names)

    def loaded(self) -> dict[str, PartitionState]:
        """The partitions loaded so far."""
        return self._partitions

    def partition(self, name: str) -> PartitionState:
        """The state of partition ``name``, reading its files the first time."""
        state = self._partitions.get(name)
        if state is None:
            state = self._partitions[name] = PartitionState(name, self.clock.horizon())
            for _, device, path in segment_files(self.replica_dir, name):
                self._load_sealed(state, path, device)
            state.apply(self.active.table(name).all())
            self.clock.observe(state.max_stamp)
            if name == GLOBAL:
                self.trust.learn(state.op_ids.values())
            if not state.erasures.op_ids <= self.erasures.done(name):
                # An erasure arrived but its rewrite was cut short (or its record lost).
                self.apply_erasures(name)
        return state

    def partition_fingerprint(self, name: str) -> str:
        """A digest that changes whenever partition ``name``'s files do, without reading them."""
        return partition_fingerprint(self.replica_dir, self.active_dir, name)

    def _load_sealed(self, state: PartitionState, path: Path, device: str) -> None:
        try:
            segment = read_segment(path, state.name, device)
        except BadSegment as error:
            self.quarantine(path, error.reason, error.detail)
            return
        state.apply(segment.ops)

    def sealed_names(self) -> set[tuple[str, str, str]]:
        """``(partition, device, name)`` of every sealed segment held locally."""
        return {
            (part, device, path.name)
            for part, device, path in segment_files(self.replica_dir)
            if parse_name(path.name) is not None
        }

    # -- writing ---------------------------------------------------------------------------

    def _make_ops(self, state: PartitionState, changes: Iterable[Change]) -> list[Op]:
        # Each op records as ``prev`` the current heads of the fields it sets, so that a
        # later merge can tell a correction from a concurrent edit. Fields erased in this
        # partition are never written again (storage/erasure.py).
        return [state.erasures.redact(op) for op in self._new_ops(state, changes)]

    def _new_ops(self, state: PartitionState, changes: Iterable[Change]) -> Iterator[Op]:
        return (
            make_op(
                self.new_id(),
                self.clock.now(),
                self.device.id,
                change.kind,
                change.entity_id,
                change.values,
                state.prev_for(change.kind, change.entity_id, change.values),
            )
            for change in changes
        )

    def write(self, partition: str, changes: Iterable[Change]) -> list[Op]:
        """Write ``changes`` durably as one batch; return the ops once they are on disk."""
        state = self.partition(partition)
        ops = self._make_ops(state, changes)
        if not ops:
            return []
        table = self.active.table(partition)
        table.insert_multiple(ops)  # AtomicJSONStorage: on disk when this returns
        state.apply(ops)
        if partition == GLOBAL:
            self.trust.learn(ops)
        if len(table) >= self.seal_at:
            self.seal(partition)
        return ops

    def write_bulk(self, partition: str, changes: Iterable[Change]) -> int:
        """Write many new records straight into sealed segments (imports, demo data).

        Durable like :meth:`write`, at a fraction of the cost per op; returns the op count.
        """
        self.seal(partition)
        state = self.partition(partition)
        batch: list[Change] = []
        count = 0
        for change in changes:
            batch.append(change)
            if len(batch) == self.seal_at * 4:
                count += self._seal_ops(state, self._make_ops(state, batch))
                batch = []
        if batch:
            count += self._seal_ops(state, self._make_ops(state, batch))
        return count

    def _seal_ops(self, state: PartitionState, ops: list[Op]) -> int:
        self._write_sealed(state.name, ops)
        state.apply(ops)
        return len(ops)

    def _write_sealed(self, partition: str, ops: list[Op], handover: str = "") -> str:
        folder = self.replica_dir / partition / self.device.id
        ensure_dir(folder)
        seq = 1 + max(
            (parsed[0] for e in os.scandir(folder) if (parsed := parse_name(e.name))), default=0
        )
        body = encode_segment(partition, self.device.id, seq, ops, handover=handover)
        data = self.key.signed_segment(body)
        name = segment_name(seq, data)
        write_atomic(folder / name, data)
        return name

    def seal(self, partition: str, handover: str = "") -> str | None:
        """Seal the active segment of ``partition``; return the new segment's name.

        ``handover`` marks the segment a copied laptop seals of the ops it inherited, under
        the device id it is leaving (identity.py).
        """
        table = self.active.table(partition)
        ops = table.all()
        if not ops:
            return None
        name = self._write_sealed(partition, [dict(op) for op in ops], handover)
        # Only once the sealed copy is durable may the active file go. A crash in between
        # leaves the ops in both; they are deduplicated by id when read.
        self.active.remove(partition)
        return name

    def seal_all(self) -> list[str]:
        """Seal every non-empty active segment (before a sync publishes them)."""
        names = [self.seal(name) for name in sorted(self.active.partitions())]
        return [name for name in names if name]

    def seal_on_quit(self) -> list[str]:
        """Seal the active segments holding a quarter of ``seal_at`` ops or more.

        The few ops of a short session stay in their active file (durable already) for the
        next session to add to: sealing them at every quit made hundreds of tiny files per
        cohort, which every reading of the cohort and every sync then had to open.
        """
        least = max(1, self.seal_at // 4)
        names = [
            self.seal(name)
            for name in sorted(self.active.partitions())
            if len(self.active.table(name)) >= least
        ]
        return [name for name in names if name]

    def import_segment(self, segment: Segment) -> bool:
        """Keep a verified segment from elsewhere; return False if it was already here.

        A segment holding data erased here is kept redacted, under its new name, and its
        original name is recorded as superseded.
        """
        if any(op["kind"] == ERASURE for op in segment.ops):
            self._erasures_pending.add(segment.partition)
        if segment.partition in self.erasures.erasures:
            index = self.erasures.index(segment.partition)
            redacted = redacted_segment(index, segment, self.key.signed_segment)
            if redacted is not None:
                # Recorded on disk once the whole import is done (save_erasures): if it is
                # lost, the original is simply read and redacted again at the next sync.
                self.erasures.superseded.add((segment.partition, segment.device, segment.name))
                segment = redacted
        folder = self.replica_dir / segment.partition / segment.device
        target = folder / segment.name
        if target.exists():
            return False
        ensure_dir(folder)
        # Not fsynced one by one: an imported copy can be fetched again, and a torn one is
        # recognised by its hash and set aside (callers sync the folder once at the end).
        write_atomic(target, segment.data, durable=False)
        state = self._partitions.get(segment.partition)
        if state is not None:
            state.apply(segment.ops)
            self.clock.observe(state.max_stamp)
        if segment.partition == GLOBAL:
            self.trust.learn(segment.ops)
        return True

    # -- erasure (storage/erasure.py) -------------------------------------------------------

    def erase(self, partition: str, spec: ErasureSpec, also: Iterable[Change] = ()) -> int:
        """Write an erasure op durably, then redact every file of ``partition`` it covers.

        ``also`` is written in the same batch. Returns the number of sealed files rewritten;
        other laptops do the same when the op reaches them by sync.
        """
        self.write(partition, [Change(ERASURE, spec.entity_id, spec.values()), *also])
        return self.apply_erasures(partition)

    def erasures_pending(self) -> list[str]:
        """Partitions whose erasures are not yet carried out on this laptop's files."""
        return sorted(self._erasures_pending)

    def apply_erasures(self, partition: str) -> int:
        """Carry out ``partition``'s erasures on every file here; return files rewritten.

        The active file is sealed first; each sealed segment holding an erased field is
        replaced by its redacted copy (written durably before the original is deleted, so a
        crash leaves one or the other, both readable). Idempotent.
        """
        self._erasures_pending.discard(partition)
        state = self.partition(partition)
        index = state.erasures  # the partition's erasures, as its state applies them
        if index.op_ids <= self.erasures.done(partition):
            return 0  # none new: every file here was rewritten already, or arrived redacted
        self.seal(partition)
        superseded = rewrite_erased_segments(
            self.replica_dir, partition, index, self.quarantine, self.key.signed_segment
        )
        self.erasures.superseded.update((partition, dev, name) for dev, name in superseded)
        # Recorded only once every file is rewritten: an interrupted rewrite starts again.
        erasures = [state.op_ids[op_id] for op_id in index.op_ids]
        purge_quarantine(self.quarantine_dir, partition, [op["eid"] for op in erasures])
        self.erasures.carried_out(partition, erasures)
        self.save_erasures()
        return len(superseded)

    def save_erasures(self) -> None:
        """Write down durably which erasures were carried out and which files they replaced."""
        self.erasures.save(self.data_dir)

    def future_ops(self, segment: Segment) -> list[Op]:
        """The ops of ``segment`` stamped beyond this laptop's horizon (not applied)."""
        horizon = self.clock.horizon()
        return [op for op in segment.ops if op["hlc"][0] > horizon]

    def holds_sequence(self, partition: str, device: str, seq: int) -> bool:
        """Whether a segment of ``device`` with this sequence number is here (any content)."""
        folder = self.replica_dir / partition / device
        return any(folder.glob(f"{seq:08d}-*.json"))

    def is_superseded(self, partition: str, device: str, name: str) -> bool:
        """Whether the segment named so was replaced by a redacted copy (to be deleted)."""
        return (partition, device, name) in self.erasures.superseded

    def quarantine(self, path: Path, reason: str, detail: str = "") -> None:
        """Move an unusable local file aside (never delete it) and remember why."""
        self.set_aside.append(quarantine_file(self.quarantine_dir, path, reason, detail))
