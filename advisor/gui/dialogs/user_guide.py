"""Help ▸ User guide: ``docs/guide.md`` and the documents it links to (the scoring formulas,
the catalogue format, the probe), rendered from their Markdown in the window, offline."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImageReader, QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

GUIDE = "guide.md"
GLOSSARY = "glossary"
_NOT_SLUG = re.compile(r"[^\w\- ]")


def heading_anchor(text: str) -> str:
    """A heading's link target as GitHub writes it: "Workload: cost at volume" becomes
    "workload-cost-at-volume", so the documents' links work here and on the web alike."""
    return _NOT_SLUG.sub("", text.strip().lower()).replace(" ", "-")


class GuideWindow(QDialog):
    """A small help browser: back and forward, contents, glossary, find in page."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = folder.resolve()
        self.setWindowTitle("Model Advisor user guide")
        self.resize(900, 720)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.back = QPushButton("◀ Back")
        self.forward = QPushButton("Forward ▶")
        self.contents = QPushButton("Contents")
        self.glossary = QPushButton("Glossary")
        self.find_box = QLineEdit()
        self.find_box.setPlaceholderText("Find in page (Enter for the next match)")
        self.find_box.setClearButtonEnabled(True)
        for button in (self.back, self.forward, self.contents, self.glossary):
            button.setAutoDefault(False)
            bar.addWidget(button)
        bar.addWidget(self.find_box, 1)
        layout.addLayout(bar)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)  # links are followed below: pages here, the web outside
        self.browser.anchorClicked.connect(self.follow)
        self.browser.backwardAvailable.connect(self.back.setEnabled)
        self.browser.forwardAvailable.connect(self.forward.setEnabled)
        layout.addWidget(self.browser, 1)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setObjectName("problem")
        self.note.hide()
        layout.addWidget(self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.back.setEnabled(False)
        self.forward.setEnabled(False)
        self.back.clicked.connect(self._back)
        self.forward.clicked.connect(self._forward)
        self.contents.clicked.connect(lambda: self.open_page(GUIDE))
        self.glossary.clicked.connect(lambda: self.open_page(GUIDE, GLOSSARY))
        self.find_box.returnPressed.connect(self.find_next)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.find_box.setFocus)

    # ----- pages ---------------------------------------------------------------------------
    def page(self) -> Path | None:
        """The document on show."""
        source = self.browser.source()
        return Path(source.toLocalFile()) if source.isLocalFile() else None

    def open_page(self, name: str = GUIDE, anchor: str = "") -> bool:
        """Show ``name`` (a Markdown file in the docs folder), at the heading ``anchor``."""
        path = (self.folder / name).resolve()
        if not path.is_file():
            self._say(
                f"The document {name} is not installed with this copy of Model Advisor "
                f"(looked in {self.folder}); reinstall it, or read it in the repository's docs "
                "folder."
            )
            return False
        if path != self.page():
            self.browser.setSource(
                QUrl.fromLocalFile(str(path)), QTextDocument.ResourceType.MarkdownResource
            )
            self._fit_images()
        self.note.hide()
        if anchor:
            return self.scroll_to(anchor)
        self.browser.verticalScrollBar().setValue(0)
        return True

    def follow(self, url: QUrl) -> None:
        """A clicked link: a heading on this page, another shipped document, or (in the
        system's browser, as the user asked) a web page."""
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
            return
        target = self.browser.source().resolved(url)
        path = Path(target.toLocalFile()).resolve() if target.isLocalFile() else None
        if path is None or not path.is_relative_to(self.folder) or path.suffix != ".md":
            shown = url.toString()
            self._say(
                f"“{shown}” is not shown here: it lives in the Model Advisor repository, "
                "beside the docs folder."
            )
            return
        self.open_page(path.relative_to(self.folder).as_posix(), url.fragment())

    def scroll_to(self, anchor: str) -> bool:
        """Bring the heading whose anchor is ``anchor`` to the top of the page."""
        for block in self._heading_blocks():
            if heading_anchor(block.text()) == anchor:
                layout = self.browser.document().documentLayout()
                self.browser.verticalScrollBar().setValue(
                    round(layout.blockBoundingRect(block).top())
                )
                return True
        self._say(f"No heading “{anchor}” on this page.")
        return False

    def headings(self) -> list[str]:
        """The headings of the page on show, in order."""
        return [block.text() for block in self._heading_blocks()]

    def _heading_blocks(self):
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel():
                yield block
            block = block.next()

    def find_next(self) -> bool:
        """Select the next match of the find box's text, wrapping round at the end."""
        text = self.find_box.text()
        if not text:
            return False
        if self.browser.find(text):
            return True
        cursor = self.browser.textCursor()
        cursor.movePosition(cursor.MoveOperation.Start)
        self.browser.setTextCursor(cursor)
        if self.browser.find(text):
            return True
        self._say(f"“{text}” is not on this page.")
        return False

    # ----- helpers -------------------------------------------------------------------------
    def _back(self) -> None:
        self.browser.backward()
        self._fit_images()

    def _forward(self) -> None:
        self.browser.forward()
        self._fit_images()

    def _say(self, text: str) -> None:
        self.note.setText(text)
        self.note.show()

    def _fit_images(self) -> None:
        """Screenshots are 1280 px wide: show them at the page's width, not beyond it."""
        document = self.browser.document()
        widest = max(320, self.browser.viewport().width() - 40)
        page = self.page()
        block = document.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                form = fragment.charFormat()
                if form.isImageFormat() and page is not None:
                    image = form.toImageFormat()
                    size = QImageReader(str(page.parent / image.name())).size()
                    if size.isValid() and size.width() > widest:
                        image.setWidth(widest)
                        image.setHeight(widest * size.height() / size.width())
                        cursor = self.browser.textCursor()
                        cursor.setPosition(fragment.position())
                        cursor.setPosition(
                            fragment.position() + fragment.length(),
                            cursor.MoveMode.KeepAnchor,
                        )
                        cursor.setCharFormat(image)
                it += 1
            block = block.next()

    def keyPressEvent(self, event) -> None:
        # Escape in the find box clears it first; a second Escape closes the guide
        if event.key() == Qt.Key.Key_Escape and self.find_box.hasFocus() and self.find_box.text():
            self.find_box.clear()
            return
        super().keyPressEvent(event)
