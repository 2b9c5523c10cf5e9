"""A change that excludes most candidates says so in a banner above the table, naming the
constraint and its value (first-time user's defect 11)."""

from __future__ import annotations


def _models(window) -> tuple[int, int]:
    """Models (in a mode) ranked through some offer, and models none of whose offers ranks."""
    rec = window.state.recommendation
    every = set(zip(rec.matrix.model_ids, rec.matrix.modes, strict=True))
    ranked = len(rec.ranking.best_offer_rows)
    return ranked, len(every) - ranked


def test_most_excluded_shows_which_constraint_did_it(bundled_window, qtbot):
    """The banner counts models, not offers: a model excluded on one channel may rank on
    another, and most offers of a ranked model are usually excluded by the channels."""
    window = bundled_window
    banner = window.exclusion_banner
    window.state.rerank_now()
    ranked, out = _models(window)
    assert banner.isHidden() == (out <= ranked)
    ranking = window.state.recommendation.ranking
    coverages = sorted((c.coverage for c in ranking.best_offers()), reverse=True)
    threshold = round(coverages[(ranked + out) // 5], 2)  # keeps about a fifth of the models
    window.state.set_constraints(min_coverage=threshold)
    window.state.rerank_now()
    ranking = window.state.recommendation.ranking
    ranked, out = _models(window)
    assert 0 < ranked < out
    assert not banner.isHidden()
    text = banner.text()
    assert f"by “Min coverage” {threshold:.0%}" in text and f"{len(ranking)} are ranked" in text
    window.state.set_constraints(min_coverage=None, max_blended_usd_per_mtok=None)
    window.state.rerank_now()
    ranked, out = _models(window)
    if out <= ranked:
        assert banner.isHidden()


def test_the_status_bar_dates_the_data_not_the_local_file(bundled_window):
    """ "Figures up to <newest figure or snapshot>", not the day the database was created
    (first-time user's defect 20)."""
    from advisor.app.workspace import catalogue_facts, data_date

    window = bundled_window
    newest = data_date(catalogue_facts(window.state.session.frames))
    created = window.state.catalogue_meta["created_at"][:10]
    assert newest and newest < created
    assert window.status.text().startswith(f"Figures up to {newest}")
