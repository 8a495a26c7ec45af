"""``graphbuild timeline``: what an entity said and what was said about it, or a
narrative's appearances, in date order with sources (a table, JSON, CSV or an HTML page)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from graphbuild.cli._quiet import quiet_logs
from graphbuild.errors import UnsupportedFormatError

__all__ = ["command", "format_events"]

_EPILOG = """\b
Examples:
  graphbuild timeline --store out/store --entity "Maria Zakharova"
  graphbuild timeline --store out/store --entity Zakharova --format csv > zakharova.csv
  graphbuild timeline --store out/store --entity "Maria Zakharova" --out zakharova.html
  graphbuild timeline --store out/store \\
      --narrative https://w3id.org/graphbuild/id/narrative/3f2a... --out narrative.html

\b
Kinds: "said" (its quotations and claims), "said about" (others' quotations and claims
about it), "did" / "done to" (statements with it as subject / object); for a narrative,
"first" and "repeat". Date: the fact's own date (schema:dateCreated), else its article's
(schema:datePublished); rows without either are "undated", last. Outlet: the article's
publisher, else its source file.
"""

COLUMNS = ("date", "kind", "who", "text", "headline", "outlet", "url")
_WIDTHS = {"date": 10, "kind": 10, "who": 18, "text": 50, "headline": 30, "outlet": 12,
           "url": 30}


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def _table(rows: list[dict[str, str]], width: int) -> str:
    cols = list(COLUMNS)
    widths = dict(_WIDTHS)
    for dropped in ("url", "headline", "outlet"):  # a narrow terminal: these go first
        if sum(widths[c] + 2 for c in cols) <= width:
            break
        cols.remove(dropped)
    lines = ["  ".join(c.ljust(widths[c]) for c in cols).rstrip(),
             "  ".join("-" * widths[c] for c in cols)]
    lines += ["  ".join(_cut(r[c], widths[c]).ljust(widths[c]) for c in cols).rstrip()
              for r in rows]
    return "\n".join(lines) + "\n"


def format_events(events: Sequence, fmt: str, width: int = 200) -> str:
    """``events`` (:class:`graphbuild.timeline.Event`) as a table, JSON or CSV."""
    rows = [e.as_dict() for e in events]
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=[*COLUMNS, "article", "node"],
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return buf.getvalue()
    return _table(rows, width)


def _width() -> int:
    """The terminal's width (or $COLUMNS); 200 when writing to a pipe or file."""
    if sys.stdout.isatty() or os.environ.get("COLUMNS", "").isdigit():
        return shutil.get_terminal_size((200, 24)).columns
    return 200


@click.command(name="timeline", epilog=_EPILOG)
@click.option("--store", "store_dir", required=True, type=click.Path(file_okay=False),
              metavar="DIR|URL", help="The store (graphbuild build --store DIR), or a "
              "SPARQL endpoint's URL.")
@click.option("--entity", default=None, metavar="NAME",
              help="The entity: its label, an alias (case-insensitive) or its IRI.")
@click.option("--narrative", default=None, metavar="IRI",
              help="A narrative's IRI (query --example narrative-first-said lists them).")
@click.option("-F", "--format", "fmt", type=click.Choice(["table", "json", "csv"]),
              default="table", show_default=True, help="Output on stdout.")
@click.option("-o", "--out", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the timeline view: one offline HTML page (name it .html).")
@click.option("--quiet", is_flag=True, help="No summary on stderr.")
def command(store_dir: str, entity: str | None, narrative: str | None, fmt: str,
            out: Path | None, quiet: bool) -> None:
    """A chronological table of what an entity said, what was said about it, what it did
    and what was done to it, with the date, speaker or subject, text, headline, outlet
    and URL of each; or the appearances of a narrative (--narrative). --out writes the
    same timeline as an offline HTML page, grouped by date on a time axis."""
    quiet_logs(quiet)
    if (entity is None) == (narrative is None):
        raise click.UsageError("give exactly one of --entity NAME or --narrative IRI")
    if out is not None and out.suffix.lower() not in {".html", ".htm"}:
        raise UnsupportedFormatError(f"{out}: timeline --out writes an HTML page; name it .html")

    from graphbuild import store as stores
    from graphbuild.timeline import entity_timeline, narrative_timeline, resolve_entity

    store = stores.open(store_dir, "r").store
    if entity is not None:
        iris = resolve_entity(store, entity)
        events = entity_timeline(store, iris)
        title = f"Timeline: {entity.strip()}"
        subtitle = ", ".join(iris)
    else:
        events = narrative_timeline(store, str(narrative))
        title = "Narrative: " + (events[0].text if events else str(narrative))[:120]
        subtitle = str(narrative).strip()
    click.echo(format_events(events, fmt, _width()), nl=False)
    if not quiet:
        undated = sum(1 for e in events if not e.date)
        click.echo(f"{len(events)} rows ({undated} undated)", err=True)
    if out is not None:
        from graphbuild.timeline.page import write_timeline

        path = write_timeline(events, out, title=title, subtitle=subtitle)
        if not quiet:
            click.echo(f"timeline view -> {path}", err=True)
