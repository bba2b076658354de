"""Hazardous-materials road transport: the screening QRA of DOMAIN.md 5.3.

Routes are cut into pieces of at most ``segment_m`` (each straight segment
into equal pieces). A piece j of length l (km) on a road with accident rate
lambda, carrying T loaded trips a day of class c, releases with frequency

    f_j = T * 365 * lambda * l * p_release   (per year).

A cell at distance d from the piece's midpoint receives f_j * w_c(d), where
w_c = 1 up to the class's ERG isolation distance r_iso and falls linearly
to 0 at its protective distance r_out (:mod:`riskmap.hazards.erg`). The
cell's frequency F is the sum over pieces and the intensity is the
log-scaled frequency

    H = clip((log10 F - log10 F_lo) / (log10 F_hi - log10 F_lo), 0, 1).

The sum is computed as a convolution (FFT) of the piece frequencies burnt
at the cells holding their midpoints with the class's weight kernel, one
convolution per distinct (r_iso, r_out). Distances are therefore measured
between cell centres: a piece counts as if it were at the centre of its
cell, within half a cell diagonal (35 m at 50 m cells) of where it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from riskmap.core.feedback import check
from riskmap.core.fields import InputField
from riskmap.core.grid import GridTile
from riskmap.core.hazard import (
    HazardContext,
    HazardModel,
    Prepared,
    StyleClasses,
    column,
    register,
)
from riskmap.core.layers import LoadedLayer
from riskmap.errors import SettingsError
from riskmap.hazards import erg
from riskmap.hazards.burn import expand, segments_of
from riskmap.hazards.common import count_note, numeric_input
from riskmap.hazards.vocab import parse_expressway, parse_un_class

DAYS_PER_YEAR = 365.0

#: GB 6944 class names, short enough for a legend row.
UN_CLASS_NAMES = {
    "1": "爆炸品",
    "2": "气体",
    "3": "易燃液体",
    "4": "易燃固体等",
    "5": "氧化性物质",
    "6": "毒性物质",
    "7": "放射性物质",
    "8": "腐蚀性物质",
    "9": "杂项危险物质",
}


def un_class_labels(keys: set[str]) -> dict[str, str]:
    """Legend text for classes and divisions ("3", "2.1"), in class order;
    a division's class is listed too (a legend may group divisions)."""
    keys = keys | {k.split(".", 1)[0] for k in keys}

    def order(key: str) -> tuple[int, ...]:
        return tuple(int(part) for part in key.split("."))

    labels = {}
    for key in sorted(keys, key=order):
        head = key.split(".", 1)[0]
        name = f"第{head}类"
        if key == head:
            labels[key] = f"{name} {UN_CLASS_NAMES.get(head, '')}".strip()
        else:
            labels[key] = f"{name} {key}项"
    return labels


@dataclass(frozen=True)
class HazmatParams:
    """Settings of the route QRA (defaults: DOMAIN.md 5.3, all [D])."""

    lambda_urban: float = 3e-7  # crashes per vehicle-km, urban roads
    lambda_expressway: float = 1e-7  # expressways (高速/快速路)
    p_release: float = 0.1  # releases per crash
    f_lo: float = 1e-7  # per year: H = 0 at or below
    f_hi: float = 1e-4  # per year: H = 1 at or above
    segment_m: float = 50.0  # piece length
    tih_isolation: float = 1000.0  # placeholder r_iso for division 2.3
    tih_evacuation: float = 5000.0  # placeholder r_out for division 2.3

    def validate(self) -> None:
        for name in ("lambda_urban", "lambda_expressway", "p_release"):
            if getattr(self, name) < 0:
                raise SettingsError(f"parameter '{name}' must not be negative")
        if not 0 < self.f_lo < self.f_hi:
            raise SettingsError(
                "parameters 'f_lo' and 'f_hi' must satisfy 0 < f_lo < f_hi",
                "the defaults are f_lo = 1e-7 and f_hi = 1e-4 per year",
            )
        if self.segment_m <= 0:
            raise SettingsError("parameter 'segment_m' must be above 0")
        if not 0 <= self.tih_isolation < self.tih_evacuation:
            raise SettingsError(
                "parameters 'tih_isolation' < 'tih_evacuation' are needed"
            )


@dataclass
class HazmatPrepared(Prepared):
    """Piece midpoints and yearly release frequencies, per distance group."""

    groups: list[tuple[float, float, np.ndarray, np.ndarray, np.ndarray]] = field(
        default_factory=list
    )  # (r_iso, r_out, x, y, f)
    f_lo: float = 1e-7
    f_hi: float = 1e-4


def log_scale(freq: np.ndarray, f_lo: float, f_hi: float) -> np.ndarray:
    """clip((log10 F - log10 F_lo) / (log10 F_hi - log10 F_lo), 0, 1); 0 for F <= 0."""
    f = np.asarray(freq, dtype="float64")
    out = np.zeros(f.shape)
    pos = f > 0
    lo, hi = np.log10(f_lo), np.log10(f_hi)
    out[pos] = np.clip((np.log10(f[pos]) - lo) / (hi - lo), 0.0, 1.0)
    return out


def ramp_kernel(cell: float, r_iso: float, r_out: float) -> np.ndarray:
    """w(d) on cell-centre offsets: 1 to r_iso, linear to 0 at r_out."""
    k = int(np.ceil(r_out / cell))
    di, dj = np.mgrid[-k : k + 1, -k : k + 1]
    d = cell * np.hypot(di, dj)
    if r_out > r_iso:
        w = np.clip((r_out - d) / (r_out - r_iso), 0.0, 1.0)
    else:
        w = np.zeros(d.shape)
    w[d <= r_iso] = 1.0
    return w


def convolve_same(image: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """``image`` convolved with an odd-sized ``kernel`` by FFT, cropped to
    ``image``'s shape and centred (``scipy.signal.fftconvolve(..., "same")``).

    Written on :mod:`scipy.fft` because importing :mod:`scipy.signal` takes
    about 0.7 s, which a window opening a project would feel.
    """
    from scipy import fft  # imported when a hazmat layer is scored

    full = [a + b - 1 for a, b in zip(image.shape, kernel.shape, strict=True)]
    shape = [fft.next_fast_len(n, real=True) for n in full]
    spectrum = fft.rfft2(image, shape) * fft.rfft2(kernel, shape)
    out = fft.irfft2(spectrum, shape)
    r0, c0 = ((n - 1) // 2 for n in kernel.shape)
    return out[r0 : r0 + image.shape[0], c0 : c0 + image.shape[1]]


@register
class HazmatRoute(HazardModel):
    """Hazardous-materials transport routes (危化品运输), DOMAIN.md section 5."""

    kind = "hazmat_route"
    label: ClassVar[Mapping[str, str]] = {
        "zh": "危化品运输",
        "en": "Hazardous-materials routes",
    }
    version = "1"
    Params = HazmatParams
    inputs = (
        InputField(
            "trips",
            "number",
            required=True,
            aliases=("daily_trips", "日均车次", "车次", "trips_per_day"),
            minimum=0,
            label={"zh": "日均载货车次", "en": "loaded trips per day"},
        ),
        InputField(
            "un_class",
            "text",
            required=True,
            aliases=("class", "危险货物类别", "类别", "hazard_class"),
            label={"zh": "危险货物类别", "en": "UN class or division"},
        ),
        InputField("un_number", "text", aliases=("UN编号", "un_no", "UN号")),
        InputField("road_type", "text", aliases=("道路类型", "道路等级", "road_class")),
    )
    geometry_types = frozenset({"line"})
    default_style: ClassVar[Mapping[str, Any]] = {
        "geometry": "line",
        "colour": "#7B2CBF",
        "linewidth": 1.2,
        "by": "un_class",
    }

    @classmethod
    def style_classes(
        cls, name: str, values: np.ndarray, layer: Any = None
    ) -> StyleClasses | None:
        """UN classes as the model reads them: "3", "第3类" and 3.0 are one."""
        if name != "un_class":
            return None
        parsed, _ = parse_un_class(pd.Series(values, dtype=object))
        keys = np.array(["" if c is None else str(c) for c in parsed], dtype=object)
        found = set(keys.tolist()) - {""}
        if not found:
            return None
        return StyleClasses(keys, un_class_labels(found))

    def prepare(
        self, layer: LoadedLayer, params: HazmatParams, context: HazardContext
    ) -> HazmatPrepared:
        """Parse and score the features once (see the module docstring)."""
        frame = layer.frame
        n = len(frame)
        trips = numeric_input(layer, self.inputs[0], context, "trips values")
        if trips is None:
            trips = np.full(n, np.nan)
        no_trips = ~np.isfinite(trips)
        count_note(context, int(no_trips.sum()), "routes without trips were left out")
        trips = np.where(no_trips, 0.0, trips)

        classes_raw = column(layer, "un_class")
        if classes_raw is None:
            classes = np.full(n, None, dtype=object)
        else:
            classes, _ = parse_un_class(classes_raw)
        unknown = np.array([c is None for c in classes])
        count_note(
            context,
            int(unknown.sum()),
            f"routes with no readable UN class were taken as class "
            f"{erg.FALLBACK_CLASS}",
        )
        classes = np.where(unknown, erg.FALLBACK_CLASS, classes)
        tih = (params.tih_isolation, params.tih_evacuation)
        pairs = {}
        for c in set(classes):
            d = erg.distances(str(c), tih)
            pairs[c] = d if d is not None else erg.distances(erg.FALLBACK_CLASS, tih)
        r_iso = np.array([pairs[c][0] for c in classes])
        r_out = np.array([pairs[c][1] for c in classes])
        is_tih = np.isin(classes.astype(str), erg.TIH_DIVISIONS)
        n_tih = int(is_tih.sum())
        count_note(
            context,
            n_tih,
            "routes carry division 2.3 (toxic gas): conservative placeholder "
            f"distances {params.tih_isolation:g} / {params.tih_evacuation:g} m "
            "used instead of ERG Table 1 (printed maps say so)",
        )
        if n_tih:
            context.map_note(
                f"{n_tih} 条 2.3 类（毒性气体）路线按保守占位距离 "
                f"{params.tih_isolation:g} / {params.tih_evacuation:g} m 计算，"
                "未按 ERG 表 1 逐个 UN 编号查定"
            )
        road = column(layer, "road_type")
        express = (
            parse_expressway(road) if road is not None else np.zeros(n, dtype=bool)
        )
        lam = np.where(express, params.lambda_expressway, params.lambda_urban)
        per_km = trips * DAYS_PER_YEAR * lam * params.p_release

        segs = segments_of(frame.geometry.values)
        length = np.hypot(segs.bx - segs.ax, segs.by - segs.ay)
        pieces = np.maximum(1, np.ceil(length / params.segment_m)).astype(np.int64)
        seg, k = expand(pieces)
        t = (k + 0.5) / pieces[seg]
        px = segs.ax[seg] + t * (segs.bx[seg] - segs.ax[seg])
        py = segs.ay[seg] + t * (segs.by[seg] - segs.ay[seg])
        feat = segs.feature[seg]
        freq = per_km[feat] * (length[seg] / pieces[seg]) / 1000.0
        keep = freq > 0
        px, py, feat, freq = px[keep], py[keep], feat[keep], freq[keep]
        groups = []
        key = r_iso[feat] * 1e6 + r_out[feat]
        for value in np.unique(key):
            sel = key == value
            f0 = int(np.flatnonzero(sel)[0])
            groups.append(
                (
                    float(r_iso[feat[f0]]),
                    float(r_out[feat[f0]]),
                    px[sel],
                    py[sel],
                    freq[sel],
                )
            )
        reach = max((g[1] for g in groups), default=0.0)
        return HazmatPrepared(
            reach=reach,
            feature_scores=log_scale(per_km, params.f_lo, params.f_hi),
            groups=groups,
            f_lo=params.f_lo,
            f_hi=params.f_hi,
        )

    def intensity(
        self,
        prepared: HazmatPrepared,
        tile: GridTile,
        params: HazmatParams,
        feedback: object = None,
    ) -> np.ndarray:
        """H on one tile (float32, values in [0, 1])."""
        window = tile.window(prepared.reach + tile.grid.cell)
        grid = window.grid
        total = np.zeros(grid.shape)
        for r_iso, r_out, x, y, f in prepared.groups:
            check(feedback)  # type: ignore[arg-type]
            cells = grid.cells_of(x, y)
            inside = cells >= 0
            if not inside.any():
                continue
            burnt = np.bincount(cells[inside], f[inside], minlength=grid.size)
            kernel = ramp_kernel(grid.cell, r_iso, r_out)
            total += convolve_same(burnt.reshape(grid.shape), kernel)
        # FFT round-off leaves values near 1e-16 of the largest where no
        # piece reaches; they are far below any meaningful F_lo
        total[total < prepared.f_lo * 1e-6] = 0.0
        h = log_scale(window.crop(total), prepared.f_lo, prepared.f_hi)
        return h.astype(np.float32)
