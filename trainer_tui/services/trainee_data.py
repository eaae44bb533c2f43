"""Everything stored about one trainee, as JSON: their right of access (GDPR art. 15).

Every record that names the trainee, voided ones included (marked so, with the reason), as
it is stored: the profile, each attendance mark, each assessment with its assessor, each
driving lesson; and the cohort they belong to. Nothing else in the data folder is about a
person (trainers apart).
"""

from __future__ import annotations

import json
from typing import Any

from trainer_tui.domain.people import Cohort, Trainee
from trainer_tui.services import records as rec
from trainer_tui.services.workspace import Workspace

FORMAT = "trainer-tui/trainee-data"
VERSION = 1
#: Kinds holding records about a trainee, and the field naming them.
ABOUT_TRAINEE = (
    (rec.ATTENDANCE, "attendance"),
    (rec.ASSESSMENT, "assessments"),
    (rec.DRIVING, "driving_lessons"),
)


def trainee_data(ws: Workspace, cohort: Cohort, trainee: Trainee) -> dict[str, Any]:
    """The trainee's records, voided ones included, oldest first within each list."""
    state = ws.partition(cohort.id)
    profile = state.get(rec.TRAINEE, trainee.id)
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_on": ws.clock().isoformat(timespec="seconds"),
        "cohort": cohort.model_dump(mode="json"),
        "trainee": {"id": trainee.id, **(profile.values if profile else {})},
        "trainers": {t.id: t.name for t in ws.trainers()},
    }
    for kind, key in ABOUT_TRAINEE:
        found = [
            {"id": entity.entity_id, **entity.values}
            for entity in state.of_kind(kind, include_deleted=True)
            if entity.values.get("trainee_id") == trainee.id
        ]
        data[key] = sorted(found, key=lambda r: json.dumps(r, sort_keys=True, default=str))
    return data


def trainee_data_json(ws: Workspace, cohort: Cohort, trainee: Trainee) -> str:
    """The same, as indented UTF-8 JSON (stable key order, so two exports compare)."""
    return json.dumps(
        trainee_data(ws, cohort, trainee), ensure_ascii=False, indent=2, sort_keys=True
    )
