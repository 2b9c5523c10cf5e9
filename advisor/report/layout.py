"""The report's typography and the context every section lays out with: fonts, paragraph and
table styles, names for ids, and the numbered sources."""

from __future__ import annotations

import html

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, Table, TableStyle

from advisor.domain.criteria import ATTRIBUTE_CRITERIA
from advisor.domain.efforts import band_text, split_label
from advisor.domain.offers import API, offer_text, parse_label, stored_channel
from advisor.engine.lifecycle import Lifecycle, lifecycle
from advisor.report.charts import FONT
from advisor.report.inputs import ReportInputs, ReportOptions
from advisor.report.sources import SourceIndex
from advisor.resources import font_file

PAGE_SIZES = {"A4": A4, "Letter": LETTER}
TABLE_STYLE = [
    ("FONT", (0, 0), (-1, -1), FONT, 7.5),
    ("FONT", (0, 0), (-1, 0), f"{FONT}-Bold", 7.5),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf5")),
    ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#8a99b3")),
    ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f6f7f9")]),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
]


def register_fonts() -> None:
    """Embed the shipped DejaVu Sans (regular and bold) in every report."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont(FONT, str(font_file("DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(f"{FONT}-Bold", str(font_file("DejaVuSans-Bold.ttf"))))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=f"{FONT}-Bold", italic=FONT, boldItalic=f"{FONT}-Bold"
    )


def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles by name: body, small, cell, h1, h2, title, center."""
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13)
    bold = f"{FONT}-Bold"
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
        "cell": ParagraphStyle("cell", parent=base, fontSize=7.5, leading=9),
        "h1": ParagraphStyle(
            "h1", parent=base, fontName=bold, fontSize=16, leading=20, spaceBefore=6, spaceAfter=8
        ),
        "h2": ParagraphStyle(
            "h2", parent=base, fontName=bold, fontSize=12, leading=15, spaceBefore=8, spaceAfter=4
        ),
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName=bold,
            fontSize=24,
            leading=30,
            alignment=TA_CENTER,
            spaceAfter=18,
        ),
        "center": ParagraphStyle(
            "center", parent=base, alignment=TA_CENTER, fontSize=11, leading=16
        ),
    }


def text(value: object, default: str = "") -> str:
    """A cell's text: ``default`` for None, NaN or empty."""
    if value is None or (isinstance(value, float) and value != value) or value == "":
        return default
    return str(value)


def esc(value: object) -> str:
    """Text made safe inside a reportlab paragraph (which reads a little HTML)."""
    return html.escape(str(value), quote=False)


def money(value: float, digits: int) -> str:
    """US dollars with thousands separators ("$3,520", "$0.16"); "—" when unknown."""
    if value != value:
        return "—"
    return f"${value:,.{digits}f}" if value >= 0.01 or digits == 0 else f"${value:,.4f}"


def times(value: float) -> str:
    """A multiple of the demand ("2.3×"); "—" when unknown."""
    return "—" if value != value else f"{value:,.1f}×"


def num(value: float) -> str:
    """A figure as the report prints it: 128,000 or 3.438; "—" for NaN."""
    if value != value:
        return "—"
    return f"{value:,.0f}" if abs(value) >= 10_000 else f"{value:.4g}"


def ratio(value: float) -> str:
    """A judgement as Saaty writes it: 3, or 1/3 for its reciprocal."""
    if value >= 1:
        return f"{value:g}"
    return f"1/{1 / value:.3g}"


def table(rows: list[list], widths: list[float], right: tuple[int, ...] = ()) -> Table:
    """A table whose header row repeats when it splits across pages."""
    out = Table(rows, colWidths=widths, repeatRows=1)
    out.setStyle(
        TableStyle(list(TABLE_STYLE) + [("ALIGN", (c, 0), (c, -1), "RIGHT") for c in right])
    )
    return out


class ReportContext:
    """What every section needs: the inputs and options, styles, the page's text width, names
    for candidates and criteria, each row's figures, and the numbered sources (shared, so a
    source keeps one number through the whole report)."""

    def __init__(self, inputs: ReportInputs, options: ReportOptions) -> None:
        self.inputs = inputs
        self.options = options
        self.styles = styles()
        self.sources = SourceIndex()
        self.labels = inputs.matrix.labels()
        self.row_of = {label: i for i, label in enumerate(self.labels)}
        self.figures = inputs.matrix.figures
        self.width = PAGE_SIZES[options.page_size][0] - 36 * mm

    def name(self, label: str) -> str:
        """A candidate label as a reader knows it: "Claude Opus 4.5 (extended thinking)", and
        its offer unless it is the vendor's own API: "… (standard) via AWS Bedrock · eu"."""
        model_id, mode, channel, region = parse_label(label)
        mode_text = "extended thinking" if mode == "extended_thinking" else "standard"
        band = split_label(label)[1]
        if band:
            mode_text += f", {band_text(band)}"
        text = f"{self.inputs.model_names.get(model_id, model_id)} ({mode_text})"
        if channel != API or region:
            text += f" via {offer_text(stored_channel(channel), region)}"
        return text

    def offer(self, row: int) -> str:
        """A row's offer as the report names it: "Vendor API", "AWS Bedrock · eu"."""
        matrix = self.inputs.matrix
        return offer_text(matrix.channels[row], matrix.regions[row])

    @property
    def lifecycle(self) -> Lifecycle:
        """Every row's lifecycle on the profile's decision date."""
        profile = self.inputs.profile
        return lifecycle(
            self.inputs.matrix, profile.policy.as_of(), profile.constraints.min_support_months
        )

    def crit(self, key: str) -> str:
        """A criterion or group id's readable name."""
        if key in self.inputs.criterion_names:
            return self.inputs.criterion_names[key]
        if key in ATTRIBUTE_CRITERIA:
            return ATTRIBUTE_CRITERIA[key].label
        return key

    def p(self, content: str, style: str = "body") -> Paragraph:
        return Paragraph(content, self.styles[style])

    def cell(self, content: str) -> Paragraph:
        """A table cell that wraps (content already escaped)."""
        return Paragraph(content, self.styles["cell"])

    def cite(self, figure) -> str:
        """A figure's source number(s), its public source's credit remembered for the list."""
        source = getattr(figure, "source", None)
        credit = self.inputs.source_credits.get(source, "") if isinstance(source, str) else ""
        return self.sources.cite(figure.source_url, figure.source_date, credit)

    def figures_of(self, row: int):
        """The figures counted for one matrix row (a DataFrame), or None."""
        return self.figures[self.figures["row"] == row] if self.figures is not None else None

    def cite_attributes(self, row: int) -> str:
        """Source numbers behind a row's price and context figures."""
        figures = self.figures_of(row)
        if figures is None:
            return "—"
        wanted = figures[figures["criterion"].isin(["blended_usd_per_mtok", "context_window"])]
        refs = {self.cite(f) for f in wanted.itertuples()}
        refs.discard("—")
        return " ".join(sorted(refs)) or "—"
