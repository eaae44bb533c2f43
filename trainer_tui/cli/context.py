"""Shared plumbing for commands that open the data folder, and input parsing helpers."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
from contextlib import contextmanager

from trainer_tui.config import resolve_catalogue_dir, resolve_data_dir
from trainer_tui.domain.errors import RuleViolation
from trainer_tui.services.catalogue_service import open_catalogue
from trainer_tui.services.dashboard import prepare_next_start
from trainer_tui.services.workspace import Workspace


@contextmanager
def open_workspace(args: argparse.Namespace) -> Iterator[Workspace]:
    """Open the data folder named by the options; close it (sealing changes) afterwards.

    After a command that went well, the changes are sealed and the dashboard's cache brought
    up to date, so that the next start of the app finds it fresh.
    """
    catalogue = open_catalogue(resolve_catalogue_dir(args.catalogue))
    workspace = Workspace.open(resolve_data_dir(args.data), catalogue)
    try:
        yield workspace
        workspace.replica.seal_on_quit()  # what closing seals, so that the key holds
        with contextlib.suppress(OSError, RuleViolation):  # only a cache: never fail for it
            prepare_next_start(workspace)
    finally:
        workspace.close()
