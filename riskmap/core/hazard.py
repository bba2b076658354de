"""The hazard-model protocol and the registry of hazard kinds.

A hazard kind is one module in ``riskmap.hazards`` that subclasses
:class:`HazardModel` and registers itself with :func:`register`. Scoring asks
this registry for models; it never branches on kind names.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import fields as dc_fields
from typing import Any, ClassVar

import numpy as np

from riskmap.core.fields import InputField
from riskmap.errors import SettingsError

GeometryKind = str  # "point" | "line" | "polygon"


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
        which geometry kinds the layer may hold.
    """

    kind: ClassVar[str]
    label: ClassVar[Mapping[str, str]]
    version: ClassVar[str] = "1"
    Params: ClassVar[type]
    inputs: ClassVar[tuple[InputField, ...]] = ()
    geometry_types: ClassVar[frozenset[GeometryKind]] = frozenset(
        {"point", "line", "polygon"}
    )

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
        return cls.Params(**dict(values))

    @abstractmethod
    def prepare(self, layer: Any, params: Any, context: Any) -> Any:
        """Vectorised per-layer work done once before tiles (parse, score)."""

    @abstractmethod
    def intensity(
        self, prepared: Any, tile: Any, params: Any, feedback: Any
    ) -> np.ndarray:
        """float32 array of the tile's shape with values in [0, 1]."""


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
