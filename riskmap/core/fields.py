"""Model inputs declared by hazard kinds, and matching them to attribute names.

A hazard model declares each input once, with Chinese and English aliases; the
loader suggests a mapping from a layer's columns, the project may override it,
and values that cannot be used become missing values that are counted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from riskmap.errors import FieldMappingError

InputType = Literal["number", "text", "flag"]


@dataclass(frozen=True)
class InputField:
    """One model input: canonical name, type, aliases and valid range."""

    name: str
    type: InputType = "number"
    required: bool = False
    aliases: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    label: Mapping[str, str] = field(default_factory=dict)

    def candidates(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def _norm(name: str) -> str:
    return name.strip().casefold().replace(" ", "_")


def suggest_mapping(
    columns: Iterable[str], inputs: Iterable[InputField]
) -> dict[str, str]:
    """Map each input to the first column matching its name or an alias.

    Matching ignores case and surrounding spaces; earlier aliases win.
    """
    by_norm: dict[str, str] = {}
    for col in columns:
        by_norm.setdefault(_norm(str(col)), str(col))
    mapping: dict[str, str] = {}
    for inp in inputs:
        for cand in inp.candidates():
            col = by_norm.get(_norm(cand))
            if col is not None:
                mapping[inp.name] = col
                break
    return mapping


def resolve_mapping(
    columns: Iterable[str],
    inputs: Iterable[InputField],
    overrides: Mapping[str, str],
    where: str,
) -> dict[str, str]:
    """Suggested mapping with the project's overrides applied and checked.

    ``where`` names the layer for messages. An override naming a missing
    attribute, an override for an unknown input, or a required input with no
    column raise :class:`FieldMappingError`.
    """
    columns = [str(c) for c in columns]
    inputs = list(inputs)
    known = {i.name for i in inputs}
    for key, col in overrides.items():
        if key not in known:
            raise FieldMappingError(
                f"{where}: unknown model input '{key}' in [layers.fields]",
                f"known inputs: {', '.join(sorted(known))}",
            )
        if col not in columns:
            raise FieldMappingError(
                f"{where}: attribute '{col}' (mapped to input '{key}') "
                "is not in the layer",
                f"attributes are: {', '.join(columns) or '(none)'}",
            )
    mapping = suggest_mapping(columns, inputs)
    mapping.update(overrides)
    for inp in inputs:
        if inp.required and inp.name not in mapping:
            raise FieldMappingError(
                f"{where}: required input '{inp.name}' not found "
                f"(looked for {', '.join(inp.candidates())})",
                f'map it in the project: [layers.fields] {inp.name} = "<attribute>"',
            )
    return mapping


def clean_numeric(values: pd.Series, inp: InputField) -> tuple[np.ndarray, int]:
    """Numbers as float64, with unusable values as NaN and their count.

    Text that is not a number, inf, and values outside the input's range all
    become NaN; the count excludes values that were already missing.
    """
    raw = pd.Series(values, copy=False)
    was_missing = raw.isna().to_numpy()
    if raw.dtype == object or pd.api.types.is_string_dtype(raw.dtype):
        raw = raw.astype("string").str.strip()
    num = pd.to_numeric(raw, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    bad = ~np.isfinite(num)
    if inp.minimum is not None:
        bad |= num < inp.minimum
    if inp.maximum is not None:
        bad |= num > inp.maximum
    num = np.where(bad, np.nan, num)
    return num, int(np.count_nonzero(bad & ~was_missing))
