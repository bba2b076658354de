"""The coordinate system statement printed on maps, in Chinese (DOMAIN.md 8)."""

from __future__ import annotations

import re

from pyproj import CRS
from pyproj.exceptions import CRSError

CGCS2000 = "2000国家大地坐标系"
GK = "高斯-克吕格投影"


def _epsg_code(crs: str) -> int | None:
    match = re.fullmatch(r"\s*EPSG:(\d+)\s*", crs, flags=re.IGNORECASE)
    if match:
        return int(match.group(1))
    try:
        code = CRS.from_user_input(crs).to_epsg()
    except CRSError:
        return None
    return code


def crs_statement(crs: str | None) -> str:
    """How a Chinese map states its CRS, e.g. for EPSG:4545
    "2000国家大地坐标系 高斯-克吕格投影 3°带 中央子午线108°E".

    CGCS2000 Gauss-Krüger 3° and 6° zones (with and without the zone number
    in the false easting) and WGS 84 / UTM are named in words; any other CRS
    by its name.
    """
    if not crs:
        return "未定义坐标系"
    code = _epsg_code(crs)
    if code is not None:
        text = _named(code)
        if text:
            return text
    try:
        return CRS.from_user_input(crs).name
    except CRSError:
        return str(crs)


def _named(code: int) -> str | None:
    if code == 4490:
        return f"{CGCS2000} 经纬度"
    if code == 4326:
        return "WGS 84 经纬度"
    if 4534 <= code <= 4554:  # 3° zones, CM 75°E ... 135°E, no zone prefix
        return f"{CGCS2000} {GK} 3°带 中央子午线{75 + 3 * (code - 4534)}°E"
    if 4513 <= code <= 4533:  # 3° zones 25 ... 45, zone number prefixed
        zone = 25 + (code - 4513)
        return f"{CGCS2000} {GK} 3°带 第{zone}带（东坐标含带号） 中央子午线{3 * zone}°E"
    if 4502 <= code <= 4512:  # 6° zones, CM 75°E ... 135°E, no prefix
        return f"{CGCS2000} {GK} 6°带 中央子午线{75 + 6 * (code - 4502)}°E"
    if 4491 <= code <= 4501:  # 6° zones 13 ... 23, zone number prefixed
        zone = 13 + (code - 4491)
        return (
            f"{CGCS2000} {GK} 6°带 第{zone}带（东坐标含带号）"
            f" 中央子午线{6 * zone - 3}°E"
        )
    if 32601 <= code <= 32660:
        return f"WGS 84 UTM 第{code - 32600}带（北半球）"
    if 32701 <= code <= 32760:
        return f"WGS 84 UTM 第{code - 32700}带（南半球）"
    return None
