"""What start-up imports (issue 21): `advisor --version` and `--help` read no package metadata
and import no use case; `advisor rank` imports neither the PDF, the GUI, the network code nor
the analyses it does not run."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import DATA

PROFILE = DATA / "profiles" / "coding-assistant.toml"


def _modules_after(code: str) -> set[str]:
    script = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_command_line_grammar_imports_no_use_case():
    loaded = _modules_after("from advisor.cli.parser import build_parser; build_parser()")
    for heavy in ("importlib.metadata", "advisor.domain.profile", "numpy", "pandas"):
        assert heavy not in loaded, heavy


def test_version_is_read_from_the_installed_distribution(capsys):
    from advisor.cli.main import main

    assert main(["--version"]) == 0
    out = capsys.readouterr().out.strip()
    from importlib.metadata import version

    assert out == f"advisor {version('model-advisor')}"


def test_rank_imports_neither_the_pdf_nor_the_window_nor_the_network(tmp_path):
    db = tmp_path / "c.sqlite"
    code = (
        "import contextlib, io\n"
        "from advisor.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['rank', '--profile', {str(PROFILE)!r}, '--db', {str(db)!r},"
        " '--top', '1']) == 0"
    )
    loaded = _modules_after(code)
    heavy_paths = ("advisor.app.probe", "certifi", "advisor.engine.sensitivity")
    for heavy in ("reportlab", "PySide6", "pyqtgraph", *heavy_paths):
        assert not any(m == heavy or m.startswith(heavy + ".") for m in loaded), heavy
