"""Which laptops belong to the school, and whether a segment may be applied.

Membership is data, replicated like any change, in the global partition:

* ``_laptop`` (entity: a device id) says that device signs with ``key``; written by the laptop
  that admitted it (``laptops add`` / ``laptops join``), or by the device itself with a
  ``vouch``: the signature of the key it inherited when its data folder was copied;
* ``_vouch`` lists the full SHA-256 of unsigned (version 1) segments a laptop held before
  segments were signed, so that the others may take them from a sync folder;
* ``_revoke`` (entity: a key's fingerprint) withdraws a key from a date on.

Every op in a replica was admitted by these rules (or written before them, on this laptop),
so the book is simply read from the global partition plus this laptop's own key. A file in a
sync folder earns nothing by lying there: a descriptor or a segment signed by an unknown key
adds no trust.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from trainer_tui.storage.local import load_local_json, save_local_json
from trainer_tui.storage.ops import Op
from trainer_tui.storage.segments import Segment
from trainer_tui.storage.signature import (
    b64,
    fingerprint,
    is_valid_signature,
    is_valid_vouch,
    unb64,
)

LAPTOP = "_laptop"
#: Keys this laptop trusts by a decision taken on it (a pairing code typed here), never synced.
ANCHORS_FILE = "anchors.json"
VOUCH = "_vouch"
REVOKE = "_revoke"
#: Reasons a segment is not applied (message-catalogue codes).
UNSIGNED, UNKNOWN_KEY, BAD_SIGNATURE, KEY_MISMATCH = (
    "unsigned",
    "unknown_key",
    "bad_signature",
    "key_mismatch",
)


@dataclass(frozen=True, slots=True)
class Member:
    """A laptop of the school: its device id, a key it signs with, and who admitted it."""

    device: str
    key: bytes
    label: str
    added_by: str

    @property
    def key_id(self) -> str:
        """The key's fingerprint."""
        return fingerprint(self.key)


@dataclass(frozen=True, slots=True)
class Revocation:
    """A key withdrawn from ``since`` on, and why."""

    key_id: str
    since: dt.datetime
    reason: str
    by: str


@dataclass(slots=True)
class TrustBook:
    """The school's laptops and keys as this laptop knows them."""

    own_device: str
    own_key: bytes
    members: dict[str, Member] = field(default_factory=dict)
    #: Every key ever attested for a device (a device id has one key; a lost file may not).
    keys: dict[str, set[bytes]] = field(default_factory=dict)
    vouched: set[str] = field(default_factory=set)
    revoked: dict[str, Revocation] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.keys.setdefault(self.own_device, set()).add(self.own_key)

    def add_key(self, device: str, key: bytes) -> bool:
        """Trust ``key`` for ``device``; return whether it was new."""
        held = self.keys.setdefault(device, set())
        if key in held:
            return False
        held.add(key)
        return True

    def learn(self, ops: Iterable[Op]) -> bool:
        """Take the membership ops among ``ops`` into account; return whether any was new."""
        changed = False
        for op in ops:
            kind = op["kind"]
            if kind == LAPTOP:
                changed |= self._learn_laptop(op)
            elif kind == VOUCH:
                hashes = op["set"].get("hashes")
                if isinstance(hashes, list):
                    new = {h for h in hashes if isinstance(h, str)} - self.vouched
                    self.vouched |= new
                    changed |= bool(new)
            elif kind == REVOKE:
                changed |= self._learn_revocation(op)
        return changed

    def _learn_laptop(self, op: Op) -> bool:
        values = op["set"]
        key = unb64(values.get("key"), 32)
        if key is None:
            return False
        device = op["eid"]
        held = self.keys.setdefault(device, set())
        label = values.get("label")
        member = Member(device, key, label if isinstance(label, str) else "", op["dev"])
        known = self.members.get(device)
        if known is None or (known.key != key and key not in held):
            self.members[device] = member
        if key in held:
            return False
        held.add(key)
        return True

    def _learn_revocation(self, op: Op) -> bool:
        values = op["set"]
        since, reason = values.get("since"), values.get("reason")
        if op["eid"] in self.revoked or not isinstance(since, str):
            return False
        try:
            when = dt.datetime.fromisoformat(since)
        except ValueError:
            return False
        self.revoked[op["eid"]] = Revocation(
            op["eid"], when, reason if isinstance(reason, str) else "", op["dev"]
        )
        return True

    def device_of(self, key: bytes) -> str | None:
        """The device that signs with ``key``, if it is one of the school's."""
        for device, keys in self.keys.items():
            if key in keys:
                return device
        return None

    def is_trusted_key(self, key: bytes) -> bool:
        """Whether ``key`` is one of the school's (for records: see revocations too)."""
        return self.device_of(key) is not None

    def laptops(self) -> list[str]:
        """The school's device ids: this laptop and every member, sorted."""
        return sorted(self.keys)

    def admits(self, segment: Segment) -> str:
        """Why ``segment`` may not be applied, or ``""`` if it may.

        A signed segment must hold its signature and be signed by its device's key (or, for
        a redacted copy, by any of the school's laptops). A segment of a device not known
        yet may introduce it if its own ``_laptop`` op is vouched for by a trusted key. An
        unsigned one must have been vouched for.
        """
        if not segment.key:
            digest = hashlib.sha256(segment.data).hexdigest()
            return "" if digest in self.vouched else UNSIGNED
        if not is_valid_signature(segment.key, segment.signature, segment.body):
            return BAD_SIGNATURE
        if segment.key in self.keys.get(segment.device, ()):
            return ""
        signer = self.device_of(segment.key)
        if signer is not None:
            return "" if segment.redacted else KEY_MISMATCH
        if segment.device not in self.keys and self._vouched_in(segment):
            return ""
        return UNKNOWN_KEY

    def _vouched_in(self, segment: Segment) -> bool:
        """Whether ``segment`` carries its own device's ``_laptop`` op, vouched for."""
        for op in segment.ops:
            if op["kind"] != LAPTOP or op["eid"] != segment.device:
                continue
            values = op["set"]
            vouch = values.get("vouch")
            if unb64(values.get("key"), 32) != segment.key or not isinstance(vouch, dict):
                continue
            old_key = unb64(vouch.get("key"), 32)
            signature = unb64(vouch.get("sig"), 64)
            if old_key is None or signature is None or not self.is_trusted_key(old_key):
                continue
            if is_valid_vouch(old_key, signature, segment.device, segment.key):
                return True
        return False


def load_anchors(data_dir: Path) -> list[tuple[str, bytes]]:
    """The ``(device, key)`` pairs this laptop was told to trust (``local/anchors.json``)."""
    found = []
    for device, text in sorted(load_local_json(data_dir, ANCHORS_FILE).items()):
        key = unb64(text, 32)
        if key is not None:
            found.append((device, key))
    return found


def save_anchor(data_dir: Path, device: str, key: bytes) -> None:
    """Remember, durably, to trust ``key`` for ``device``."""
    anchors = load_local_json(data_dir, ANCHORS_FILE)
    anchors[device] = b64(key)
    save_local_json(data_dir, ANCHORS_FILE, anchors)
