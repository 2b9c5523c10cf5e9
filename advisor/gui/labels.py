"""Human labels for criteria, groups, conditions and policy choices (one place for wording);
``catalogue_names`` and ``model_names`` read a catalogue's display names."""

from __future__ import annotations

from advisor.app.ranking import display_names as catalogue_names
from advisor.app.ranking import model_names
from advisor.domain.criteria import ATTRIBUTE_CRITERIA, TASK_METRICS, task_label, task_parts
from advisor.domain.efforts import band_text, split_label
from advisor.domain.offers import API, offer_text, parse_label, stored_channel
from advisor.domain.vocabulary import Condition, Method, MissingRule, Normalization

__all__ = ["catalogue_names", "model_names"]  # with the labels below

GROUP_ORDER = (
    "coding",
    "agentic",
    "knowledge",
    "mathematics",
    "honesty",
    "latency",
    "speed",
    "price",
    "context",
    "rate_limits",
    "cost_at_volume",
    "headroom",
    "response_time",
    "multimodal",
)

CONDITION_LABELS = {
    Condition.STANDARD: "Standard",
    Condition.EXTENDED_THINKING: "Extended thinking",
    Condition.UNSPECIFIED: "Unspecified (flagged)",
    Condition.PARALLEL: "Parallel test-time compute",
    Condition.EXTENDED_PARALLEL: "Thinking + parallel compute",
}
CONDITION_TIPS = {
    Condition.STANDARD: "A single attempt without extended thinking (vendor default reasoning "
    "for reasoning-only models).",
    Condition.EXTENDED_THINKING: "A thinking budget or a higher reasoning effort was set.",
    Condition.UNSPECIFIED: "The source does not say how the score was obtained, e.g. a "
    "competitor's figure in a vendor's comparison table.",
    Condition.PARALLEL: "Many samples, the best kept by the vendor's internal scorer: usually "
    "not something a customer can buy.",
    Condition.EXTENDED_PARALLEL: "Extended thinking and parallel test-time compute together.",
}

PARALLEL_NOTE = (
    "Why parallel test-time compute is off by default: for these figures the vendor ran many "
    "attempts in parallel and kept the best one using an internal scoring model. That is not "
    "how a customer calls the API, so the figures overstate what you can buy. They stay "
    "visible, flagged, in every candidate's detail."
)

METHOD_LABELS = {
    Method.WSM: "Weighted sum (WSM)",
    Method.TOPSIS: "TOPSIS (closeness to the ideal)",
}
NORMALIZATION_LABELS = {
    Normalization.MINMAX: "Min-max (best = 1, worst = 0)",
    Normalization.VECTOR: "Vector (share of the column's length)",
}
MISSING_LABELS = {
    MissingRule.WORST: "Worst observed value (cautious)",
    MissingRule.MEAN: "Mean of observed values",
    MissingRule.EXCLUDE: "Exclude the candidate",
    MissingRule.RENORMALISE: "Ignore the gap, rescale its weights",
    MissingRule.ESTIMATE: "Estimate benchmark gaps (marked, with ±)",
}
MISSING_TIPS = {
    MissingRule.WORST: "A gap counts as the worst figure any candidate has for that criterion",
    MissingRule.MEAN: "A gap counts as the mean of the candidates' figures for that criterion",
    MissingRule.EXCLUDE: "A candidate with a gap in a weighted criterion is not ranked",
    MissingRule.RENORMALISE: (
        "A gap is left out and the candidate's other weights are rescaled to sum to one"
    ),
    MissingRule.ESTIMATE: (
        "A benchmark gap is estimated from the model's other published scores by a capability "
        "model fit to the catalogue (validated on hidden figures); estimates are marked "
        "'estimated ±x' everywhere and coverage counts published figures only. Other gaps "
        "count as the worst value"
    ),
}


def format_number(value: float) -> str:
    """Figures as people read them: 10,000,000 rather than 1e+07; 3.438 rather than 3.4375."""
    if value != value:  # NaN
        return "—"
    if abs(value) >= 10_000:
        return f"{value:,.0f}"
    return f"{value:.4g}"


def format_figure(criterion: str, value: float) -> str:
    """A criterion's value in its own unit as people read it: money in US dollars with
    thousands separators ("$3,520", "$0.16"), headroom as a multiple ("2.3×"), else
    :func:`format_number`."""
    if value != value:  # NaN
        return "—"
    unit = ATTRIBUTE_CRITERIA[criterion].unit if criterion in ATTRIBUTE_CRITERIA else ""
    task = task_parts(criterion)
    if task is not None:
        unit = TASK_METRICS[task[1]][2]
    if unit == "USD / task":
        return f"${value:,.3f}" if value >= 0.001 else f"${value:,.5f}"
    if unit == "USD / month":
        return f"${value:,.0f}"
    if unit == "USD / 1k requests":
        return f"${value:,.2f}" if value >= 0.01 else f"${value:,.4f}"
    if unit == "x demand":
        return f"{value:,.1f}×"
    return format_number(value)


def criterion_label(criterion: str, names: dict[str, str] | None = None) -> str:
    """A readable name for a criterion or group id (``names`` maps benchmark and group ids)."""
    if names and criterion in names:
        return names[criterion]
    if criterion in ATTRIBUTE_CRITERIA:
        return ATTRIBUTE_CRITERIA[criterion].label
    return task_label(criterion)


def condition_text(condition: str) -> str:
    """A result's condition as people read it: "parallel test-time compute", "extended
    thinking" (never the id, which would also break mid-word in a narrow column)."""
    if not condition:
        return ""
    return " + ".join(
        part.replace("parallel_test_time_compute", "parallel test-time compute").replace("_", " ")
        for part in condition.split("+")
    )


def mode_text(mode: str) -> str:
    """ "extended thinking" or "standard", as people read a candidate's mode."""
    return "extended thinking" if mode == "extended_thinking" else "standard"


def candidate_text(label: str, names: dict[str, str]) -> str:
    """A candidate label as people read it: "GPT-5 · extended thinking", and its offer unless
    it is the vendor's own API: "Claude Opus 4.5 · standard · AWS Bedrock · eu"."""
    model_id, mode, channel, region = parse_label(label)
    text = f"{names.get(model_id, model_id)} · {mode_text(mode)}"
    band = split_label(label)[1]
    if band:
        text += f" · {band_text(band)}"
    if channel != API or region:
        text += f" · {offer_text(stored_channel(channel), region)}"
    return text


# Effort bands as the policy box names them (advisor.domain.efforts.BANDS says what each is).
BAND_LABELS = {
    "none": "None (standard use)",
    "low": "Low (budget under 8K)",
    "medium": "Medium (8K–24K, e.g. 16K)",
    "high": "High (24K–48K, e.g. 32K)",
    "max": "Max (xhigh, 48K+)",
}
