"""Light and dark palettes that follow the system colour scheme, and a small stylesheet."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

# An estimated figure (missing-data rule "estimate"): italic, in this blue, readable on the light
# and the dark palette, besides the words "estimated ±x".
ESTIMATE_COLOUR = "#5b84c4"

STYLESHEET = """
QLabel#hint { color: palette(placeholder-text); font-size: 9pt; }
QLabel#profileTitle { font-size: 13pt; font-weight: bold; padding: 4px 0; }
QLabel#detailHeader { font-size: 11pt; }
QLabel#problem { background: #fdecea; color: #7a1c12; border: 1px solid #f5c6c0;
                 border-radius: 4px; padding: 6px; }
QLabel#stance { background: #fff4e0; color: #7a4a00; border: 1px solid #f3d19c;
                border-radius: 4px; padding: 6px; }
QGroupBox { font-weight: bold; margin-top: 10px; }
QGroupBox::title { subcontrol-origin: margin; left: 6px; padding: 0 3px; }
QCheckBox#peak { color: #b9770e; }
"""


def dark_palette() -> QPalette:
    p = QPalette()
    base, window, text = QColor(30, 32, 36), QColor(43, 45, 50), QColor(230, 230, 230)
    p.setColor(QPalette.ColorRole.Window, window)
    p.setColor(QPalette.ColorRole.WindowText, text)
    p.setColor(QPalette.ColorRole.Base, base)
    p.setColor(QPalette.ColorRole.AlternateBase, QColor(38, 40, 45))
    p.setColor(QPalette.ColorRole.Text, text)
    p.setColor(QPalette.ColorRole.Button, window)
    p.setColor(QPalette.ColorRole.ButtonText, text)
    p.setColor(QPalette.ColorRole.ToolTipBase, QColor(55, 57, 62))
    p.setColor(QPalette.ColorRole.ToolTipText, text)
    p.setColor(QPalette.ColorRole.Highlight, QColor(66, 133, 214))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor(255, 255, 255))
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor(150, 150, 150))
    p.setColor(QPalette.ColorRole.Link, QColor(120, 170, 240))
    return p


def is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, dark: bool | None = None) -> None:
    """Apply the palette for the system scheme (or the one asked for) to widgets and plots."""
    dark = is_dark() if dark is None else dark
    palette = dark_palette() if dark else app.style().standardPalette()
    if not dark:
        palette.setColor(QPalette.ColorRole.Highlight, QColor(42, 110, 187))
    app.setPalette(palette)
    app.setStyleSheet(STYLESHEET)
    if "pyqtgraph" in sys.modules:  # charts already loaded: restyle them too
        configure_plots(palette)


def configure_plots(palette: QPalette | None = None) -> None:
    """Plot colours from the palette (pyqtgraph is imported only when charts are built)."""
    import pyqtgraph as pg  # half a second to import: only once the charts are built

    palette = palette or QApplication.palette()
    pg.setConfigOptions(
        background=palette.color(QPalette.ColorRole.Base),
        foreground=palette.color(QPalette.ColorRole.Text),
        antialias=True,
    )
