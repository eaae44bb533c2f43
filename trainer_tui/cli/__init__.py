"""Command-line entry: ``trainer-tui [--data DIR] [--lang fr|en] <command> ...``.

Each sub-command lives in its own module and registers itself on the parser; every one goes
through ``trainer_tui.services``. A user's mistake is one clear line on stderr and a non-zero
exit, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from trainer_tui import __version__
from trainer_tui.catalogue import CatalogueError
from trainer_tui.cli import (
    activity_cmd,
    catalogue_cmd,
    cohort_cmd,
    demo_cmd,
    status_cmd,
    trainee_cmd,
)
from trainer_tui.cli.output import fail
from trainer_tui.cli.tui_cmd import run_tui
from trainer_tui.config import LANG_ENV, resolve_data_dir, resolve_language
from trainer_tui.domain.errors import RuleViolation
from trainer_tui.i18n import describe_violation, has, set_language, t
from trainer_tui.services.errors import StoreLocked, SyncFolderInvalid
from trainer_tui.services.settings import saved_language

#: Exit codes: 0 success, 1 invalid data or input, 2 bad command line (argparse's own).
EXIT_OK = 0
EXIT_INVALID = 1

_COMMAND_MODULES = (
    demo_cmd,
    cohort_cmd,
    trainee_cmd,
    activity_cmd,
    status_cmd,
    catalogue_cmd,
)


def _early_language(argv: Sequence[str]) -> str | None:
    """Find ``--lang`` before the full parse, so that ``--help`` is already translated."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang")
    known, _ = early.parse_known_args(argv)
    return known.lang  # type: ignore[no-any-return]


def _translate_argparse(message: str) -> str:
    """Translate argparse's own texts ("usage:", "options"...) through the message catalogue."""
    key = f"argparse.{message}"
    return t(key) if has(key) else message


def build_parser() -> argparse.ArgumentParser:
    """The full parser, with help texts in the current language."""
    # argparse looks its texts up through a module-level gettext alias: route it to ours.
    argparse._ = _translate_argparse  # type: ignore[attr-defined]
    parser = argparse.ArgumentParser(prog="trainer-tui", description=t("cli.description"))
    parser.add_argument("--version", action="version", version=f"trainer-tui {__version__}")
    parser.add_argument("--data", metavar="DIR", help=t("cli.option.data"))
    parser.add_argument("--lang", choices=("fr", "en"), help=t("cli.option.lang"))
    parser.add_argument("--catalogue", metavar="DIR", help=t("cli.option.catalogue"))
    parser.add_argument("--high-contrast", action="store_true", help=t("cli.option.contrast"))
    commands = parser.add_subparsers(dest="command", metavar=t("cli.command_metavar"))
    for module in _COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        set_language(resolve_language(_early_language(args_list)))
    except ValueError:
        set_language("fr")
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.lang is None and not os.environ.get(LANG_ENV):
        # A language chosen in the app for this data folder applies when none is given.
        saved = saved_language(resolve_data_dir(args.data))
        if saved is not None:
            set_language(saved)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            return run_tui(args)
        return int(handler(args))
    except CatalogueError as error:
        return fail(str(error), EXIT_INVALID)
    except RuleViolation as error:
        return fail(describe_violation(error), EXIT_INVALID)
    except StoreLocked as error:
        return fail(t("cli.locked", folder=error.data_dir), EXIT_INVALID)
    except SyncFolderInvalid as error:
        return fail(t(f"cli.{error.reason}", folder=error.folder), EXIT_INVALID)
    except KeyboardInterrupt:
        return fail(t("cli.interrupted"), 130)
    except BrokenPipeError:
        # The reader went away (``trainer-tui catalogue show | head``): not an error.
        # Point stdout at devnull so that the interpreter's final flush stays quiet.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as error:
        # A full disk, a read-only or vanished folder: say which file, not a traceback.
        # Nothing half-written remains: every write is atomic.
        where = error.filename or ""
        return fail(
            t("cli.os_error", reason=error.strerror or str(error), path=where), EXIT_INVALID
        )
