"""Coordinate reference systems: parsing, checking, choosing, reprojecting.

``source_crs`` in a project may name any CRS pyproj knows (``EPSG:4545``,
WKT, ``CGCS2000``) or one of the two Chinese consumer-map offsets, GCJ-02
(Amap, Tencent) and BD-09 (Baidu). Those are not datums: riskmap converts such
coordinates to WGS 84 with :mod:`riskmap.io.gcj02` (the GCJ-02 inverse is
iterated until the forward formula reproduces the input to 1e-9 degrees, about
0.1 mm; the formulas themselves are what the map providers use, so the result
is as good as the offset model, usually within a metre or two of survey truth)
and only then reprojects with ``to_crs``. Layers are never relabelled to hide
a mismatch: a label is set only from what the file or the project declares.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

import geopandas as gpd
import shapely
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError, ProjError

from riskmap.errors import CRSMismatchError, MissingCRSError, SettingsError
from riskmap.io import gcj02

GCJ02 = "GCJ-02"
BD09 = "BD-09"
_OFFSETS = {"gcj02": GCJ02, "gcj": GCJ02, "bd09": BD09, "bd09ll": BD09}
_NAMES = {"cgcs2000": "EPSG:4490", "wgs84": "EPSG:4326", "crs84": "OGC:CRS84"}
_TO_WGS84: dict[str, Callable] = {
    GCJ02: gcj02.gcj02_to_wgs84,
    BD09: gcj02.bd09_to_wgs84,
}

#: Chongqing municipality, lon/lat, with a little margin.
CHONGQING_BOX = (105.2, 28.1, 110.3, 32.3)
#: Where the CGCS2000 3-degree Gauss-Krüger zones (CM 75E-135E) apply.
CHINA_BOX = (73.4, 3.0, 136.6, 54.0)
DEFAULT_WORKING_CRS = "EPSG:4545"


@dataclass(frozen=True)
class SourceCRS:
    """What a layer's coordinates are: a CRS, possibly behind a GCJ/BD offset.

    ``crs`` is the CRS the coordinates are in once any ``offset`` is removed
    (WGS 84 for GCJ-02 and BD-09); ``label`` is what the user sees.
    """

    crs: CRS
    offset: str | None
    label: str
    how: str

    @property
    def is_geographic(self) -> bool:
        return self.offset is not None or bool(self.crs.is_geographic)


def crs_label(crs: CRS) -> str:
    """``EPSG:4545``-style code when there is one, else the CRS name."""
    auth = crs.to_authority(min_confidence=90)
    if auth is not None:
        return f"{auth[0]}:{auth[1]}"
    return crs.name or crs.to_string()


def crs_name(text: str) -> str:
    """A short name for a CRS written as a code or as WKT (for messages)."""
    if "[" not in text:
        return text
    try:
        return crs_label(CRS.from_user_input(text))
    except CRSError:
        return text[:60]


def parse_crs(text: str, where: str) -> tuple[CRS, str | None, str]:
    """(CRS, offset, label) for a CRS written in a project or on the command line.

    ``GCJ-02``/``GCJ02``/``gcj-02`` and ``BD-09``/``BD09`` give WGS 84 with that
    offset. Anything pyproj cannot read raises :class:`SettingsError`.
    """
    key = text.strip().casefold().replace("-", "").replace("_", "").replace(" ", "")
    if key in _OFFSETS:
        return CRS.from_epsg(4326), _OFFSETS[key], _OFFSETS[key]
    try:
        crs = CRS.from_user_input(_NAMES.get(key, text.strip()))
    except CRSError:
        raise SettingsError(
            f"{where}: '{text}' is not a coordinate reference system riskmap knows",
            'write an EPSG code such as "EPSG:4545", or "GCJ-02" / "BD-09"',
        ) from None
    return crs, None, crs_label(crs)


def check_working_crs(text: str, where: str = "[project] crs") -> str:
    """The working CRS code, which must be projected with metres as its unit."""
    crs, offset, label = parse_crs(text, where)
    unit = crs.axis_info[0].unit_name if crs.axis_info else ""
    if offset is not None or not crs.is_projected or unit not in ("metre", "meter"):
        raise SettingsError(
            f"{where}: the working CRS must be projected in metres, not '{text}'",
            'use for example crs = "EPSG:4545" (CGCS2000 / 3-degree GK CM 108E)',
        )
    return label


def choose_working_crs(lon: float, lat: float) -> str:
    """The working CRS for data centred at (lon, lat) (DOMAIN.md section 8.3).

    One city-wide grid in EPSG:4545 for Chongqing (even west of 106.5E); the
    CGCS2000 3-degree Gauss-Krüger zone without prefix elsewhere in China
    (EPSG:4534-4554, CM 75E-135E); the WGS 84 UTM zone anywhere else.
    """
    x0, y0, x1, y1 = CHONGQING_BOX
    if x0 <= lon <= x1 and y0 <= lat <= y1:
        return DEFAULT_WORKING_CRS
    x0, y0, x1, y1 = CHINA_BOX
    if x0 <= lon <= x1 and y0 <= lat <= y1:
        cm = min(135, max(75, 3 * round(lon / 3)))
        return f"EPSG:{4534 + (cm - 75) // 3}"
    zone = min(60, max(1, int((lon + 180) // 6) + 1))
    return f"EPSG:{(32600 if lat >= 0 else 32700) + zone}"


def _inside(box: tuple[float, float, float, float], x: float, y: float) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def plausible_lonlat(bounds: tuple[float, float, float, float]) -> bool:
    xmin, ymin, xmax, ymax = bounds
    return -180 <= xmin <= xmax <= 180 and -90 <= ymin <= ymax <= 90


def _crs_hint(bounds: tuple[float, float, float, float]) -> str:
    """A guess at the CRS of projected coordinates, for a MissingCRSError hint."""
    xmin, ymin, xmax, ymax = bounds
    if xmin >= 1e5 and xmax <= 9e5 and ymin >= 2e6 and ymax <= 6e6:
        return (
            "set source_crs for this layer; metre coordinates like these are often "
            'CGCS2000 3-degree Gauss-Krüger, e.g. "EPSG:4545" (CM 108E, Chongqing)'
        )
    zone = int(xmin // 1e6)
    if 25 <= zone <= 45 and int(xmax // 1e6) == zone and 2e6 <= ymin <= 6e6:
        return (
            f"set source_crs for this layer; x begins with {zone}, the zone prefix "
            f'of CGCS2000 3-degree Gauss-Krüger zone {zone}: "EPSG:{4513 + zone - 25}"'
        )
    return 'set source_crs for this layer, e.g. source_crs = "EPSG:4545"'


def resolve_source_crs(
    file_crs: CRS | None,
    declared: str | None,
    bounds: tuple[float, float, float, float],
    where: str,
    file_how: str = "from the file",
    swap_hint: str = "",
) -> tuple[SourceCRS, list[str]]:
    """The CRS of a layer's coordinates and the warnings that go with it.

    The project's ``declared`` CRS wins over the file's; a layer with neither
    is assumed to be EPSG:4326 when every coordinate is a plausible lon/lat
    (``bounds`` are the raw coordinate bounds), else MissingCRSError.
    """
    warnings: list[str] = []
    if declared:
        crs, offset, label = parse_crs(declared, f"{where}: source_crs")
        how = "declared in the project (source_crs)"
        if offset is not None:
            how += f"; converted from {offset} to WGS 84"
        if file_crs is not None and (offset is not None or not file_crs.equals(crs)):
            warnings.append(
                f"{where}: source_crs {label} overrides the file's CRS "
                f"{crs_label(file_crs)}"
            )
        return _transformable(SourceCRS(crs, offset, label, how), where), warnings
    if file_crs is not None:
        source = SourceCRS(file_crs, None, crs_label(file_crs), file_how)
        return _transformable(source, where), warnings
    if all(math.isfinite(b) for b in bounds) and plausible_lonlat(bounds):
        warnings.append(
            f"{where}: no CRS in the file; every coordinate is a plausible "
            "lon/lat, so EPSG:4326 (WGS 84) is assumed (set source_crs if wrong)"
        )
        how = "assumed: no CRS in the file, coordinates look like lon/lat"
        return SourceCRS(CRS.from_epsg(4326), None, "EPSG:4326", how), warnings
    xmin, ymin, xmax, ymax = bounds
    swapped = (ymin, xmin, ymax, xmax)
    if plausible_lonlat(swapped) and _inside(CHINA_BOX, *_centre(swapped)):
        raise CRSMismatchError(
            f"{where}: longitude and latitude seem swapped (x from {xmin:.6g} "
            f"to {xmax:.6g}, y from {ymin:.6g} to {ymax:.6g})",
            swap_hint or "export the layer again with x = longitude, y = latitude",
        )
    why = (
        f" ({file_how.removeprefix('none: ')})" if file_how.startswith("none: ") else ""
    )
    raise MissingCRSError(
        f"{where}: has no coordinate reference system{why} and its coordinates "
        f"are not lon/lat (x {xmin:.6g} to {xmax:.6g}, y {ymin:.6g} to {ymax:.6g})",
        _crs_hint(bounds),
    )


def _transformable(source: SourceCRS, where: str) -> SourceCRS:
    """``source`` if PROJ can bring its coordinates to lon/lat, else
    CRSMismatchError (a local engineering grid has no link to any datum)."""
    if source.offset is None:
        try:
            _to_wgs84(source.crs)
        except ProjError:
            raise CRSMismatchError(
                f"{where}: its CRS '{source.label}' cannot be transformed to "
                "longitude/latitude or to the working CRS (PROJ knows no "
                "transformation, as for a local site grid)",
                "reproject the layer to a standard CRS (e.g. EPSG:4545) in a GIS, "
                "or set source_crs to the CRS its coordinates are really in",
            ) from None
    return source


_LOCAL = threading.local()


def _to_wgs84(crs: CRS) -> Transformer:
    """A transformer to WGS 84 lon/lat, cached per thread (building one costs
    tens of milliseconds; pyproj transformers are not shared across threads)."""
    cache = _LOCAL.__dict__.setdefault("transformers", {})
    if crs not in cache:
        cache[crs] = Transformer.from_crs(crs, 4326, always_xy=True)
    return cache[crs]


def _to_lonlat_points(source: SourceCRS, x: np.ndarray, y: np.ndarray):
    if source.offset is not None:
        return _TO_WGS84[source.offset](x, y)
    return _to_wgs84(source.crs).transform(x, y)


def lonlat_bounds(
    bounds: tuple[float, float, float, float], source: SourceCRS
) -> tuple[float, float, float, float]:
    """Raw coordinate bounds as WGS 84 lon/lat bounds (edges densified)."""
    if not all(math.isfinite(b) for b in bounds):
        return (math.nan,) * 4  # type: ignore[return-value]
    if source.offset is not None:
        x = np.array([bounds[0], bounds[2], bounds[0], bounds[2]])
        y = np.array([bounds[1], bounds[1], bounds[3], bounds[3]])
        lon, lat = _TO_WGS84[source.offset](x, y)
        return float(lon.min()), float(lat.min()), float(lon.max()), float(lat.max())
    t = _to_wgs84(source.crs)
    out = t.transform_bounds(*bounds, densify_pts=21)
    return tuple(float(v) for v in out)  # type: ignore[return-value]


def _centre(bounds: tuple[float, float, float, float]) -> tuple[float, float]:
    return (bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2


def check_coordinates(
    geoms: np.ndarray, source: SourceCRS, where: str, swap_hint: str = ""
) -> list[str]:
    """Raise on out-of-range or swapped coordinates; warn when far from the CRS.

    ``geoms`` are non-empty shapely geometries in raw (source) coordinates.
    Longitude and latitude are taken as swapped when x stays within +-90 but y
    does not, or when the data lies outside China and swapping would put it
    inside. Returns warnings.
    """
    if len(geoms) == 0:
        return []
    fb = shapely.bounds(geoms)
    bounds = (
        float(np.nanmin(fb[:, 0])),
        float(np.nanmin(fb[:, 1])),
        float(np.nanmax(fb[:, 2])),
        float(np.nanmax(fb[:, 3])),
    )
    hint = swap_hint or "export the layer again with x = longitude, y = latitude"
    xmin, ymin, xmax, ymax = bounds
    if source.is_geographic:
        x_lat_like = xmin >= -90 and xmax <= 90
        y_lon_like = ymin >= -180 and ymax <= 180
        if x_lat_like and y_lon_like and (ymin < -90 or ymax > 90):
            raise CRSMismatchError(
                f"{where}: longitude and latitude seem swapped (x from {xmin:.6g} "
                f"to {xmax:.6g}, y from {ymin:.6g} to {ymax:.6g})",
                hint,
            )
        bad = (fb[:, 0] < -180) | (fb[:, 2] > 180) | (fb[:, 1] < -90) | (fb[:, 3] > 90)
        if bad.any():
            first = int(np.flatnonzero(bad)[0])
            raise CRSMismatchError(
                f"{where}: {int(bad.sum())} features have coordinates outside "
                f"longitude -180..180 / latitude -90..90 (first: feature {first}) "
                f"for {source.label}",
                "check the coordinates, or set source_crs if they are not lon/lat",
            )
    lon, lat = _centre(lonlat_bounds(bounds, source))
    if math.isfinite(lon) and not _inside(CHINA_BOX, lon, lat):
        sx, sy = _centre(bounds)
        slon, slat = _to_lonlat_points(source, np.array([sy]), np.array([sx]))
        if _inside(CHINA_BOX, float(slon[0]), float(slat[0])):
            raise CRSMismatchError(
                f"{where}: x and y seem swapped: the data centre is at "
                f"{lon:.4f}E {lat:.4f}N, outside China, but with x and y "
                "exchanged it would be inside",
                hint,
            )
    area = source.crs.area_of_use if source.offset is None else None
    if area is not None and math.isfinite(lon):
        margin = 5.0
        if not (
            area.west - margin <= lon <= area.east + margin
            and area.south - margin <= lat <= area.north + margin
        ):
            return [
                f"{where}: the data centre ({lon:.4f}E {lat:.4f}N) is far outside "
                f"where {source.label} is used ({area.name}); if the layer lands "
                "in the wrong place, set source_crs"
            ]
    return []


def _apply_offset(geoms: np.ndarray, offset: str) -> np.ndarray:
    convert = _TO_WGS84[offset]

    def to_wgs84(coords: np.ndarray) -> np.ndarray:
        lon, lat = convert(coords[:, 0], coords[:, 1])
        return np.column_stack([lon, lat])

    return shapely.transform(geoms, to_wgs84)


def to_working_crs(
    frame: gpd.GeoDataFrame, source: SourceCRS, target: str, where: str
) -> gpd.GeoDataFrame:
    """``frame`` (raw coordinates in ``source``) reprojected to ``target``.

    GCJ-02/BD-09 coordinates are first converted to WGS 84. Coordinates that
    the target projection cannot represent raise CRSMismatchError.
    """
    if source.offset is not None:
        geoms = _apply_offset(frame.geometry.values._data, source.offset)
        frame = frame.set_geometry(gpd.GeoSeries(geoms, index=frame.index, crs=4326))
    elif frame.crs is None or not frame.crs.equals(source.crs):
        # The file or the project declares what the coordinates are; this is
        # that declaration, not a repair: to_crs below does the reprojection.
        frame = frame.set_crs(source.crs, allow_override=True)
    out = frame.to_crs(target)
    # Points a projection cannot represent come back as inf.
    bounds = shapely.bounds(out.geometry.values._data)
    bad = np.flatnonzero(~np.isfinite(bounds).all(axis=1))
    if bad.size:
        raise CRSMismatchError(
            f"{where}: {bad.size} features cannot be projected to {target} "
            f"(first: feature {out.index[bad[0]]})",
            "check source_crs for this layer, or set [project] crs",
        )
    return out
