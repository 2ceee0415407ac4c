"""Draw the application icon's PNGs (and Windows .ico) from resources/icons/app/returndesk.svg.

python tools/app_icons.py     (run again after changing the SVG; the PNGs are kept in git)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "resources" / "icons" / "app"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def draw(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv)
    renderer = QSvgRenderer(str(FOLDER / "returndesk.svg"))
    for size in SIZES:
        draw(renderer, size).save(str(FOLDER / f"returndesk-{size}.png"))
    ico = ROOT / "packaging" / "windows" / "returndesk.ico"
    ico.parent.mkdir(parents=True, exist_ok=True)
    if not draw(renderer, 256).save(str(ico), "ICO"):
        print("Qt cannot write .ico here; the Windows build uses the PNG", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
