"""The model's two rule components, applied faster with exactly the same result.

spaCy's ``attribute_ruler`` and rule ``lemmatizer`` are plain Python loops over tokens: in
``en_core_web_sm`` they take about a sixth of the whole parse, more than the tagger and the
parser together. graphbuild keeps the very same components, patterns and tables and changes
only how their results are written into a Doc, in :meth:`~spacy.pipeline.Pipe.pipe` (what
``nlp.pipe`` calls; ``nlp(text)`` still runs spaCy's own code):

* attribute ruler: whether a one-token rule matches depends only on the token attributes
  those rules name, so spaCy's own matcher runs once per distinct combination of them (rules
  of several tokens run through it as usual); the attributes the rules assign to one token
  are merged once per distinct list of rules (later rules win, as in spaCy) and written for
  the whole Doc at once;
* rule lemmatizer: a token's lemma depends only on its text, part of speech and morphology
  (the key of spaCy's own cache); each distinct key is lemmatised once by spaCy's own
  lemmatizer and the lemmas are written for the whole Doc at once.

Both memos are bounded (cleared when full), so memory stays flat.

Anything else (another lemmatizer mode, a rule assigning other attributes, a one-token rule
reading an extension attribute) keeps spaCy's own path; errors go to the component's own
error handler, as in spaCy. ``tests/test_rulefast.py`` checks every annotation
against spaCy's on real news text.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

import numpy
from spacy.attrs import DEP, IDS, LEMMA, MORPH, ORTH, POS, TAG

log = logging.getLogger("graphbuild.nlp")

_COLUMNS = [POS, TAG, LEMMA, MORPH, DEP]
_COLUMN = {attr: n for n, attr in enumerate(_COLUMNS)}


class _Unsupported(ValueError):
    """A rule the fast path cannot read exactly: the component keeps spaCy's own path."""


class _FastPipe:
    """``pipe`` over ``__call__`` with the component's own error handler, as spaCy's."""

    proc: Any

    def pipe(self, docs: Iterable[Any], *, batch_size: int = 128) -> Iterator[Any]:  # noqa: ARG002
        handler = self.proc.get_error_handler()
        for doc in docs:
            try:
                yield self(doc)  # type: ignore[operator]
            except Exception as err:  # noqa: BLE001 - spaCy's handler decides (default: raise)
                handler(self.proc.name, self.proc, [doc], err)


class _AttributeRuler(_FastPipe):
    """``pipe`` for a spaCy ``AttributeRuler`` whose rules set only POS/TAG/LEMMA/MORPH/DEP.

    Matching: spaCy's matcher tries every rule at every token. A one-token rule matches a
    token or not depending only on the token attributes the one-token rules name (TAG, LOWER,
    DEP…), so spaCy's own matcher runs once per distinct combination of those values (on that
    one token) and the answer is kept; rules of several tokens go through spaCy's matcher as
    usual. Rules added later are picked up (the rules are read again when their number
    changes); a rule the fast path cannot read sends the component back to spaCy's path.
    """

    CACHE = 200_000  # distinct token keys kept (then the cache starts again: memory is flat)

    def __init__(self, ruler: Any) -> None:
        self.proc = self.ruler = ruler
        self._compile()

    def _compile(self) -> None:
        from spacy.matcher import Matcher

        ruler = self.ruler
        if not all(set(attrs) <= set(_COLUMNS) for attrs in ruler.attrs):
            raise _Unsupported("a rule sets attributes other than POS/TAG/LEMMA/MORPH/DEP")
        single, rest = Matcher(ruler.vocab), Matcher(ruler.vocab)
        names: set[str] = set()
        for attr_id in range(len(ruler.attrs)):
            _key, patterns = ruler.matcher.get(str(attr_id))
            one = all(len(p) == 1 and "OP" not in p[0] for p in patterns) and \
                ruler.indices[attr_id] in (0, -1)
            (single if one else rest).add(str(attr_id), patterns)
            if one:
                names.update(name.upper() for p in patterns for name in p[0])
        names = {"ORTH" if n == "TEXT" else n for n in names}
        if not names <= set(IDS) or "_" in names:
            raise _Unsupported(f"one-token rules read {sorted(names - set(IDS))}")
        self.single, self.rest = single, rest
        self.key_attrs = [IDS[n] for n in sorted(names)]
        self.n_rules = len(ruler.attrs)
        self.merged: dict[tuple[int, ...], list[tuple[int, int]]] = {}
        self.seen: dict[tuple[int, ...], tuple[int, ...]] = {}
        self.fallback = False

    def _single(self, doc: Any, i: int, key: tuple[int, ...]) -> tuple[int, ...]:
        ids = self.seen.get(key)
        if ids is None:
            strings = doc.vocab.strings
            ids = tuple(sorted(int(strings[m]) for m, _s, _e in self.single(
                doc[i:i + 1], allow_missing=True, as_spans=False)))
            if len(self.seen) >= self.CACHE:
                self.seen.clear()
            self.seen[key] = ids
        return ids

    def __call__(self, doc: Any) -> Any:
        ruler = self.ruler
        if len(ruler.attrs) != self.n_rules and not self.fallback:
            try:
                self._compile()
            except _Unsupported:
                self.fallback = True
        if self.fallback:
            return ruler(doc)
        if not len(doc):
            return doc
        rules: dict[int, list[int]] = {}
        if len(self.single):
            keys = doc.to_array(self.key_attrs).reshape(len(doc), -1).tolist() \
                if self.key_attrs else [[]] * len(doc)  # rules that name no attribute
            for i, key in enumerate(keys):
                ids = self._single(doc, i, tuple(key))
                if ids:
                    rules[i] = list(ids)
        if len(self.rest):
            strings, indices = doc.vocab.strings, ruler.indices
            for m, start, end in self.rest(doc, allow_missing=True, as_spans=False):
                attr_id = int(strings[m])
                index = indices[attr_id]
                i = start + index if index >= 0 else end + index
                if not start <= i < end:  # spaCy's own code raises its own error
                    return ruler(doc)
                rules.setdefault(i, []).append(attr_id)
        if not rules:
            return doc
        values = doc.to_array(_COLUMNS).tolist()
        for i, ids in rules.items():
            key = tuple(sorted(ids))  # later rules take precedence, as in spaCy
            update = self.merged.get(key)
            if update is None:
                merged: dict[int, int] = {}
                for attr_id in key:
                    merged.update(ruler.attrs[attr_id])
                update = self.merged[key] = [(_COLUMN[a], v) for a, v in merged.items()]
            row = values[i]
            for column, value in update:
                row[column] = value
        doc.from_array(_COLUMNS, numpy.asarray(values, dtype=numpy.uint64))
        return doc


class _Lemmatizer(_FastPipe):
    """``pipe`` for a spaCy ``Lemmatizer`` in ``rule`` mode."""

    def __init__(self, lemmatizer: Any) -> None:
        self.proc = self.lemmatizer = lemmatizer
        # key -> lemma as text: its hash may name a string that only lived in a memory zone
        self.lemmas: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc: Any) -> Any:
        lem = self.lemmatizer
        if not lem._validated:  # spaCy's own check of its tables, once
            return lem(doc)
        overwrite, lemmas, strings = lem.overwrite, self.lemmas, doc.vocab.strings
        out = []
        for i, (orth, pos, morph, lemma) in enumerate(
                doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()):
            if overwrite or lemma == 0:
                key = (orth, pos, morph)
                text = lemmas.get(key)
                if text is None:
                    if len(lemmas) >= _AttributeRuler.CACHE:
                        lemmas.clear()
                    text = lemmas[key] = lem.lemmatize(doc[i])[0]
                lemma = strings.add(text)  # as spaCy's lemma_ setter does
            out.append(lemma)
        doc.from_array([LEMMA], numpy.asarray(out, dtype=numpy.uint64))
        return doc


def install(nlp: Any) -> list[str]:
    """Give ``nlp``'s attribute ruler and rule lemmatizer their exact faster ``pipe``; returns
    the names of the components changed."""
    from spacy.pipeline import AttributeRuler, Lemmatizer

    done = []
    for name, proc in nlp.pipeline:
        fast: _AttributeRuler | _Lemmatizer | None = None
        if type(proc).__call__ is AttributeRuler.__call__:
            try:
                fast = _AttributeRuler(proc)
            except _Unsupported as why:
                log.debug("%s keeps spaCy's own code: %s", name, why)
        elif isinstance(proc, Lemmatizer) and proc.mode == "rule" and \
                type(proc).__call__ is Lemmatizer.__call__ and \
                type(proc).rule_lemmatize is Lemmatizer.rule_lemmatize:
            fast = _Lemmatizer(proc)
        if fast is not None:
            proc.pipe = fast.pipe
            done.append(name)
    log.debug("exact fast rule components: %s", done)
    return done
