"""The school's laptops and keys as use cases: pair a new laptop, list keys, revoke one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from trainer_tui.domain.errors import RuleViolation
from trainer_tui.services.workspace import Workspace
from trainer_tui.storage import GLOBAL, Change, pairing
from trainer_tui.storage.signature import fingerprint
from trainer_tui.storage.trust import REVOKE

#: The longest reason a revocation may carry.
REASON_MAX = 500


@dataclass(frozen=True, slots=True)
class SchoolKey:
    """One key of the school, for ``keys list``: whose it is and when it was used."""

    key_id: str
    device: str
    label: str
    added_by: str
    first_use: dt.datetime | None
    last_use: dt.datetime | None
    revoked_since: dt.datetime | None
    revoked_reason: str
    own: bool


def invite(ws: Workspace) -> tuple[str, dt.datetime]:
    """A one-time pairing code for a new laptop, and when it expires."""
    return pairing.new_invitation(ws.replica)


def join(ws: Workspace, code: str) -> str:
    """Keep the pairing code typed on this new laptop; return the inviter's key id."""
    try:
        return pairing.join_with(ws.replica, code)
    except pairing.PairingCodeInvalid:
        raise RuleViolation(
            "pairing_code", "code", "not a pairing code: {code}", code=code
        ) from None
    except ValueError:
        raise RuleViolation("pairing_own_code", "code", "this laptop's own code") from None


def pending(ws: Workspace) -> bool:
    """Whether a pairing typed here is not complete yet."""
    return bool(pairing.pending_joins(ws.replica))


def _stamp(ms: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(ms / 1000, dt.UTC)


def school_keys(ws: Workspace) -> list[SchoolKey]:
    """Every key of the school, with its laptop and the first and last op it signed."""
    uses: dict[str, list[int]] = {}
    for name in ws.replica.partition_names():
        for op in ws.replica.partition(name).op_ids.values():
            wall = op["hlc"][0]
            first, last = uses.get(op["dev"], (wall, wall))
            uses[op["dev"]] = [min(first, wall), max(last, wall)]
    trust, own = ws.replica.trust, ws.replica.device.id
    found = []
    for device in trust.laptops():
        member = trust.members.get(device)
        span = uses.get(device)
        for key in sorted(trust.keys[device]):
            revocation = trust.revoked.get(fingerprint(key))
            found.append(
                SchoolKey(
                    fingerprint(key),
                    device,
                    member.label if member else ws.replica.device.name if device == own else "",
                    member.added_by if member else "",
                    _stamp(span[0]) if span else None,
                    _stamp(span[1]) if span else None,
                    revocation.since if revocation else None,
                    revocation.reason if revocation else "",
                    device == own,
                )
            )
    return found


def revoke(ws: Workspace, key_id: str, reason: str) -> SchoolKey:
    """Withdraw a key from now on (synced like any change); return it."""
    wanted = key_id.strip().lower()
    matches = [k for k in school_keys(ws) if wanted and k.key_id.startswith(wanted)]
    if len(matches) != 1:
        raise RuleViolation("unknown_key_id", "key", "no single key {key_id}", key_id=key_id)
    reason = reason.strip()
    if not reason or len(reason) > REASON_MAX:
        raise RuleViolation("revoke_reason", "reason", "a reason is needed (at most 500)")
    chosen = matches[0]
    if chosen.revoked_since is not None:
        return chosen
    since = ws.clock().astimezone(dt.UTC).isoformat(timespec="seconds")
    values = {"since": since, "reason": reason, "by": ws.replica.device.id}
    ws.replica.write(GLOBAL, [Change(REVOKE, chosen.key_id, values)])
    return next(k for k in school_keys(ws) if k.key_id == chosen.key_id)
