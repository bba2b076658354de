"""The use cases both front-ends call: open, load, score, export.

The GUI and the CLI go through these functions only, so they cannot drift
apart.
"""

from __future__ import annotations
