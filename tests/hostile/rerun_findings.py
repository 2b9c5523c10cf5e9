"""Re-run every failure row of ../shared/findings/adversarial-tests-2026-12-01.md against an
installed Model Advisor, judged by the tester's own rule, and print tried / handled per class.

    python tests/hostile/rerun_findings.py            # the Model Advisor this Python imports
    /path/to/other/.venv/bin/python tests/hostile/rerun_findings.py   # another checkout

A case is handled only if it meets the rule: a rejection exits 1 with one ``error:`` message,
no traceback, no "internal error", and leaves the database unchanged; input that would change
meaning must be refused; the probe's runs stay within their stated bound, store nothing
impossible and never print a key. Traffic goes only to a hostile server on 127.0.0.1 that
this script starts, each handler bounded to 40 s and 300 MB. Not collected by pytest (the
regression tests for each class are in tests/); this is the before/after table of issue 16.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROFILE = str(ROOT / "data" / "profiles" / "coding-assistant.toml")
ADVISOR = [sys.executable, "-m", "advisor"]


# ----- the hostile server (OpenAI-compatible, the fault named by the first path segment) ----
def _chunk(text: str) -> bytes:
    return f"data: {json.dumps({'choices': [{'delta': {'content': text}}]})}\n\n".encode()


class Hostile(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    stop = threading.Event()

    def log_message(self, *_args):
        pass

    def _start(self, extra: dict[str, str] | None = None) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("connection", "close")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()

    def _drip(self, limit_s: float = 40.0) -> None:
        end = time.monotonic() + limit_s
        with contextlib.suppress(OSError):
            while time.monotonic() < end and not self.stop.wait(0.5):
                self.wfile.write(b"x")
                self.wfile.flush()

    def do_POST(self):
        length = int(self.headers.get("content-length", 0))
        self.rfile.read(length)
        mode = self.path.strip("/").split("/")[0]
        with contextlib.suppress(OSError):
            self._answer(mode)

    def _answer(self, mode: str) -> None:
        good = b"".join(_chunk("tok ") for _ in range(5))
        usage = {"neg_usage": -500, "huge_usage": 10**20}.get(mode, 5)
        done = (
            f"data: {json.dumps({'choices': [], 'usage': {'completion_tokens': usage}})}\n\n"
            "data: [DONE]\n\n"
        ).encode()
        if mode == "header_drip":
            self.wfile.write(b"HTTP/1.1 200 OK\r\nx-slow: ")
            self._drip()
            return
        if mode == "nan_ratelimits":
            self._start({"x-ratelimit-limit-requests": "nan", "x-ratelimit-limit-tokens": "-5000"})
            self.wfile.write(good + done)
            return
        self._start()
        if mode.startswith("wrong_shape"):
            event = {
                "wrong_shape_choices": {"choices": "abc"},
                "wrong_shape_delta": {"choices": [{"delta": "text"}]},
                "wrong_shape_error": {"error": "overloaded"},
            }[mode]
            self.wfile.write(_chunk("tok ") + f"data: {json.dumps(event)}\n\n".encode())
            self.wfile.write(good + done)
        elif mode == "drip":
            self.wfile.write(b"data: ")
            self._drip()
        elif mode == "huge_line":
            self.wfile.write(b"data: ")
            block = b"x" * (1 << 20)
            for _ in range(300):  # 300 MB in one line
                if self.stop.is_set():
                    return
                self.wfile.write(block)
        elif mode == "slow_ttft":
            self.stop.wait(4)
            self.wfile.write(good + done)
        else:  # ok, neg_usage, huge_usage
            self.wfile.write(good + done)


def start_server() -> tuple[ThreadingHTTPServer, int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


# ----- helpers ------------------------------------------------------------------------------
class Env:
    def __init__(self, work: Path, port: int) -> None:
        self.work = work
        self.port = port
        self.home = work / "home"
        self.home.mkdir()
        self.base = work / "base.sqlite"
        run(["catalogue", "info", "--db", str(self.base)], self)
        conn = sqlite3.connect(self.base)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        self.valid_json = work / "valid.json"
        self.valid_json.write_text(
            '{"models": [{"model_id": "rt-new", "vendor": "V", "display_name": "New"}]}'
        )
        self.n = 0

    def copy(self) -> Path:
        self.n += 1
        folder = self.work / f"case{self.n}"
        folder.mkdir()
        path = folder / "cat.sqlite"
        shutil.copy(self.base, path)
        return path


def run(
    args: list[str],
    env: Env,
    *,
    extra_env: dict[str, str] | None = None,
    timeout: float = 120,
    stdin: str | None = None,
    prefix: list[str] | None = None,
) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "HOME": str(env.home),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        **(extra_env or {}),
    }
    environment.pop("ADVISOR_DEBUG", None)
    try:
        return subprocess.run(
            [*(prefix or []), *ADVISOR, *args],
            capture_output=True,
            text=True,
            env=environment,
            timeout=timeout,
            input=stdin,
            cwd=ROOT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        return subprocess.CompletedProcess(exc.cmd, -9, exc.stdout or "", "timed out")


def clean_refusal(done: subprocess.CompletedProcess) -> bool:
    err = done.stderr or ""
    return (
        done.returncode != 0
        and "internal error" not in err
        and "Traceback" not in err
        and ("error:" in err or "usage:" in err)
    )


def table_hash(path: Path) -> str:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        digest = hashlib.sha256()
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1")
        ]
        for table in tables:
            if table == "matrix_cache":
                continue
            digest.update(table.encode())
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        conn.close()


def set_aside(path: Path) -> bool:
    return any(".corrupt-" in p.name for p in path.parent.iterdir())


# ----- category 1: imports --------------------------------------------------------------------
def import_refused(env: Env, make: Callable[[Path], Path]) -> tuple[bool, str]:
    db = env.copy()
    before = table_hash(db)
    source = make(db.parent)
    done = run(["catalogue", "import", str(source), "--db", str(db)], env, timeout=120)
    ok = clean_refusal(done) and table_hash(db) == before
    lines = (done.stderr or "").strip().splitlines()
    return ok, (lines[1] if len(lines) > 1 else lines[0] if lines else "exit 0").strip()[:110]


def csv_case(header: str, value: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "m.csv"
        path.write_bytes(
            f"model_id,vendor,display_name{header}\nrt-a,V,{value}\n".encode(
                "utf-8", "surrogatepass"
            )
        )
        return path

    return make


def json_case(text: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "j.json"
        path.write_text(text, encoding="utf-8")
        return path

    return make


def bytes_case(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


def workbook(folder: Path, sheets: dict[str, list[list]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path = folder / "w.xlsx"
    book.save(path)
    return path


def planted(doctype: str, entity: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = workbook(
            folder, {"models": [["model_id", "vendor", "display_name"], ["a", "V", "A"]]}
        )
        with zipfile.ZipFile(path) as archive:
            parts = {n: archive.read(n) for n in archive.namelist()}
        xml = parts["xl/worksheets/sheet1.xml"]
        head, found, rest = xml.partition(b"?>")
        if not found:
            head, rest = b"", xml
        rest = rest.replace(b"</sheetData>", b"</sheetData><x>" + entity + b"</x>", 1)
        parts["xl/worksheets/sheet1.xml"] = head + found + doctype.encode() + rest
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
        return path

    return make


LAUGHS = (
    '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
    + "".join(
        f'<!ENTITY {n} "{("&" + p + ";") * 10}">'
        for p, n in zip("abcdefgh", "bcdefghi", strict=False)
    )
    + "]>"
)


def dev_zero_folder(folder: Path) -> Path:
    target = folder / "z"
    target.mkdir()
    (target / "models.csv").symlink_to("/dev/zero")
    return target


INJECTION = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://x","y")', "@SUM(1+1)", "+1-1"]


def injected_db(env: Env) -> Path:
    db = env.copy()
    folder = db.parent / "inj"
    folder.mkdir()
    rows = "\n".join(
        f'inj-{i},V,"{t.replace(chr(34), chr(34) * 2)}"' for i, t in enumerate(INJECTION)
    )
    (folder / "models.csv").write_text(f"model_id,vendor,display_name\n{rows}\n")
    run(["catalogue", "import", str(folder), "--db", str(db)], env)
    return db


def export_csv_formulas(env: Env) -> tuple[bool, str]:
    db = injected_db(env)
    out = db.parent / "out"
    run(["catalogue", "export", str(out), "--db", str(db)], env)
    text = (out / "models.csv").read_text()
    bad = [t for t in INJECTION if f",{t}" in text or f',"{t}' in text.replace('""', '"')]
    return not bad, f"{len(bad)} formula cells written as formulas"


def roundtrip_xlsx(env: Env) -> tuple[bool, str]:
    """The app's own Excel export imports back and the catalogue's JSON export is identical."""
    db = injected_db(env)
    book, before, after = (db.parent / n for n in ("e.xlsx", "before.json", "after.json"))
    run(["catalogue", "export", str(book), "--db", str(db)], env)
    run(["catalogue", "export", str(before), "--db", str(db)], env)
    done = run(["catalogue", "import", str(book), "--db", str(db)], env)
    run(["catalogue", "export", str(after), "--db", str(db)], env)
    same = before.read_bytes() == after.read_bytes()
    return done.returncode == 0 and same, (done.stderr.strip() or "identical after re-import")[:110]


def imports(env: Env) -> list[tuple[str, Callable[[], tuple[bool, str]]]]:
    def refuse(make):
        return lambda: import_refused(env, make)

    row = '{"model_id": "a", "vendor": "V", "display_name": "A"'
    return [
        ("csv_comma_decimal", refuse(csv_case(",input_usd_per_mtok", 'A,"2,5"'))),
        ("csv_underscore_number", refuse(csv_case(",input_usd_per_mtok", "A,1_000"))),
        ("csv_bad_release_date", refuse(csv_case(",release_date", "A,2025-13-45"))),
        ("csv_nul_byte", refuse(csv_case("", "A\0B"))),
        ("csv_context_1e30_int", refuse(csv_case(",context_window", "A," + "1" + "0" * 30))),
        ("csv_symlink_to_dev_zero", refuse(dev_zero_folder)),
        (
            "json_deep_nesting_100k",
            refuse(json_case('{"models": ' + "[" * 100000 + "]" * 100000 + "}")),
        ),
        (
            "json_deep_nesting_in_value_5k",
            refuse(
                json_case('{"models": [' + row + ', "notes": ' + "[" * 5000 + "]" * 5000 + "}]}")
            ),
        ),
        (
            "json_duplicate_table_keys",
            refuse(
                json_case(
                    '{"models": [' + row + '}], "models": [' + row.replace('"a"', '"b"') + "}]}"
                )
            ),
        ),
        (
            "json_duplicate_row_keys",
            refuse(json_case('{"models": [' + row + ', "display_name": "B"}]}')),
        ),
        (
            "json_models_and_models.csv",
            refuse(
                json_case(
                    '{"models": [' + row + '}], "models.csv": [' + row.replace('"a"', '"b"') + "}]}"
                )
            ),
        ),
        (
            "json_lone_surrogate",
            refuse(
                json_case(
                    '{"models": [{"model_id": "a", "vendor": "V", "display_name": "x\\ud800"}]}'
                )
            ),
        ),
        (
            "json_id_as_list",
            refuse(
                json_case(
                    '{"models": [{"model_id": ["a", "b"], "vendor": {"x": 1}, "display_name": "A"}]}'
                )
            ),
        ),
        (
            "json_int_10e400",
            refuse(json_case('{"models": [' + row + ', "context_window": 1' + "0" * 400 + "}]}")),
        ),
        (
            "xlsx_not_a_zip",
            refuse(bytes_case("m.xlsx", (ROOT / "data" / "models.csv").read_bytes())),
        ),
        ("xlsx_random_bytes", refuse(bytes_case("r.xlsx", os.urandom(4096)))),
        (
            "xlsx_ole_encrypted_like",
            refuse(bytes_case("o.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(4000))),
        ),
        (
            "xlsx_duplicate_table_sheets",
            refuse(
                lambda f: workbook(
                    f,
                    {
                        "models": [["model_id", "vendor", "display_name"], ["a", "V", "A"]],
                        "models.csv": [["model_id", "vendor", "display_name"], ["b", "V", "B"]],
                    },
                )
            ),
        ),
        ("xlsx_billion_laughs", refuse(planted(LAUGHS, b"&i;"))),
        (
            "xlsx_xxe_external_entity",
            refuse(planted('<!DOCTYPE x [<!ENTITY x SYSTEM "file:///etc/passwd">]>', b"&x;")),
        ),
        ("export_csv_formula_strings", lambda: export_csv_formulas(env)),
        ("roundtrip_xlsx", lambda: roundtrip_xlsx(env)),
    ]


# ----- category 2: profiles -------------------------------------------------------------------
def profile_case(env: Env, text: str | None, path: str | None = None, cap: str | None = None):
    def case() -> tuple[bool, str]:
        profile = path
        if text is not None:
            profile = str(env.work / f"p{env.n}.toml")
            env.n += 1
            Path(profile).write_text(text)
        db = env.copy()
        prefix = ["prlimit", f"--as={cap}"] if cap else None
        outcomes = []
        for command in (
            ["rank"],
            ["report", "-o", str(db.parent / "r.pdf")],
            ["sensitivity", "--samples", "200"],
        ):
            done = run(
                [*command, "--profile", profile, "--db", str(db)], env, prefix=prefix, timeout=120
            )
            outcomes.append(clean_refusal(done) and "Warning" not in done.stderr)
        return all(outcomes), f"{sum(outcomes)}/3 commands refused cleanly"

    return case


def profiles(env: Env):
    head = 'name="T"\n[weights]\ncoding=0.5\ncost_at_volume=0.3\nheadroom=0.2\n[workload]\n'
    tail = "input_tokens_per_request=1000.0\noutput_tokens_per_request=100.0\n"
    return [
        (
            "workload_zero_volumes",
            profile_case(env, head + "requests_per_day=0.0\npeak_requests_per_min=0.0\n" + tail),
        ),
        (
            "workload_huge_1e308",
            profile_case(
                env, head + "requests_per_day=1e308\npeak_requests_per_min=1e308\n" + tail
            ),
        ),
        (
            "deep_nested_array_3000",
            profile_case(
                env, 'name="T"\ndescription=' + "[" * 3000 + "]" * 3000 + "\n[weights]\ncoding=1\n"
            ),
        ),
        ("path_dev_zero", profile_case(env, None, "/dev/zero", cap="3000000000")),
    ]


# ----- category 3: database faults ------------------------------------------------------------
HOLD = """
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("PRAGMA locking_mode = exclusive")
c.execute("BEGIN EXCLUSIVE")
c.execute("UPDATE meta SET value = value")
print("locked", flush=True)
time.sleep(40)
"""


def command_for(action: str, env: Env, db: Path) -> list[str]:
    if action == "rank":
        return ["rank", "--profile", PROFILE, "--db", str(db), "--top", "2"]
    if action == "import":
        return ["catalogue", "import", str(env.valid_json), "--db", str(db)]
    return ["catalogue", "info", "--db", str(db)]


def locked(env: Env, journal: str, action: str):
    def case():
        db = env.copy()
        conn = sqlite3.connect(db)
        conn.execute(f"PRAGMA journal_mode = {journal}")
        conn.close()
        holder = subprocess.Popen(
            [sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE, text=True
        )
        try:
            holder.stdout.readline()
            done = run(command_for(action, env, db), env)
        finally:
            holder.kill()
            holder.wait()
        ok = clean_refusal(done) and db.exists() and not set_aside(db)
        return ok, done.stderr.strip()[:110]

    return case


def unreadable(env: Env):
    def case():
        folder = Path(tempfile.mkdtemp(prefix="unreadable-", dir="/tmp"))
        folder.chmod(0o777)
        db = folder / "cat.sqlite"
        shutil.copy(env.base, db)
        db.chmod(0o600)
        before = table_hash(db)
        warm = folder / "warm.sqlite"
        shutil.copy(env.base, warm)
        read, write = os.pipe()
        child = os.fork()
        if child == 0:  # as another user, with Model Advisor already imported: never returns
            code = 99
            try:
                os.close(read)
                from advisor.cli.main import main

                with open(os.devnull, "w") as quiet, contextlib.redirect_stdout(quiet):
                    main(["catalogue", "info", "--db", str(warm)])  # loads what the run needs
                os.dup2(write, 2)
                os.setgid(65534)
                os.setuid(65534)
                os.environ["HOME"] = str(folder)
                code = main(["catalogue", "info", "--db", str(db)])
            finally:
                os._exit(code)
        os.close(write)
        with os.fdopen(read) as pipe:
            err = pipe.read()
        _pid, status = os.waitpid(child, 0)
        fake = subprocess.CompletedProcess([], os.waitstatus_to_exitcode(status), "", err)
        ok = clean_refusal(fake) and db.exists() and not set_aside(db) and table_hash(db) == before
        shutil.rmtree(folder, ignore_errors=True)
        return ok, err.strip()[:110]

    return case


def immutable(env: Env, what: str, action: str):
    def case():
        db = env.copy()
        target = db.parent if what == "folder" else db
        subprocess.run(["chattr", "+i", str(target)], check=True)
        try:
            done = run(command_for(action, env, db), env)
        finally:
            subprocess.run(["chattr", "-i", str(target)], check=True)
        if action == "rank" and what == "folder":
            ok = done.returncode == 0 and "internal error" not in done.stderr
        else:
            ok = clean_refusal(done) and not set_aside(db)
        return ok, (done.stderr.strip() or "ranked")[:110]

    return case


def dropped(env: Env, table: str, action: str, *, empty_cache: bool = False, expect_refusal=True):
    def case():
        db = env.copy()
        conn = sqlite3.connect(db)
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute(f'DROP TABLE "{table}"')
        if empty_cache:
            conn.execute("DELETE FROM matrix_cache")
        conn.commit()
        conn.close()
        before = table_hash(db)
        done = run(command_for(action, env, db), env)
        ok = clean_refusal(done) and table_hash(db) == before
        return ok, done.stderr.strip()[:110] or "exit 0 (ranked from the cache)"

    return case


def fifo(env: Env):
    def case():
        path = env.work / "fifo.sqlite"
        os.mkfifo(path)
        done = run(["catalogue", "info", "--db", str(path)], env, timeout=30)
        ok = clean_refusal(done) and path.exists() and not set_aside(path)
        return ok, done.stderr.strip()[:110]

    return case


def database(env: Env):
    cases = []
    for journal, label in (("wal", "locked_wal"), ("delete", "locked_rollback")):
        for action in ("rank", "import"):
            cases.append((f"{label}/{action}", locked(env, journal, action)))
    cases.append(("unreadable_healthy_db", unreadable(env)))
    cases.append(("immutable_folder/rank", immutable(env, "folder", "rank")))
    cases.append(("immutable_folder/import", immutable(env, "folder", "import")))
    cases.append(("immutable_file/import", immutable(env, "file", "import")))
    cases.append(("dropped_models/import", dropped(env, "models", "import")))
    cases.append(("dropped__sqlite_migrations/rank", dropped(env, "_sqlite_migrations", "rank")))
    cases.append(
        ("dropped__sqlite_migrations/import", dropped(env, "_sqlite_migrations", "import"))
    )
    cases.append(("dropped_catalogue_revision/rank", dropped(env, "catalogue_revision", "rank")))
    cases.append(
        ("dropped_catalogue_revision/import", dropped(env, "catalogue_revision", "import"))
    )
    for table in ("results", "models", "benchmarks", "rate_limits"):
        cases.append(
            (f"nocache_dropped_{table}/rank", dropped(env, table, "rank", empty_cache=True))
        )
    cases.append(("dropped_results/rank", dropped(env, "results", "rank")))
    cases.append(("dropped_models/rank", dropped(env, "models", "rank")))
    cases.append(("fifo_as_db", fifo(env)))
    return cases


# ----- category 4: secrets -----------------------------------------------------------------------
SECRET = "sk-reltest-" + "a1b2c3d4e5" * 4


def secret_case(env: Env, key: str):
    def case():
        db = env.copy()
        run(
            [
                "endpoint",
                "openai",
                "--base-url",
                f"http://127.0.0.1:{env.port}/ok/v1",
                "--db",
                str(db),
            ],
            env,
        )
        done = run(
            ["probe", "gpt-5", "--samples", "1", "--db", str(db)],
            env,
            extra_env={"OPENAI_API_KEY": key},
        )
        shown = done.stdout + done.stderr
        leaked = SECRET in shown or SECRET[-20:] in shown
        ok = not leaked and "internal error" not in shown and "Traceback" not in shown
        return ok, ("LEAKED the key; " if leaked else "") + done.stderr.strip()[:90]

    return case


def encrypted_keyring(env: Env, kalt: Path):
    def case():
        db = env.copy()
        done = run(
            ["keys", "set", "openai", "--db", str(db)],
            env,
            stdin=SECRET + "\n",
            extra_env={
                "PYTHONPATH": str(kalt),
                "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.EncryptedKeyring",
            },
        )
        return clean_refusal(done) and SECRET not in done.stdout + done.stderr, done.stderr.strip()[
            :110
        ]

    return case


def secrets(env: Env, kalt: Path | None):
    cases = [
        ("key_with_lf", secret_case(env, SECRET + "\nX-Injected: 1")),
        ("key_with_cr", secret_case(env, SECRET + "\rX-Injected: 1")),
        ("key_with_smart_quote", secret_case(env, SECRET + "\u2019")),
    ]
    if kalt is not None:
        cases.append(("encrypted_keyring_backend", encrypted_keyring(env, kalt)))
    return cases


# ----- category 6: probe faults ------------------------------------------------------------------
def probe_env(env: Env, mode: str) -> Path:
    db = env.copy()
    run(
        [
            "endpoint",
            "fk",
            "--base-url",
            f"http://127.0.0.1:{env.port}/{mode}/v1",
            "--wire",
            "openai_compatible",
            "--vendor",
            "OpenAI",
            "--db",
            str(db),
        ],
        env,
    )
    return db


def probe_case(
    env: Env,
    mode: str,
    judge: Callable[[subprocess.CompletedProcess, Path, float, int], bool],
    samples=2,
):
    def case():
        db = probe_env(env, mode)
        args = [
            *ADVISOR,
            "probe",
            "gpt-5",
            "--endpoint",
            "fk",
            "--samples",
            str(samples),
            "--timeout",
            "2",
            "--db",
            str(db),
        ]
        environment = {
            **os.environ,
            "HOME": str(env.home),
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }
        started = time.monotonic()
        proc = subprocess.Popen(
            args,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environment,
            cwd=ROOT,
        )
        peak = watch_peak_rss(proc)
        try:
            out, err = proc.communicate(timeout=150)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
        elapsed = time.monotonic() - started
        usage = peak()
        done = subprocess.CompletedProcess(args, proc.returncode, out, err)
        return judge(
            done, db, elapsed, usage
        ), f"exit {proc.returncode}, {elapsed:.1f} s, {usage // 1024} MB; {err.strip()[-80:]}"

    return case


def watch_peak_rss(proc: subprocess.Popen) -> Callable[[], int]:
    """Poll the child's peak resident memory (``VmHWM``, KiB) until it exits; the returned
    function gives the last value seen."""
    peak = [0]

    def poll() -> None:
        status = Path(f"/proc/{proc.pid}/status")
        while proc.poll() is None:
            with contextlib.suppress(OSError):
                for line in status.read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peak[0] = max(peak[0], int(line.split()[1]))
            time.sleep(0.05)

    thread = threading.Thread(target=poll, daemon=True)
    thread.start()
    return lambda: (thread.join(5), peak[0])[1]


def probe_ok(done, _db, elapsed, _rss) -> bool:
    return (
        done.returncode == 0
        and "internal error" not in done.stderr
        and "Traceback" not in done.stderr
    )


def stored_sane(done, db, _elapsed, _rss) -> bool:
    conn = sqlite3.connect(db)
    speeds = [
        r[0]
        for r in conn.execute("SELECT value FROM measurements WHERE metric = 'output_tokens_per_s'")
    ]
    limits = conn.execute(
        "SELECT requests_per_min, tokens_per_min FROM rate_limits WHERE tier = 'measured'"
    ).fetchall()
    conn.close()
    bad_limit = any(v is not None and (v != v or v < 0) for row in limits for v in row)
    return probe_ok(done, db, 0, 0) and all(0 <= s < 1e5 for s in speeds) and not bad_limit


def within(bound: float):
    return lambda done, db, elapsed, rss: probe_ok(done, db, elapsed, rss) and elapsed <= bound


def ctrl_c(env: Env, mode: str, args_extra: list[str], after: float, judge):
    def case():
        db = probe_env(env, mode)
        args = [*ADVISOR, "probe", *args_extra, "--endpoint", "fk", "--db", str(db)]
        environment = {
            **os.environ,
            "HOME": str(env.home),
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }
        proc = subprocess.Popen(
            args,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environment,
            cwd=ROOT,
        )
        time.sleep(after)
        proc.send_signal(signal.SIGINT)
        sent = time.monotonic()
        try:
            proc.communicate(timeout=150)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
        waited = time.monotonic() - sent
        conn = sqlite3.connect(db)
        stored = conn.execute("SELECT count(*) FROM measurements WHERE region = ''").fetchone()[0]
        conn.close()
        return judge(
            proc.returncode, waited, stored
        ), f"exit {proc.returncode} {waited:.1f} s after Ctrl+C, {stored} rows stored"

    return case


def timeout_option(env: Env, value: str):
    def case():
        db = probe_env(env, "ok")
        done = run(["probe", "gpt-5", "--endpoint", "fk", "--timeout", value, "--db", str(db)], env)
        return clean_refusal(done), done.stderr.strip().splitlines()[-1][
            :110
        ] if done.stderr else ""

    return case


def probe(env: Env):
    def reported(done, db, e, r):
        return probe_ok(done, db, e, r) and (
            "malformed" in done.stdout or "error reported" in done.stdout
        )

    return [
        ("wrong_shape_choices", probe_case(env, "wrong_shape_choices", reported)),
        ("wrong_shape_delta", probe_case(env, "wrong_shape_delta", reported)),
        ("wrong_shape_error", probe_case(env, "wrong_shape_error", reported)),
        ("drip", probe_case(env, "drip", within(8 + 6), samples=1)),
        ("header_drip", probe_case(env, "header_drip", within(8 + 6), samples=1)),
        (
            "huge_line",
            probe_case(
                env,
                "huge_line",
                lambda d, db, e, rss: probe_ok(d, db, e, rss) and rss < 500 * 1024,
                samples=1,
            ),
        ),
        ("neg_usage", probe_case(env, "neg_usage", stored_sane)),
        ("huge_usage", probe_case(env, "huge_usage", stored_sane)),
        ("nan_ratelimits", probe_case(env, "nan_ratelimits", stored_sane)),
        (
            "ctrl_c_during_stalled_request",
            ctrl_c(
                env,
                "drip",
                ["gpt-5", "--samples", "2", "--concurrency", "1", "--timeout", "2"],
                3,
                lambda code, waited, _s: waited < 5,
            ),
        ),
        (
            "ctrl_c_keeps_finished",
            ctrl_c(
                env,
                "slow_ttft",
                ["gpt-5", "gpt-5-mini", "--samples", "3", "--concurrency", "2", "--timeout", "30"],
                8.5,
                lambda code, waited, stored: code == 130 and stored > 0,
            ),
        ),
        ("timeout_-1", timeout_option(env, "-1")),
        ("timeout_nan", timeout_option(env, "nan")),
        ("timeout_inf", timeout_option(env, "inf")),
        ("timeout_1e308", timeout_option(env, "1e308")),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run only the cases whose name contains this text")
    parser.add_argument("--json", help="write the per-case results here")
    args = parser.parse_args()
    import advisor

    work = Path(tempfile.mkdtemp(prefix="rerun-findings-"))
    kalt = None
    wheel = (
        next(Path("/tmp/kalt-dl").glob("keyrings.alt-*.whl"), None)
        if Path("/tmp/kalt-dl").is_dir()
        else None
    )
    if wheel is not None:
        kalt = work / "kalt"
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(kalt)
    server, port = start_server()
    env = Env(work, port)
    groups = {
        "1 Catalogue imports": imports(env),
        "2 Profiles": profiles(env),
        "3 Database faults": database(env),
        "4 Secrets": secrets(env, kalt),
        "6 Probe faults": probe(env),
    }
    print(f"Model Advisor {advisor.__version__} at {Path(advisor.__file__).parent}")
    results = {}
    totals = {}
    for group, cases in groups.items():
        handled = tried = 0
        for name, case in cases:
            if args.only and args.only not in name:
                continue
            try:
                ok, note = case()
            except Exception as exc:  # the harness's own failure is a failed case, said so
                ok, note = False, f"harness: {type(exc).__name__}: {exc}"
            tried += 1
            handled += ok
            results[name] = {"group": group, "handled": ok, "note": note}
            print(f"  {'ok  ' if ok else 'FAIL'} {name:<36} {note}", flush=True)
        totals[group] = (tried, handled)
    Hostile.stop.set()
    server.shutdown()
    print()
    print(f"{'Category':<24} {'Tried':>6} {'Handled':>8} {'Failed':>7}")
    for group, (tried, handled) in totals.items():
        print(f"{group:<24} {tried:>6} {handled:>8} {tried - handled:>7}")
    tried = sum(t for t, _h in totals.values())
    handled = sum(h for _t, h in totals.values())
    print(f"{'Total':<24} {tried:>6} {handled:>8} {tried - handled:>7}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    shutil.rmtree(work, ignore_errors=True)
    return 0 if handled == tried else 1


if __name__ == "__main__":
    sys.exit(main())
