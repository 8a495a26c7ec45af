"""What a build did, in every mode (files, store, partitions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphbuild.ingest import Skipped

__all__ = ["BuildReport"]


@dataclass
class BuildReport:
    """What a build did: article ids per outcome, skipped inputs (with reasons), merges.

    ``added`` are the articles written (in files mode: all of them), ``replaced`` those a
    store held before with another build key, ``unchanged`` those it left as they were;
    ``skipped`` the inputs and articles not built (unreadable, screened out, or failed in
    parsing or extraction), each with its reason; ``warnings`` repairs made while reading."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Skipped] = field(default_factory=list)
    merges: list[Any] = field(default_factory=list)  # graphbuild.resolve.crossdoc.Merge
    #: narratives of the graph or store after the build (graphbuild.narrative.cluster)
    narratives: list[Any] = field(default_factory=list)
    narrative_seconds: float = 0.0  # time the narrative update took (store builds)
    words: int = 0
    triples_written: int = 0

    @property
    def articles(self) -> list[str]:
        """Ids of the articles this build wrote (added or replaced)."""
        return self.added + self.replaced
