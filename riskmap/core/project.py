"""The project document: what an inspector opens, edits and saves.

Widgets and the CLI read a :class:`Project` and change it only through commands
(:mod:`riskmap.core.commands`); the document announces changes through plain
events that the GUI bridges to Qt signals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from riskmap.core.events import EventGroup

SCHEMA_VERSION = 1

#: Layers of this kind are drawn and may feed a model (fire stations, a DEM,
#: population) but are never scored themselves.
BASE_KIND = "base"

COMPOSITE_METHODS = ("union", "weighted_sum", "geometric", "max")
CLASSIFICATION_METHODS = ("fixed", "quantile", "natural_breaks")
PAPERS = ("A4", "A3")
ORIENTATIONS = ("landscape", "portrait")
DEFAULT_THRESHOLDS = (0.25, 0.50, 0.75)


@dataclass
class LayerSpec:
    """One layer of the project: where it is, how to read it, how it counts."""

    id: str
    kind: str
    path: Path
    layer: str | None = None
    name: str = ""
    source_crs: str | None = None
    encoding: str | None = None
    weight: float = 1.0
    fields: dict[str, str] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)
    style: dict[str, Any] = field(default_factory=dict)
    visible: bool = True
    opacity: float = 1.0
    date: str = ""  # date of the data (ISO), shown in page footers

    @property
    def title(self) -> str:
        return self.name or self.id

    @property
    def is_hazard(self) -> bool:
        return self.kind != BASE_KIND


@dataclass
class DistrictSpec:
    """The district (区县) layer the grid covers and statistics group by."""

    path: Path
    layer: str | None = None
    name_field: str | None = None
    source_crs: str | None = None
    encoding: str | None = None
    date: str = ""  # date of the data (ISO), shown in page footers


@dataclass
class CompositeSettings:
    method: str = "union"
    take_highest: bool = True
    exposure: str | None = None  # id of a base layer with population


@dataclass
class ClassificationSettings:
    method: str = "fixed"
    thresholds: tuple[float, float, float] = DEFAULT_THRESHOLDS


@dataclass
class PrintSettings:
    paper: str = "A4"
    orientation: str = "landscape"
    dpi: int = 300
    organisation: str = ""  # 编制单位
    review_number: str = ""  # 审图号
    internal: bool = False  # 内部资料 注意保密
    hatch: bool = False  # grey-scale friendly hatch per level


@dataclass(eq=False)
class Project:
    """A risk-map project. ``path`` is where it was loaded from or saved to."""

    title: str = ""
    crs: str | None = None
    cell_size: float = 50.0
    extent: tuple[float, float, float, float] | None = None
    date: str = ""  # assessment date, ISO
    sample: bool = False
    attribution: str = ""
    districts: DistrictSpec | None = None
    layers: list[LayerSpec] = field(default_factory=list)
    composite: CompositeSettings = field(default_factory=CompositeSettings)
    classification: ClassificationSettings = field(
        default_factory=ClassificationSettings
    )
    print: PrintSettings = field(default_factory=PrintSettings)
    path: Path | None = None
    events: EventGroup = field(
        default_factory=lambda: EventGroup(
            "layers", "layer", "settings", "result", "dirty"
        ),
        repr=False,
    )

    def layer(self, layer_id: str) -> LayerSpec:
        for spec in self.layers:
            if spec.id == layer_id:
                return spec
        raise KeyError(layer_id)

    def hazard_layers(self) -> list[LayerSpec]:
        return [spec for spec in self.layers if spec.is_hazard]

    def display_title(self) -> str:
        if self.title:
            return self.title
        if self.path is not None:
            return self.path.name.removesuffix(".riskmap.toml")
        return "untitled"

    def normalised_weights(self) -> dict[str, float]:
        """Hazard weights scaled to sum 1 (validated by the project reader)."""
        layers = self.hazard_layers()
        total = sum(spec.weight for spec in layers)
        if total <= 0:
            return {spec.id: 0.0 for spec in layers}
        return {spec.id: spec.weight / total for spec in layers}
