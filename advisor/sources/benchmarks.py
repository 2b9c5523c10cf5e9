"""The benchmarks the public sources carry, as catalogue rows (``benchmarks.csv`` columns).

A source figure always lands on one of these ids; the bundled catalogue's own benchmarks
(vendor launch tables) keep theirs. Direction matters: a hallucination rate is better lower.
"""

from __future__ import annotations

PERCENT = "percent"

# id, name, category, unit, higher_is_better, description, url
_ROWS: tuple[tuple[str, str, str, str, bool, str, str], ...] = (
    (
        "gpqa-diamond",
        "GPQA Diamond",
        "knowledge",
        PERCENT,
        True,
        "198 graduate-level multiple-choice questions in biology, chemistry and physics written "
        "by domain experts; percent answered correctly.",
        "https://arxiv.org/abs/2311.12022",
    ),
    (
        "swe-bench-verified",
        "SWE-bench Verified",
        "coding",
        PERCENT,
        True,
        "500 real GitHub issues from Python repositories, human-verified as solvable; percent "
        "resolved by the model's patch.",
        "https://openai.com/index/introducing-swe-bench-verified/",
    ),
    (
        "simpleqa-verified",
        "SimpleQA Verified",
        "honesty",
        PERCENT,
        True,
        "1,000 short fact-seeking questions with verified answers (a cleaned SimpleQA): "
        "percent answered correctly, a measure of factual accuracy versus confabulation.",
        "https://arxiv.org/abs/2509.07968",
    ),
    (
        "vectara-hallucination-rate",
        "Hallucination rate (Vectara HHEM)",
        "honesty",
        PERCENT,
        False,
        "Share of summaries of short news documents that state something the document does not "
        "support, judged by Vectara's HHEM-2.3 model; lower is better.",
        "https://github.com/vectara/hallucination-leaderboard",
    ),
    (
        "otis-mock-aime",
        "OTIS Mock AIME 2024-2025",
        "math",
        PERCENT,
        True,
        "Competition problems from OTIS mock AIME exams (2024-2025), run by Epoch AI; percent "
        "answered correctly.",
        "https://epoch.ai/benchmarks/otis-mock-aime",
    ),
    (
        "frontiermath",
        "FrontierMath (tiers 1-3)",
        "math",
        PERCENT,
        True,
        "Unpublished research-level mathematics problems with automatically checkable answers, "
        "run by Epoch AI; percent solved.",
        "https://epoch.ai/frontiermath",
    ),
    (
        "frontiermath-tier-4",
        "FrontierMath tier 4",
        "math",
        PERCENT,
        True,
        "FrontierMath's hardest tier of research problems, run by Epoch AI; percent solved.",
        "https://epoch.ai/frontiermath",
    ),
    (
        "math-level-5",
        "MATH level 5",
        "math",
        PERCENT,
        True,
        "The hardest level of the MATH competition dataset, run by Epoch AI; percent correct.",
        "https://epoch.ai/benchmarks/math-level-5",
    ),
    (
        "chess-puzzles",
        "Chess puzzles",
        "reasoning",
        PERCENT,
        True,
        "Chess puzzles to be solved from the position, run by Epoch AI; percent solved.",
        "https://epoch.ai/benchmarks/chess-puzzles",
    ),
    (
        "terminal-bench-2",
        "Terminal-Bench 2.0",
        "agentic",
        PERCENT,
        True,
        "Hard tasks in a real terminal (compiling, configuring, debugging) completed by an agent; "
        "percent of tasks passed. The agent (harness) is part of every figure.",
        "https://www.tbench.ai/leaderboard/terminal-bench/2.0",
    ),
    (
        "aider-polyglot",
        "Aider polyglot",
        "coding",
        PERCENT,
        True,
        "225 hard Exercism exercises in C++, Go, Java, JavaScript, Python and Rust, edited with "
        "the Aider tool; percent passing the tests after two attempts.",
        "https://aider.chat/docs/leaderboards/",
    ),
    (
        "humanitys-last-exam",
        "Humanity's Last Exam",
        "knowledge",
        PERCENT,
        True,
        "2,500 expert-written questions at the frontier of human knowledge; percent correct.",
        "https://lastexam.ai/",
    ),
    (
        "osworld",
        "OSWorld",
        "agentic",
        PERCENT,
        True,
        "Computer-use tasks in real desktop applications; percent completed (the agent and step "
        "limit are part of every figure).",
        "https://os-world.github.io/",
    ),
    (
        "webdev-arena",
        "WebDev Arena",
        "coding",
        "elo",
        True,
        "Elo-style rating from people's votes between two models' web applications built from "
        "the same prompt.",
        "https://web.lmarena.ai/leaderboard",
    ),
    (
        "metr-time-horizon",
        "METR time horizon (50%)",
        "agentic",
        "minutes",
        True,
        "Length of software tasks (in the time a skilled person needs) the model completes "
        "autonomously half the time, measured by METR.",
        "https://metr.org/",
    ),
    (
        "arc-agi-2",
        "ARC-AGI-2",
        "reasoning",
        PERCENT,
        True,
        "Abstract visual reasoning puzzles (semi-private set); percent solved.",
        "https://arcprize.org/leaderboard",
    ),
    (
        "gso",
        "GSO (software optimisation)",
        "coding",
        PERCENT,
        True,
        "Speeding up real code bases to match expert optimisations; OPT@1 percent.",
        "https://gso-bench.github.io/",
    ),
    (
        "simplebench",
        "SimpleBench",
        "reasoning",
        PERCENT,
        True,
        "Trick questions on everyday spatio-temporal and social reasoning; average of 5 runs.",
        "https://simple-bench.com/",
    ),
    (
        "fiction-livebench-120k",
        "Fiction.LiveBench (120k tokens)",
        "long-context",
        PERCENT,
        True,
        "Comprehension of long fiction at 120k tokens of context; percent correct.",
        "https://fiction.live/stories/Fiction-liveBench",
    ),
    (
        "the-agent-company",
        "TheAgentCompany",
        "agentic",
        PERCENT,
        True,
        "Workplace tasks in a simulated software company (web, code, colleagues); score percent.",
        "https://the-agent-company.com/",
    ),
    (
        "apex-agents",
        "APEX-Agents",
        "agentic",
        PERCENT,
        True,
        "Long professional tasks (banking, consulting, law) for agents; pass@1 percent.",
        "https://www.mercor.com/apex/",
    ),
    (
        "cybench",
        "Cybench",
        "agentic",
        PERCENT,
        True,
        "Professional capture-the-flag security tasks; percent solved unguided.",
        "https://cybench.github.io/",
    ),
    (
        "epoch-capabilities-index",
        "Epoch Capabilities Index",
        "reasoning",
        "index",
        True,
        "Epoch AI's index of general capability, fitted across many benchmarks.",
        "https://epoch.ai/benchmarks/eci",
    ),
    (
        "weirdml",
        "WeirdML v2",
        "coding",
        PERCENT,
        True,
        "Unusual machine-learning tasks (shape recognition, image patch shuffling, chess game "
        "outcomes …) solved by writing PyTorch code, with five attempts and feedback on a small "
        "GPU; mean test accuracy across the tasks, percent.",
        "https://htihle.github.io/weirdml.html",
    ),
    (
        "arc-agi-1",
        "ARC-AGI-1",
        "reasoning",
        PERCENT,
        True,
        "Abstract visual reasoning puzzles of the first ARC-AGI set, as on the ARC Prize "
        "leaderboard; percent solved.",
        "https://arcprize.org/leaderboard",
    ),
    (
        "video-mme",
        "Video-MME (no subtitles)",
        "multimodal",
        PERCENT,
        True,
        "Multiple-choice questions about short, medium and long videos; overall percent correct "
        "without subtitles (the number of frames the model saw is in the settings).",
        "https://video-mme.github.io/home_page.html#leaderboard",
    ),
    (
        "vpct",
        "VPCT (Visual Physics Comprehension Test)",
        "multimodal",
        PERCENT,
        True,
        "Diagrams of a ball, ramps and buckets: the model predicts from the image which bucket "
        "the ball falls into; percent correct.",
        "https://cbrower.dev/vpct",
    ),
    (
        "geobench",
        "GeoBench (A Community World)",
        "multimodal",
        "points",
        True,
        "Locating where a photo was taken, GeoGuessr-style, on the 'A Community World' map: "
        "average points per image (closer guesses score more). Tools used (web search) are in "
        "the settings.",
        "https://geobench.org/",
    ),
    (
        "balrog",
        "BALROG",
        "agentic",
        PERCENT,
        True,
        "Six game environments (BabyAI, Crafter, TextWorld, Baba Is AI, MiniHack, NetHack) played "
        "by the model as an agent; average progress, percent.",
        "https://balrogai.com/",
    ),
    (
        "posttrainbench",
        "PostTrainBench",
        "agentic",
        PERCENT,
        True,
        "A CLI agent gets 10 hours on one H100 GPU to post-train small base models for target "
        "benchmarks; the post-trained models' weighted average score, percent. The agent "
        "scaffold (harness) is part of every figure.",
        "https://posttrainbench.com/",
    ),
    (
        "cadeval",
        "CadEval",
        "coding",
        PERCENT,
        True,
        "50 text-to-CAD tasks: the model writes OpenSCAD code that must render and match a "
        "reference part (volume, Chamfer and Hausdorff checks); percent of tasks passed.",
        "https://willpatrick.xyz/cadevalresults_20250422_095709/",
    ),
    (
        "gdpval",
        "GDPval (wins or ties)",
        "agentic",
        PERCENT,
        True,
        "OpenAI's real work tasks from 44 occupations: industry experts compare the model's "
        "deliverable blind with an expert's; percent of tasks where the model wins or ties.",
        "https://openai.com/index/gdpval/",
    ),
    (
        "mmlu",
        "MMLU",
        "knowledge",
        PERCENT,
        True,
        "Multiple-choice questions over 57 academic and professional subjects.",
        "https://github.com/hendrycks/test",
    ),
    (
        "gsm8k",
        "GSM8K",
        "math",
        PERCENT,
        True,
        "Grade-school math word problems; percent answered correctly (the shot count is in the "
        "settings).",
        "https://github.com/openai/grade-school-math",
    ),
    (
        "winogrande",
        "WinoGrande",
        "reasoning",
        PERCENT,
        True,
        "Winograd-style commonsense problems: choosing which of two options a blank refers to; "
        "percent correct.",
        "https://arxiv.org/abs/1907.10641",
    ),
    (
        "hellaswag",
        "HellaSwag",
        "reasoning",
        PERCENT,
        True,
        "Choosing the most plausible continuation of an everyday scenario; percent correct.",
        "https://arxiv.org/abs/1905.07830",
    ),
    (
        "arc-challenge",
        "ARC (AI2 Reasoning Challenge), Challenge set",
        "knowledge",
        PERCENT,
        True,
        "The Challenge set of AI2's grade-school science multiple-choice questions; percent "
        "correct.",
        "https://arxiv.org/abs/1803.05457",
    ),
    (
        "boolq",
        "BoolQ",
        "reasoning",
        PERCENT,
        True,
        "Yes/no questions about a Wikipedia passage; percent correct.",
        "https://arxiv.org/abs/1905.10044",
    ),
    (
        "bbh",
        "BIG-Bench Hard",
        "reasoning",
        PERCENT,
        True,
        "23 hard BIG-Bench tasks; average percent correct.",
        "https://arxiv.org/abs/2210.09261",
    ),
    (
        "piqa",
        "PIQA",
        "reasoning",
        PERCENT,
        True,
        "Physical commonsense: choosing the better of two solutions to an everyday goal; percent "
        "correct.",
        "https://arxiv.org/abs/1911.11641",
    ),
    (
        "scienceqa",
        "ScienceQA",
        "multimodal",
        PERCENT,
        True,
        "Multiple-choice school science questions, many with an image as context; percent correct.",
        "https://scienceqa.github.io/leaderboard.html",
    ),
    (
        "triviaqa",
        "TriviaQA",
        "knowledge",
        PERCENT,
        True,
        "Trivia questions answered from the model's own knowledge; percent exact match.",
        "https://arxiv.org/abs/1705.03551",
    ),
    (
        "openbookqa",
        "OpenBookQA",
        "knowledge",
        PERCENT,
        True,
        "Elementary-science multiple-choice questions needing a science fact plus common "
        "knowledge; percent correct.",
        "https://arxiv.org/abs/1809.02789",
    ),
    (
        "superglue",
        "SuperGLUE",
        "reasoning",
        "score",
        True,
        "Eight language-understanding tasks; the average of their metrics on SuperGLUE's 0-100 "
        "scale.",
        "https://super.gluebenchmark.com/",
    ),
    (
        "commonsenseqa-2",
        "CommonsenseQA 2.0",
        "reasoning",
        PERCENT,
        True,
        "Yes/no commonsense questions written to fool models; percent correct.",
        "https://arxiv.org/abs/2201.05320",
    ),
    (
        "lambada",
        "LAMBADA",
        "reasoning",
        PERCENT,
        True,
        "Predicting the last word of a passage that needs its broad context; percent correct.",
        "https://arxiv.org/abs/1606.06031",
    ),
    (
        "tau2-bench-retail",
        "τ²-bench (retail)",
        "agentic",
        PERCENT,
        True,
        "Customer-service agent with tools and a simulated user, retail domain; pass^1 percent.",
        "https://taubench.com/",
    ),
    (
        "tau2-bench-airline",
        "τ²-bench (airline)",
        "agentic",
        PERCENT,
        True,
        "Customer-service agent with tools and a simulated user, airline domain; pass^1 percent.",
        "https://taubench.com/",
    ),
    (
        "tau2-bench-telecom",
        "τ²-bench (telecom)",
        "agentic",
        PERCENT,
        True,
        "Customer-service agent guiding a simulated user who also acts (dual control), telecom "
        "domain; pass^1 percent.",
        "https://taubench.com/",
    ),
    (
        "tau2-bench-banking",
        "τ²-bench (banking knowledge)",
        "agentic",
        PERCENT,
        True,
        "Customer-service agent answering from a banking knowledge base with tools; pass^1 "
        "percent.",
        "https://taubench.com/",
    ),
)

COLUMNS = ("benchmark", "name", "category", "unit", "higher_is_better", "description", "url")
SOURCE_BENCHMARKS: dict[str, dict[str, object]] = {
    row[0]: dict(zip(COLUMNS, row, strict=True)) for row in _ROWS
}


def unit_of(benchmark: str) -> str:
    """The unit a source figure of ``benchmark`` is stated in (percent figures are 0-100)."""
    return str(SOURCE_BENCHMARKS[benchmark]["unit"])
