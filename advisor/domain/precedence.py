"""Which value counts when sources disagree about a model attribute: the stated rule
(docs/catalogue.md, "When sources disagree"). Every value is kept with its source; the rule
only decides which one the ranking uses.

1. The team's own value (source kind ``internal``: typed in the editor, imported as yours).
2. The vendor's own documentation (source kind ``vendor``).
3. The price databases, in this order: genai-prices (it records when each price was last
   checked against the vendor's page), models.dev, litellm.
4. Any other source.
Within one step, the newest source date wins; then the source record, for a stable choice.
Only the vendor's own API counts here (``channel`` ""); clouds and resellers are offers.
"""

from __future__ import annotations

# How each price database names itself in ``reported_by`` (advisor.sources connectors).
PRICE_DATABASES = ("genai-prices (Pydantic)", "models.dev", "litellm (BerriAI)")


def attribute_rank(source_kind: object, reported_by: object) -> int:
    """The precedence step of a sourced value (smaller counts first)."""
    if source_kind == "internal":
        return 0
    if source_kind == "vendor":
        return 1
    if reported_by in PRICE_DATABASES:
        return 2 + PRICE_DATABASES.index(reported_by)
    return 2 + len(PRICE_DATABASES)
