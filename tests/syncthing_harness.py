"""Two real Syncthing instances on 127.0.0.1, and the laptops whose sync folders they replicate.

Each instance gets its own home folder (keys, ``config.xml``, database) made by
``syncthing generate``; the harness then rewrites ``config.xml`` before the first start:

* the GUI/REST API on ``127.0.0.1:<random port>`` with a known API key (driven with urllib);
* one explicit ``tcp://127.0.0.1:<random port>`` listen address, and the peer's explicit
  address; global and local discovery, relays, NAT traversal (UPnP/NAT-PMP, STUN), usage
  reporting (``urAccepted=-1``), crash reporting, upgrades and the browser off;
* one shared folder (the "sync folder" of one laptop), rescanned every second, with the
  file-system watcher on; the tests still ask for a scan after each sync of the app, so that
  nothing waits for a timer.

The instance itself (REST API, process) is in tests/syncthing_instance.py.
:func:`running_pair` starts both, waits until they are connected, and stops them (REST
shutdown, then a kill) when the block ends, so no process outlives a test.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli_helpers import Cli
from tests.cli_helpers import join_school as pair_laptops
from tests.syncthing_instance import (
    FOLDER_ID,
    SKIP_REASON,
    SYNCTHING,
    TIMEOUT_S,
    Instance,
    SyncthingError,
    free_port,
    poll,
)


def _set(parent: ET.Element, tag: str, text: str) -> None:
    element = parent.find(tag)
    if element is None:
        element = ET.SubElement(parent, tag)
    element.text = text


#: Options of ``config.xml``: loopback only, nothing phones home, reconnect quickly.
_OPTIONS = {
    "globalAnnounceEnabled": "false",
    "localAnnounceEnabled": "false",
    "relaysEnabled": "false",
    "natEnabled": "false",
    "stunKeepaliveStartS": "0",
    "urAccepted": "-1",
    "urSeen": "3",
    "crashReportingEnabled": "false",
    "autoUpgradeIntervalH": "0",
    "startBrowser": "false",
    "reconnectionIntervalS": "1",
    "setLowPriority": "false",
    "announceLANAddresses": "false",
    "minHomeDiskFree": "0",
    "progressUpdateIntervalS": "1",
}


def _generate(name: str, root: Path, folder: Path) -> Instance:
    """``syncthing generate`` a home for instance ``name``; nothing is configured yet."""
    assert SYNCTHING is not None
    home = root / f"syncthing-{name}"
    subprocess.run(
        [SYNCTHING, "generate", f"--home={home}", "--no-default-folder"],
        check=True,
        capture_output=True,
        env={**os.environ, "HOME": str(home)},
        timeout=TIMEOUT_S,
    )
    config = ET.parse(home / "config.xml").getroot()
    own = config.find("device")
    assert own is not None, "syncthing generate wrote no device"
    (folder / ".stfolder").mkdir(exist_ok=True)  # the marker Syncthing expects in a folder
    return Instance(
        name=name,
        home=home,
        folder=folder,
        gui_port=free_port(),
        listen_port=free_port(),
        api_key=secrets.token_urlsafe(24),
        device_id=own.attrib["id"],
        log=root / f"syncthing-{name}.log",
    )


def _configure(me: Instance, peer: Instance) -> None:
    """Rewrite ``me``'s ``config.xml``: addresses, options, the peer and the shared folder."""
    path = me.home / "config.xml"
    tree = ET.parse(path)
    config = tree.getroot()
    gui = config.find("gui")
    options = config.find("options")
    own = config.find("device")
    template = config.find("defaults/folder")
    assert gui is not None and options is not None and own is not None and template is not None
    _set(gui, "address", f"127.0.0.1:{me.gui_port}")
    _set(gui, "apikey", me.api_key)
    for listen in options.findall("listenAddress"):
        options.remove(listen)
    ET.SubElement(options, "listenAddress").text = f"tcp://127.0.0.1:{me.listen_port}"
    for tag, value in _OPTIONS.items():
        _set(options, tag, value)
    own.set("name", me.name)
    _set(own, "address", f"tcp://127.0.0.1:{me.listen_port}")
    other = ET.fromstring(ET.tostring(own))
    other.set("id", peer.device_id)
    other.set("name", peer.name)
    _set(other, "address", f"tcp://127.0.0.1:{peer.listen_port}")
    config.insert(list(config).index(own) + 1, other)
    folder = ET.fromstring(ET.tostring(template))
    folder.attrib.update(
        {
            "id": FOLDER_ID,
            "label": "trainer-tui",
            "path": str(me.folder),
            "type": "sendreceive",
            "rescanIntervalS": "1",
            "fsWatcherEnabled": "true",
            "fsWatcherDelayS": "1",
        }
    )
    for device in folder.findall("device"):
        folder.remove(device)
    for device_id in (me.device_id, peer.device_id):
        shared = ET.Element("device", {"id": device_id, "introducedBy": ""})
        ET.SubElement(shared, "encryptionPassword")
        folder.insert(1, shared)
    _set(folder, "minDiskFree", "0")
    config.insert(0, folder)
    tree.write(path, encoding="unicode")


@dataclass
class Pair:
    """Two connected Syncthing instances sharing one folder, ``a.folder`` <-> ``b.folder``."""

    a: Instance
    b: Instance

    @property
    def both(self) -> tuple[Instance, Instance]:
        """``(a, b)``."""
        return self.a, self.b

    def scan(self) -> None:
        """Rescan the folder on both sides now (after an app sync wrote to either)."""
        for instance in self.both:
            instance.scan()

    def set_paused(self, paused: bool, *instances: Instance) -> None:
        """Pause (or resume) the shared folder on ``instances`` (both sides by default).

        Nothing is scanned or exchanged on a paused side; on resuming it rescans its folder,
        then both sides exchange what changed meanwhile (conflicts included).
        """
        for instance in instances or self.both:
            instance.set_paused(paused)

    def wait_connected(self, timeout: float = TIMEOUT_S) -> None:
        """Wait until each instance sees the other connected."""
        poll(
            lambda: self.a.connected_to(self.b) and self.b.connected_to(self.a),
            "the two Syncthing instances to connect",
            timeout,
            self.describe,
        )

    def _side_in_sync(self, me: Instance, peer: Instance) -> bool:
        status = me.status()
        completion = me.completion(peer)
        return bool(
            status["state"] == "idle"
            and status["needTotalItems"] == 0
            and status.get("pullErrors", 0) == 0
            and completion["completion"] == 100
            and completion["needItems"] == 0
            and completion["needDeletes"] == 0
            and completion.get("remoteState", "valid") == "valid"
        )

    def in_sync(self) -> bool:
        """Whether both sides are idle, need nothing, and see the other 100 % complete."""
        if not (self._side_in_sync(self.a, self.b) and self._side_in_sync(self.b, self.a)):
            return False
        a, b = self.a.status(), self.b.status()
        keys = ("globalFiles", "globalDirectories", "globalDeleted", "globalBytes")
        return all(a[key] == b[key] for key in keys)

    def wait_in_sync(self, timeout: float = TIMEOUT_S) -> None:
        """Scan both sides, then wait until they hold the same folder; fail clearly if not."""
        self.scan()
        poll(self.in_sync, "the two sync folders to be in sync", timeout, self.describe)

    def describe(self) -> str:
        """Both sides' folder status, completion, pull errors and log tails."""
        parts = []
        for me, peer in ((self.a, self.b), (self.b, self.a)):
            try:
                status = me.status()
                completion = me.completion(peer)
                summary = {
                    key: status.get(key)
                    for key in ("state", "error", "needTotalItems", "globalFiles", "localFiles")
                }
                parts.append(f"{me.name}: status {summary}")
                parts.append(f"{me.name}: sees {peer.name} {completion}")
                parts.append(f"{me.name}: pull errors {me.folder_errors()}")
                parts.append(f"{me.name}: connected {me.connected_to(peer)}")
            except (SyncthingError, KeyError) as error:
                parts.append(f"{me.name}: {error}")
            parts.append(me.log_tail())
        return "\n".join(parts)

    def stop(self) -> None:
        """Shut both instances down (REST shutdown, then kill), both at once."""
        for instance in self.both:
            instance.request_shutdown()
        for instance in self.both:
            instance.stop()


#: Starts tried before giving up: a random port may be taken between choice and use.
_ATTEMPTS = 3


def _started_pair(root: Path, folder_a: Path, folder_b: Path) -> Pair:
    """Generate, configure and start two instances; retry on fresh ports if one exits."""
    for attempt in range(_ATTEMPTS):
        homes = root / f"syncthing-{attempt}"
        homes.mkdir(parents=True)
        a = _generate("a", homes, folder_a)
        b = _generate("b", homes, folder_b)
        _configure(a, b)
        _configure(b, a)
        pair = Pair(a, b)
        try:
            a.launch()
            b.launch()
            if a.wait_up() and b.wait_up():
                return pair
        except BaseException:
            pair.stop()
            raise
        logs = "\n".join(instance.log_tail() for instance in pair.both)
        pair.stop()
    pytest.fail(f"syncthing did not start in {_ATTEMPTS} attempts\n{logs}")


@contextlib.contextmanager
def running_pair(root: Path, folder_a: Path, folder_b: Path) -> Iterator[Pair]:
    """Two connected Syncthing instances replicating ``folder_a`` <-> ``folder_b``.

    Their homes and logs go under ``root``; both are stopped when the block ends.
    """
    if SYNCTHING is None:
        pytest.skip(SKIP_REASON)
    folder_a.mkdir(parents=True, exist_ok=True)
    folder_b.mkdir(parents=True, exist_ok=True)
    pair = _started_pair(root, folder_a, folder_b)
    try:
        pair.wait_connected()
        yield pair
    finally:
        pair.stop()


def syncthing_temp_name(name: str) -> str:
    """The name Syncthing gives a file while pulling it: ``.syncthing.<name>.tmp``."""
    return f".syncthing.{name}.tmp"


# -- laptops ----------------------------------------------------------------------------------


def new_laptop(path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    """A new laptop: a data folder of its own (device id, keys) at ``path``, driven by the CLI.

    The CLI runs in-process; the caller freezes the clock (``cli_helpers.freeze_clock``).
    """
    laptop = Cli(path, capsys)
    laptop.ok("status")  # the first command makes the data folder and this laptop's identity
    return laptop


def join_school(first: Cli, second: Cli) -> None:
    """Make ``second`` a laptop of the school ``first`` belongs to (pair the two laptops).

    Called right after both laptops are made, before either syncs: ``laptops add`` on
    ``first``, ``laptops join CODE`` on ``second``, and the syncs that carry the pairing,
    through a scratch folder of their own (Syncthing replicates the laptops' real ones).
    """
    pair_through = first.data.parent / f"pairing-{second.data.name}"
    pair_laptops(first, first.data, second.data, pair_through)
