"""From a file to clean features in the working CRS, in two steps.

:func:`prepare` reads a layer (vector file or CSV), cleans its geometries and
settles what CRS its coordinates are in, checking them; :func:`finish`
reprojects it. The two are apart because the district layer decides the
working CRS between them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

import geopandas as gpd
from pyproj import CRS

from riskmap.core.feedback import Feedback, NullFeedback, SubFeedback
from riskmap.core.layers import SourceInfo
from riskmap.io.crs import (
    SourceCRS,
    check_coordinates,
    lonlat_bounds,
    resolve_source_crs,
    to_working_crs,
)
from riskmap.io.geometry import GeometryReport, clean_geometries, layer_geometry_type
from riskmap.io.tabular import read_csv_layer
from riskmap.io.vector import (
    TABLE_SUFFIXES,
    ChunkHook,
    ColumnChoice,
    RawLayer,
    check_source,
    read_vector,
)


@dataclass
class PreparedLayer:
    """A layer read and cleaned, still in its own coordinates."""

    raw: RawLayer
    frame: gpd.GeoDataFrame
    source: SourceCRS
    geometry: GeometryReport
    where: str
    warnings: list[str] = field(default_factory=list)

    def lonlat_bounds(self) -> tuple[float, float, float, float] | None:
        if len(self.frame) == 0:
            return None
        bounds = tuple(float(v) for v in self.frame.total_bounds)
        out = lonlat_bounds(bounds, self.source)  # type: ignore[arg-type]
        return out if all(math.isfinite(v) for v in out) else None


def source_path(path: str | Path) -> Path:
    """The data source ``path`` names.

    A FileGDB is a folder (``X.gdb``) of tables; a file picked inside it names
    the whole geodatabase, since GDAL would open that one table (often a
    system table) on its own.
    """
    path = Path(path)
    parent = path.parent
    if path.suffix.lower() != ".gdb" and parent.suffix.lower() == ".gdb":
        return parent
    return path


def read_source(
    path: Path,
    layer: str | None = None,
    *,
    encoding: str | None = None,
    where: str | None = None,
    feedback: Feedback | None = None,
    columns: ColumnChoice | None = None,
    chunk_hook: ChunkHook | None = None,
) -> RawLayer:
    """Read a vector file or a CSV table as it is (see :mod:`riskmap.io.vector`).

    ``columns`` picks the attributes to read and ``chunk_hook`` sees each
    chunk read (vector files; a CSV table is read whole). A file inside a
    FileGDB folder reads the geodatabase (:func:`source_path`).
    """
    path = source_path(path)
    where = where or path.name
    if path.suffix.lower() in TABLE_SUFFIXES:
        check_source(path, where)
        return read_csv_layer(path, encoding=encoding, where=where)
    return read_vector(
        path, layer, encoding=encoding, where=where, feedback=feedback,
        columns=columns, chunk_hook=chunk_hook,
    )  # fmt: skip


def prepare(
    path: Path,
    layer: str | None = None,
    *,
    encoding: str | None = None,
    source_crs: str | None = None,
    allowed: Iterable[str] | None = None,
    where: str | None = None,
    feedback: Feedback | None = None,
    columns: ColumnChoice | None = None,
    chunk_hook: ChunkHook | None = None,
) -> PreparedLayer:
    """Read, clean and check a layer; its CRS settled but not yet reprojected.

    ``columns`` and ``chunk_hook`` are passed to :func:`read_source`.
    """
    path = source_path(path)
    where = where or path.name
    feedback = feedback or NullFeedback()
    raw = read_source(
        path, layer, encoding=encoding, where=where,
        feedback=SubFeedback(feedback, 0, 80), columns=columns,
        chunk_hook=chunk_hook,
    )  # fmt: skip
    frame, report = clean_geometries(raw.frame, allowed, where)
    warnings = [*raw.warnings, *report.warnings(where)]
    if raw.total == 0 or len(frame) == 0:
        warnings.append(f"{where}: the layer has no features")
    if len(frame) == 0 and raw.file_crs is None and not source_crs:
        how = "none: the layer is empty"
        source = SourceCRS(CRS.from_epsg(4326), None, "EPSG:4326", how)
    else:
        bounds = tuple(float(v) for v in frame.total_bounds)
        source, notes = resolve_source_crs(
            raw.file_crs,
            source_crs,
            bounds,
            where,
            raw.crs_how,
            raw.swap_hint,  # type: ignore[arg-type]
        )
        warnings += notes
        geoms = np.asarray(frame.geometry.values._data)
        warnings += check_coordinates(geoms, source, where, raw.swap_hint)
    feedback.set_progress(90)
    return PreparedLayer(raw, frame, source, report, where, warnings)


def finish(prepared: PreparedLayer, crs: str) -> tuple[gpd.GeoDataFrame, SourceInfo]:
    """The layer reprojected to ``crs`` and the facts of its reading."""
    frame = to_working_crs(prepared.frame, prepared.source, crs, prepared.where)
    return frame, source_info(prepared)


def source_info(prepared: PreparedLayer) -> SourceInfo:
    raw, rep = prepared.raw, prepared.geometry
    fixes = {
        "missing or empty": rep.missing,
        "NaN or infinite coordinates": rep.non_finite,
        "Z/M dropped": rep.z_dropped,
        "repaired": rep.repaired,
        "unrepairable": rep.unrepairable,
        "parts of another type dropped": rep.parts_dropped,
        "centroids of polygons": rep.to_centroid,
        "wrong geometry type": rep.wrong_type,
    }
    return SourceInfo(
        path=raw.path,
        layer=raw.layer,
        driver=raw.driver,
        crs=prepared.source.label,
        crs_how=prepared.source.how,
        encoding=raw.encoding.encoding,
        encoding_how=raw.encoding.how,
        features_read=raw.total,
        geometry_type=layer_geometry_type(
            np.asarray(prepared.frame.geometry.values._data)
        ),
        records_lost=len(raw.lost),
        lost_records=tuple(raw.lost),
        large=raw.large,
        lonlat_bounds=prepared.lonlat_bounds(),
        geometry_fixes={k: v for k, v in fixes.items() if v},
    )
