"""One real Syncthing instance on 127.0.0.1: its REST API (urllib) and its process.

:class:`Instance` calls ``/rest/...`` with its API key (scan, status, completion, pull errors,
pausing the shared folder, connections), and starts ``syncthing serve`` on its own home and
stops it (REST shutdown, then a kill of its process group). :func:`poll` waits for a
condition and fails the test clearly on a timeout. The homes, ``config.xml`` and the pair of
instances are made in tests/syncthing_harness.py.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

SYNCTHING = shutil.which("syncthing")
SKIP_REASON = "syncthing not installed: apt-get install syncthing"
FOLDER_ID = "trainer-sync"
#: Longest wait for a start, a connection or replication (a pair normally needs ~1 s).
TIMEOUT_S = 30.0
_POLL_S = 0.05


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def poll(
    check: Callable[[], bool],
    what: str,
    timeout: float = TIMEOUT_S,
    detail: Callable[[], str] = str,
) -> None:
    """Call ``check`` until it returns true; fail naming ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}\n{detail()}")
        time.sleep(_POLL_S)


class SyncthingError(RuntimeError):
    """The REST API answered with an error, or could not be reached."""


@dataclass
class Instance:
    """One Syncthing process: its home, the folder it shares, its ports and API key."""

    name: str
    home: Path
    folder: Path
    gui_port: int
    listen_port: int
    api_key: str
    device_id: str
    log: Path
    process: subprocess.Popen[bytes] | None = None
    #: Whether the shared folder is paused (see :meth:`set_paused`).
    paused: bool = False

    # -- REST ----------------------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        params: dict[str, str] | None = None,
        body: Any = None,
        timeout: float = TIMEOUT_S,
    ) -> Any:
        """Call ``/rest/<path>?<params>`` and return its decoded JSON (``None`` if empty)."""
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui_port}/rest/{path}{query}",
            data=data,
            method=method,
            headers={"X-API-Key": self.api_key, "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as error:
            raise SyncthingError(
                f"{self.name}: {method} /rest/{path}{query}: {error.code} {error.read()!r}"
            ) from error
        except OSError as error:
            raise SyncthingError(f"{self.name}: {method} /rest/{path}{query}: {error}") from error
        return json.loads(raw) if raw.strip() else None

    def get(self, path: str, **params: str) -> Any:
        """``GET /rest/<path>``."""
        return self.request("GET", path, params)

    def post(self, path: str, **params: str) -> Any:
        """``POST /rest/<path>``."""
        return self.request("POST", path, params)

    def is_up(self) -> bool:
        """Whether the REST API answers."""
        try:
            # A short timeout: the port may be another program's, which never answers.
            return bool(self.request("GET", "system/ping", timeout=1.0) == {"ping": "pong"})
        except SyncthingError:
            return False

    def scan(self) -> None:
        """Rescan the shared folder now; returns once the scan is done.

        A paused folder is not scanned (Syncthing refuses): it rescans when it resumes.
        """
        if not self.paused:
            self.post("db/scan", folder=FOLDER_ID)

    def status(self) -> dict[str, Any]:
        """``/rest/db/status`` of the shared folder (state, counts, what is needed)."""
        result: dict[str, Any] = self.get("db/status", folder=FOLDER_ID)
        return result

    def completion(self, peer: Instance) -> dict[str, Any]:
        """How complete ``peer``'s copy of the folder is, as this instance knows it."""
        result: dict[str, Any] = self.get("db/completion", folder=FOLDER_ID, device=peer.device_id)
        return result

    def folder_errors(self) -> list[dict[str, Any]]:
        """The files this instance failed to pull, with why."""
        result = self.get("folder/errors", folder=FOLDER_ID)
        return list((result or {}).get("errors") or [])

    def set_paused(self, paused: bool) -> None:
        """Pause (or resume) the shared folder: meanwhile it is neither scanned nor exchanged.

        The connection to the peer stays up, so resuming takes no reconnection (pausing the
        peer device instead costs 5 to 20 s to reconnect).
        """
        self.request("PATCH", f"config/folders/{FOLDER_ID}", body={"paused": paused})
        self.paused = paused

        def applied() -> bool:
            # A paused folder's state is empty (or "paused", in later versions).
            return (self.status()["state"] in ("", "paused")) == paused

        poll(applied, f"the folder of {self.name} to be {'paused' if paused else 'resumed'}")

    def connected_to(self, peer: Instance) -> bool:
        """Whether a connection to ``peer`` is up."""
        connections = self.get("system/connections")["connections"]
        return bool(connections.get(peer.device_id, {}).get("connected"))

    def log_tail(self, lines: int = 30) -> str:
        """The end of this instance's log, for failure messages."""
        try:
            text = self.log.read_text(errors="replace").splitlines()
        except OSError:
            return f"[{self.name}: no log]"
        return "\n".join(f"[{self.name}] {line}" for line in text[-lines:])

    # -- process -------------------------------------------------------------------------

    def launch(self) -> None:
        """Start ``syncthing serve`` on this home (see :meth:`wait_up`)."""
        assert SYNCTHING is not None
        env = {
            **os.environ,
            "HOME": str(self.home),
            "STNODEFAULTFOLDER": "1",
            "STNOUPGRADE": "1",
            "STNORESTART": "1",
            "STHASHING": "minio",  # no SHA-256 benchmark at start: a second saved
        }
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    SYNCTHING,
                    "serve",
                    f"--home={self.home}",
                    "--no-browser",
                    "--no-restart",
                    "--no-upgrade",
                    "--skip-port-probing",
                    f"--gui-address=127.0.0.1:{self.gui_port}",
                    f"--gui-apikey={self.api_key}",
                    "--logflags=2",
                ],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,
            )

    def wait_up(self) -> bool:
        """Wait until the REST API answers; ``False`` if the process exited first.

        It exits at once when its GUI port was taken meanwhile (by another test worker).
        """
        exited = False

        def up() -> bool:
            nonlocal exited
            exited = self.process is not None and self.process.poll() is not None
            return exited or self.is_up()

        poll(up, f"syncthing {self.name} to start", detail=self.log_tail)
        return not exited

    def request_shutdown(self) -> None:
        """Ask the process to exit (see :meth:`stop`)."""
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(SyncthingError):
                self.post("system/shutdown")

    def stop(self) -> None:
        """Shut down through the REST API; kill the process group if it lingers."""
        process = self.process
        if process is None:
            return
        self.request_shutdown()
        self.process = None
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
