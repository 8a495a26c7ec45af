"""Resolution: gazetteer knowledge, entity identity within and across articles, stable IRIs."""
