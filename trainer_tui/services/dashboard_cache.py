"""This laptop's cache of the dashboard's facts, so that the app opens without reading records.

Opening the app used to mean reading every op of the cohort, folding them and checking
thousands of records: most of the start-up time. The facts the dashboard shows depend only on
those files, the cohort, the catalogue and the alert rules, so they are kept in
``<data>/local/dashboard-<cohort>.json`` under a key that digests all of these (the files by
:meth:`Replica.partition_fingerprint`). A key that differs, a file that is missing or
unreadable: the facts are worked out again from the records. The cache never travels with a
sync, and deleting it is always safe.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
from typing import Any

from pydantic import ValidationError

from trainer_tui.domain.people import Cohort, Trainee
from trainer_tui.domain.progress import BlockProgress, HoursProgress
from trainer_tui.services.dashboard_facts import AlertSettings, CohortFacts, TraineeFacts
from trainer_tui.services.overview import TraineeOverview
from trainer_tui.services.workspace import Workspace
from trainer_tui.storage.local import LOCAL_DIR, load_local_json, save_local_json

#: Raised whenever the facts or their layout change: older caches are then ignored.
CACHE_FORMAT = 1


def _file_name(cohort_id: str) -> str:
    return f"dashboard-{cohort_id}.json"


def facts_key(ws: Workspace, cohort: Cohort, rules: AlertSettings) -> str:
    """A digest of everything the facts are computed from."""
    digest = hashlib.sha256()
    for part in (
        str(CACHE_FORMAT),
        cohort.model_dump_json(),
        ws.catalogue.model_dump_json(),
        repr(dataclasses.astuple(rules)),
        ws.replica.partition_fingerprint(cohort.id),
    ):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def load_cached_facts(ws: Workspace, cohort: Cohort, key: str) -> CohortFacts | None:
    """The cached facts of ``cohort`` if they were computed under ``key``, else ``None``."""
    cached = load_local_json(ws.replica.data_dir, _file_name(cohort.id))
    if cached.get("key") != key:
        return None
    try:
        return CohortFacts(
            tuple(_trainee_facts(entry) for entry in cached["trainees"]),
            _count(cached["sessions_held"]),
        )
    except (KeyError, TypeError, ValueError, ValidationError):
        return None  # hand-edited or from a broken copy: recompute


def save_cached_facts(ws: Workspace, cohort: Cohort, key: str, facts: CohortFacts) -> None:
    """Keep ``facts`` for the next opening; a failure to write only costs that speed-up."""
    content = {
        "key": key,
        "sessions_held": facts.sessions_held,
        "trainees": [_trainee_json(trainee) for trainee in facts.trainees],
    }
    # A full disk refuses real changes loudly; the cache can wait.
    with contextlib.suppress(OSError):
        # Not forced to disk: a cache lost in a crash is only recomputed (atomic all the same).
        save_local_json(ws.replica.data_dir, _file_name(cohort.id), content, durable=False)


def _trainee_json(facts: TraineeFacts) -> dict[str, Any]:
    overview = facts.overview
    return {
        "trainee": overview.trainee.model_dump(mode="json"),
        "blocks": [[b.block_id, b.proficient, b.total] for b in overview.blocks],
        "training": [overview.training.done_minutes, overview.training.target_minutes],
        "driving": [overview.driving.done_minutes, overview.driving.target_minutes],
        "never_assessed": overview.never_assessed,
        "absence_rate": facts.absence_rate,
        "progressed_recently": facts.progressed_recently,
    }


def _trainee_facts(entry: dict[str, Any]) -> TraineeFacts:
    overview = TraineeOverview(
        trainee=Trainee.model_validate(entry["trainee"]),
        blocks=tuple(
            BlockProgress(_text(block_id), _count(proficient), _count(total))
            for block_id, proficient, total in entry["blocks"]
        ),
        training=HoursProgress(*(_count(minutes) for minutes in entry["training"])),
        driving=HoursProgress(*(_count(minutes) for minutes in entry["driving"])),
        never_assessed=_count(entry["never_assessed"]),
    )
    rate = entry["absence_rate"]
    progressed = entry["progressed_recently"]
    if not isinstance(rate, int | float) or not isinstance(progressed, bool):
        raise ValueError("absence_rate or progressed_recently")
    return TraineeFacts(overview, float(rate), progressed)


def _count(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"not a count: {value!r}")
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"not a text: {value!r}")
    return value


def forget(ws: Workspace, cohort_id: str) -> None:
    """Delete the cached facts of a cohort (after an erasure: they may hold a name)."""
    with contextlib.suppress(FileNotFoundError):
        (ws.replica.data_dir / LOCAL_DIR / _file_name(cohort_id)).unlink()
