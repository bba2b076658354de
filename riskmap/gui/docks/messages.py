"""The Messages panel: what loading and scoring found and the user must know
(repaired geometries, dropped features, a guessed encoding or CRS)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from riskmap.gui.i18n import tr


class MessagesDock(QDockWidget):
    countChanged = Signal(int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(tr("Messages"), parent)
        self.setObjectName("messagesDock")
        self.tree = QTreeWidget()
        self.tree.setObjectName("messageTree")
        self.tree.setHeaderLabels([tr("Time"), tr("Message")])
        self.tree.setWordWrap(True)
        self.tree.setColumnWidth(0, 140)
        clear = QPushButton(tr("Clear"))
        clear.clicked.connect(self.clear)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(clear)
        layout.addLayout(row)
        self.setWidget(body)

    def add(self, source: str, messages: list[str]) -> None:
        """Record ``messages`` about ``source`` (a layer or project title)."""
        if not messages:
            return
        stamp = datetime.now().strftime("%H:%M:%S")
        top = QTreeWidgetItem(
            [stamp, tr("{source}: {n} notes").format(source=source, n=len(messages))]
        )
        for text in messages:
            item = QTreeWidgetItem(["", text])
            item.setToolTip(1, text)
            top.addChild(item)
        self.tree.insertTopLevelItem(0, top)
        top.setExpanded(True)
        self.countChanged.emit(self.count())

    def count(self) -> int:
        return sum(
            self.tree.topLevelItem(i).childCount()
            for i in range(self.tree.topLevelItemCount())
        )

    def messages(self) -> list[str]:
        out = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            out += [top.child(j).text(1) for j in range(top.childCount())]
        return out

    def clear(self) -> None:
        self.tree.clear()
        self.countChanged.emit(0)
