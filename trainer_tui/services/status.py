"""The derived state as plain data: what ``status --json`` prints.

Everything is sorted by stable keys, so two laptops holding the same ops print byte-identical
output, which is how the sync tests compare laptops.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from trainer_tui.domain.people import Cohort
from trainer_tui.domain.progress import current_levels, driving_progress, training_progress
from trainer_tui.services import records as rec
from trainer_tui.services.workspace import CohortRecords, Workspace
from trainer_tui.storage import GLOBAL, Conflict


def conflict_as_dict(partition: str, conflict: Conflict) -> dict[str, Any]:
    """A concurrent edit as plain data (for JSON and reports)."""
    return {
        "partition": partition,
        "kind": conflict.kind,
        "id": conflict.entity_id,
        "field": conflict.field,
        "values": list(conflict.values),
        "kept": conflict.winner,
    }


def cohort_status(ws: Workspace, records: CohortRecords) -> dict[str, Any]:
    """One cohort's derived state: trainees with levels, history, hours and driving."""
    cohort = records.cohort
    sessions = {s.id: s for s in records.sessions}
    history: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for assessment in records.assessments:
        history[assessment.trainee_id].append(rec.values_of(assessment) | {"id": assessment.id})
    trainees = []
    for trainee in records.trainees:
        mine = [a for a in records.assessments if a.trainee_id == trainee.id]
        levels = current_levels(mine)
        skills: dict[str, dict[str, Any]] = {}
        for entry in history[trainee.id]:
            skill = skills.setdefault(
                entry["skill_id"], {"level": levels[entry["skill_id"]], "history": []}
            )
            skill["history"].append(
                {k: v for k, v in entry.items() if k not in ("trainee_id", "skill_id")}
            )
        training = training_progress(cohort, trainee.id, sessions, records.attendances)
        driving = driving_progress(cohort, trainee.id, records.lessons)
        trainees.append(
            rec.values_of(trainee)
            | {
                "id": trainee.id,
                "training_minutes": training.done_minutes,
                "driving_minutes": driving.done_minutes,
                "proficient": sum(ws.catalogue.scale.is_proficient(lv) for lv in levels.values()),
                "skills": skills,
            }
        )
    marks: dict[str, dict[str, Any]] = defaultdict(dict)
    for mark in records.attendances:
        marks[mark.session_id][mark.trainee_id] = {
            "status": mark.status.value,
            "late_minutes": mark.late_minutes,
            "left_early_minutes": mark.left_early_minutes,
        }
    return rec.values_of(cohort) | {
        "id": cohort.id,
        "trainees": trainees,
        "sessions": [
            rec.values_of(s) | {"id": s.id, "attendance": marks[s.id]} for s in records.sessions
        ],
        "driving_lessons": [rec.values_of(d) | {"id": d.id} for d in records.lessons],
    }


def status(ws: Workspace, cohort: Cohort | None = None) -> dict[str, Any]:
    """The derived state of every cohort (or one), trainers, and concurrent edits."""
    cohorts = [cohort] if cohort else sorted(ws.cohorts(), key=lambda c: (c.start, c.id))
    partitions = [GLOBAL] + [c.id for c in cohorts]
    conflicts = [
        conflict_as_dict(name, found)
        for name in partitions
        for found in ws.partition(name).conflicts()
    ]
    return {
        "catalogue": {"id": ws.catalogue.id, "version": ws.catalogue.version},
        "trainers": [
            rec.values_of(t) | {"id": t.id} for t in sorted(ws.trainers(), key=lambda t: t.id)
        ],
        "cohorts": [cohort_status(ws, ws.cohort_records(c)) for c in cohorts],
        "conflicts": conflicts,
    }


def status_json(ws: Workspace, cohort: Cohort | None = None) -> str:
    """``status`` as canonical JSON (sorted keys, two-space indent, UTF-8 kept)."""
    return json.dumps(status(ws, cohort), ensure_ascii=False, sort_keys=True, indent=2)
