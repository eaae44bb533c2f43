"""The ``trainer-tui`` console script: start-up without the garbage collector's pauses.

Launching the app builds a few hundred thousand objects that live until it quits (modules,
classes, Textual's widgets, the cohort's records) and almost no garbage cycles. Python's cyclic
collector, triggered every 700 allocations, scans them again and again: about a tenth of the
one-second start-up budget (``benchmarks/bench_tui.py``). The console script therefore pauses
it; once start-up is over, everything built so far is frozen out of later scans and
collection resumes.

This module imports nothing heavy at load time, so that the pause covers every import.
"""

from __future__ import annotations

import gc
import os


def main() -> int:
    """Run ``trainer-tui`` with the collector paused until start-up is over."""
    gc.disable()
    # Pydantic looks for plugins in every installed package's metadata on its first model;
    # trainer-tui uses none (the documented switch; a value set by the user is kept).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from trainer_tui.cli import main as run_command

    return run_command()


def starting_up() -> None:
    """A start-up begins (the TUI opened by a command): pause the collector until it is done."""
    gc.disable()


def start_up_done() -> None:
    """Start-up is over: keep what it built out of future collections, and collect again.

    Does nothing when the collector was not paused (tests, or an embedding program), and
    nothing the second time: cheap enough to call from every screen shown.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
