"""What a printed page shows, as plain data the pipeline fills in.

render/ never reads a Project or a layer file itself: ``riskmap.pipeline``
builds a :class:`MapDocument` from the project, the loaded layers and the
scoring result, and the drawing functions only read it. The same document
serves every page of an atlas and the GUI's canvas.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from riskmap.core.grid import Grid
from riskmap.render.styles import LayerStyle


@dataclass
class VectorLayer:
    """A layer to draw: geometries in the working CRS and how to draw them."""

    id: str
    title: str
    geometry_kind: str  # "point" | "line" | "polygon"
    geometries: np.ndarray  # shapely geometries
    style: LayerStyle
    categories: np.ndarray | None = None  # category key per feature ("" = none)


@dataclass
class Hotspot:
    rank: int
    lon: float
    lat: float
    score: float
    level: int  # class code 1-4
    dominant: str  # title of the hazard that contributes most
    district: str = ""
    x: float = float("nan")  # working CRS, for the numbered marker on the map
    y: float = float("nan")


@dataclass
class AreaStats:
    """Statistics of a district or of the whole map, for legend and table."""

    name: str
    cells: int
    mean: float
    max: float
    shares: dict[int, float]  # level code -> fraction of the area's cells
    level: int  # class code of the area (0 = no cells)
    raised: bool = False  # level raised by the share-of-重大 rule
    dominant: str = ""
    hotspots: list[Hotspot] = field(default_factory=list)


@dataclass
class District:
    name: str
    geometry: object  # shapely (Multi)Polygon in the working CRS
    stats: AreaStats


@dataclass
class Footer:
    """The fine print: where the data came from and how the map was made."""

    sources: list[str]
    crs_text: str
    cell_size: float
    method: str
    classification: str
    weights: str
    fingerprint: str
    version: str
    made: str  # date the page was produced (ISO)
    organisation: str = ""
    review_number: str = ""
    internal: bool = False
    notes: list[str] = field(default_factory=list)  # caveats of the method


@dataclass
class MapDocument:
    """Everything the pages of one project and result show."""

    title: str  # project title
    date: str  # assessment date (ISO), shown in the subtitle
    grid: Grid
    classes: np.ndarray  # uint8 class codes, grid shape (0 = outside)
    districts: list[District]
    layers: list[VectorLayer]
    thresholds: tuple[float, float, float]
    city: AreaStats  # the whole map
    footer: Footer
    sample: bool = False
    hatch: bool = False
    north_angle: float = 0.0  # degrees from grid north to true north, clockwise
    #: What the user should know about these pages (characters the font
    #: lacks), told once per document by the front-end.
    warnings: list[str] = field(default_factory=list)

    def district(self, name: str) -> District:
        for district in self.districts:
            if district.name == name:
                return district
        raise KeyError(name)
