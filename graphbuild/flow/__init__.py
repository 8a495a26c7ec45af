"""The one build path, used by every mode.

``sources`` (paths and texts, screened, with ids) -> ``worker`` (parse, extract, contain a
failing article as a :class:`~graphbuild.flow.worker.Failed`) -> ``executors`` (here, a
process pool, or Dask) -> a sink: an rdflib Dataset (:mod:`graphbuild.pipeline`: files mode
and ``graphbuild.build()``), a store (:mod:`graphbuild.corpus`: ``--store``) or N-Quads
partitions (:mod:`graphbuild.emit`: ``--emit``). Every mode reports the same way: what was
written, unchanged or skipped (with the reason) in one :class:`~graphbuild.flow.report.BuildReport`.
"""
