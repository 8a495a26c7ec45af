"""Extractors: pure functions over a :class:`~graphbuild.types.ParsedDoc`, one per module.

Each module registers its function with :func:`graphbuild.registry.extractor`; the registry
imports every module of this package, so adding an extractor is adding one file.
"""
