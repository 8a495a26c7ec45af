"""A progress bar (rich) with articles/s and ETA; silent with --quiet or off a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


@contextmanager
def article_progress(total: int | None, quiet: bool) -> Iterator[Callable[[object], None]]:
    """Yields ``tick(report)``: call it after each article."""
    if quiet:
        yield lambda _report: None
        return
    console = Console(file=sys.stderr)
    columns = [TextColumn("[bold]building"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]} articles/s"), TimeElapsedColumn(),
               TextColumn("ETA"), TimeRemainingColumn()]
    with Progress(*columns, console=console, transient=False) as bar:
        task = bar.add_task("build", total=total, rate="-")

        def tick(_report: object) -> None:
            bar.advance(task)
            t = bar.tasks[task]
            if t.elapsed:
                bar.update(task, rate=f"{t.completed / t.elapsed:.1f}")

        yield tick
