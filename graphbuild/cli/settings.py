"""``graphbuild settings``: every ``GRAPHBUILD_*`` environment variable, its value and help."""

from __future__ import annotations

import json
import os

import click

from graphbuild import settings as table


def _shown(setting: table.Setting, value: object) -> str:
    if setting.secret and value is not None:
        return "(set)"
    return "(unset)" if value is None else str(value)


@click.command(name="settings")
@click.option("--json", "as_json", is_flag=True, help="Print the table as JSON.")
def command(as_json: bool) -> None:
    """Print every setting (GRAPHBUILD_* environment variable): its value in force, its
    default and what it does. A variable holding a value its setting cannot use is shown as
    an error (exit status 2); every other command refuses to start with it.

    \b
    Examples:
      graphbuild settings
      GRAPHBUILD_AUX_NER=0 graphbuild settings --json
    """
    rows, bad = [], []
    for s in table.SETTINGS:
        try:
            value, problem = table.get(s.name), None
        except table.SettingsError as err:
            value, problem = os.environ.get(s.name), err.message
            bad.append(err)
        rows.append({"name": s.name, "value": _shown(s, value), "default": _shown(s, s.default),
                     "set": bool(os.environ.get(s.name, "").strip()), "help": s.help,
                     "changes_output": s.changes_output, "error": problem})
    if as_json:
        click.echo(json.dumps(rows, indent=2))
    else:
        for row in rows:
            where = f"set; default {row['default']}" if row["set"] else "default"
            click.echo(f"{row['name']}={row['value']}  [{where}]")
            click.echo(f"    {row['help']}"
                       + ("  (part of the build fingerprint)" if row["changes_output"] else ""))
            if row["error"]:
                click.echo(f"    error: {row['error']}")
    for name in table.unknown():
        click.echo(f"warning: {name} is set but is no graphbuild setting", err=True)
    if bad:
        raise bad[0]
