"""Built-in hazard models; importing this package registers them.

Each kind is one module that subclasses
:class:`riskmap.core.hazard.HazardModel` and registers itself; the imports
below are explicit so that a frozen build finds every model.
"""

from riskmap.hazards import fire, generic, hazmat, landslide

__all__ = ["fire", "generic", "hazmat", "landslide"]
