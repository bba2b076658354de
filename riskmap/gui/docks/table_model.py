"""A Qt table model over a layer's GeoDataFrame, without copying it.

Cells are read from the frame's column arrays only when the view paints
them. Sorting and filtering are done here with pandas on whole columns and
kept as one array of row positions (``order``): a QSortFilterProxyModel
would call back into Python for every comparison, seconds on 100k rows.
Row positions (0-based, as in ``frame.iloc``) are what the map selection
uses.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

import geopandas as gpd

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

Index = QModelIndex | QPersistentModelIndex
NULL_TEXT = "NULL"


def format_value(value: Any) -> str:
    """A cell's text: numbers without noise, missing values as NULL."""
    if value is None or value is pd.NA or value is pd.NaT:
        return NULL_TEXT
    if isinstance(value, float | np.floating):
        if math.isnan(value):
            return NULL_TEXT
        return f"{value:.10g}"
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


class FrameTableModel(QAbstractTableModel):
    def __init__(self, frame: gpd.GeoDataFrame | None = None, parent: Any = None):
        super().__init__(parent)
        self.frame: gpd.GeoDataFrame | None = None
        self.columns: list[str] = []
        self._arrays: list[np.ndarray] = []
        self.order = np.zeros(0, dtype=np.int64)
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._filter = ""
        self._filter_column = -1
        self.set_frame(frame)

    def set_frame(self, frame: gpd.GeoDataFrame | None) -> None:
        self.beginResetModel()
        self.frame = frame
        if frame is None:
            self.columns, self._arrays = [], []
        else:
            geometry = frame.geometry.name
            self.columns = [str(c) for c in frame.columns if c != geometry]
            # Views of the frame's own data (no copy for numeric and object
            # columns); read lazily by data().
            self._arrays = [frame[c].to_numpy() for c in frame.columns if c != geometry]
        self._sort = None
        self._filter = ""
        self._filter_column = -1
        self.order = np.arange(self.total(), dtype=np.int64)
        self.endResetModel()

    def total(self) -> int:
        return 0 if self.frame is None else len(self.frame)

    # -------------------------------------------------------------- model

    def rowCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.order)

    def columnCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self._arrays[index.column()][self.order[index.row()]]
            return format_value(value)
        if role == Qt.ItemDataRole.ForegroundRole:
            value = self._arrays[index.column()][self.order[index.row()]]
            if format_value(value) == NULL_TEXT:
                return QColor("#9E9E9E")
        if role == Qt.ItemDataRole.TextAlignmentRole and np.issubdtype(
            self._arrays[index.column()].dtype, np.number
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section] if section < len(self.columns) else None
        return str(int(self.order[section]) + 1) if section < len(self.order) else None

    # ----------------------------------------------------- sort and filter

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder):
        self._sort = (column, order) if 0 <= column < len(self.columns) else None
        self._apply()

    def set_filter(self, text: str, column: int = -1) -> None:
        """Keep rows where ``text`` appears (any column, or only ``column``)."""
        self._filter = text.strip()
        self._filter_column = column
        self._apply()

    def _apply(self) -> None:
        self.layoutAboutToBeChanged.emit()
        n = self.total()
        if self._sort is not None and n:
            column, order = self._sort
            series = pd.Series(self._arrays[column])
            if series.dtype == object:
                series = series.map(
                    lambda v: v if isinstance(v, str) else format_value(v)
                )
            ranked = series.sort_values(
                kind="stable", ascending=order == Qt.SortOrder.AscendingOrder,
                na_position="last",
            ).index.to_numpy(dtype=np.int64)  # fmt: skip
        else:
            ranked = np.arange(n, dtype=np.int64)
        if self._filter and n:
            ranked = ranked[self._matches()[ranked]]
        self.order = ranked
        self.layoutChanged.emit()

    def _matches(self) -> np.ndarray:
        columns = (
            [self._filter_column]
            if 0 <= self._filter_column < len(self.columns)
            else range(len(self.columns))
        )
        keep = np.zeros(self.total(), dtype=bool)
        needle = self._filter.casefold()
        for c in columns:
            text = pd.Series(self._arrays[c]).astype("string").str.casefold()
            keep |= text.str.contains(needle, regex=False).fillna(False).to_numpy(bool)
        return keep

    # ------------------------------------------------------ row positions

    def positions(self, rows: np.ndarray) -> np.ndarray:
        """Frame row positions of view rows."""
        return self.order[np.asarray(rows, dtype=np.int64)]

    def view_rows(self, positions: np.ndarray) -> np.ndarray:
        """Sorted view rows showing frame positions (hidden ones dropped)."""
        inverse = np.full(self.total(), -1, dtype=np.int64)
        inverse[self.order] = np.arange(len(self.order))
        positions = np.asarray(positions, dtype=np.int64)
        positions = positions[(positions >= 0) & (positions < self.total())]
        rows = inverse[positions]
        return np.sort(rows[rows >= 0])

    def selection_of(self, positions: np.ndarray) -> QItemSelection:
        """A selection of whole rows in as few ranges as possible."""
        selection = QItemSelection()
        rows = self.view_rows(positions)
        if not len(rows) or not self.columns:
            return selection
        breaks = np.flatnonzero(np.diff(rows) != 1)
        starts = np.r_[rows[0], rows[breaks + 1]]
        ends = np.r_[rows[breaks], rows[-1]]
        last = len(self.columns) - 1
        for a, b in zip(starts.tolist(), ends.tolist(), strict=True):
            selection.select(self.index(a, 0), self.index(b, last))
        return selection

    @staticmethod
    def rows_of(selection: QItemSelection) -> np.ndarray:
        """View rows covered by a selection (from its ranges, not its indexes)."""
        parts = [np.arange(r.top(), r.bottom() + 1) for r in selection]
        if not parts:
            return np.zeros(0, dtype=np.int64)
        return np.unique(np.concatenate(parts)).astype(np.int64)
