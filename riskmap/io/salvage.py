"""Record-by-record reading of damaged vector files with fiona.

When pyogrio's bulk read fails part-way (a truncated ``.dbf``, a corrupt
record), fiona reads each record on its own. GDAL reports a damaged record as
an error message rather than an exception, so the messages logged while each
record is read are watched: a record that raises or logs an error is lost,
the others are kept with their record number as the row index.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

import fiona
import geopandas as gpd
import shapely
from pyproj import CRS

from riskmap.core.feedback import Feedback, NullFeedback, check
from riskmap.errors import LayerReadError, RiskmapError

_GDAL_LOGGER = "fiona._env"
_CHECK_EVERY = 2000


@dataclass
class Salvaged:
    frame: gpd.GeoDataFrame
    crs: CRS | None
    total: int
    lost: list[int]
    first_error: str


class _ErrorCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0
        self.first = ""

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        if not self.first:
            self.first = record.getMessage()


def salvage(
    path: Path,
    layer: str | None,
    encoding: str | None,
    where: str,
    feedback: Feedback | None = None,
) -> Salvaged:
    """Read every record that can be read; list the ones that cannot."""
    feedback = feedback or NullFeedback()
    logger = logging.getLogger(_GDAL_LOGGER)
    counter = _ErrorCounter()
    logger.addHandler(counter)
    try:
        with fiona.open(path, "r", layer=layer, encoding=encoding) as src:
            crs = CRS.from_wkt(src.crs.to_wkt()) if src.crs else None
            total = len(src)
            fids = _fids(src, total)
            rows, geoms, kept, lost = [], [], [], []
            first_error = ""
            for n, fid in enumerate(fids):
                if n % _CHECK_EVERY == 0:
                    check(feedback)
                    feedback.set_progress(100.0 * n / max(1, total))
                before = counter.count
                try:
                    feature = src[fid]
                except Exception as exc:  # any failure loses just this record
                    lost.append(n)
                    first_error = first_error or str(exc)
                    continue
                if counter.count > before:
                    lost.append(n)
                    first_error = first_error or counter.first
                    continue
                geom = feature.geometry
                geoms.append(shapely.geometry.shape(geom) if geom else None)
                rows.append(dict(feature.properties))
                kept.append(n)
    except RiskmapError:  # canceled
        raise
    except Exception as exc:
        raise LayerReadError(
            f"{where}: cannot be read ({_first_line(exc)})",
            "the file is damaged; export it again from the source system",
        ) from None
    finally:
        logger.removeHandler(counter)
    frame = gpd.GeoDataFrame(
        pd.DataFrame(rows, index=np.asarray(kept, dtype=np.int64)),
        geometry=gpd.GeoSeries(geoms, index=np.asarray(kept, dtype=np.int64)),
        crs=crs,
    )
    return Salvaged(frame, crs, total, lost, first_error)


def _fids(src: fiona.Collection, total: int) -> list[int]:
    if src.driver == "ESRI Shapefile":
        return list(range(total))
    try:
        return list(src.keys())
    except Exception:
        return list(range(total))


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
