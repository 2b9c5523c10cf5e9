"""The PDF report, read back with a PDF text extractor."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from pypdf import PdfReader

from advisor.app.ranking import RankingSession
from advisor.app.report import export_report
from advisor.domain import AdvisorError, Constraints, Profile
from advisor.report import ReportOptions

DATE = dt.date(2026, 11, 25)


@pytest.fixture
def session(tiny_db):
    return RankingSession.from_db(tiny_db)


def text_of(path) -> tuple[str, int]:
    reader = PdfReader(str(path))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text), len(reader.pages)


def profile(**constraints) -> Profile:
    return Profile(
        "Tiny team", {"code": 0.5, "know": 0.3, "price": 0.2}, Constraints(**constraints)
    )


def test_report_names_the_recommendation_shortlist_sources_and_exclusions(session, tmp_path):
    path = tmp_path / "report.pdf"
    p = profile(max_blended_usd_per_mtok=3.5)
    export_report(
        session, p, path, ReportOptions(organisation="Acme", author="Pat", date=DATE, shortlist=3)
    )
    text, pages = text_of(path)
    assert "Recommended: Alpha (standard)" in text
    for name in ("Alpha (standard)", "Beta (extended thinking)", "Beta (standard)"):
        assert name in text
    for url in ("https://a.example/alpha", "https://b.example/beta"):
        assert url in text
    assert "blended price 6 USD/Mtok exceeds the max of 3.5 USD/Mtok" in text
    assert "Gamma (standard)" in text
    assert "Acme" in text and "Pat" in text and "2026-11-25" in text
    assert (
        "Published but not counted under this policy" in text
        and "parallel_test_time_compute" in text
    )
    for section in (
        "Executive summary",
        "Requirements",
        "Ranking",
        "Trade-offs",
        "Method",
        "Caveats",
        "Sources",
    ):
        assert section in text
    assert 8 <= pages <= 14
    assert f"Page {pages}" in text
    from advisor import __version__

    # the running footer names the version on every page
    assert text.count(f"2026-11-25 · Model Advisor {__version__}") == pages


def test_every_cited_number_is_in_the_sources_appendix(session, tmp_path):
    path = tmp_path / "report.pdf"
    export_report(session, profile(), path, ReportOptions(date=DATE))
    text, _ = text_of(path)
    appendix = text[text.rindex("Sources") :]
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", text)}
    listed = {int(n) for n in re.findall(r"\[(\d+)\]", appendix)}
    assert cited and cited == listed


def test_same_inputs_give_the_same_pdf(session, tmp_path):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for path in (a, b):
        export_report(session, profile(), path, ReportOptions(date=DATE))
    assert a.read_bytes() == b.read_bytes()


def test_font_is_embedded_and_letter_size_works(session, tmp_path):
    path = tmp_path / "letter.pdf"
    export_report(session, profile(), path, ReportOptions(date=DATE, page_size="Letter"))
    reader = PdfReader(str(path))
    assert round(float(reader.pages[0].mediabox.width)) == 612
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("DejaVuSans" in f for f in fonts)


def test_all_excluded_says_which_constraint(session, tmp_path):
    path = tmp_path / "none.pdf"
    export_report(session, profile(max_blended_usd_per_mtok=0.1), path, ReportOptions(date=DATE))
    text, _ = text_of(path)
    assert "No candidate passes every hard constraint" in text
    assert "max_blended_usd_per_mtok" in text


def test_unwritable_path_fails_clearly_and_leaves_nothing(session, tmp_path):
    (tmp_path / "out").mkdir()
    blocker = tmp_path / "out" / "file"
    blocker.write_text("not a folder")
    with pytest.raises(AdvisorError, match="Cannot write the report"):
        export_report(session, profile(), blocker / "r.pdf", ReportOptions(date=DATE))
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["file"]


def test_failed_export_keeps_the_previous_report(session, tmp_path, monkeypatch):
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "r.pdf"
    path.write_bytes(b"%PDF previous")
    import advisor.report.document as document

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(document.SimpleDocTemplate, "build", broken)
    with pytest.raises(AdvisorError, match="No space left"):
        export_report(session, profile(), path, ReportOptions(date=DATE))
    assert path.read_bytes() == b"%PDF previous"
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["r.pdf"]


def test_cli_report_on_the_bundled_catalogue(tmp_path, capsys):
    from advisor.cli.main import main
    from tests.conftest import DATA

    out = tmp_path / "bundled.pdf"
    code = main(
        [
            "report",
            "--profile",
            str(DATA / "profiles" / "coding-assistant.toml"),
            "--db",
            str(tmp_path / "c.sqlite"),
            "-o",
            str(out),
            "--date",
            "2026-11-25",
            "--shortlist",
            "2",
        ]
    )
    assert code == 0 and out.exists()
    text, pages = text_of(out)
    assert "Recommended: GPT-5.2 (extended thinking)" in text
    assert "bought through Vendor API" in text and "Due diligence" in text
    assert "Epoch AI, AI Benchmarking Hub (CC-BY-4.0)" in text  # its figures credited
    assert "Other sources' figures" in text
    # Is the lead real? Said in the summary, with how it was tested; ± beside each figure.
    assert "Is the lead real? GPT-5.2 (extended thinking) outscores the runner-up" in text
    assert "of unknown error are held fixed" in text
    assert re.search(r"SWE-bench Verified \d+(\.\d+)? ±\d", text)
    assert "Uncertainty. Each benchmark figure's standard error" in text
    assert 8 <= pages <= 20
    with pytest.raises(SystemExit) as bad:
        main(["report", "--profile", "x.toml", "-o", str(out), "--date", "25/11/2026"])
    assert bad.value.code == 2
    assert "is not a date in YYYY-MM-DD form" in capsys.readouterr().err


def test_robustness_section_and_rank1_probability(session, tmp_path):
    path = tmp_path / "robust.pdf"
    export_report(session, profile(), path, ReportOptions(date=DATE, sensitivity_samples=400))
    text, _ = text_of(path)
    assert "Robustness" in text and "Rank acceptability" in text
    assert "Weight stability intervals" in text
    assert re.search(r"ranks first in \d+% of cases \(rank-1 probability", text)
    # The tiny catalogue's code bench states its item count: those figures vary too.
    assert "within its own standard error" in text and "measurement noise and doubt" in text
    assert "Is the lead real?" in text
    quiet = tmp_path / "quiet.pdf"
    export_report(session, profile(), quiet, ReportOptions(date=DATE, sensitivity_samples=0))
    assert "Rank acceptability" not in text_of(quiet)[0]


def test_with_a_workload_the_ranking_lists_money_per_month(tmp_path):
    from advisor.cli.main import main
    from tests.conftest import DATA

    out = tmp_path / "eng.pdf"
    profile = DATA / "profiles" / "engineering-org-at-scale.toml"
    args = ["report", "--profile", str(profile), "--db", str(tmp_path / "c.sqlite")]
    assert main([*args, "-o", str(out), "--date", "2026-11-25", "--shortlist", "1"]) == 0
    text, _pages = text_of(out)
    assert "$/month $/1k Headroom" in text
    assert re.search(r"\$\d{1,3},\d{3} \$\d+\.\d{2} \d+\.\d×", text)  # "$16,027 $31.80 3.5×"


def test_the_cover_dates_the_data_not_the_local_file(tmp_path):
    from advisor.app.workspace import Workspace, catalogue_facts, data_date
    from advisor.cli.main import main
    from tests.conftest import DATA

    out, db = tmp_path / "r.pdf", str(tmp_path / "c.sqlite")
    profile = str(DATA / "profiles" / "coding-assistant.toml")
    assert (
        main(["report", "--profile", profile, "--db", db, "-o", str(out), "--shortlist", "1"]) == 0
    )
    with Workspace.open(db) as workspace:
        newest = data_date(catalogue_facts(workspace.session().frames))
    text, _pages = text_of(out)
    assert f"Catalogue: figures up to {newest} (this copy created" in text


@pytest.mark.parametrize("y_top", [0.8, 0.71, 1.0, 120_000.0])
def test_chart_ticks_stay_inside_the_frame_and_read_as_plain_numbers(y_top):
    """No tick above the plot frame, against the heading (first-time user's defect 15), and
    no "1e+03" among the labels."""
    import numpy as np
    from reportlab.graphics.shapes import Rect, String

    from advisor.engine.tradeoff import TradeoffData
    from advisor.report.charts import scatter_chart

    y = np.linspace(0.1 * y_top, y_top, 6)
    data = TradeoffData(
        rows=np.arange(6),
        x=np.array([500.0, 1_000, 2_000, 5_000, 20_000, 1_000_000]),
        y=y,
        x_higher_is_better=False,
        y_higher_is_better=True,
        front=np.array([0]),
        log_x_possible=True,
        not_shown=0,
    )
    for log in (True, False):
        drawing = scatter_chart(data, ["A"] * 6, "Price", "Score", 400, 200, log_x=log)
        frame = next(item for item in drawing.contents if isinstance(item, Rect))
        ticks = [s for s in drawing.contents if isinstance(s, String) and s.textAnchor == "end"]
        assert ticks
        for tick in ticks:
            assert frame.y - 3 <= tick.y <= frame.y + frame.height, tick.text
        labels = [s.text for s in drawing.contents if isinstance(s, String)]
        assert not [t for t in labels if re.search(r"\de[+-]", t)], labels


def test_the_pdf_is_dated_by_the_report_date_and_stays_reproducible(session, tmp_path):
    """The PDF's CreationDate is the report's date, not 2000-01-01 (first-time user's defect
    26), and the same inputs still give the same bytes."""
    path = tmp_path / "dated.pdf"
    export_report(session, profile(), path, ReportOptions(date=DATE))
    info = PdfReader(str(path)).metadata
    assert info.creation_date.date() == DATE
    assert info["/ModDate"] == info["/CreationDate"] == "D:20261125000000+00'00'"


def test_a_workload_without_a_peak_says_so(session, tmp_path):
    """ "Requests in flight at peak: Not stated" is never written as "0 requests in flight"."""
    import dataclasses

    from advisor.domain import Workload

    load = Workload(requests_per_day=1_000, input_tokens_per_request=500,
                    output_tokens_per_request=100)  # fmt: skip
    path = tmp_path / "no-peak.pdf"
    export_report(
        session, dataclasses.replace(profile(), workload=load), path, ReportOptions(date=DATE)
    )
    text, _pages = text_of(path)
    assert "peak demand not stated, so rate-limit headroom is not computed" in text
    assert "0 requests in flight" not in text


def test_estimates_have_their_own_table_caveat_and_method(tmp_path):
    """Under the rule "estimate" the candidate pages list estimates apart from the figures,
    marked and with their interval, and the caveat states the validated error."""
    from advisor.cli.main import main
    from tests.conftest import DATA

    out = tmp_path / "estimates.pdf"
    profile = DATA / "profiles" / "coding-assistant.toml"
    args = ["report", "--profile", str(profile), "--db", str(tmp_path / "c.sqlite")]
    args += ["--missing", "estimate", "-o", str(out), "--date", "2026-11-25", "--shortlist", "2"]
    assert main(args) == 0
    text, _pages = text_of(out)
    assert "Estimated, not published" in text
    assert re.search(
        r"\d+(\.\d+)? estimated ±\d+(\.\d+)? \d+(\.\d+)?–\d+(\.\d+)? \d+ of the model's", text
    )
    assert re.search(r"its estimates were off by \d+% of the error of guessing", text)
    assert "80% intervals held" in text
    assert "Estimated figures. Each published benchmark score" in text  # the method
    assert "missing figures: estimate" in text
    assert " est." in text  # under the ranking table's coverage
