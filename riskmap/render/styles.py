"""Symbology: the four-level palette and the style of each drawn layer.

A layer's style is a plain dict (``LayerSpec.style`` merged over the hazard
model's ``default_style``; the pipeline does the merge). Keys, all optional:

``color``
    line colour, point colour, polygon outline colour.
``fill``
    polygon fill colour or ``"none"``.
``width``
    line or outline width in points.
``alpha``, ``hatch``, ``linestyle``, ``marker``, ``size`` (marker size, points)
    as in matplotlib.
``casing``
    draw lines over a white halo this many points wider (readable over the
    risk colours); 0 for none.
``label``
    legend text (default: the layer title).
``by``
    a model input or attribute whose value picks a category.
``categories``
    ``{value: colour}`` or ``{value: {key: value, "label": text}}``: per
    category overrides of the keys above, in legend order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from matplotlib.colors import to_rgba

from riskmap.core.levels import LEVELS, OUTLINE_COLOUR, Level

GEOMETRY_KINDS = ("point", "line", "polygon")

_DEFAULTS: dict[str, dict[str, Any]] = {
    "line": {"color": "#505050", "width": 1.1, "casing": 1.2},
    "polygon": {"color": "#5C4033", "fill": "none", "width": 0.7},
    "point": {"color": "#1F1F1F", "marker": "o", "size": 3.0},
}
_SYMBOL_KEYS = (
    "color",
    "fill",
    "width",
    "alpha",
    "hatch",
    "linestyle",
    "marker",
    "size",
    "casing",
)


@dataclass(frozen=True)
class Symbol:
    """How one class of features is drawn."""

    label: str
    color: str = "#1F1F1F"
    fill: str = "none"
    width: float = 1.0
    alpha: float = 1.0
    hatch: str = ""
    linestyle: str = "-"
    marker: str = "o"
    size: float = 3.0
    casing: float = 0.0


@dataclass(frozen=True)
class LayerStyle:
    """A layer's symbols: one base symbol, or one per category."""

    geometry: str
    base: Symbol
    by: str | None = None
    categories: dict[str, Symbol] = field(default_factory=dict)
    # Legend text for features of no listed category: values outside a
    # list are "other"; a model's class not stated is "unclassified".
    other_label: str = "其他"

    def category_of(self, values: np.ndarray) -> np.ndarray:
        """The category key (or "") for each value, vectorised over features."""
        keys = np.asarray(values, dtype=object).astype(str)
        out = np.full(keys.shape, "", dtype=object)
        for key in self.categories:
            out[keys == key] = key
        # "2.3" falls back to category "2" (a division to its class, 3.0 to 3).
        left = out == ""
        if left.any():
            heads = np.array([k.split(".", 1)[0] for k in keys[left]], dtype=object)
            sub = out[left]
            for key in self.categories:
                sub[heads == key] = key
            out[left] = sub
        return out

    def symbol(self, category: str) -> Symbol:
        return self.categories.get(category, self.base)


def _symbol(values: Mapping[str, Any], label: str) -> Symbol:
    kwargs: dict[str, Any] = {"label": str(values.get("label", label))}
    for key in _SYMBOL_KEYS:
        if key in values:
            value = values[key]
            kwargs[key] = float(value) if key in ("width", "alpha", "size") else value
    symbol = Symbol(**kwargs)
    for colour in (symbol.color, symbol.fill):
        if colour != "none":
            to_rgba(colour)  # raises ValueError naming the bad colour
    return symbol


# Spellings used by hazard models and matplotlib, mapped to the keys above.
_ALIASES = {
    "colour": "color",
    "edgecolor": "color",
    "edgecolour": "color",
    "linewidth": "width",
    "facecolor": "fill",
    "facecolour": "fill",
    "markersize": "size",
}
_IGNORED = {"geometry"}  # the renderer looks at the features themselves


def _normalise(style: Mapping[str, Any]) -> dict[str, Any]:
    return {_ALIASES.get(k, k): v for k, v in style.items() if k not in _IGNORED}


def resolve_style(style: Mapping[str, Any], geometry: str, title: str) -> LayerStyle:
    """The symbols for a layer of ``geometry`` kind from its style dict.

    Raises
    ------
    ValueError
        For an unknown geometry kind or a colour matplotlib does not know.
    """
    if geometry not in GEOMETRY_KINDS:
        raise ValueError(f"unknown geometry kind {geometry!r}")
    merged = {**_DEFAULTS[geometry], **_normalise(style)}
    base = _symbol(merged, title)
    categories: dict[str, Symbol] = {}
    by = merged.get("by")
    for key, override in dict(merged.get("categories") or {}).items():
        if isinstance(override, str):
            values = {"color": override}
        else:
            values = _normalise(override)
        values.setdefault("label", str(key))
        categories[str(key)] = _symbol({**merged, **values}, base.label)
    return LayerStyle(geometry, base, str(by) if by else None, categories)


# ------------------------------------------------------- automatic categories

#: Dark, mutually distinct colours that stay readable over the four levels.
QUALITATIVE = (
    "#4B2A7B",
    "#1B7837",
    "#6B3A12",
    "#01665E",
    "#8E0152",
    "#3F3F3F",
    "#2D4B8E",
    "#7F6A00",
)
# Ordinal words, highest first: categories named with them keep this order.
_ORDINAL = (
    ("极高", "很高", "very high"),
    ("高", "较高", "high"),
    ("中", "中等", "一般", "moderate", "medium"),
    ("较低", "低", "low"),
    ("极低", "很低", "very low"),
)
_RANK = {word: i for i, words in enumerate(_ORDINAL) for word in words}


def _number_or_none(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def auto_categories(
    style: LayerStyle,
    values: np.ndarray,
    limit: int = 8,
    *,
    labels: Mapping[str, str] | None = None,
    ordinal: bool | None = None,
) -> LayerStyle:
    """Categories for a style that names ``by`` but lists none.

    Up to ``limit`` distinct values get a symbol each; dotted codes are
    grouped by their integer part ("2.1" and "2.3" under "2") when there are
    more than half that many; beyond the limit the layer keeps one symbol.
    Ordinal words (极高, 高, 中, 低 ...) are ordered and shaded dark to light
    from the layer's colour; other values take distinct dark colours.

    ``labels`` (key -> legend text, in legend order) is given when
    ``values`` are class keys a hazard model has read (so equal classes
    spelt differently are already one key); ``ordinal`` then says whether
    the classes are ranked.
    """
    if not style.by or style.categories:
        return style
    texts = [str(v).strip() for v in values if v is not None and str(v).strip()]
    texts = [t for t in texts if t.lower() not in ("nan", "none")]
    keys = list(dict.fromkeys(texts))
    if labels is not None:
        present = set(keys)
        keys = [k for k in labels if k in present]
        keys += sorted(present - set(keys))
    if len(keys) > limit // 2:
        heads = list(dict.fromkeys(t.split(".", 1)[0] for t in keys))
        keys = heads if len(heads) < len(keys) else keys
    if not keys or len(keys) > limit:
        return style
    if labels is None:
        ordinal = all(k.lower() in _RANK for k in keys)
        if ordinal:
            keys.sort(key=lambda k: _RANK[k.lower()])
        else:
            keys.sort(
                key=lambda k: (_number_or_none(k) is None, _number_or_none(k) or 0, k)
            )
    if ordinal:
        colours = _shades(style.base.color, len(keys))
    else:
        colours = [QUALITATIVE[i % len(QUALITATIVE)] for i in range(len(keys))]
    text = dict(labels or {})
    fill = style.base.fill != "none"
    categories = {
        k: replace(
            style.base,
            label=text.get(k, k),
            **({"fill": c} if fill else {"color": c}),
        )
        for k, c in zip(keys, colours, strict=True)
    }
    return replace(style, categories=categories)


def _shades(colour: str, n: int) -> list[str]:
    """``n`` shades of ``colour`` from darker to lighter."""
    rgb = np.asarray(to_rgba(colour)[:3])
    out = []
    for t in np.linspace(-0.35, 0.45, n) if n > 1 else [0.0]:
        mixed = rgb * (1 + t) if t < 0 else rgb + (1 - rgb) * t
        out.append("#" + "".join(f"{round(c * 255):02X}" for c in np.clip(mixed, 0, 1)))
    return out


# ---------------------------------------------------------------- risk levels


@dataclass(frozen=True)
class LevelSymbol:
    level: Level
    colour: str
    hatch: str


def level_symbols(hatch: bool = False) -> list[LevelSymbol]:
    """The four levels, highest first (legend order), with colour and hatch."""
    return [
        LevelSymbol(lv, lv.colour, lv.hatch if hatch else "") for lv in reversed(LEVELS)
    ]


def class_lut(alpha: float = 1.0) -> np.ndarray:
    """RGBA lookup table (5 x 4 uint8) from class code to colour; 0 is clear."""
    lut = np.zeros((len(LEVELS) + 1, 4), dtype=np.uint8)
    for lv in LEVELS:
        r, g, b, _ = to_rgba(lv.colour)
        lut[lv.code] = [round(r * 255), round(g * 255), round(b * 255), 255]
    lut[1:, 3] = round(alpha * 255)
    return lut


CLASS_OUTLINE = OUTLINE_COLOUR
GREY_OUT = "#FFFFFF"  # wash over neighbouring districts
NEIGHBOUR_EDGE = "#8C8C8C"
FOCUS_EDGE = "#1A1A1A"


def with_label(symbol: Symbol, label: str) -> Symbol:
    return replace(symbol, label=label)
