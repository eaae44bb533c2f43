"""Sync with a USB stick, a shared folder or a cloud folder, in a worker, then show the report."""

from __future__ import annotations

import contextlib
import getpass
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from trainer_tui.i18n import has, t
from trainer_tui.services import settings, syncing
from trainer_tui.services.errors import StoreLocked, SyncFolderInvalid
from trainer_tui.ui.base import TrainerScreen
from trainer_tui.ui.widgets.footer import KeysFooter
from trainer_tui.ui.widgets.title_bar import TitleBar

#: Cloud-sync folders people commonly keep in their home folder.
CLOUD_FOLDERS = ("Nextcloud", "Dropbox", "Sync")
#: Seconds between two progress updates sent to the screen (each one waits for the UI).
PROGRESS_EVERY = 0.05


def likely_folders(home: Path | None = None, user: str | None = None) -> list[Path]:
    """Where a USB stick or a cloud folder probably is on this laptop, if anywhere."""
    home = home or Path.home()
    if user is None:
        with contextlib.suppress(Exception):
            user = getpass.getuser()
    roots = [Path("/media", user), Path("/run/media", user)] if user else []
    found: list[Path] = []
    for root in [*roots, Path("/mnt")]:
        with contextlib.suppress(OSError):
            found += sorted(p for p in root.iterdir() if p.is_dir())
    found += [home / name for name in CLOUD_FOLDERS if (home / name).is_dir()]
    return found


def reason_text(code: str) -> str:
    """Why a file was set aside, in words (the code itself if it has no message)."""
    key = f"reason.{code}"
    return t(key) if has(key) else code


def report_lines(outcome: syncing.SyncOutcome) -> list[str]:
    """A sync's outcome in words, worded as the ``sync`` command words it."""
    report = outcome.report
    lines = [
        t(
            "cli.sync.summary",
            imported=report.imported_segments,
            ops=report.imported_ops,
            published=report.published_segments,
            devices=len(report.devices),
        )
    ]
    if not report.imported_segments and not report.published_segments:
        lines.append(t("ui.sync.nothing_new"))
    if report.conflict_copies:
        lines.append(t("cli.sync.conflict_copies", count=report.conflict_copies))
    if report.own_segments_found:
        lines.append(t("cli.sync.own_found", count=report.own_segments_found))
    if report.erased_partitions or report.superseded_removed:
        lines.append(
            t(
                "erasure.synced" if report.superseded_removed else "erasure.synced_here",
                files=report.superseded_removed,
            )
        )
    if outcome.conflicts:
        lines.append(t("cli.sync.conflicts", count=len(outcome.conflicts)))
    for conflict in outcome.conflicts:
        lines.append(
            t(
                "cli.sync.conflict",
                kind=t(f"kind.{conflict['kind']}"),
                id=conflict["id"],
                field=conflict["field"],
                values=" / ".join(str(v) for v in conflict["values"]),
                kept=conflict["kept"],
            )
        )
    lines.extend(outcome.notices)
    for item in report.set_aside + outcome.local_set_aside:
        lines.append(t("cli.sync.set_aside", path=item.path, reason=reason_text(item.reason)))
    return lines


class SyncScreen(TrainerScreen):
    """Choose a folder, sync with it without freezing the screen, read what happened.

    ``phase`` is ``choose``, ``running``, ``report`` or ``error``; the screen carries it as a
    CSS class so that the style sheet shows the widgets of each phase.
    """

    HELP_KEY = "help.sync"
    BINDINGS = [
        Binding("escape", "back", "ui.key.back"),
        Binding("ctrl+s", "run", "ui.sync.key.run"),
    ]
    DEFAULT_CSS = """
    SyncScreen #sync-intro { padding: 0 1; color: $text-muted; }
    SyncScreen #sync-places { height: auto; max-height: 7; margin: 0 1; }
    SyncScreen #sync-progress { display: none; padding: 0 1; }
    SyncScreen #sync-places.-empty { display: none; }
    SyncScreen #sync-status { padding: 0 1; text-style: bold; }
    SyncScreen #sync-status.error { color: $error; }
    SyncScreen #sync-report { height: 1fr; padding: 0 1; }
    SyncScreen.-running #sync-progress { display: block; }
    SyncScreen.-running #sync-places, SyncScreen.-report #sync-places { display: none; }
    """

    def __init__(self, places: list[Path] | None = None) -> None:
        super().__init__()
        self.phase = "choose"
        self.outcome: syncing.SyncOutcome | None = None
        self._places = places
        self._last_progress = 0.0

    @property
    def busy(self) -> bool:
        """Whether a sync is running (the data must not be read or changed meanwhile)."""
        return self.phase == "running"

    def compose(self) -> ComposeResult:
        """Intro, folder field, likely places, progress, status line, report."""
        # Before the title bar is mounted: it reads the subtitle once.
        self.sub_title = t("ui.sync.title")
        yield TitleBar()
        yield Static(t("ui.sync.intro"), id="sync-intro")
        yield Input(placeholder=t("ui.sync.folder"), id="sync-folder")
        yield OptionList(id="sync-places")
        yield ProgressBar(id="sync-progress", show_eta=False)
        yield Static(id="sync-status", markup=False)
        with VerticalScroll(id="sync-report", can_focus=False):
            yield Static(id="sync-lines", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        """Prefill the last folder used and list the places where a stick may be mounted."""
        last = settings.last_sync_folder(self.trainer_app.workspace)
        places = likely_folders() if self._places is None else self._places
        options = []
        if last is not None:
            self.query_one("#sync-folder", Input).value = str(last)
            options.append(Option(t("ui.sync.last", path=last), id=str(last)))
        options += [Option(str(p), id=str(p)) for p in places if p != last]
        place_list = self.query_one("#sync-places", OptionList)
        place_list.add_options(options)
        place_list.set_class(not options, "-empty")
        self.query_one("#sync-folder", Input).focus()

    def _set_phase(self, phase: str) -> None:
        self.remove_class(f"-{self.phase}")
        self.phase = phase
        self.add_class(f"-{phase}")
        running = phase == "running"
        self.query_one("#sync-folder", Input).disabled = running
        self.query_one("#sync-places", OptionList).disabled = running

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#sync-status", Static)
        status.update(text)
        status.set_class(error, "error")

    # -- starting ----------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the folder field starts the sync."""
        event.stop()
        self.action_run()

    def on_input_changed(self, _event: Input.Changed) -> None:
        """Editing the folder after a sync offers the places again."""
        if self.phase in ("report", "error"):
            self._set_phase("choose")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Picking a place syncs with it straight away."""
        event.stop()
        with self.prevent(Input.Changed):
            self.query_one("#sync-folder", Input).value = event.option.id or ""
        self.action_run()

    def action_run(self) -> None:
        """Sync with the folder in the field (nothing happens while a sync runs)."""
        if self.busy:
            return
        text = self.query_one("#sync-folder", Input).value.strip()
        self.query_one("#sync-lines", Static).update("")
        if not text:
            self._set_phase("error")
            self._status(t("ui.sync.no_folder"), error=True)
            return
        folder = Path(text).expanduser()
        self._set_phase("running")
        self._status(t("ui.sync.running", folder=folder))
        self.query_one("#sync-progress", ProgressBar).update(total=None, progress=0)
        self._last_progress = 0.0
        self._sync(folder)

    # -- the worker (runs in a thread: it touches widgets only through call_from_thread) -----

    @work(thread=True, exclusive=True, group="sync", exit_on_error=False)
    def _sync(self, folder: Path) -> None:
        workspace = self.trainer_app.workspace
        try:
            outcome = syncing.sync(workspace, folder, self._progress_from_thread)
        except SyncFolderInvalid as error:
            self._from_thread(self._failed, t(f"cli.{error.reason}", folder=error.folder))
            return
        except StoreLocked as error:
            self._from_thread(self._failed, t("cli.locked", folder=error.data_dir))
            return
        except OSError as error:
            self._from_thread(self._failed, t("ui.sync.failed", error=error.strerror or error))
            return
        with contextlib.suppress(OSError):  # only a convenience for next time
            settings.remember_sync_folder(workspace, folder)
        self._from_thread(self._finished, folder, outcome)

    def _from_thread(self, callback: Callable[..., Any], *args: Any) -> None:
        """Run ``callback`` on the UI's thread, unless the app has already closed."""
        with contextlib.suppress(RuntimeError):
            self.app.call_from_thread(callback, *args)

    def _progress_from_thread(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._last_progress < PROGRESS_EVERY:
            return
        self._last_progress = now
        self._from_thread(self._show_progress, done, total)

    # -- results (on the UI's thread) ---------------------------------------------------------

    def _show_progress(self, done: int, total: int) -> None:
        self.query_one("#sync-progress", ProgressBar).update(total=total, progress=done)

    def _failed(self, message: str) -> None:
        self._set_phase("error")
        self._status(message, error=True)
        self.query_one("#sync-folder", Input).focus()

    def _finished(self, folder: Path, outcome: syncing.SyncOutcome) -> None:
        self.outcome = outcome
        self._set_phase("report")
        self._status(t("ui.sync.done", folder=folder))
        self.query_one("#sync-lines", Static).update("\n".join(report_lines(outcome)))
        self.query_one("#sync-folder", Input).focus()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """An unexpected failure in the worker still ends the sync with one clear line."""
        if event.state is WorkerState.ERROR and self.busy:
            error = event.worker.error
            self._failed(t("ui.sync.failed", error=error or type(error).__name__))

    # -- leaving -----------------------------------------------------------------------------

    def action_back(self) -> None:
        """Back to the dashboard (refused while the sync runs: the data are being merged)."""
        if self.busy:
            self.notify(t("ui.sync.busy"), severity="warning")
            return
        app = self.trainer_app
        if app.cohort is None and self.outcome is not None:
            # A first run synced a cohort from another laptop: open it rather than the welcome.
            cohorts = app.workspace.cohorts()
            if cohorts:
                app.open_cohort(cohorts[0])
                return
        app.pop_screen()
