"""The hazard-model protocol and the registry of hazard kinds.

A hazard kind is one module in ``riskmap.hazards`` that subclasses
:class:`HazardModel` and registers itself with :func:`register`. Scoring asks
this registry for models; it never branches on kind names.
"""

from __future__ import annotations

import types
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import MISSING, asdict, dataclass, field
from dataclasses import fields as dc_fields
from typing import Any, ClassVar, Union, get_args, get_origin, get_type_hints

import numpy as np
import pandas as pd

from riskmap.core.fields import InputField
from riskmap.core.grid import Grid, GridTile
from riskmap.core.layers import LoadedLayer
from riskmap.errors import SettingsError

GeometryKind = str  # "point" | "line" | "polygon"

#: Reads a raster layer onto a grid: (layer id, grid, resampling) -> float32
#: array of ``grid.shape`` with NaN where the raster has no data.
RasterReader = Callable[[str, Grid, str], np.ndarray]


@dataclass
class HazardContext:
    """What a model may use besides its own layer while it prepares.

    ``vectors`` and ``rasters`` hold every loaded layer of the project by id
    (base layers such as fire stations, a DEM or population included);
    ``read_raster`` reads a raster layer onto a grid. Messages the user
    should see (substituted values, placeholders) go to ``notes``; an
    assumption every printed map must state (in Chinese, for the page's
    fine print) goes to ``map_notes`` too.
    """

    grid: Grid
    layer_id: str = ""
    title: str = ""
    vectors: Mapping[str, LoadedLayer] = field(default_factory=dict)
    rasters: Mapping[str, Any] = field(default_factory=dict)
    read_raster: RasterReader | None = None
    notes: list[str] = field(default_factory=list)
    map_notes: list[str] = field(default_factory=list)

    def note(self, message: str) -> None:
        self.notes.append(f"layer '{self.layer_id}': {message}")

    def map_note(self, message: str) -> None:
        """A caveat printed on every map page (Chinese, one sentence)."""
        self.map_notes.append(f"{self.title or self.layer_id}：{message}")

    def vector(self, layer_id: str, param: str) -> LoadedLayer:
        """The vector layer named by parameter ``param``."""
        try:
            return self.vectors[layer_id]
        except KeyError:
            raise SettingsError(
                f"layer '{self.layer_id}': parameter '{param}' names layer "
                f"'{layer_id}', which is not a vector layer of the project",
                f"vector layers: {', '.join(sorted(self.vectors)) or '(none)'}",
            ) from None

    def raster(
        self, layer_id: str, param: str, grid: Grid, resampling: str = "bilinear"
    ) -> np.ndarray:
        """Raster layer ``layer_id`` (named by ``param``) read onto ``grid``."""
        if layer_id not in self.rasters or self.read_raster is None:
            raise SettingsError(
                f"layer '{self.layer_id}': parameter '{param}' names layer "
                f"'{layer_id}', which is not a raster layer of the project",
                f"raster layers: {', '.join(sorted(self.rasters)) or '(none)'}",
            )
        return self.read_raster(layer_id, grid, resampling)


@dataclass
class Prepared:
    """A model's per-layer work, done once before the tiles.

    ``reach`` is how far (metres) a feature can raise cells around it, so
    that each tile is computed with a halo that wide. ``feature_scores`` is
    the intensity the model gives each feature itself (used for the top
    features of the hotspot list), or None when features have no score of
    their own.
    """

    reach: float = 0.0
    feature_scores: np.ndarray | None = None


@dataclass(frozen=True)
class StyleClasses:
    """The classes a model reads in an input, for symbols and the legend.

    ``keys`` holds one class key per feature ("" when the value is not
    understood); ``labels`` maps every key to its legend text, in legend
    order; ``ordinal`` says the classes are ranked (drawn in shades).
    """

    keys: np.ndarray
    labels: dict[str, str]
    ordinal: bool = False


def column(layer: LoadedLayer, name: str) -> pd.Series | None:
    """The attribute mapped to model input ``name``, or None when unmapped."""
    col = layer.mapping.get(name)
    if col is None or col not in layer.frame.columns:
        return None
    return layer.frame[col]


def params_dict(params: Any) -> dict[str, Any]:
    """A model's parameters in force, as plain values (for footers, hashes)."""
    return asdict(params)


def param_defaults(params_cls: type) -> dict[str, Any]:
    """Default value of every parameter of a ``Params`` dataclass."""
    out = {}
    for f in dc_fields(params_cls):
        if f.default is not MISSING:
            out[f.name] = f.default
        elif f.default_factory is not MISSING:
            out[f.name] = f.default_factory()
    return out


class HazardModel(ABC):
    """Turns one layer's features into an intensity surface in [0, 1].

    Class attributes describe the model to the loader, the GUI and the CLI:

    kind
        registry key used in project files (``hazmat_route``).
    label
        ``{"zh": ..., "en": ...}`` display names.
    version
        bumped when results change; part of the input fingerprint.
    Params
        a frozen dataclass of the model's settings with DOMAIN.md defaults.
    inputs
        the attribute inputs the model reads, with aliases.
    geometry_types
        which geometry kinds a vector layer may hold.
    accepts_raster
        whether the layer may be a raster instead (False unless a model says).
    default_style
        how the renderer draws the layer unless the project's style says
        otherwise, e.g. ``{"geometry": "line", "colour": "#7B2CBF",
        "linewidth": 1.2, "by": "un_class"}``.

    :meth:`positions_only` tells the loader when the model reads nothing of
    a feature's geometry but one representative point (the centroid), so
    that a run that only scores can keep points instead of footprints.
    :meth:`style_classes` tells the renderer the classes the model reads in
    an input's spellings ("3" and "第3类" are one class), so that a layer
    drawn ``by`` that input shows one symbol per class.
    """

    kind: ClassVar[str]
    label: ClassVar[Mapping[str, str]]
    version: ClassVar[str] = "1"
    Params: ClassVar[type]
    inputs: ClassVar[tuple[InputField, ...]] = ()
    geometry_types: ClassVar[frozenset[GeometryKind]] = frozenset(
        {"point", "line", "polygon"}
    )
    accepts_raster: ClassVar[bool] = False
    default_style: ClassVar[Mapping[str, Any]] = {}

    @classmethod
    def make_params(cls, values: Mapping[str, Any], where: str = "") -> Any:
        """Build ``Params`` from project settings, rejecting unknown keys."""
        names = {f.name: f for f in dc_fields(cls.Params)}
        unknown = sorted(set(values) - set(names))
        if unknown:
            raise SettingsError(
                f"{where}unknown parameter '{unknown[0]}' for kind '{cls.kind}'",
                f"known parameters: {', '.join(sorted(names)) or '(none)'}",
            )
        hints = get_type_hints(cls.Params)
        coerced = {
            key: _coerce(value, hints.get(key, Any), f"{where}parameter '{key}'")
            for key, value in values.items()
        }
        params = cls.Params(**coerced)
        check = getattr(params, "validate", None)
        if check is not None:
            try:
                check()
            except SettingsError as exc:
                raise SettingsError(f"{where}{exc.message}", exc.hint) from None
        return params

    @classmethod
    def positions_only(cls, params: Any) -> bool:
        """Whether, with ``params``, the model uses only one representative
        point per feature (the point itself, or the centroid)."""
        return False

    @classmethod
    def style_classes(
        cls, name: str, values: np.ndarray, layer: Any = None
    ) -> StyleClasses | None:
        """The class of each value of input ``name`` as the model reads it,
        or None when the model does not read that input as classes.
        ``layer`` (the LoadedLayer, when known) lets a model key features by
        its other inputs too."""
        return None

    @abstractmethod
    def prepare(self, layer: Any, params: Any, context: HazardContext) -> Prepared:
        """Vectorised per-layer work done once before the tiles.

        ``layer`` is a :class:`~riskmap.core.layers.LoadedLayer` (or a raster
        layer for kinds with ``accepts_raster``).
        """

    @abstractmethod
    def intensity(
        self, prepared: Any, tile: GridTile, params: Any, feedback: Any
    ) -> np.ndarray:
        """float32 array of the tile's shape with values in [0, 1]."""


def _coerce(value: Any, hint: Any, what: str) -> Any:
    """``value`` from a project file as the type a ``Params`` field declares."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(hint) if a is not type(None)]
        if value is None:
            return None
        for option in options:
            try:
                return _coerce(value, option, what)
            except SettingsError:
                continue
        names = ", ".join(getattr(o, "__name__", str(o)) for o in options)
        raise SettingsError(f"{what} must be {names}, not {value!r}")
    if hint is bool:
        if isinstance(value, bool):
            return value
        raise SettingsError(f"{what} must be true or false, not {value!r}")
    if hint is float:
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if number and np.isfinite(value):
            return float(value)
        raise SettingsError(f"{what} must be a number, not {value!r}")
    if hint is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise SettingsError(f"{what} must be a whole number, not {value!r}")
    if hint is str:
        if isinstance(value, str):
            return value
        raise SettingsError(f"{what} must be text in quotes, not {value!r}")
    if origin is tuple:
        args = get_args(hint)
        if not isinstance(value, list | tuple):
            raise SettingsError(f"{what} must be a list, not {value!r}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_coerce(v, args[0], what) for v in value)
        if len(value) != len(args):
            raise SettingsError(f"{what} must be a list of {len(args)} values")
        return tuple(_coerce(v, a, what) for v, a in zip(value, args, strict=True))
    return value


_REGISTRY: dict[str, type[HazardModel]] = {}


def register(cls: type[HazardModel]) -> type[HazardModel]:
    """Class decorator adding a hazard model to the registry."""
    if cls.kind in _REGISTRY and _REGISTRY[cls.kind] is not cls:
        raise ValueError(f"hazard kind '{cls.kind}' registered twice")
    _REGISTRY[cls.kind] = cls
    return cls


def known_kinds() -> list[str]:
    return sorted(_REGISTRY)


def get_model(kind: str) -> type[HazardModel]:
    """The model class for ``kind``; an unknown kind lists the known ones."""
    try:
        return _REGISTRY[kind]
    except KeyError:
        raise SettingsError(
            f"unknown hazard kind '{kind}'",
            f"known kinds: {', '.join(known_kinds()) or '(none registered)'}",
        ) from None
