"""Building blocks of the bad-input table (:mod:`tests.reliability.table`).

Each :class:`Case` builds its inputs into an empty folder and returns the
path the command takes (a project file, or a data file for ``inspect``).
``code`` 2 means a one-line error that contains every ``expect`` text; code 0
means the input loads and every ``expect`` text is reported (stderr for
``score``/``map``/``atlas``, the report for ``inspect``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

import geopandas as gpd
import pyogrio
import shapely
from pyproj import CRS as ProjCRS

from tests.io.fixtures import truncate, write_raster, write_shapefile
from tests.reliability.builders import (
    CRS,
    X0,
    Y0,
    Layer,
    at,
    box,
    case_boxes,
    case_points,
    damage_magic,
    districts_frame,
    generic,
    project_text,
    slides_layer,
    write_base,
    write_gpkg,
    write_project,
    write_vector,
)

Build = Callable[[Path], Path]


@dataclass(frozen=True)
class Case:
    id: str
    build: Build
    code: int
    expect: tuple[str, ...] = ()
    command: str = "score"  # score | inspect | map | atlas
    district: str = "西城"  # for map
    check: Callable[[Path], None] | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return self.id


# ------------------------------------------------------------ building blocks

Writer = Callable[[Path], str]  # writes the layer under test, returns its name


def as_layer(writer: Writer, kind: str = "generic", **layer: object) -> Build:
    """Base project plus the written file as layer 'case' of ``kind``."""

    def build(folder: Path) -> Path:
        write_base(folder)
        name = writer(folder)
        spec = Layer("case", kind, name, 0.6, **layer)  # type: ignore[arg-type]
        return write_project(folder, [spec])

    return build


def as_file(writer: Writer) -> Build:
    """Just the written file (for ``riskmap inspect``)."""

    def build(folder: Path) -> Path:
        return folder / writer(folder)

    return build


def shp(
    mutate: Callable[[Path], object] = lambda p: None,
    frame: Callable[[], gpd.GeoDataFrame] = case_points,
) -> Writer:
    def write(folder: Path) -> str:
        mutate(write_shapefile(folder, "c", frame()))
        return "c.shp"

    return write


def vector(
    name: str,
    frame: Callable[[], gpd.GeoDataFrame],
    mutate: Callable[[Path], object] = lambda p: None,
    driver: str | None = None,
) -> Writer:
    def write(folder: Path) -> str:
        path = folder / name
        if driver == "OpenFileGDB":
            pyogrio.write_dataframe(frame(), path, driver=driver, layer="b")
        else:
            write_vector(frame(), path, driver)
        mutate(path)
        return name

    return write


def csv(content: str | bytes) -> Writer:
    def write(folder: Path) -> str:
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / "c.csv").write_bytes(data)
        return "c.csv"

    return write


def tif(
    mutate: Callable[[Path], object] = lambda p: None,
    crs: str | None = CRS,
    size: int = 40,
) -> Writer:
    def write(folder: Path) -> str:
        values = np.arange(size * size, dtype="float32").reshape(size, size)
        cell = 400 / size
        path = write_raster(
            folder / "r.tif", values, crs=crs, x0=X0, y0=Y0 + 300, cell=cell
        )
        mutate(path)
        return "r.tif"

    return write


def zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


def gdb_truncate(path: Path) -> None:
    table = max(path.glob("*.gdbtable"), key=lambda p: p.stat().st_size)
    truncate(table, 0.5)


def _gdb_table(path: Path) -> Path:
    return max(path.glob("*.gdbtable"), key=lambda p: p.stat().st_size)


def gdb_zero_table(path: Path) -> None:
    zero_bytes(_gdb_table(path))


def gdb_damage_magic(path: Path) -> None:
    damage_magic(_gdb_table(path), 8)


def gdb_drop_table(path: Path) -> None:
    for part in path.glob("a00000009.*"):
        part.unlink()


def with_districts(frame: Callable[[], gpd.GeoDataFrame], **kw: object) -> Build:
    def build(folder: Path) -> Path:
        write_base(folder)
        write_gpkg(frame(), folder / "districts.gpkg")
        return write_project(folder, **kw)  # type: ignore[arg-type]

    return build


def project_file(text: Callable[[], str | bytes], encoding: str = "utf-8") -> Build:
    """Base data plus a project file with exactly this content."""

    def build(folder: Path) -> Path:
        write_base(folder)
        path = folder / "p.riskmap.toml"
        content = text()
        data = content.encode(encoding) if isinstance(content, str) else content
        path.write_bytes(data)
        return path

    return build


def good() -> str:
    return project_text([slides_layer()])


def edited(old: str, new: str) -> Callable[[], str]:
    def text() -> str:
        base = good()
        assert old in base, old
        return base.replace(old, new)

    return text


LOCAL_WKT = (
    'ENGCRS["site grid",EDATUM["local"],CS[Cartesian,2],'
    'AXIS["x",east,LENGTHUNIT["metre",1]],AXIS["y",north,LENGTHUNIT["metre",1]]]'
)
CUSTOM_TM = ProjCRS.from_proj4(
    "+proj=tmerc +lat_0=0 +lon_0=108 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 "
    "+units=m +no_defs"
).to_wkt()


def far_away() -> gpd.GeoDataFrame:
    frame = case_boxes(crs=4326)
    return frame.set_geometry(frame.geometry.translate(20.0, 0.0))  # ~1,900 km


def local_crs_frame() -> gpd.GeoDataFrame:
    return case_boxes().set_crs(ProjCRS.from_wkt(LOCAL_WKT), allow_override=True)


def with_values(values: list[object], column: str = "value", make=case_boxes):
    def frame() -> gpd.GeoDataFrame:
        f = make()
        f[column] = values
        return f

    return frame


def mixed_geometries() -> gpd.GeoDataFrame:
    f = case_boxes()
    f.loc[0, "geometry"] = shapely.Point(at(10, 10))
    f.loc[1, "geometry"] = shapely.LineString([at(0, 0), at(10, 10)])
    f["易发性"] = "高"
    return f


def swapped_shapefile() -> gpd.GeoDataFrame:
    f = case_points(crs=4326)
    xy = shapely.get_coordinates(f.geometry.values)
    return f.set_geometry(shapely.points(xy[:, 1], xy[:, 0]), crs=4326)


def two_layers(folder: Path) -> str:
    write_gpkg(case_boxes(), folder / "c.gpkg", layer="a")
    pyogrio.write_dataframe(case_points(), folder / "c.gpkg", layer="b", append=True)
    return "c.gpkg"


def bowtie_districts() -> gpd.GeoDataFrame:
    f = districts_frame()
    f.loc[0, "geometry"] = shapely.Polygon(
        [at(0, 0), at(200, 300), at(200, 0), at(0, 300)]
    )
    return f


def remote_district() -> gpd.GeoDataFrame:
    f = districts_frame(("西城", "东城", "远郊"))
    f.loc[2, "geometry"] = box(5000, 5000, 5400, 5300)
    return f


def city_sized_districts() -> gpd.GeoDataFrame:
    # 300 km x 300 km: at 1 m cells, 9e10 cells, terabytes
    return gpd.GeoDataFrame(
        {"区县": ["全市"]},
        geometry=[box(-150_000, -150_000, 150_000, 150_000)],
        crs=CRS,
    )


def outside_layer(exists: bool) -> Build:
    """The project in in/project/, the layer in in/shared/ ("../shared/...")."""

    def build(folder: Path) -> Path:
        project = write_base(folder / "project")
        if exists:
            write_gpkg(case_boxes(), folder / "shared" / "危化 路线.gpkg")
        return write_project(project, [generic("../shared/危化 路线.gpkg")])

    return build


def chinese_paths(folder: Path) -> Path:
    place = write_base(folder / "重庆 数据" / "第 1 批")
    write_gpkg(case_points(), place / "危化 点位.gpkg")
    return write_project(
        place, [generic("危化 点位.gpkg")], name="城区 风险 项目.riskmap.toml"
    )


def remote_district_is_low(out: Path) -> None:
    rows = (out / "districts.csv").read_text(encoding="utf-8-sig").splitlines()
    header = rows[0].split(",")
    remote = dict(
        zip(
            header,
            next(r for r in rows if r.startswith("远郊,")).split(","),
            strict=True,
        )
    )
    assert remote["max"] == "0.000000" and remote["level"].startswith("低")


def outputs_written(out: Path) -> None:
    for name in ("risk.tif", "classes.tif", "districts.csv", "districts.gpkg"):
        assert (out / name).stat().st_size > 0, name
