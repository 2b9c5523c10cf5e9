"""Import is validated, all or nothing, and round-trips through export."""

from __future__ import annotations

import shutil

import pytest

from advisor.catalogue import export_folder, import_folder
from advisor.domain import ImportRejected
from advisor.domain.catalogue_format import FILE_SPECS
from tests.conftest import DATA, bundled_count, write_csv


def snapshot(db):
    def key(row):  # blank cells (None) sort first, beside text and numbers
        return tuple((v is not None, str(v)) for v in row)

    return {
        spec.table: sorted((tuple(r.values()) for r in db[spec.table].rows), key=key)
        for spec in FILE_SPECS
    }


def test_bundled_folder_round_trips(fresh_db, tmp_path, bundled_db):
    import_folder(fresh_db, DATA)
    first = snapshot(fresh_db)
    assert first == snapshot(bundled_db)
    export_folder(fresh_db, tmp_path / "out")
    from advisor.catalogue.database import _connect, migrate

    again = _connect(":memory:")
    migrate(again)
    import_folder(again, tmp_path / "out")
    assert snapshot(again) == first
    export_folder(again, tmp_path / "out2")
    for spec in FILE_SPECS:
        a, b = tmp_path / "out" / spec.file, tmp_path / "out2" / spec.file
        assert a.exists() == b.exists()
        if a.exists():
            assert a.read_text() == b.read_text()


def test_reimport_is_idempotent_and_counts_changes(tiny_db, tiny_folder):
    summary = import_folder(tiny_db, tiny_folder, dry_run=True)
    assert all(t.added == 0 and t.changed == 0 for t in summary.tables)
    write_csv(
        tiny_folder / "update",
        "models.csv",
        "model_id,vendor,display_name,input_usd_per_mtok\nalpha,VendorA,Alpha,1.5\nnew,VendorN,New,\n",
    )
    summary = import_folder(tiny_db, tiny_folder / "update")
    models = next(t for t in summary.tables if t.table == "models")
    assert (models.added, models.changed) == (1, 1)
    alpha = tiny_db["models"].get("alpha")
    assert alpha["input_usd_per_mtok"] == 1.5
    assert alpha["output_usd_per_mtok"] == 3  # columns absent from the file are kept
    assert tiny_db["vendors"].get("VendorN")["vendor"] == "VendorN"


def test_dry_run_writes_nothing(tiny_db, tmp_path):
    before = snapshot(tiny_db)
    write_csv(tmp_path / "d", "models.csv", "model_id,vendor,display_name\nzeta,VendorZ,Zeta\n")
    summary = import_folder(tiny_db, tmp_path / "d", dry_run=True)
    assert summary.dry_run and summary.tables[-1].added == 1
    assert snapshot(tiny_db) == before


BAD_ROWS = [
    (
        "models.csv",
        "model_id,vendor,display_name,input_usd_per_mtok\nx,V,X,cheap\n",
        ("models.csv", 2, "input_usd_per_mtok", "'cheap' is not a number"),
    ),
    (
        "models.csv",
        "model_id,vendor,display_name,input_usd_per_mtok\nx,V,X,-1\n",
        ("models.csv", 2, "input_usd_per_mtok", "-1 is below the minimum of 0"),
    ),
    (
        "models.csv",
        "model_id,vendor,display_name,open_weights\nx,V,X,maybe\n",
        ("models.csv", 2, "open_weights", "'maybe' is not yes/no/true/false/1/0"),
    ),
    (
        "models.csv",
        "model_id,vendor,display_name,release_date\nx,V,X,May 2025\n",
        ("models.csv", 2, "release_date", "'May 2025' is not a date in YYYY-MM-DD form"),
    ),
    (
        "models.csv",
        "model_id,vendor,display_name\nx,V,X\nx,V,Again\n",
        ("models.csv", 3, None, "duplicate key (x) already on line 2"),
    ),
    (
        "models.csv",
        "model_id,vendor\nx,V\n",
        ("models.csv", 1, "display_name", "required column is missing"),
    ),
    (
        "models.csv",
        "model_id,vendor,display_name,colour\nx,V,X,red\n",
        ("models.csv", 1, "colour", "unknown column"),
    ),
    (
        "models.csv",
        "model_id,vendor,display_name\n,V,X\n",
        ("models.csv", 2, "model_id", "is required but empty"),
    ),
    (
        "models.csv",
        "model_id,vendor,display_name\nx,V,X,extra\n",
        ("models.csv", 2, None, "has 4 fields but the header has 3"),
    ),
    (
        "benchmark_results.csv",
        "model_id,benchmark,condition,score\nalpha,code,magic_mode,50\n",
        ("benchmark_results.csv", 2, "condition", "'magic_mode' is not one of standard"),
    ),
    (
        "benchmark_results.csv",
        "model_id,benchmark,condition,score\nnobody,code,standard,50\n",
        ("benchmark_results.csv", 2, "model_id", "unknown model_id 'nobody'"),
    ),
    (
        "benchmark_results.csv",
        "model_id,benchmark,condition,score\nalpha,nobench,standard,50\n",
        ("benchmark_results.csv", 2, "benchmark", "unknown benchmark 'nobench'"),
    ),
    (
        "benchmark_results.csv",
        "model_id,benchmark,condition,score\nalpha,code,standard,150\n",
        ("benchmark_results.csv", 2, "score", "150 is outside 0 to 100 percent"),
    ),
    (
        "benchmark_results.csv",
        "model_id,benchmark,condition,score,unit\nalpha,code,standard,50,f1\n",
        ("benchmark_results.csv", 2, "unit", "'f1' differs from the unit of code"),
    ),
    (
        "benchmark_results.csv",
        "model_id,benchmark,condition,score,source_kind\nalpha,code,standard,50,rumour\n",
        ("benchmark_results.csv", 2, "source_kind", "'rumour' is not one of vendor"),
    ),
    (
        "rate_limits.csv",
        "vendor,tier,model_id_or_family,model_ids\nV,T1,fam,alpha ; ghost\n",
        ("rate_limits.csv", 2, "model_ids", "unknown model_id 'ghost'"),
    ),
    (
        "criterion_groups.csv",
        "group,criterion,weight\nmine,nothing,1\n",
        ("criterion_groups.csv", 2, "criterion", "unknown criterion 'nothing'"),
    ),
    (
        "criterion_groups.csv",
        "group,criterion,weight\ncode,know,1\n",
        ("criterion_groups.csv", 2, "group", "already a criterion id"),
    ),
    (
        "notes.csv",
        "a,b\n1,2\n",
        ("notes.csv", None, None, "is not a catalogue file"),
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "expected"), BAD_ROWS, ids=[e[2][3][:30] for e in BAD_ROWS]
)
def test_each_bad_row_is_rejected_and_nothing_written(tiny_db, tmp_path, name, text, expected):
    before = snapshot(tiny_db)
    folder = tmp_path / "bad"
    write_csv(folder, "models.csv", "model_id,vendor,display_name\nnewcomer,V,Newcomer\n")
    write_csv(folder, name, text)
    with pytest.raises(ImportRejected) as caught:
        import_folder(tiny_db, folder)
    problems = caught.value.problems
    file, line, column, reason = expected
    assert any(
        p.file == file and p.line == line and p.column == column and reason in p.reason
        for p in problems
    ), [str(p) for p in problems]
    assert snapshot(tiny_db) == before


def test_every_problem_is_reported_not_just_the_first(tiny_db, tmp_path):
    folder = tmp_path / "many"
    write_csv(
        folder, "models.csv", "model_id,vendor,display_name,context_window\na,V,A,big\nb,V,B,-3\n"
    )
    write_csv(
        folder,
        "benchmark_results.csv",
        "model_id,benchmark,condition,score\nghost,code,standard,1\nalpha,code,bogus,x\n",
    )
    with pytest.raises(ImportRejected) as caught:
        import_folder(tiny_db, folder)
    lines = [str(p) for p in caught.value.problems]
    assert len(lines) == 5, lines
    assert "models.csv, line 2, column context_window: 'big' is not a whole number" in lines


def test_a_folder_may_hold_a_subset_referring_to_existing_ids(tiny_db, tmp_path):
    folder = tmp_path / "only-results"
    write_csv(
        folder,
        "benchmark_results.csv",
        "model_id,benchmark,condition,score,source_kind\ngamma,know,standard,70,internal\n",
    )
    import_folder(tiny_db, folder)
    rows = list(tiny_db["results"].rows_where("model_id = 'gamma' and benchmark = 'know'"))
    assert rows[0]["score"] == 70 and rows[0]["source_kind"] == "internal"


def test_not_a_folder_and_empty_folder(tiny_db, tmp_path):
    with pytest.raises(ImportRejected, match="1 problem"):
        import_folder(tiny_db, tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ImportRejected) as caught:
        import_folder(tiny_db, tmp_path / "empty")
    assert "holds no catalogue CSV files" in caught.value.problems[0].reason


def test_bundled_data_keeps_every_hand_curated_reference_figure():
    """Every result and rate limit of the hand-curated reference catalogue is bundled as
    published (added columns only), and every reference model is still there under its id,
    vendor and name. Its model attributes now follow the sources' stated precedence."""
    import csv

    reference = DATA.parents[1] / "shared" / "reference-catalogue"
    if not reference.is_dir():
        pytest.skip("shared/reference-catalogue is not beside this checkout")

    def rows(folder, name):
        with open(folder / name, newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))

    def same(text):  # "50.0" and "50" are one figure
        try:
            return float(text)
        except ValueError:
            return text

    # A reference row read by hand from Aider's leaderboard may now come from the leaderboard
    # itself, through its connector: the same figure for the same model, benchmark and
    # condition, with the connector's provenance (the run's own key).
    figure = ("model_id", "benchmark", "condition", "score")
    for name in ("benchmark_results.csv", "rate_limits.csv"):
        ours = [{k: same(v) for k, v in o.items()} for o in rows(DATA, name)]
        for r in rows(reference, name):
            wanted = {k: same(v) for k, v in r.items()}
            if "Aider-AI/aider" in r.get("source_url", ""):
                wanted = {k: wanted[k] for k in figure}
            assert any({k: o[k] for k in wanted} == wanted for o in ours), (name, r)
    models = {m["model_id"]: m for m in rows(DATA, "models.csv")}
    for r in rows(reference, "models.csv"):
        found = models[r["model_id"]]
        assert (found["vendor"], found["display_name"]) == (r["vendor"], r["display_name"])


def test_bundled_copy_can_be_imported_from_a_copy(tmp_path, fresh_db):
    shutil.copytree(DATA, tmp_path / "copy", ignore=shutil.ignore_patterns("profiles"))
    summary = import_folder(fresh_db, tmp_path / "copy")
    assert summary.total_rows > 400


def test_json_round_trip_and_single_csv(fresh_db, tmp_path, bundled_db):
    from advisor.catalogue.database import _connect, migrate
    from advisor.catalogue.exporter import export_json
    from advisor.catalogue.importer import import_path

    export_json(bundled_db, tmp_path / "catalogue.json")
    import_path(fresh_db, tmp_path / "catalogue.json")
    assert snapshot(fresh_db) == snapshot(bundled_db)
    again = _connect(":memory:")
    migrate(again)
    import_path(again, DATA / "models.csv")  # one CSV, recognised by its name
    assert again["models"].count == bundled_count("models.csv")
    renamed = tmp_path / "my-benchmarks.csv"
    renamed.write_text((DATA / "benchmarks.csv").read_text())
    import_path(again, renamed)  # recognised by its columns
    assert again["benchmarks"].count == bundled_count("benchmarks.csv")


def test_bad_json_rows_name_their_item(tiny_db, tmp_path):
    import json

    from advisor.catalogue.importer import import_path

    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(
            {
                "models": [
                    {"model_id": "ok", "vendor": "V", "display_name": "Ok"},
                    {
                        "model_id": "neg",
                        "vendor": "V",
                        "display_name": "N",
                        "input_usd_per_mtok": -1,
                    },
                ],
                "benchmark_results": [
                    {
                        "model_id": "ghost",
                        "benchmark": "code",
                        "condition": "standard",
                        "score": float("nan"),
                    }
                ],
                "mystery": [],
            }
        )
    )
    before = snapshot(tiny_db)
    with pytest.raises(ImportRejected) as caught:
        import_path(tiny_db, path)
    lines = [str(p) for p in caught.value.problems]
    assert (
        "bad.json › models, line 2, column input_usd_per_mtok: -1 is below the minimum of 0"
        in lines
    )
    assert any("bad.json › benchmark_results, line 1, column score" in line for line in lines)
    assert any(
        "bad.json › mystery" in line and "names no catalogue table" in line for line in lines
    )
    assert snapshot(tiny_db) == before


def test_xlsx_round_trip_and_formulas_refused(tmp_path, bundled_db, tiny_db):
    from openpyxl import Workbook

    from advisor.catalogue.database import _connect, migrate
    from advisor.catalogue.exporter import export_xlsx
    from advisor.catalogue.importer import import_path

    export_xlsx(bundled_db, tmp_path / "catalogue.xlsx")
    fresh = _connect(":memory:")
    migrate(fresh)
    import_path(fresh, tmp_path / "catalogue.xlsx")
    assert snapshot(fresh) == snapshot(bundled_db)

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "models"
    sheet.append(["model_id", "vendor", "display_name", "input_usd_per_mtok"])
    sheet.append(["x", "V", "X", 1.5])
    sheet.append(["y", "V", '=HYPERLINK("http://evil.example","click")', 2])
    workbook.save(tmp_path / "bad.xlsx")
    before = snapshot(tiny_db)
    with pytest.raises(ImportRejected) as caught:
        import_path(tiny_db, tmp_path / "bad.xlsx")
    assert [str(p) for p in caught.value.problems] == [
        "bad.xlsx › models, line 3, column display_name: holds a formula; paste values only"
    ]
    assert snapshot(tiny_db) == before
