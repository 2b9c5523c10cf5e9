"""What the team can buy: channels, regions, lifecycle events and assurance findings.

A candidate is a model in a mode *bought through one offer*: a channel (the vendor's own API, a
cloud such as AWS Bedrock, a gateway such as OpenRouter, or self-hosting) and, where the source
publishes it, a region. The catalogue stores the vendor's own API as channel "" (as
``model_attributes`` always has); profiles, the window, the report and JSON call it ``"api"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

API = "api"  # the word for the vendor's own API (stored as channel "")
SELF_HOSTED = "self_hosted"


@dataclass(frozen=True, slots=True)
class ChannelInfo:
    """One channel word: how it reads and what kind of seller it is."""

    word: str
    label: str
    kind: str  # "first_party", "cloud", "gateway", "host", "subscription" or "self_hosted"


def _channels(*entries: tuple[str, str, str]) -> dict[str, ChannelInfo]:
    return {word: ChannelInfo(word, label, kind) for word, label, kind in entries}


# Every channel a catalogue row may name. Sources' provider names map to these words
# (advisor/sources/*); a listing on any other channel is reported, not guessed.
CHANNELS: dict[str, ChannelInfo] = _channels(
    (API, "Vendor API", "first_party"),
    ("bedrock", "AWS Bedrock", "cloud"),
    ("vertex_ai", "Google Vertex AI", "cloud"),
    ("azure", "Microsoft Azure", "cloud"),
    ("oci", "Oracle Cloud (OCI)", "cloud"),
    ("watsonx", "IBM watsonx", "cloud"),
    ("snowflake", "Snowflake Cortex", "cloud"),
    ("cloudflare", "Cloudflare Workers AI", "cloud"),
    ("heroku", "Heroku", "cloud"),
    ("scaleway", "Scaleway", "cloud"),
    ("ovhcloud", "OVHcloud", "cloud"),
    ("tencent", "Tencent Cloud", "cloud"),
    ("volcengine", "Volcano Engine", "cloud"),
    ("databricks", "Databricks", "cloud"),
    ("sagemaker", "AWS SageMaker", "cloud"),
    ("openrouter", "OpenRouter", "gateway"),
    ("vercel", "Vercel AI Gateway", "gateway"),
    ("huggingface", "Hugging Face", "gateway"),
    ("github_copilot", "GitHub Copilot", "subscription"),
    ("chatgpt", "ChatGPT subscription", "subscription"),
    ("perplexity", "Perplexity", "gateway"),
    ("v0", "Vercel v0", "subscription"),
    ("anyscale", "Anyscale", "host"),
    ("avian", "Avian", "host"),
    ("baseten", "Baseten", "host"),
    ("cerebras", "Cerebras", "host"),
    ("crusoe", "Crusoe", "host"),
    ("darkbloom", "Darkbloom", "host"),
    ("deepinfra", "DeepInfra", "host"),
    ("doubleword", "Doubleword", "host"),
    ("featherless", "Featherless", "host"),
    ("fireworks", "Fireworks AI", "host"),
    ("gmi", "GMI Cloud", "host"),
    ("gradient", "DigitalOcean Gradient", "host"),
    ("groq", "Groq", "host"),
    ("hyperbolic", "Hyperbolic", "host"),
    ("friendliai", "FriendliAI", "host"),
    ("lambda", "Lambda", "host"),
    ("lemonade", "Lemonade", "host"),
    ("libertai", "LibertAI", "host"),
    ("llamagate", "LlamaGate", "host"),
    ("modal", "Modal", "host"),
    ("nebius", "Nebius", "host"),
    ("nlp_cloud", "NLP Cloud", "host"),
    ("novita", "Novita AI", "host"),
    ("nscale", "Nscale", "host"),
    ("ollama", "Ollama Cloud", "host"),
    ("pinstripes", "Pinstripes", "host"),
    ("publicai", "PublicAI", "host"),
    ("replicate", "Replicate", "host"),
    ("sambanova", "SambaNova", "host"),
    ("tensormesh", "Tensormesh", "host"),
    ("together", "Together AI", "host"),
    ("wandb", "Weights & Biases", "host"),
    (SELF_HOSTED, "Self-hosted", "self_hosted"),
)
# The words a catalogue row may store in its channel column ("" is the vendor's own API).
STORED_CHANNELS: tuple[str, ...] = tuple(w for w in CHANNELS if w != API)


def channel_word(stored: object) -> str:
    """The channel as profiles and displays name it: "" (stored) reads "api"."""
    text = "" if stored is None else str(stored)
    return text or API


def stored_channel(word: str) -> str:
    """The channel as the catalogue stores it: "api" is stored as ""."""
    return "" if word == API else word


def channel_label(word: object) -> str:
    """A channel as the window and the report show it ("AWS Bedrock")."""
    found = CHANNELS.get(channel_word(word))
    return found.label if found is not None else channel_word(word)


# Regions an offer is served from, as sources name them: jurisdictions, and cloud region codes
# ("eu-central-1"), each of which lies in a jurisdiction.
REGIONS: dict[str, str] = {
    "global": "Global (served from any region)",
    "eu": "European Union",
    "us": "United States",
    "us-gov": "US government cloud",
    "apac": "Asia-Pacific",
    "jp": "Japan",
    "au": "Australia",
    "ca": "Canada",
    "uk": "United Kingdom",
    "in": "India",
    "sa": "South America",
    "me": "Middle East",
    "af": "Africa",
    "il": "Israel",
    "mx": "Mexico",
}
REGION_CODE = re.compile(
    r"^(us|eu|ap|sa|ca|me|af|il|mx)(-gov)?-(north|south|east|west|central|northeast|southeast"
    r"|northwest|southwest)-\d{1,2}$"
)
REGION_PATTERN = r"^(" + "|".join(re.escape(w) for w in REGIONS) + r")$|" + REGION_CODE.pattern
_CODE_JURISDICTION = {"ap": "apac"}


def is_region(text: str) -> bool:
    """Whether ``text`` is a region word or a cloud region code."""
    return text in REGIONS or REGION_CODE.match(text) is not None


def jurisdiction(region: str) -> str:
    """The jurisdiction a region lies in: "eu-central-1" -> "eu", "us-gov-west-1" -> "us-gov";
    a region word is its own. AWS's eu-west-2 (London) is an "eu" region code, as AWS names it."""
    found = REGION_CODE.match(region)
    if found is None:
        return region
    prefix = _CODE_JURISDICTION.get(found.group(1), found.group(1))
    return f"{prefix}-gov" if found.group(2) else prefix


def region_label(region: str) -> str:
    """A region as shown: its word's name, or the code with its jurisdiction."""
    if not region:
        return "region not stated"
    if region in REGIONS:
        return REGIONS[region]
    return f"{region} ({REGIONS.get(jurisdiction(region), jurisdiction(region))})"


def region_allowed(region: str, wanted: tuple[str, ...] | list[str]) -> bool:
    """Whether an offer served from ``region`` meets ``regions_include``: the region itself is
    listed, or its jurisdiction is. "global" offers may be served anywhere, so only "global"
    admits them; an unstated region ("") is never admitted."""
    if not region:
        return False
    return region in wanted or jurisdiction(region) in wanted


def offer_suffix(channel: object, region: object) -> str:
    """What a candidate's label adds for its offer: "" for the vendor's own API in no stated
    region, else "/channel" and ":region" ("/bedrock:eu")."""
    word = channel_word(channel)
    region = "" if region is None else str(region)
    if word == API and not region:
        return ""
    return f"/{word}" + (f":{region}" if region else "")


# ----- lifecycle ---------------------------------------------------------------------------
LIFECYCLE_EVENTS: dict[str, str] = {
    "release": "released",
    "preview": "in preview",
    "deprecation": "deprecated",
    "retirement": "retired",
}
LIFECYCLE_RULES = ("exclude", "flag")  # what to do with an offer retiring soon


# ----- due diligence -----------------------------------------------------------------------
ASSURANCES: dict[str, str] = {
    "soc2_type2": "SOC 2 Type II report",
    "iso_27001": "ISO/IEC 27001 certification",
    "iso_42001": "ISO/IEC 42001 certification",
    "hipaa_baa": "HIPAA business associate agreement available",
    "dpa": "Data processing agreement (DPA)",
    "zero_data_retention": "Zero data retention available",
    "data_retention": "Data retention period stated",
    "no_training_on_customer_data": "No training on customer data",
    "eu_data_residency": "EU data residency available",
    "sla": "Uptime SLA",
}
# yes: the evidence states it; on_request: available under contract or on request; no: the
# evidence states it is not. No row means unknown.
ASSURANCE_VALUES: tuple[str, ...] = ("yes", "on_request", "no")
SATISFYING_VALUES = frozenset({"yes", "on_request"})
ASSURANCE_MAX_AGE_MONTHS = 12  # older findings are flagged in the report


def assurance_label(key: str) -> str:
    """An assurance as shown ("SOC 2 Type II report")."""
    return ASSURANCES.get(key, key)


def parse_label(label: str) -> tuple[str, str, str, str]:
    """A candidate label's parts: (model id, mode, channel word, region).
    ``"claude-opus-4.5@standard/bedrock:eu"`` -> ("claude-opus-4.5", "standard", "bedrock",
    "eu"); ``"gpt-5@extended_thinking"`` -> ("gpt-5", "extended_thinking", "api", "")."""
    model_id, _, rest = label.partition("@")
    mode, _, offer = rest.partition("/")
    mode = mode.partition("~")[0]  # an effort band, when candidates are ranked per band
    channel, _, region = offer.partition(":")
    return model_id, mode, channel or API, region


def offer_text(channel: object, region: object) -> str:
    """An offer as a reader names it: "Vendor API", "AWS Bedrock · eu"."""
    region = "" if region is None else str(region)
    return channel_label(channel) + (f" · {region}" if region else "")
