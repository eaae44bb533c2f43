"""Run the Textual interface: the default when no command is given, and ``demo`` on a terminal."""

from __future__ import annotations

import argparse

from trainer_tui.cli.context import open_workspace
from trainer_tui.config import demo_data_dir
from trainer_tui.startup import starting_up


def run_tui(args: argparse.Namespace, *, demo: bool = False) -> int:
    """Open the data folder in the TUI until the trainer quits.

    The welcome screen may ask for the demo instead: the app then reopens on the demo's own
    data folder, so that made-up trainees never mix with real ones.
    """
    starting_up()
    # Imported here so that scripted commands never pay for loading Textual.
    from trainer_tui.ui.app import OPEN_DEMO, create_app

    while True:
        with open_workspace(args) as ws:
            # The app resumes garbage collection once its first screen is shown.
            if demo:
                # Only now: opening real data never loads the demo generator.
                from trainer_tui.services.demo_service import load_demo

                load_demo(ws)
            result = create_app(ws, high_contrast=bool(args.high_contrast)).run()
        if result != OPEN_DEMO:
            return 0
        args.data = str(demo_data_dir())
        demo = True
