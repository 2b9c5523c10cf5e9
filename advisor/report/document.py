"""The recommendation report as a PDF (reportlab platypus): real text, embedded font, vector
charts, numbered sources, written whole or not at all. The sections are in
``advisor.report.sections``; this module puts them in order and writes the file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, SimpleDocTemplate

from advisor import __version__
from advisor.domain.errors import AdvisorError
from advisor.domain.files import write_atomically
from advisor.report.charts import FONT
from advisor.report.inputs import ReportInputs, ReportOptions
from advisor.report.layout import PAGE_SIZES, ReportContext, register_fonts
from advisor.report.sections import (
    appendix,
    candidates,
    due_diligence,
    ranking,
    requirements,
    robustness,
    stakeholders,
    summary,
    tradeoffs,
)


def story(ctx: ReportContext) -> list:
    """Every section in reading order (sources last: they are numbered as first cited)."""
    body = summary.cover(ctx) + summary.executive_summary(ctx) + requirements.requirements(ctx)
    body += stakeholders.stakeholders(ctx)
    body += ranking.ranking(ctx) + robustness.robustness(ctx) + tradeoffs.tradeoffs(ctx)
    body += candidates.candidate_pages(ctx) + due_diligence.due_diligence(ctx)
    body += [*appendix.method(ctx), CondPageBreak(60 * mm), *appendix.caveats(ctx)]
    return body + appendix.sources(ctx)


def _footer(options: ReportOptions, profile_name: str) -> Callable:
    # The file is invariant (the same inputs give the same bytes), so reportlab would date it
    # 2000-01-01; it carries the report's own date instead, at midnight UTC.
    created = f"D:{options.date:%Y%m%d}000000+00'00'"

    def draw(canvas, doc) -> None:
        canvas.setDateFormatter(lambda *_now: created)
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(colors.HexColor("#666666"))
        text = (
            f"{options.title} · {profile_name} · {options.date.isoformat()} · "
            f"Model Advisor {__version__}"
        )
        canvas.drawString(18 * mm, 10 * mm, text)
        canvas.drawRightString(doc.pagesize[0] - 18 * mm, 10 * mm, f"Page {doc.page}")
        canvas.restoreState()

    return draw


def write_report(inputs: ReportInputs, path: Path, options: ReportOptions | None = None) -> Path:
    """Write the report to ``path`` atomically; raise AdvisorError with a clear message."""
    options = options or ReportOptions()
    if options.page_size not in PAGE_SIZES:
        raise AdvisorError(f"Unknown page size {options.page_size!r}; use A4 or Letter.")
    register_fonts()

    def build(temp: Path) -> None:
        doc = SimpleDocTemplate(
            str(temp),
            pagesize=PAGE_SIZES[options.page_size],
            leftMargin=18 * mm,
            rightMargin=18 * mm,
            topMargin=16 * mm,
            bottomMargin=18 * mm,
            title=options.title,
            author=options.author or "Model Advisor",
            subject=f"Recommendation for profile {inputs.profile.name}",
            creator="Model Advisor",
            invariant=True,
        )
        footer = _footer(options, inputs.profile.name)
        doc.build(story(ReportContext(inputs, options)), onFirstPage=footer, onLaterPages=footer)

    return write_atomically(Path(path), build, what="the report to ")
