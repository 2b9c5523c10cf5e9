"""Built-in criteria that are not benchmarks: model attributes, measurements, rate limits."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CriterionInfo:
    """What a criterion column means and which way is better."""

    id: str
    label: str
    unit: str
    higher_is_better: bool
    kind: str  # "attribute", "measurement", "rate_limit" or "benchmark"


ATTRIBUTE_CRITERIA: dict[str, CriterionInfo] = {
    c.id: c
    for c in (
        CriterionInfo("input_usd_per_mtok", "Input price", "USD / M tokens", False, "attribute"),
        CriterionInfo("output_usd_per_mtok", "Output price", "USD / M tokens", False, "attribute"),
        CriterionInfo(
            "blended_usd_per_mtok",
            "Blended price (3:1 in:out)",
            "USD / M tokens",
            False,
            "attribute",
        ),
        CriterionInfo("context_window", "Context window", "tokens", True, "attribute"),
        CriterionInfo("max_output_tokens", "Max output", "tokens", True, "attribute"),
        CriterionInfo("latency_ttft_s", "Time to first token", "s", False, "measurement"),
        CriterionInfo("output_tokens_per_s", "Output speed", "tokens / s", True, "measurement"),
        CriterionInfo(
            "rate_limit_rpm", "Rate limit (requests)", "requests / min", True, "rate_limit"
        ),
        CriterionInfo(
            "rate_limit_input_tpm", "Rate limit (input tokens)", "tokens / min", True, "rate_limit"
        ),
        CriterionInfo(
            "cache_read_usd_per_mtok", "Cached input price", "USD / M tokens", False, "attribute"
        ),
        CriterionInfo(
            "monthly_cost", "Monthly cost at the workload", "USD / month", False, "workload"
        ),
        CriterionInfo(
            "cost_per_1k_requests",
            "Cost per 1,000 requests",
            "USD / 1k requests",
            False,
            "workload",
        ),
        CriterionInfo(
            "rate_limit_headroom", "Rate-limit headroom at peak", "x demand", True, "workload"
        ),
        CriterionInfo("response_time_s", "Expected response time", "s", False, "workload"),
    )
}

WORKLOAD_CRITERIA = (
    "monthly_cost",
    "cost_per_1k_requests",
    "rate_limit_headroom",
    "response_time_s",
)

# Measurement metric name in the catalogue -> criterion id.
MEASUREMENT_METRICS: dict[str, str] = {
    "ttft_s": "latency_ttft_s",
    "output_tokens_per_s": "output_tokens_per_s",
}


# What a benchmark run cost, where the source publishes it (Aider's leaderboard, and Epoch AI's
# copy of it): a criterion per benchmark and metric, "aider-polyglot:cost_per_task".
TASK_METRICS: dict[str, tuple[str, str, str]] = {
    # metric: (results column, words, unit)
    "cost_per_task": ("cost_per_task_usd", "cost per task", "USD / task"),
    "seconds_per_task": ("seconds_per_task", "time per task", "s / task"),
}
# The benchmark whose cost per task the "Max cost per task" constraint bounds: the one whose
# sources state a cost for (nearly) every run.
TASK_COST_BENCHMARK = "aider-polyglot"


def task_criterion(benchmark: str, metric: str) -> str:
    """The criterion id of a benchmark's cost or time per task: "aider-polyglot:cost_per_task"."""
    return f"{benchmark}:{metric}"


def task_parts(criterion: str) -> tuple[str, str] | None:
    """(benchmark, metric) of a cost- or time-per-task criterion, else None."""
    benchmark, sep, metric = criterion.rpartition(":")
    return (benchmark, metric) if sep and metric in TASK_METRICS else None


def task_label(criterion: str, benchmark_name: str | None = None) -> str:
    """ "Aider polyglot: cost per task" for a task criterion (its id otherwise)."""
    parts = task_parts(criterion)
    if parts is None:
        return criterion
    benchmark, metric = parts
    return f"{benchmark_name or benchmark}: {TASK_METRICS[metric][1]}"


# How the missing-data rule "estimate" puts a benchmark's scores on an unbounded scale
# (advisor.engine.estimates): the logit of the share for percentages, the log for durations,
# the published number otherwise (ratings, Elo, indices, points). "" marks a criterion that is
# never estimated (attributes, measurements, costs per task).
SCALE_LOGIT = "logit"
SCALE_LOG = "log"
SCALE_LINEAR = "linear"
UNIT_SCALES = {"percent": SCALE_LOGIT, "minutes": SCALE_LOG}


def estimate_scale(unit: str | None) -> str:
    """The scale a benchmark measured in ``unit`` is estimated on."""
    return UNIT_SCALES.get(str(unit or "").strip().lower(), SCALE_LINEAR)
