"""Settings: the window's language (and room for more preferences).

The language applies the next time riskmap starts, as in other desktop GIS:
menus, dialogs and Qt's own buttons are all built in one language.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from riskmap.gui.i18n import NATIVE_NAMES, current_language, tr
from riskmap.gui.preferences import Preferences


class SettingsDialog(QDialog):
    def __init__(self, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(tr("Settings"))
        self.prefs = prefs
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        self.language_combo.addItem(tr("Follow the system"), "system")
        for code, name in NATIVE_NAMES.items():
            self.language_combo.addItem(name, code)
        at = self.language_combo.findData(prefs.language)
        self.language_combo.setCurrentIndex(max(at, 0))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.language_combo.currentIndexChanged.connect(self._explain)
        form = QFormLayout()
        form.addRow(tr("Language"), self.language_combo)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self._explain()

    def _explain(self) -> None:
        chosen = self.language_combo.currentData()
        changes = chosen != self.prefs.language and chosen != current_language()
        self.note.setText(
            tr("The new language is used the next time riskmap starts.")
            if changes
            else ""
        )

    def accept(self) -> None:
        self.prefs.language = self.language_combo.currentData()
        self.prefs.save()
        super().accept()
