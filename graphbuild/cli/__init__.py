"""The ``graphbuild`` command line. One module per command; errors become one-line messages.

The library raises :class:`graphbuild.errors.GraphbuildError`; :func:`main` prints its message
(``error: [GBxxx] file: problem``) to stderr and exits with status 2. Exit status 1 means the
command ran but skipped some inputs (see ``graphbuild build``).
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import sys

import click

from graphbuild import settings as _settings
from graphbuild.errors import GraphbuildError, disk_full

#: every module of this package (but this one) defines one command as ``command``
COMMAND_MODULES = tuple(sorted(m.name for m in pkgutil.iter_modules(__path__)
                               if not m.name.startswith("_")))

log = logging.getLogger("graphbuild")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
@click.version_option(package_name="graphbuild")
@click.pass_context
def cli(ctx: click.Context, verbose: int, quiet: bool) -> None:
    """graphbuild: turn English news articles into an RDF knowledge graph.

    Every fact in the graph (who, in what role, did what to whom, said what, when) points back
    to the sentence it came from. Typical use:

    \b
      graphbuild build seeds/ --out out/
      graphbuild query out/graph.ttl --example who-said-what
      graphbuild export out/graph.ttl --format jsonld > graph.jsonld
    """
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[
        min(verbose, 2)
    ]
    logging.basicConfig(level=level, format="%(levelname)s: %(message)s", stream=sys.stderr,
                        force=True)
    if ctx.invoked_subcommand != "settings":  # it shows bad values itself
        _settings.load()  # every GRAPHBUILD_* variable checked once, before any work


for _name in COMMAND_MODULES:
    _mod = importlib.import_module(f"graphbuild.cli.{_name}")
    cli.add_command(_mod.command)


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="graphbuild", standalone_mode=False)
    except GraphbuildError as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except click.exceptions.Exit as err:
        sys.exit(err.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except OSError as err:  # disk full: one line (graphbuild.errors.disk_full), not a traceback
        if disk_full(err) is None:
            raise
        click.echo(f"error: {disk_full(err)}", err=True)
        sys.exit(2)


if __name__ == "__main__":  # pragma: no cover
    main()
