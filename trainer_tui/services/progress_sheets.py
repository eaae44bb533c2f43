"""Progress sheets: what each trainee's page shows (bars, hours, skills, their QR code)."""

from __future__ import annotations

from trainer_tui.domain.people import Cohort, Trainee
from trainer_tui.exports.documents import ProgressSheet, SheetBlock
from trainer_tui.i18n import get_language
from trainer_tui.services import paperwork
from trainer_tui.services.preferences import paperwork as settings
from trainer_tui.services.progress_codes import current_levels_of, qr_content
from trainer_tui.services.trainee_file import load_trainee_file
from trainer_tui.services.workspace import Workspace


def progress_sheet(
    ws: Workspace, cohort: Cohort, trainee: Trainee, *, first_name: bool = False
) -> ProgressSheet:
    """What ``trainee``'s sheet shows today."""
    language = get_language()
    catalogue = ws.catalogue
    file = load_trainee_file(ws, cohort, trainee.id)
    levels = current_levels_of(file)
    acquired: list[str] = []
    started: list[str] = []
    count = 0
    top = catalogue.scale.highest
    for block in catalogue.blocks:
        done = []
        for skill in block.active_skills:
            level = levels.get(skill.id, 0)
            if catalogue.scale.is_proficient(level):
                # "SPL-04" shows as "04" under its block; a star marks the top level.
                number = skill.id.removeprefix(f"{block.id}-")
                done.append(f"{number}\u00a0★" if level == top else number)
            elif level:
                label = catalogue.scale.label(level, language)
                started.append(f"{skill.id} {skill.title.get(language)} — {label}")
        if done:
            acquired.append(f"{block.id} {block.title.get(language)} : {', '.join(done)}")
            count += len(done)
    titles = {block.id: block.title.get(language) for block in catalogue.blocks}
    return ProgressSheet(
        organisation=paperwork.organisation(ws, cohort),
        programme=paperwork.programme(ws, cohort),
        trainee=f"{trainee.first_name} {trainee.last_name}",
        code=trainee.code,
        issued_on=ws.today(),
        blocks=tuple(
            SheetBlock(b.block_id, titles.get(b.block_id, b.block_id), b.proficient, b.total)
            for b in file.blocks
        ),
        acquired=tuple(acquired),
        acquired_count=count,
        in_progress=tuple(started),
        training_minutes=file.training.done_minutes,
        driving_minutes=file.driving.done_minutes,
        driving_target_minutes=file.driving.target_minutes,
        qr_content=qr_content(ws, cohort, trainee, first_name=first_name, file=file),
        qr_signed=bool(settings(ws).viewer_url),
    )
