"""Names to models: the canonical form's rules, the mapping table, and unmapped or ambiguous
names reported, never guessed."""

from __future__ import annotations

import pytest

from advisor.sources.identity import (
    Alias,
    Identities,
    Ignored,
    Mapped,
    Unmapped,
    canonical,
    mode_of,
    read_aliases,
)
from tests.conftest import DATA


@pytest.mark.parametrize(
    ("name", "form"),
    [
        ("claude-opus-4-5-20251101", "claude-opus-4.5"),
        ("Claude Opus 4.5", "claude-opus-4.5"),
        ("bedrock/anthropic.claude-opus-4-5-20251101-v1:0", "claude-opus-4.5"),
        ("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4.5"),
        ("vertex_ai/claude-opus-4-5@20251101", "claude-opus-4.5"),
        ("openrouter/anthropic/claude-opus-4.5", "claude-opus-4.5"),
        ("claude-opus-4-5_32K", "claude-opus-4.5"),
        ("claude-3-7-sonnet-20250219", "claude-sonnet-3.7"),
        ("Claude-3.7-Sonnet", "claude-sonnet-3.7"),
        ("claude-sonnet-4-0", "claude-sonnet-4"),
        ("gpt-4.1-2025-04-14", "gpt-4.1"),
        ("gpt-5.4-mini-2026-03-17_high", "gpt-5.4-mini"),
        ("azure/gpt-5.1", "gpt-5.1"),
        ("o3-2025-04-16_high", "o3"),
        ("Gemini 3.0 Pro", "gemini-3-pro"),
        ("gemini/gemini-2.5-pro", "gemini-2.5-pro"),
        ("deepseek-r1-0528", "deepseek-r1-0528"),  # a four-digit stamp names a release
        ("gemini-3-pro-preview", "gemini-3-pro-preview"),  # a preview is a model of its own
        ("meta-llama/Llama-3.3-70B-Instruct-Turbo", "llama-3.3-70b-instruct-turbo"),
        ("xai/grok-4", "grok-4"),
        ("DeepSeek-V3", "deepseek-v3"),  # "-v3" is a version, not Bedrock's "-v1:0"
        ("amazon.nova-pro-v1:0", "nova-pro"),
        ("gpt-5 (high)", "gpt-5"),  # Aider's run notes: the connector read the effort
        ("claude-opus-4-20250514 (32k thinking)", "claude-opus-4"),
        ("claude-3-7-sonnet-20250219 (no thinking)", "claude-sonnet-3.7"),
        ("gemini-2.5-pro-preview-06-05 (default think)", "gemini-2.5-pro-preview-06-05"),
        ("chatgpt-4o-latest (2025-02-15)", "chatgpt-4o"),
        ("DeepSeek R1 (0528)", "deepseek-r1-0528"),  # a bracketed release stays one
        ("DeepSeek-V3.2-Exp (Reasoner)", "deepseek-v3.2-exp-(reasoner)"),  # kept: unmapped
        ("openai/gpt-5.2-low-2025-12-11", "gpt-5.2"),  # Vectara: effort before the date
        ("mistralai/mistral-medium-2508", "mistral-medium-2508"),  # a size, not an effort
        ("accounts/fireworks/models/deepseek-v3p2", "deepseek-v3.2"),  # a host's spelling
        ("MiniMaxAI/minimax-m2p5", "minimax-m2.5"),
    ],
)
def test_canonical_forms(name, form):
    assert canonical(name) == form


def test_the_table_then_the_catalogue_ids_and_nothing_guessed():
    identities = Identities(
        ["claude-opus-4.5", "gemini-3-pro", "gemini-3-pro-preview", "openai-o3"],
        [
            Alias("*", "o3", "openai-o3"),
            Alias("tau2-bench", "cascaded-baseline", "", "a baseline agent, not a model"),
            Alias("*", "gemini-3", "gemini-3-pro"),
            Alias("*", "gemini-3", "gemini-3-pro-preview"),
        ],
    )
    assert identities.resolve("epoch", "o3-2025-04-16_high") == Mapped("openai-o3", "table")
    assert identities.resolve("litellm", "bedrock/anthropic.claude-opus-4-5-20251101-v1:0") == (
        Mapped("claude-opus-4.5", "id")
    )
    assert identities.resolve("tau2-bench", "Cascaded baseline") == Ignored(
        "a baseline agent, not a model"
    )
    assert identities.resolve("epoch", "Cascaded baseline") == Unmapped(
        "cascaded-baseline", "unmapped"
    )
    ambiguous = identities.resolve("vectara", "gemini-3")
    assert ambiguous == Unmapped("gemini-3", "ambiguous", ("gemini-3-pro", "gemini-3-pro-preview"))
    near = identities.resolve("epoch", "gemini-3-pro-exp")
    assert near.reason == "ambiguous" and set(near.candidates) == {
        "gemini-3-pro",
        "gemini-3-pro-preview",
    }
    assert identities.resolve("epoch", "claude-opus-4-5-thinking").reason == "unmapped"
    identities.add("claude-opus-4.6")
    assert identities.resolve("epoch", "claude-opus-4-6_max") == Mapped("claude-opus-4.6", "id")


@pytest.mark.parametrize(
    ("effort", "budget", "expected"),
    [
        ("", "", ("standard", "", "")),
        ("none", "", ("standard", "none", "")),
        ("minimal", "", ("standard", "minimal", "")),
        ("high", "", ("extended_thinking", "high", "")),
        ("xhigh", "", ("extended_thinking", "xhigh", "")),
        ("", "32K", ("extended_thinking", "", "thinking budget 32K")),
        ("", "0", ("standard", "", "thinking off (budget 0)")),  # Aider's thinking_tokens: 0
    ],
)
def test_modes_from_stated_efforts(effort, budget, expected):
    assert mode_of(effort, budget) == expected


def test_the_bundled_mapping_table_reads_and_names_real_ids():
    aliases = read_aliases(DATA / "sources" / "aliases.csv")
    assert aliases and all(a.source and a.name for a in aliases)
    models = (DATA / "models.csv").read_text(encoding="utf-8")
    for alias in aliases:
        if alias.model_id:
            assert f"\n{alias.model_id}," in models, alias
