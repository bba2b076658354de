"""Small data files built by code for the loading tests, and test hazard models.

Each builder writes into a folder it is given and returns the path of the
file a user would name. Coordinates are in Chongqing's main city.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from affine import Affine

import geopandas as gpd
import pyogrio
import rasterio
import shapely

from riskmap.core import hazard
from riskmap.core.fields import InputField
from riskmap.core.hazard import HazardModel

# 解放碑, 江北嘴, 北碚 (WGS 84 lon/lat)
LON = np.array([106.5770, 106.5850, 106.4370])
LAT = np.array([29.5570, 29.5700, 29.8250])
NAMES = ["渝中区", "江北区", "北碚区"]


def points_frame(crs: int | str | None = 4326, **columns: object) -> gpd.GeoDataFrame:
    data = {"名称": NAMES, "高度": [30.5, 120.0, 54.0], **columns}
    return gpd.GeoDataFrame(data, geometry=shapely.points(LON, LAT), crs=crs)


def boxes_frame(
    n: int = 3, crs: int | str = 4326, size: float = 0.001
) -> gpd.GeoDataFrame:
    x = 106.50 + 0.01 * np.arange(n)
    y = np.full(n, 29.55)
    return gpd.GeoDataFrame(
        {"名称": [f"楼{i}" for i in range(n)], "height_m": np.linspace(30, 90, n)},
        geometry=shapely.box(x, y, x + size, y + size),
        crs=crs,
    )


def write_shapefile(
    folder: Path, name: str, frame: gpd.GeoDataFrame, encoding: str = "utf-8",
    cpg: bool = True, prj: bool = True,
) -> Path:  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.shp"
    pyogrio.write_dataframe(frame, path, encoding=encoding)
    if not cpg:
        path.with_suffix(".cpg").unlink()
    if not prj:
        path.with_suffix(".prj").unlink()
    return path


def set_language_id(dbf: Path, ldid: int) -> None:
    data = bytearray(dbf.read_bytes())
    data[29] = ldid
    dbf.write_bytes(bytes(data))


def truncate(path: Path, fraction: float) -> Path:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * fraction)])
    return path


def write_geojson(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def crs84_geojson(folder: Path) -> Path:
    features = ",".join(
        f'{{"type":"Feature","properties":{{"名称":"{n}"}},'
        f'"geometry":{{"type":"Point","coordinates":[{x!r},{y!r}]}}}}'
        for n, x, y in zip(NAMES, LON.tolist(), LAT.tolist(), strict=True)
    )
    return write_geojson(
        folder / "crs84.geojson",
        '{"type":"FeatureCollection","crs":{"type":"name","properties":'
        '{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"features":[' + features + "]}",
    )


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def lonlat_csv(folder: Path, encoding: str = "gbk") -> Path:
    rows = [
        f"{n},{x},{y},{h}"
        for n, x, y, h in zip(NAMES, LON, LAT, [30, 120, 54], strict=True)
    ]
    return write_csv(
        folder / "points.csv",
        "名称,经度,纬度,高度\n" + "\n".join(rows) + "\n",
        encoding,
    )


def write_raster(
    path: Path, values: np.ndarray, *, crs: str | None = "EPSG:4545",
    x0: float = 500_000.0, y0: float = 3_270_000.0, cell: float = 10.0,
    nodata: float | None = None,
) -> Path:  # fmt: skip
    profile = {
        "driver": "GTiff", "height": values.shape[0], "width": values.shape[1],
        "count": 1, "dtype": values.dtype.name,
        "transform": Affine(cell, 0.0, x0, 0.0, -cell, y0), "nodata": nodata,
    }  # fmt: skip
    if crs is not None:
        profile["crs"] = crs
    with rasterio.open(path, "w", **profile) as dst:
        dst.write(values, 1)
    return path


def tree_digest(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder``, keyed by relative path."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# ------------------------------------------------------------ test models


@dataclass(frozen=True)
class _NoParams:
    pass


def _model(kind: str, inputs: tuple[InputField, ...], geometry: set[str]) -> type:
    class TestModel(HazardModel):
        Params = _NoParams

        def prepare(self, layer: object, params: object, context: object) -> object:
            return layer

        def intensity(self, prepared, tile, params, feedback) -> np.ndarray:  # type: ignore[no-untyped-def]
            return np.zeros(tile.shape, np.float32)

    TestModel.kind = kind
    TestModel.label = {"en": kind, "zh": kind}
    TestModel.inputs = inputs
    TestModel.geometry_types = frozenset(geometry)
    TestModel.__name__ = f"TestModel_{kind}"
    return TestModel


# Aliases from DESIGN.md's "Model inputs" table.
TEST_MODELS = [
    _model(
        "test_route",
        (
            InputField(
                "trips",
                required=True,
                aliases=("daily_trips", "日均车次", "车次"),
                minimum=0,
            ),
            InputField(
                "un_class",
                type="text",
                required=True,
                aliases=("class", "危险货物类别", "类别"),
            ),
            InputField("un_number", type="text"),
        ),
        {"line"},
    ),
    _model(
        "test_highrise",
        (
            InputField(
                "height_m",
                required=True,
                aliases=("height", "高度", "建筑高度", "楼高"),
                minimum=0,
            ),
            InputField("floors", aliases=("层数",), minimum=0),
            InputField("use", type="text", aliases=("用途", "使用性质")),
        ),
        {"polygon"},
    ),
    _model(
        "test_station",
        (InputField("value", aliases=("intensity", "强度", "值", "score")),),
        {"point"},
    ),
]


def register_test_models(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Put the test models in the registry for one test (undone afterwards)."""
    for model in TEST_MODELS:
        monkeypatch.setitem(hazard._REGISTRY, model.kind, model)


def sizes(folder: Path) -> dict[str, int]:
    return {name: os.path.getsize(folder / name) for name in os.listdir(folder)}
