"""One pairwise comparison in the guided-weights wizard: a slider from "the right matters 9
times as much" to "the left matters 9 times as much", on Saaty's 1-9 scale."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QSlider, QWidget

INTENSITY = {
    1: "equally important",
    2: "slightly more important",
    3: "moderately more important",
    4: "moderately to strongly more important",
    5: "strongly more important",
    6: "strongly to very strongly more important",
    7: "very strongly more important",
    8: "very strongly to extremely more important",
    9: "extremely more important",
}


def judgement_from_slider(position: int) -> float:
    """Slider -8..8 to a ratio: 0 is 1, +k is k+1 (left matters more), -k is 1/(k+1)."""
    return float(position + 1) if position >= 0 else 1.0 / (1 - position)


def slider_from_judgement(value: float) -> int:
    return round(value) - 1 if value >= 1 else 1 - round(1 / value)


def ratio_text(value: float) -> str:
    """3, 1/3, or a value off the scale such as 1.4."""
    if value >= 1:
        return f"{value:.3g}"
    inverse = 1 / value
    return f"1/{round(inverse)}" if abs(inverse - round(inverse)) < 1e-9 else f"{value:.3g}"


class PairRow(QWidget):
    """Left label, a slider from "right matters 9x" to "left matters 9x", right label."""

    changed = Signal()

    def __init__(self, left: str, right: str) -> None:
        super().__init__()
        self.left, self.right = left, right
        layout = QGridLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        self.left_label = QLabel(left)
        self.left_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.left_label.setMinimumWidth(110)
        self.right_label = QLabel(right)
        self.right_label.setMinimumWidth(110)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(-8, 8)
        self.slider.setInvertedAppearance(True)  # dragging towards a name favours it
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(1)
        self.slider.setPageStep(1)
        self.slider.setMinimumWidth(200)
        self.slider.setAccessibleName(f"{left} compared with {right}")
        self.words = QLabel()
        self.words.setObjectName("hint")
        self.words.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # A long verdict wraps under the slider; it never widens the row and pushes the
        # right-hand name out of view.
        self.words.setWordWrap(True)
        self.words.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        for label in (self.left_label, self.right_label):
            label.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.left_label, 0, 0)
        layout.addWidget(self.slider, 0, 1)
        layout.addWidget(self.right_label, 0, 2)
        layout.addWidget(self.words, 1, 0, 1, 3)
        layout.setColumnStretch(1, 1)
        self._exact: float | None = None
        self.slider.valueChanged.connect(self._on_moved)
        self._on_moved(0)

    @property
    def judgement(self) -> float:
        if self._exact is not None:
            return self._exact
        return judgement_from_slider(self.slider.value())

    def set_judgement(self, value: float) -> None:
        """Show ``value``; one off the 1/9..9 scale (from a file) is kept exactly until the
        slider is moved, so reopening recorded answers changes nothing."""
        position = slider_from_judgement(value)
        self._exact = None
        self.slider.setValue(position)
        if abs(judgement_from_slider(position) - value) > 1e-9:
            self._exact = float(value)
            self._on_moved(position)

    def _on_moved(self, position: int) -> None:
        if self.sender() is self.slider:
            self._exact = None  # the user moved it: the slider's value counts
        value = self.judgement
        if self._exact is not None:
            self.words.setText(
                f"{self.left} counts {value:.3g}× as much as {self.right} (as saved; moving "
                "the slider puts it on the 1–9 scale)"
            )
        elif position == 0:
            self.words.setText(f"{self.left} and {self.right} are equally important")
        elif value > 1:
            self.words.setText(f"{self.left} is {INTENSITY[round(value)]} ({ratio_text(value)}×)")
        else:
            strength = INTENSITY[round(1 / value)]
            self.words.setText(f"{self.right} is {strength} ({round(1 / value)}×)")
        self.changed.emit()

    def mark(self, on: bool) -> None:
        self.setStyleSheet("PairRow { background: #fff4e0; }" if on else "")
        self.setAutoFillBackground(on)
