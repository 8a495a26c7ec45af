"""Extraction quality on public benchmarks: graphbuild's own pipeline scored on CoNLL04, re3d.

* :mod:`~graphbuild.evaluate.predict` turns an article's findings into typed spans and named
  facts (``schema:worksFor``, ``rel:<verb>``, ``coref:sameAs``);
* :mod:`~graphbuild.evaluate.mapping` holds the tables from graphbuild's types and fact names
  to each benchmark's labels;
* :mod:`~graphbuild.evaluate.scoring` matches predictions to gold items one to one (strict or
  overlap) and computes precision, recall and F1 per type and micro-averaged;
* :mod:`~graphbuild.evaluate.conll04` and :mod:`~graphbuild.evaluate.re3d` read, run, write
  and score each benchmark; :mod:`~graphbuild.evaluate.report` prints the reports.

The command line is ``graphbuild evaluate conll04 FILE`` and ``graphbuild evaluate re3d DIR``;
docs/evaluation.md documents the mappings and the matching rules.
"""
