"""What decides whether a stored article is still up to date: its build key.

An article's **build key** is the SHA-256 of its text, its metadata (title, date, source, url)
and the **build fingerprint**: the graphbuild version, the spaCy pipeline's name and version,
the extractors that run, and the settings that change what a build writes (see
:data:`graphbuild.settings.SETTINGS`). A store build (``graphbuild build --store``) skips an
article whose stored key (``gb:buildKey`` in its named graph) equals the key it would write
now, and re-extracts every other one: a changed headline, another ``--model``, a new
graphbuild version or the second recogniser switched off each make the key differ.
"""

from __future__ import annotations

import hashlib
import json
from collections import deque
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from graphbuild.rdf.vocab import GB, article_graph_iri, article_iri
from graphbuild.types import Article

__all__ = ["build_fingerprint", "article_key", "key_nquad", "model_version", "next_key",
           "with_key"]


@lru_cache(maxsize=8)
def model_version(model: str) -> str:
    """The installed version of the spaCy pipeline ``model`` (a package name or a folder),
    without loading it; ``"unknown"`` when it cannot be told."""
    meta = Path(model) / "meta.json"
    if meta.is_file():
        try:
            return str(json.loads(meta.read_text(encoding="utf-8")).get("version", "unknown"))
        except (OSError, ValueError):
            return "unknown"
    try:
        from spacy.util import get_package_version

        return get_package_version(model) or "unknown"
    except Exception:  # noqa: BLE001 - a version we cannot read only costs a rebuild
        return "unknown"


def build_fingerprint(model: str, extractors: list[str] | None = None,
                      env: dict[str, str] | None = None) -> str:
    """The fingerprint of a build with ``model`` and ``extractors`` (all when None) under the
    settings in force (or those of ``env``), as canonical JSON."""
    from graphbuild import __version__, registry, settings

    chosen = sorted(e.name for e in registry.pipeline(extractors))
    return json.dumps({
        "graphbuild": __version__,
        "model": model,
        "model_version": model_version(model),
        "extractors": chosen,
        "settings": settings.output_settings(env),
    }, sort_keys=True, separators=(",", ":"))


def article_key(article: Article, fingerprint: str) -> str:
    """The build key of ``article`` under ``fingerprint`` (hex SHA-256)."""
    parts = [article.content_hash, article.title, article.date, article.source, article.url,
             fingerprint]
    text = json.dumps(parts, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def key_nquad(article_id: str, key: str) -> bytes:
    """The N-Quad that records ``key`` on the article, in the article's named graph."""
    return (f'<{article_iri(article_id)}> <{GB.buildKey}> "{key}" '
            f'<{article_graph_iri(article_id)}> .\n').encode()


def next_key(keys: dict[str, deque[str]], article_id: str) -> str:
    """The build key queued for ``article_id`` by the reader (taken off the queue)."""
    queue = keys[article_id]
    key = queue.popleft()
    if not queue:
        del keys[article_id]
    return key


def with_key(enc: Any, key: str) -> Any:
    """``enc`` (an :class:`~graphbuild.flow.worker.Encoded`) with the quad recording its
    build key added."""
    return replace(enc, nquads=enc.nquads + key_nquad(enc.article_id, key),
                   triples=enc.triples + 1)
