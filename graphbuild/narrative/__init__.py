"""Narratives across outlets and time (issue 16): quotations and reported claims that state
the same thing in different articles, linked into one ``schema:Claim`` with its appearances.

* :mod:`~graphbuild.narrative.similar`: the pairwise test and the blocking keys;
* :mod:`~graphbuild.narrative.cluster`: narratives as connected components, as RDF;
* :mod:`~graphbuild.narrative.read`: appearances read from a graph;
* :mod:`~graphbuild.narrative.store`: the incremental update of a store;
* :mod:`~graphbuild.narrative.dataset`: the same for a files-mode build (all at once).
"""
