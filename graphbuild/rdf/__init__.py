"""RDF: the graphbuild vocabulary, IRIs, and the conversion of findings into triples."""
