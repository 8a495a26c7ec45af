"""Extraction quality on public benchmarks: graphbuild's own pipeline scored on CoNLL04 and re3d.
"""
