"""``trainer-tui catalogue check [PATH]`` and ``trainer-tui catalogue show [--json]``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from trainer_tui.cli.output import add_actions, add_command, out
from trainer_tui.config import resolve_catalogue_dir
from trainer_tui.domain.catalogue import Catalogue
from trainer_tui.i18n import get_language, t
from trainer_tui.services.catalogue_service import catalogue_as_json, open_catalogue, summarize


def register(commands: Any) -> None:
    """Add the ``catalogue`` command and its sub-commands."""
    parser = add_command(commands, "catalogue", "cli.catalogue.help")
    actions = add_actions(parser)
    check = add_command(actions, "check", "cli.catalogue.check.help")
    check.add_argument("path", nargs="?", metavar="PATH", help=t("cli.catalogue.check.path"))
    check.set_defaults(handler=run_check)
    show = add_command(actions, "show", "cli.catalogue.show.help")
    show.add_argument("--json", action="store_true", help=t("cli.catalogue.show.json"))
    show.set_defaults(handler=run_show)


def _folder(args: argparse.Namespace, explicit: str | None = None) -> Path:
    return Path(explicit) if explicit else resolve_catalogue_dir(args.catalogue)


def run_check(args: argparse.Namespace) -> int:
    """Validate a catalogue folder and print its counts."""
    catalogue = open_catalogue(_folder(args, args.path))
    summary = summarize(catalogue)
    out(
        t(
            "cli.catalogue.check.ok",
            id=summary.id,
            version=summary.version,
            blocks=summary.blocks,
            skills=summary.skills,
            measured=summary.measured,
            retired=summary.retired,
        )
    )
    return 0


def run_show(args: argparse.Namespace) -> int:
    """Print the catalogue, as readable text or as JSON."""
    catalogue = open_catalogue(_folder(args))
    out(catalogue_as_json(catalogue) if args.json else render_text(catalogue))
    return 0


def render_text(catalogue: Catalogue) -> str:
    """The catalogue as an indented listing in the current language."""
    lang = get_language()
    lines = [f"{catalogue.title.get(lang)} ({catalogue.id} {catalogue.version})", ""]
    scale = ", ".join(f"{level.value} {level.label.get(lang)}" for level in catalogue.scale.levels)
    lines.append(
        t("cli.catalogue.show.scale", scale=scale, threshold=catalogue.scale.proficient_from)
    )
    for block in catalogue.blocks:
        lines += ["", f"{block.id}  {block.title.get(lang)}"]
        for skill in block.skills:
            mark = t("cli.catalogue.show.retired") if skill.retired else ""
            lines.append(f"  {skill.id:<10} {skill.title.get(lang)}{mark}")
            lines.append(f"             {skill.criterion.get(lang)}")
            spec = skill.measurement
            if spec is not None:
                low = "" if spec.min is None else f"{spec.min:g}"
                high = "" if spec.max is None else f"{spec.max:g}"
                label = catalogue.quantities[spec.quantity].label.get(lang)
                lines.append(
                    "             "
                    + t(
                        "cli.catalogue.show.measure",
                        quantity=label,
                        low=low,
                        high=high,
                        unit=spec.unit,
                    )
                )
    return "\n".join(lines)
