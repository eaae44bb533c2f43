"""``trainer-tui laptops add|join|list`` and ``trainer-tui keys list|revoke``."""

from __future__ import annotations

import argparse
from typing import Any

from trainer_tui.cli.context import open_workspace
from trainer_tui.cli.output import add_actions, add_command, out
from trainer_tui.i18n import t
from trainer_tui.services import laptops


def register(commands: Any) -> None:
    """Add the ``laptops`` and ``keys`` commands."""
    group = add_command(commands, "laptops", "cli.laptops.help")
    actions = add_actions(group)
    add_command(actions, "add", "cli.laptops.add").set_defaults(handler=run_add)
    join = add_command(actions, "join", "cli.laptops.join")
    join.add_argument("code", metavar="CODE", help=t("cli.laptops.code"))
    join.set_defaults(handler=run_join)
    add_command(actions, "list", "cli.laptops.list").set_defaults(handler=run_keys)
    keys = add_command(commands, "keys", "cli.keys.help")
    key_actions = add_actions(keys)
    add_command(key_actions, "list", "cli.keys.list").set_defaults(handler=run_keys)
    revoke = add_command(key_actions, "revoke", "cli.keys.revoke")
    revoke.add_argument("key_id", metavar="KEYID", help=t("cli.keys.key_id"))
    revoke.add_argument("--reason", required=True, help=t("cli.keys.reason"))
    revoke.set_defaults(handler=run_revoke)


def run_add(args: argparse.Namespace) -> int:
    """Show a one-time code for a new laptop to type."""
    with open_workspace(args) as ws:
        code, expires = laptops.invite(ws)
        out(t("cli.laptops.code_is", code=code))
        out(t("cli.laptops.code_steps", until=expires.astimezone().strftime("%d/%m/%Y %H:%M")))
    return 0


def run_join(args: argparse.Namespace) -> int:
    """Keep the code typed on this new laptop; the next syncs complete the pairing."""
    with open_workspace(args) as ws:
        key_id = laptops.join(ws, args.code)
        out(t("cli.laptops.joining", key_id=key_id))
    return 0


def _when(moment: Any) -> str:
    return moment.astimezone().strftime("%d/%m/%Y %H:%M") if moment else "—"


def run_keys(args: argparse.Namespace) -> int:
    """List the school's laptops and keys: who, first and last use, revoked or not."""
    with open_workspace(args) as ws:
        found = laptops.school_keys(ws)
        out(t("cli.keys.count", count=len({k.device for k in found})))
        for key in found:
            line = t(
                "cli.keys.line",
                key_id=key.key_id,
                device=key.device,
                label=key.label or "—",
                first=_when(key.first_use),
                last=_when(key.last_use),
            )
            if key.own:
                line += t("cli.keys.own")
            if key.revoked_since:
                line += t(
                    "cli.keys.revoked", since=_when(key.revoked_since), reason=key.revoked_reason
                )
            out(line)
        if laptops.pending(ws):
            out(t("cli.laptops.pending"))
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    """Withdraw a key; documents it signs after now are refused everywhere after a sync."""
    with open_workspace(args) as ws:
        key = laptops.revoke(ws, args.key_id, args.reason)
        out(
            t(
                "cli.keys.revoked_now",
                key_id=key.key_id,
                device=key.device,
                since=_when(key.revoked_since),
            )
        )
    return 0
