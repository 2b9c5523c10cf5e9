"""Render the application icon (resources/icons/model-advisor.svg) to the PNG sizes desktops
ask for, plus the Windows .ico and the macOS .icns the installers use.

Run:  python packaging/make_icons.py     (offscreen; writes into resources/icons/)
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SVG = ICONS / "model-advisor.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico_bytes(images: list[tuple[int, bytes]]) -> bytes:
    """A Windows icon holding one PNG-compressed image per size (Windows Vista and later), so
    the shell picks a sharp image for 16, 32 and 48 px instead of scaling one down."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, payload = b"", b""
    for size, png in images:
        side = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
        payload += png
    return header + entries + payload


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
    ico = ICONS / "model-advisor.ico"
    ico.write_bytes(ico_bytes([(size, png_bytes(render(renderer, size))) for size in ICO_SIZES]))
    print(ico)
    icns = ICONS / "model-advisor.icns"
    if not render(renderer, 512).save(str(icns), "ICNS"):
        print(f"error: cannot write {icns}", file=sys.stderr)
        return 1
    print(icns)
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
