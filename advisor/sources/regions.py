"""The region an offer is served from, as a price source's own key for it states it.

Clouds name regional offers in their model ids: AWS Bedrock's cross-region inference profiles
start with a geography (``eu.anthropic.claude-…``, ``us.``, ``apac.``, ``global.``,
``us-gov.``), litellm writes in-region Bedrock prices under the region code
(``bedrock/eu-central-1/…``) and Azure's data zones as a path part (``azure/eu/…``,
``azure/global-standard/…``). Nothing else is read as a region: a key that names none has no
stated region ("").
"""

from __future__ import annotations

from advisor.domain.offers import is_region

# Path parts and id prefixes that name a geography in the clouds' own words.
_ALIASES = {"global-standard": "global", "regional": ""}


def region_of(channel: str, key: str) -> str:
    """The region a source's key for an offer on ``channel`` names ("" if none). The vendor's
    own API (channel "") is never read for one: its keys carry no geography."""
    if not channel:
        return ""
    parts = key.split("/")
    for part in parts[:-1]:
        word = _ALIASES.get(part, part)
        if part in _ALIASES or is_region(word):
            return word
    first = parts[-1].split(".", 1)[0]
    if "." in parts[-1] and (first in _ALIASES or is_region(first)):
        return _ALIASES.get(first, first)
    return ""
