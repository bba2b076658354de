from __future__ import annotations

import numpy as np

from pyproj import Geod

from riskmap.io.gcj02 import (
    bd09_to_gcj02,
    bd09_to_wgs84,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    wgs84_to_bd09,
    wgs84_to_gcj02,
)

GEOD = Geod(ellps="WGS84")
# 解放碑, 江北嘴, 北碚, 巴南 and a point outside China (Tokyo)
LON = np.array([106.5770, 106.5850, 106.4370, 106.5400, 139.7670])
LAT = np.array([29.5570, 29.5700, 29.8250, 29.4020, 35.6810])


def _metres(lon1, lat1, lon2, lat2) -> np.ndarray:
    return GEOD.inv(lon1, lat1, lon2, lat2)[2]


def test_forward_offset_is_hundreds_of_metres_in_chongqing() -> None:
    glon, glat = wgs84_to_gcj02(LON, LAT)
    shift = _metres(LON, LAT, glon, glat)
    assert np.all((shift[:4] > 100) & (shift[:4] < 700))
    assert shift[4] == 0.0  # no offset outside China


def test_known_published_pair() -> None:
    # Tiananmen, a commonly quoted pair: WGS 84 116.391305, 39.907333 ->
    # GCJ-02 116.397548, 39.908732 (to 1e-5 degrees, about a metre).
    glon, glat = wgs84_to_gcj02(np.array([116.391305]), np.array([39.907333]))
    np.testing.assert_allclose([glon[0], glat[0]], [116.397548, 39.908732], atol=2e-5)


def test_inverse_is_sub_millimetre_against_forward() -> None:
    rng = np.random.default_rng(7)
    lon = rng.uniform(105.3, 110.2, 10_000)
    lat = rng.uniform(28.1, 32.2, 10_000)
    glon, glat = wgs84_to_gcj02(lon, lat)
    wlon, wlat = gcj02_to_wgs84(glon, glat)
    assert _metres(lon, lat, wlon, wlat).max() < 0.001


def test_bd09_round_trips() -> None:
    blon, blat = wgs84_to_bd09(LON, LAT)
    wlon, wlat = bd09_to_wgs84(blon, blat)
    assert _metres(LON, LAT, wlon, wlat).max() < 0.001
    glon, glat = wgs84_to_gcj02(LON, LAT)
    b2 = gcj02_to_bd09(glon, glat)
    g2 = bd09_to_gcj02(*b2)
    assert _metres(glon, glat, g2[0], g2[1]).max() < 0.001
