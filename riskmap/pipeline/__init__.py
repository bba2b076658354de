"""The use cases both front-ends call: open, load, score, export.

The GUI and the CLI go through this package only, so they cannot drift apart:
``loading`` opens projects and layers, ``scoring`` computes results and writes
them, ``printing`` draws maps and atlases.
"""
