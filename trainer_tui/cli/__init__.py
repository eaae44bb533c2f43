"""Command-line entry: ``trainer-tui [--data DIR] [--lang fr|en] <command> ...``.

Each sub-command lives in its own module and registers itself on the parser; every one goes
through ``trainer_tui.services``. A user's mistake is one clear line on stderr and a non-zero
exit, never a traceback.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Sequence

from trainer_tui.catalogue import CatalogueError
from trainer_tui.cli.options import early_language, options_without_command
from trainer_tui.cli.output import fail
from trainer_tui.cli.tui_cmd import run_tui
from trainer_tui.config import LANG_ENV, resolve_data_dir, resolve_language
from trainer_tui.domain.errors import RuleViolation
from trainer_tui.i18n import describe_violation, set_language, t
from trainer_tui.services.errors import StoreLocked, SyncFolderInvalid, path_of
from trainer_tui.services.settings import saved_language
from trainer_tui.startup import start_up_done

#: Exit codes: 0 success, 1 invalid data or input, 2 bad command line (argparse's own).
EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        set_language(resolve_language(early_language(args_list)))
    except ValueError:
        set_language("fr")
    # No shell can pass a NUL (arguments are C strings); a program calling main() could,
    # and no path, name or code may hold one.
    for value in args_list:
        if "\0" in value:
            return fail(t("cli.nul_argument", value=repr(value)), EXIT_USAGE)
    args = options_without_command(args_list)
    if args is None:
        # Loaded only for a command: the TUI's start-up does not pay for every command module.
        from trainer_tui.cli.parser import build_parser

        args = build_parser().parse_args(args_list)
    if args.lang is None and not os.environ.get(LANG_ENV):
        # A language chosen in the app for this data folder applies when none is given.
        saved = saved_language(resolve_data_dir(args.data))
        if saved is not None:
            set_language(saved)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            return run_tui(args)
        # A scripted command has nothing left to start: long ones (a sync) collect as usual.
        start_up_done()
        _tolerant_output()
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
        # Nothing half-written remains: every write is atomic. A failed write() or fsync()
        # names no file: the folder the command works in is named instead.
        where = path_of(error, _folder_of(args))
        return fail(
            t("cli.os_error", reason=error.strerror or str(error), path=where), EXIT_INVALID
        )


def _tolerant_output() -> None:
    """Print what cannot be encoded escaped, instead of failing in the middle of a result.

    A file name that is not valid UTF-8 reaches Python as lone surrogates; printed as it is,
    it ended a command that had already done its work in a UnicodeEncodeError.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def _folder_of(args: argparse.Namespace) -> str:
    """The folder a command reads and writes: the one it was given (``sync``), else the data."""
    given = getattr(args, "folder", None)
    return str(given) if given else str(resolve_data_dir(args.data))
