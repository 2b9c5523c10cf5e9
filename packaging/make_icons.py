"""Render the application icon (resources/icons/model-advisor.svg) to the PNG sizes desktops
ask for, plus the Windows .ico and the macOS .icns the installers use.

Run:  python packaging/make_icons.py     (offscreen; writes into resources/icons/)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SVG = ICONS / "model-advisor.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"error: {SVG} is not a valid SVG", file=sys.stderr)
        return 1
    for size in SIZES:
        path = ICONS / f"model-advisor-{size}.png"
        if not render(renderer, size).save(str(path), "PNG"):
            print(f"error: cannot write {path}", file=sys.stderr)
            return 1
        print(path)
    for name, fmt, size in (("model-advisor.ico", "ICO", 256), ("model-advisor.icns", "ICNS", 512)):
        path = ICONS / name
        if not render(renderer, size).save(str(path), fmt):
            print(f"error: cannot write {path}", file=sys.stderr)
            return 1
        print(path)
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
