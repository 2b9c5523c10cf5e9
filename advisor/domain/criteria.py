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
