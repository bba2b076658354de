"""A small valid project written by code, and ways to spoil it.

The project: two districts (西城, 东城) on 20 m cells in EPSG:4545 near
108E 29.5N, a landslide layer, and one layer under test (``case``) that
each bad input replaces. Every builder writes into the folder it is given;
nothing is committed as a fixture.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

import geopandas as gpd
import pyogrio
import shapely

X0, Y0 = 500_000.0, 3_270_000.0
CRS = "EPSG:4545"


def at(x: float, y: float) -> tuple[float, float]:
    return X0 + x, Y0 + y


def box(x0: float, y0: float, x1: float, y1: float) -> shapely.Polygon:
    return shapely.box(*at(x0, y0), *at(x1, y1))


def districts_frame(names: tuple[str, ...] = ("西城", "东城")) -> gpd.GeoDataFrame:
    width = 400 / len(names)
    return gpd.GeoDataFrame(
        {"区县": list(names)},
        geometry=[box(i * width, 0, (i + 1) * width, 300) for i in range(len(names))],
        crs=CRS,
    )


def slides_frame() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"易发性": ["极高易发区", "中"]},
        geometry=[box(0, 0, 60, 60), box(60, 0, 160, 100)],
        crs=CRS,
    )


def case_points(n: int = 5, crs: str | int = CRS) -> gpd.GeoDataFrame:
    """Points inside the districts with a ``value`` attribute."""
    x = np.linspace(30, 370, n)
    frame = gpd.GeoDataFrame(
        {"value": np.linspace(1.0, 5.0, n), "名称": [f"点{i}" for i in range(n)]},
        geometry=shapely.points(X0 + x, np.full(n, Y0 + 150)),
        crs=CRS,
    )
    return frame.to_crs(crs)


def case_boxes(n: int = 5, crs: str | int = CRS) -> gpd.GeoDataFrame:
    """Small squares inside the districts with a ``value`` attribute."""
    x = np.linspace(30, 330, n)
    frame = gpd.GeoDataFrame(
        {"value": np.linspace(1.0, 5.0, n), "名称": [f"区{i}" for i in range(n)]},
        geometry=shapely.box(X0 + x, Y0 + 100, X0 + x + 30, Y0 + 130),
        crs=CRS,
    )
    return frame.to_crs(crs)


def write_gpkg(frame: gpd.GeoDataFrame, path: Path, layer: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    pyogrio.write_dataframe(frame, path, layer=layer, driver="GPKG")
    return path


def write_vector(
    frame: gpd.GeoDataFrame, path: Path, driver: str | None = None
) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    pyogrio.write_dataframe(frame, path, driver=driver)
    return path


@dataclass
class Layer:
    """One ``[[layers]]`` table of the project file."""

    id: str
    kind: str
    path: str
    weight: float = 1.0
    extra: dict[str, str] = field(default_factory=dict)  # key -> TOML value text
    params: dict[str, str] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)

    def toml(self) -> str:
        lines = [
            "[[layers]]",
            f'id = "{self.id}"',
            f'kind = "{self.kind}"',
            f"path = {_quote(self.path)}",
            f"weight = {self.weight}",
            *(f"{k} = {v}" for k, v in self.extra.items()),
        ]
        if self.fields:
            lines.append("[layers.fields]")
            lines += [f'{k} = "{v}"' for k, v in self.fields.items()]
        if self.params:
            lines.append("[layers.params]")
            lines += [f"{k} = {v}" for k, v in self.params.items()]
        return "\n".join(lines)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def project_text(
    layers: list[Layer],
    *,
    districts: str = "districts.gpkg",
    districts_extra: str = 'name_field = "区县"',
    project_extra: str = "",
    cell_size: float = 20,
) -> str:
    head = (
        "schema_version = 1\n\n[project]\n"
        f'title = "可靠性测试"\ncrs = "{CRS}"\ncell_size = {cell_size:g}\n'
        f"{project_extra}\n"
        f"[districts]\npath = {_quote(districts)}\n{districts_extra}\n"
    )
    body = "\n\n".join(layer.toml() for layer in layers)
    return head + "\n" + body + "\n"


def slides_layer() -> Layer:
    return Layer("slide", "landslide", "slides.gpkg", 0.4)


def generic(path: str, **kw: object) -> Layer:
    """The layer under test as a ``generic`` hazard (any geometry, value optional)."""
    return Layer("case", "generic", path, 0.6, **kw)  # type: ignore[arg-type]


def write_base(folder: Path) -> Path:
    """Districts and the landslide layer, valid; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    write_gpkg(districts_frame(), folder / "districts.gpkg")
    write_gpkg(slides_frame(), folder / "slides.gpkg")
    return folder


def write_project(
    folder: Path, layers: list[Layer] | None = None, name: str = "p.riskmap.toml",
    **kw: object,
) -> Path:  # fmt: skip
    """A project over the base files; ``layers`` default to the slides only."""
    path = folder / name
    text = project_text([slides_layer(), *(layers or [])], **kw)  # type: ignore[arg-type]
    path.write_text(text, encoding="utf-8")
    return path


def damage_magic(path: Path, n: int = 16) -> Path:
    data = bytearray(path.read_bytes())
    data[:n] = b"X" * n
    path.write_bytes(bytes(data))
    return path
