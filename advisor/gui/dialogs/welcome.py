"""The first-run welcome: what was just set up, and a way to start from an example profile."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor.app.profiles import example_title
from advisor.app.workspace import kind_shares


class WelcomeDialog(QDialog):
    """Says where the catalogue came from and how fresh it is; offers an example profile."""

    example_chosen = Signal(Path)

    def __init__(
        self,
        version: str,
        facts: dict,
        db_path: Path,
        examples: list[Path],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to Model Advisor")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        title = QLabel(f"Welcome to Model Advisor {html.escape(version)}")
        title.setObjectName("profileTitle")
        layout.addWidget(title)
        newest = facts.get("newest") or "unknown"
        public = facts.get("public_sources") or []
        built = (
            "<p>Built from public sources: "
            + "; ".join(
                f"{html.escape(s['title'])} ({html.escape(s['licence'])}, snapshot "
                f"{html.escape(s['snapshot_date'] or 'undated')})"
                for s in public
            )
            + ".</p>"
            if public
            else ""
        )
        text = QLabel(
            "<p>Your catalogue has been created from the data bundled with this version: "
            f"<b>{facts['models']} models</b> from {facts.get('vendors', 0)} vendors, "
            f"{facts['results']} benchmark results ({html.escape(kind_shares(facts))}) from "
            f"{facts['sources']} sources, the newest figure dated <b>{html.escape(newest)}</b>. "
            "Every figure shows its source and date.</p>"
            + built
            + f"<p>It lives in <code>{html.escape(str(db_path))}</code>; keep it current under "
            "Catalogue. Model Advisor works offline: nothing leaves this computer unless you "
            "start the live probe or a source download yourself.</p>"
            "<p>Start from an example profile and adjust the weights on the left, or close this "
            "and begin with the coding-assistant profile already open.</p>"
        )
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(text)
        row = QHBoxLayout()
        self.examples = QComboBox()
        for path in examples:
            self.examples.addItem(example_title(path), path)
        self.examples.setAccessibleName("Example profile")
        self.open_button = QPushButton("Open example profile")
        self.open_button.setDefault(True)
        self.open_button.setEnabled(bool(examples))
        self.open_button.clicked.connect(self._open)
        row.addWidget(self.examples, 1)
        row.addWidget(self.open_button)
        layout.addLayout(row)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout.addLayout(bottom)

    def _open(self) -> None:
        path = self.examples.currentData()
        if path is not None:
            self.example_chosen.emit(Path(path))
        self.accept()
