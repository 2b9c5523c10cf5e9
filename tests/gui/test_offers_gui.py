"""Offers in the window: the Channel column and its lifecycle badges, each model once through its
best offer (Every offer lists them all), the channel, region, self-hosting, support and
due-diligence filters, and the offer's section in the candidate detail."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from advisor.domain import Policy, Profile
from advisor.gui.views.ranking_table import CHANNEL, LABEL_ROLE
from tests.conftest import catalogue_of_only, write_csv
from tests.engine.test_offers import ASSURANCES, LIFECYCLE, OFFER_ATTRIBUTES
from tests.gui.conftest import table_labels
from tests.gui.pages import requirements


@pytest.fixture
def offers_window(qtbot, tmp_path, tiny_folder, settings):
    from advisor.gui.app import create_window

    write_csv(tiny_folder, "model_attributes.csv", OFFER_ATTRIBUTES)
    write_csv(tiny_folder, "lifecycle.csv", LIFECYCLE)
    write_csv(tiny_folder, "assurances.csv", ASSURANCES)
    path = catalogue_of_only(tmp_path / "offers.sqlite", tiny_folder)
    w = create_window(path, settings)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.state.load(
        Profile(
            "offers",
            {"code": 0.3, "price": 0.7},
            policy=Policy(decision_date="2026-12-01"),
        )
    )
    w.show()
    return w


def _channel_cell(window, label: str):
    model = window.table.source
    return model.index(model.row_of(label), CHANNEL)


def _item(widget, word: str):
    return next(
        widget.item(i)
        for i in range(widget.count())
        if widget.item(i).data(Qt.ItemDataRole.UserRole) == word
    )


def test_each_model_shows_once_through_its_best_offer(offers_window):
    labels = table_labels(offers_window)
    assert [label for label in labels if label.startswith("alpha@")] == ["alpha@standard"]
    cell = _channel_cell(offers_window, "alpha@standard")
    assert cell.data() == "Vendor API (+2)"  # Bedrock eu and OpenRouter rank too
    assert "2 other offers of this model" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert offers_window.state.recommendation is not None
    assert "ranked (" in offers_window.status.text()


def test_every_offer_lists_them_all_with_their_lifecycle(offers_window):
    offers_window.every_offer.setChecked(True)
    labels = table_labels(offers_window)
    assert {"alpha@standard/bedrock:eu", "alpha@standard/openrouter"} <= set(labels)
    openrouter = _channel_cell(offers_window, "alpha@standard/openrouter")
    assert openrouter.data() == "β preview · OpenRouter"
    assert "In preview (models.dev" in openrouter.data(Qt.ItemDataRole.ToolTipRole)
    # excluded rows are listed too, each with its lifecycle reason
    model = offers_window.table.source
    gamma = model.rows[model.row_of("gamma@standard")]
    assert gamma.rank is None and gamma.badge == "retired"
    assert gamma.reasons == ("retired on 2026-06-15 (VendorC, https://c.example/deprecations)",)
    offers_window.every_offer.setChecked(False)
    assert "alpha@standard/openrouter" not in table_labels(offers_window)


def test_a_retiring_offer_flagged_rather_than_excluded_shows_its_badge(offers_window):
    box = requirements(offers_window).constraints
    box.retiring.setCurrentIndex(box.retiring.findData("flag"))
    assert offers_window.state.constraints.retiring == "flag"
    offers_window.state.rerank_now()
    offers_window.every_offer.setChecked(True)
    cell = _channel_cell(offers_window, "alpha@standard/bedrock:us")
    assert cell.data() == "⏳ retiring · AWS Bedrock · us"
    assert "Deprecated from 2027-02-01 (litellm" in cell.data(Qt.ItemDataRole.ToolTipRole)


def test_the_offer_filters_set_the_profile(offers_window):
    box = requirements(offers_window).constraints
    state = offers_window.state
    _item(box.channels, "openrouter").setCheckState(Qt.CheckState.Unchecked)
    assert state.constraints.channels_exclude == ("openrouter",)
    _item(box.regions, "eu").setCheckState(Qt.CheckState.Checked)
    assert state.constraints.regions_include == ("eu",)
    state.rerank_now()
    ranked = {c.candidate for c in state.recommendation.ranking.candidates}
    assert "alpha@standard/bedrock:eu" in ranked and "alpha@standard" not in ranked
    _item(box.regions, "eu").setCheckState(Qt.CheckState.Unchecked)
    box.self_hosted.setChecked(True)
    assert state.constraints.self_hosted_only
    box.self_hosted.setChecked(False)
    box.min_support.setValue(12)
    assert state.constraints.min_support_months == 12
    _item(box.assurances, "dpa").setCheckState(Qt.CheckState.Checked)
    assert state.constraints.required_assurances == ("dpa",)
    # and back: a profile's settings tick the boxes
    state.set_constraints(channels_include=("bedrock",), channels_exclude=())
    assert _item(box.channels, "bedrock").checkState() == Qt.CheckState.Checked
    assert _item(box.channels, "api").checkState() == Qt.CheckState.Unchecked


def test_the_detail_shows_the_offer_its_other_offers_and_due_diligence(offers_window):
    state = offers_window.state
    state.select("alpha@standard")
    detail = offers_window.detail
    assert "Vendor API" in detail.header.text() and "Rank " in detail.header.text()
    html = detail.figures.toHtml()
    assert "Every offer of this model" in html and "AWS Bedrock · eu" in html
    assert "Data processing agreement (DPA)" in html and "https://a.example/dpa" in html
    assert "older than 12 months" in html  # the 2024 zero-data-retention finding
    state.select("beta@standard/self_hosted")
    html = detail.figures.toHtml()
    assert "No findings recorded for VendorB via Self-hosted" in html


def test_selecting_an_offer_that_is_not_shown_highlights_its_model(offers_window):
    """A chart point or the compare tab may select an offer the table does not show: the
    table highlights its model's row and the detail stays on the offer chosen."""
    offers_window.state.select("alpha@standard/bedrock:eu")
    current = offers_window.table.currentIndex().data(LABEL_ROLE)
    assert current == "alpha@standard"
    assert offers_window.state.selected == "alpha@standard/bedrock:eu"
    assert "AWS Bedrock · eu" in offers_window.detail.header.text()
