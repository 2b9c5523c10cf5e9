"""Why a candidate ranks where it does: contribution bars, every figure with its condition,
source (clickable), record and date, the other sources' figures, missing criteria, and
figures the policy did not count; then its offer: channel, region and lifecycle, the model's
other offers, and the team's due-diligence findings for its vendor and channel."""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QTextBrowser, QVBoxLayout, QWidget

from advisor.app import estimates
from advisor.app.offers import findings_for, offer_of
from advisor.app.ranking import (
    Recommendation,
    alternatives_for,
    figures_for,
    lifecycle_events,
    old_flags,
    set_aside_for,
    source_credits,
)
from advisor.domain.efforts import band_text
from advisor.domain.uncertainty_words import estimate_cell, interval_text, plus_minus
from advisor.gui.labels import catalogue_names, condition_text, criterion_label, format_number
from advisor.gui.models.session import QtSession


class ContributionBars(QWidget):
    """Horizontal bars: each weight key's contribution to the score, with its weight share."""

    ROW = 22

    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple[str, float, float]] = []  # label, contribution, weight share
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_items(self, items: list[tuple[str, float, float]]) -> None:
        self.items = items
        self.setFixedHeight(max(1, len(items)) * self.ROW + 6)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, len(self.items) * self.ROW + 6)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        accent = palette.color(QPalette.ColorRole.Highlight)
        track = QColor(text)
        track.setAlpha(30)
        label_w = 130
        value_w = 120
        width = max(40, self.width() - label_w - value_w - 12)
        for i, (label, contribution, share) in enumerate(self.items):
            y = 3 + i * self.ROW
            painter.setPen(text)
            painter.drawText(
                QRectF(0, y, label_w - 6, self.ROW),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                label,
            )
            bar = QRectF(label_w, y + 4, width, self.ROW - 8)
            painter.fillRect(bar, track)  # the track is the weight: the most it could add
            weight_bar = QRectF(bar.x(), bar.y(), width * share, bar.height())
            faint = QColor(accent)
            faint.setAlpha(60)
            painter.fillRect(weight_bar, faint)
            painter.fillRect(
                QRectF(bar.x(), bar.y(), width * max(0.0, contribution), bar.height()), accent
            )
            painter.setPen(text)
            painter.drawText(
                QRectF(label_w + width + 8, y, value_w, self.ROW),
                Qt.AlignmentFlag.AlignVCenter,
                f"{contribution:.3f} of {share:.2f}",
            )
        painter.end()


def _origin_word(origin: object) -> str:
    """Where a standard error comes from, briefly: "source", "binomial, 198 items"."""
    if not isinstance(origin, str) or origin.startswith("unknown"):
        return "unknown"
    return origin if origin.startswith("binomial") else "source"


def provenance_html(figure: dict, credits: dict[str, str]) -> str:
    """A figure's source links, then its record key and the credit its source asks for."""
    parts = [url_links(figure.get("source_url"))]
    if figure.get("source_record"):
        parts.append(f"record {html.escape(str(figure['source_record']))}")
    credit = credits.get(figure.get("source") or "")
    if credit:
        parts.append(html.escape(credit))
    return "<br>".join(f"<small>{p}</small>" for p in parts)


def url_links(urls: str | None) -> str:
    """Source URLs (" ; "-separated) as HTML links."""
    if not urls:
        return "<i>no source URL</i>"
    parts = [u.strip() for u in urls.split(" ; ") if u.strip()]
    return "<br>".join(f'<a href="{html.escape(u)}">{html.escape(u)}</a>' for u in parts)


class DetailPane(QWidget):
    """Everything behind the selected candidate's score."""

    def __init__(self, state: QtSession) -> None:
        super().__init__()
        self.state = state
        frames = state.session.frames
        self._benchmark_names = catalogue_names(frames)
        self._names = dict(
            zip(frames.models["model_id"], frames.models["display_name"], strict=True)
        )
        self._credits = source_credits(frames)
        layout = QVBoxLayout(self)
        self.header = QLabel()
        self.header.setObjectName("detailHeader")
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bars_title = QLabel("Contribution to the score (bar) against the weight (track)")
        self.bars_title.setObjectName("hint")
        self.bars = ContributionBars()
        self.figures = QTextBrowser()
        self.figures.setOpenExternalLinks(True)  # opens the user's browser; this app stays offline
        layout.addWidget(self.header)
        layout.addWidget(self.bars_title)
        layout.addWidget(self.bars)
        layout.addWidget(self.figures, 1)
        state.selection_changed.connect(self._refresh)
        state.ranking_changed.connect(self._refresh)
        self._refresh()

    def _refresh(self, *_args) -> None:
        rec = self.state.recommendation
        label = self.state.selected
        if rec is None or not label or label not in (labels := rec.matrix.labels()):
            self.header.setText(
                self.state.problem
                or "Select a candidate in the table or the chart to see why it ranks where it does."
            )
            self.bars.set_items([])
            self.figures.setHtml("")
            return
        row = labels.index(label)
        model_id, mode = str(rec.matrix.model_ids[row]), str(rec.matrix.modes[row])
        ranking = rec.ranking
        offer = offer_of(rec, row)
        name = html.escape(self._names.get(model_id, model_id))
        mode_text = "extended thinking" if mode == "extended_thinking" else "standard"
        band = str(rec.matrix.efforts[row] or "")
        if band:
            mode_text += f" · {html.escape(band_text(band))}"
        mode_text += f" · {html.escape(offer.short)}"
        found = ranking.find(label)
        if found is not None:
            places = ranking.model_places()
            place = ranking.place_of(found)
            where = f"Rank {place} of {len(places)}"
            if len(places) < len(ranking):  # some models have several offers
                where += f" (offer {found.rank} of {len(ranking)})"
                if not found.best_offer:
                    where += "; the model's best offer ranks higher"
            guessed = f" · <i>{len(found.estimated)} estimated</i>" if found.estimated else ""
            self.header.setText(
                f"<b>{name}</b> · {mode_text}<br>{where} · score "
                f"{found.score:.3f} · coverage {found.coverage:.0%}{guessed}"
                + (" · ★ Pareto-optimal" if found.pareto else "")
            )
            shares = self.state.weight_shares()
            items = [
                (criterion_label(k, self._benchmark_names), v, shares.get(k, 0.0))
                for k, v in found.contributions.items()
            ]
            self.bars.set_items(items)
            missing = found.missing
        else:
            reasons = next((e.reasons for e in ranking.excluded if e.candidate == label), ())
            self.header.setText(
                f"<b>{name}</b> · {mode_text}<br><span style='color:#c0392b'>Excluded: "
                + html.escape("; ".join(reasons))
                + "</span>"
            )
            self.bars.set_items([])
            missing = ()
        self.bars_title.setVisible(bool(self.bars.items))
        self.bars.setVisible(bool(self.bars.items))
        self.figures.setHtml(self._offer_html(rec, row) + self._figures_html(rec, row, missing))

    def _figures_html(self, rec: Recommendation, row: int, missing: tuple[str, ...]) -> str:
        parts = []
        guessed = estimates.estimates_for(rec, row)
        filled = {e["criterion"] for e in guessed}
        unfilled = [c for c in missing if c not in filled]
        if unfilled:
            names = ", ".join(
                html.escape(criterion_label(c, self._benchmark_names)) for c in unfilled
            )
            rule = rec.ranking.missing_rule
            how = (
                "no estimate could be made, so each counts as the worst observed value"
                if rule == "estimate"
                else f"handled by the “{html.escape(rule)}” rule"
            )
            parts.append(f"<p style='color:#c0392b'><b>No figure for:</b> {names} — {how}.</p>")
        if guessed:
            parts.append(self._estimates_html(rec, guessed))
        rows = []
        weighted = set(rec.ranking.criteria)
        # The figures the score uses first, then the rest the catalogue has for this candidate.
        figures = sorted(figures_for(rec, row), key=lambda f: f["criterion"] not in weighted)
        months = self.state.policy.stale_after_months
        old = old_flags(figures, months)
        for f, is_old in zip(figures, old, strict=True):
            context = "; ".join(
                str(f[k])
                for k in ("reasoning_effort", "harness", "task_subset", "settings")
                if f.get(k)
            )
            age = f"older than {months} months" if is_old else ""
            flags = "; ".join(x for x in (f.get("flags"), age, f.get("detail")) if x)
            spread = plus_minus(f.get("stderr"), f.get("stderr_origin"))
            rows.append(
                "<tr>"
                f"<td>{html.escape(criterion_label(f['criterion'], self._benchmark_names))}</td>"
                f"<td align='right'>{format_number(f['value'])}"
                + (
                    f"<br><small>{html.escape(spread)} <span style='color:#777'>"
                    f"{html.escape(_origin_word(f.get('stderr_origin')))}</span></small>"
                    if spread
                    else ""
                )
                + "</td>"
                f"<td>{html.escape(condition_text(f.get('condition') or ''))}"
                + (f"<br><small>{html.escape(context)}</small>" if context else "")
                + "</td>"
                f"<td>{html.escape(f.get('source_kind') or '')}"
                + (
                    f"<br><small>{html.escape(f['reported_by'])}</small>"
                    if f.get("reported_by")
                    else ""
                )
                + "</td>"
                f"<td>{html.escape(f.get('source_date') or 'undated')}</td>"
                f"<td>{provenance_html(f, self._credits)}"
                + (
                    f"<br><small style='color:#b9770e'>{html.escape(flags)}</small>"
                    if flags
                    else ""
                )
                + "</td></tr>"
            )
        parts.append(
            "<table cellspacing='0' cellpadding='4' width='100%'>"
            "<tr><th align='left'>Criterion</th><th align='right'>Value</th><th align='left'>"
            "Condition</th><th align='left'>Source kind</th><th align='left'>Date</th>"
            "<th align='left'>Source</th></tr>" + "".join(rows) + "</table>"
            "<p><small>± under a benchmark figure: its standard error — the source's own, or "
            "binomial from the benchmark's item count (and the trials the source states); "
            "±? not known. The Compare tab tests a gap against them.</small></p>"
        )
        others = alternatives_for(rec, row)
        if others:
            parts.append(self._others_html(others))
        aside = set_aside_for(rec, row)
        if aside:
            items = "".join(
                f"<li>{html.escape(criterion_label(a['benchmark'], self._benchmark_names))} "
                f"{a['score']:g} ({html.escape(condition_text(a['condition']))}, "
                f"{html.escape(a['source_kind'] or '')}, "
                f"{html.escape(a['source_date'] or 'undated')})</li>"
                for a in aside
            )
            parts.append(
                f"<p><b>Published but not counted under this policy:</b></p><ul>{items}</ul>"
            )
        return "".join(parts)

    def _estimates_html(self, rec: Recommendation, guessed: list[dict]) -> str:
        """The estimates counted in the score, each marked, with its 80% interval and what it
        rests on, then the validated error (docs/scoring.md, "Estimated figures")."""
        rows = "".join(
            "<tr>"
            f"<td>{html.escape(criterion_label(e['criterion'], self._benchmark_names))}</td>"
            f"<td align='right'><i>{html.escape(estimate_cell(e['value'], e['stderr']))}</i></td>"
            f"<td align='right'>{html.escape(interval_text(*e['interval_80']))}</td>"
            f"<td>from the model's {e['based_on']} published benchmark score"
            f"{'' if e['based_on'] == 1 else 's'}</td></tr>"
            for e in guessed
        )
        return (
            "<p style='color:#5b84c4'><b>Estimated, no published figure</b> <small>(missing-data "
            "rule “estimate”; coverage counts published figures only)</small></p>"
            "<table cellspacing='0' cellpadding='4'><tr><th align='left'>Criterion</th>"
            "<th align='right'>Estimate</th><th align='right'>80% interval</th>"
            "<th align='left'>Rests on</th></tr>" + rows + "</table>"
            f"<p><small>{html.escape(estimates.caveat(rec))} `advisor explain --json` prints "
            "the fitted parameters behind each estimate.</small></p>"
        )

    def _others_html(self, others: list[dict]) -> str:
        """Every other source's figure for the criteria above, which the rule did not pick."""
        rows = []
        for o in others:
            about = "; ".join(
                condition_text(str(o[k])) if k == "condition" else str(o[k])
                for k in ("condition", "reasoning_effort", "harness", "settings")
                if o.get(k)
            )
            who = html.escape(o.get("source_kind") or "")
            if o.get("reported_by"):
                who += f"<br><small>{html.escape(o['reported_by'])}</small>"
            rows.append(
                "<tr>"
                f"<td>{html.escape(criterion_label(o['criterion'], self._benchmark_names))}</td>"
                f"<td align='right'>{format_number(o['value'])}</td>"
                f"<td><small>{html.escape(about)}</small></td><td>{who}</td>"
                f"<td>{html.escape(o.get('source_date') or 'undated')}</td>"
                f"<td>{provenance_html(o, self._credits)}</td></tr>"
            )
        return (
            "<p><b>Other sources' figures</b> <small>(kept side by side; the rule in "
            "docs/scoring.md chose the one above)</small></p>"
            "<table cellspacing='0' cellpadding='4' width='100%'>"
            "<tr><th align='left'>Criterion</th><th align='right'>Value</th><th align='left'>"
            "Condition</th><th align='left'>Source kind</th><th align='left'>Date</th>"
            "<th align='left'>Source</th></tr>" + "".join(rows) + "</table>"
            "<p><small>± under a benchmark figure: its standard error — the source's own, or "
            "binomial from the benchmark's item count (and the trials the source states); "
            "±? not known. The Compare tab tests a gap against them.</small></p>"
        )

    def _offer_html(self, rec: Recommendation, row: int) -> str:
        """The offer: channel, region and lifecycle with its sources; the model's other offers
        in this mode; the due-diligence findings for its vendor and channel."""
        matrix = rec.matrix
        offer = offer_of(rec, row)
        parts = [
            "<h3>Offer</h3>",
            f"<p><b>{html.escape(offer.channel_label)}</b> · "
            f"{html.escape(offer.region_label)}"
            + (
                f"<br><span style='color:#b9770e'>{html.escape(offer.lifecycle)}</span>"
                if offer.lifecycle
                else "<br><small>No deprecation or retirement recorded for this offer.</small>"
            )
            + "</p>",
        ]
        events = lifecycle_events(rec, row)
        if events:
            items = "".join(
                f"<li>{html.escape(e['event'])} {html.escape(e.get('date') or '(no date)')} — "
                f"{html.escape(e.get('reported_by') or '')}, {url_links(e.get('source_url'))}"
                + (
                    f" <small>record {html.escape(e['source_record'])}</small>"
                    if e.get("source_record")
                    else ""
                )
                + "</li>"
                for e in events
            )
            parts.append(f"<p><b>Lifecycle events</b></p><ul>{items}</ul>")
        same = np.flatnonzero(matrix.model_mode_keys() == matrix.model_mode_keys()[row])
        if len(same) > 1:
            lines = []
            price = matrix.column("blended_usd_per_mtok")
            for other in same:
                found = rec.ranking.find(matrix.labels_array()[other])
                place = f"offer {found.rank}" if found is not None else "excluded"
                mark = " ◀" if other == row else ""
                lines.append(
                    f"<tr><td>{html.escape(offer_of(rec, int(other)).short)}{mark}</td>"
                    f"<td align='right'>{format_number(price[other])}</td><td>{place}</td></tr>"
                )
            parts.append(
                "<p><b>Every offer of this model</b> <small>(benchmarks are the model's, shared "
                "by its offers; prices, limits and lifecycle are each offer's own)</small></p>"
                "<table cellspacing='0' cellpadding='3'><tr><th align='left'>Offer</th>"
                "<th align='right'>$/Mtok</th><th align='left'>Place</th></tr>"
                + "".join(lines)
                + "</table>"
            )
        findings = findings_for(rec, row)
        vendor = html.escape(str(matrix.vendors[row]))
        if not findings:
            parts.append(
                f"<p><b>Due diligence</b><br><small>No findings recorded for {vendor} via "
                f"{html.escape(offer.channel_label)}: every assurance is unknown. Record what "
                "the vendor's documents state under Catalogue ▸ Edit catalogue ▸ Due "
                "diligence.</small></p><h3>Figures</h3>"
            )
            return "".join(parts)
        lines = []
        for f in findings:
            age = " <span style='color:#b9770e'>older than 12 months</span>" if f.old else ""
            linked = f.evidence.startswith(("http://", "https://"))
            evidence = url_links(f.evidence) if linked else html.escape(f.evidence)
            lines.append(
                f"<tr><td>{html.escape(f.label)}</td><td>{html.escape(f.value)}"
                + (f"<br><small>{html.escape(f.detail)}</small>" if f.detail else "")
                + f"</td><td>{evidence}</td>"
                f"<td>{html.escape(f.recorded_on)}{age}<br><small>{html.escape(f.recorded_by)}"
                f"</small></td><td><small>{html.escape(f.scope)}</small></td></tr>"
            )
        parts.append(
            f"<p><b>Due diligence</b> <small>(the team's findings for {vendor} via "
            f"{html.escape(offer.channel_label)}; an assurance not listed is unknown)</small></p>"
            "<table cellspacing='0' cellpadding='3' width='100%'><tr><th align='left'>"
            "Assurance</th><th align='left'>Finding</th><th align='left'>Evidence</th>"
            "<th align='left'>Recorded</th><th align='left'>Covers</th></tr>"
            + "".join(lines)
            + "</table><h3>Figures</h3>"
        )
        return "".join(parts)
