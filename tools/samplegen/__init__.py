"""Generator of the bundled sample project (see ``tools/make_sample.py``)."""
