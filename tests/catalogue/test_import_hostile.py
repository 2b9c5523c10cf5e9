"""Hostile imports (the adversarial tester's failures, and more of each class): every input that
would change or drop data silently, or that is unbounded, is refused with its location, and
the catalogue is left exactly as it was. Exports neutralise formula text and import back
unchanged, in CSV and in Excel."""

from __future__ import annotations

import hashlib
import os
import zipfile
from pathlib import Path

import pytest

from advisor.catalogue.exporter import export_folder, export_xlsx
from advisor.catalogue.importer import import_path
from advisor.catalogue.readers import MAX_CSV_BYTES
from advisor.domain import ImportRejected
from advisor.domain.catalogue_format import FILE_SPECS
from tests.catalogue.test_import import snapshot

HEADER = "model_id,vendor,display_name"


def digest(db) -> str:
    return hashlib.sha256(repr(snapshot(db)).encode()).hexdigest()


def refused(db, path: Path, *expected: str) -> list[str]:
    """Import ``path``: it must be refused, each ``expected`` text in the problems, and the
    catalogue unchanged."""
    before = digest(db)
    with pytest.raises(ImportRejected) as caught:
        import_path(db, path)
    lines = caught.value.lines()
    for text in expected:
        assert any(text in line for line in lines), lines
    assert digest(db) == before
    return lines


def csv_file(tmp_path: Path, extra: str, value: str, name: str = "models.csv") -> Path:
    path = tmp_path / name
    path.write_text(f"{HEADER},{extra}\nrt-a,V,A,{value}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("input_usd_per_mtok", '"2,5"', "write the decimal point as '.'"),
        ("input_usd_per_mtok", '"2,500"', "write the decimal point as '.'"),
        ("input_usd_per_mtok", "1_000", "'1_000' is not a number"),
        ("context_window", "1_000", "'1_000' is not a whole number"),
        ("context_window", "0x10", "is not a whole number"),
        ("context_window", "1" + "0" * 30, "is too large"),
        ("context_window", "9" * 5000, "is too long"),
        ("release_date", "2025-13-45", "is not a date on the calendar"),
        ("release_date", "2025-02-30", "is not a date on the calendar"),
        ("input_usd_per_mtok", "nan", "not a finite number"),
    ],
)
def test_numbers_and_dates_that_would_change_meaning_are_refused(
    tiny_db, tmp_path, column, value, reason
):
    refused(tiny_db, csv_file(tmp_path, column, value), f"line 2, column {column}: ", reason)


@pytest.mark.parametrize(
    ("column", "value", "stored"),
    [
        ("context_window", '"200,000"', 200000),
        ("input_usd_per_mtok", '"1,000.5"', 1000.5),
        ("input_usd_per_mtok", "2.5", 2.5),
        ("input_usd_per_mtok", "1e-3", 0.001),
        ("release_date", "2024-02-29", "2024-02-29"),
    ],
)
def test_unambiguous_forms_are_still_read(tiny_db, tmp_path, column, value, stored):
    import_path(tiny_db, csv_file(tmp_path, column, value))
    assert tiny_db["models"].get("rt-a")[column] == stored


@pytest.mark.parametrize(
    ("text", "reason"),
    [("A\x00B", "control character (code 0)"), ("A\x1bB", "control character (code 27)")],
)
def test_control_characters_in_text_are_refused(tiny_db, tmp_path, text, reason):
    path = tmp_path / "models.csv"
    path.write_text(f"{HEADER}\nrt-a,V,{text}\n", encoding="utf-8")
    refused(tiny_db, path, "column display_name", reason)


def test_an_endless_file_is_refused_before_it_is_read(tiny_db, tmp_path):
    folder = tmp_path / "z"
    folder.mkdir()
    (folder / "models.csv").symlink_to("/dev/zero")
    refused(tiny_db, folder, "models.csv: is not a regular file")
    refused(tiny_db, folder / "models.csv", "is not a regular file")


def test_a_file_above_the_size_limit_is_refused_without_reading_it(tiny_db, tmp_path):
    path = tmp_path / "models.csv"
    with path.open("wb") as handle:  # sparse: no disk is used
        handle.truncate(MAX_CSV_BYTES + 1)
    refused(tiny_db, path, "larger than the 1,024 MiB Model Advisor reads")


def write_json(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rows.json"
    path.write_text(text, encoding="utf-8")
    return path


ROW_A = '{"model_id": "a", "vendor": "V", "display_name": "A"}'
ROW_B = '{"model_id": "b", "vendor": "V", "display_name": "B"}'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"models": ' + "[" * 100_000 + "]" * 100_000 + "}", "nests arrays or objects too deeply"),
        (
            '{"models": [{"model_id": "a", "vendor": "V", "display_name": "A", "notes": '
            + "[" * 5000
            + "]" * 5000
            + "}]}",
            "nests arrays or objects too deeply",
        ),
        (f'{{"models": [{ROW_A}], "models": [{ROW_B}]}}', "column models: this key appears twice"),
        (
            '{"models": [{"model_id": "a", "vendor": "V", "display_name": "A", '
            '"display_name": "B"}]}',
            "column display_name: this key appears twice",
        ),
        (f'{{"models": [{ROW_A}], "models.csv": [{ROW_B}]}}', "names the same table as"),
        (
            '{"models": [{"model_id": "a", "vendor": "V", "display_name": "x\\ud800"}]}',
            "lone UTF-16 surrogate",
        ),
        (
            '{"models": [{"model_id": ["a", "b"], "vendor": "V", "display_name": "A"}]}',
            "line 1, column model_id: is a list; give a single value",
        ),
        (
            '{"models": [{"model_id": "a", "vendor": {"x": 1}, "display_name": "A"}]}',
            "column vendor: is an object; give a single value",
        ),
        (
            '{"models": [{"model_id": "a", "vendor": "V", "display_name": "A", '
            '"context_window": 1' + "0" * 400 + "}]}",
            "is a number too large to store",
        ),
        (
            '{"models": [{"model_id": "a", "vendor": "V", "display_name": "A", '
            '"context_window": 1' + "0" * 5000 + "}]}",
            "holds a number with thousands of digits",
        ),
    ],
    ids=[
        "deep-100k",
        "deep-in-a-cell",
        "duplicate-table",
        "duplicate-column",
        "models-and-models.csv",
        "lone-surrogate",
        "id-as-list",
        "vendor-as-object",
        "int-400-digits",
        "int-5000-digits",
    ],
)
def test_json_that_would_drop_or_alter_data_is_refused(tiny_db, tmp_path, text, expected):
    lines = refused(tiny_db, write_json(tmp_path, text), expected)
    assert all("rows.json" in line for line in lines)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"model_id,vendor\n", "is not an .xlsx workbook (it is not a zip file)"),
        (os.urandom(4096), "is not an .xlsx workbook (it is not a zip file)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(4000), "password-protected"),
    ],
    ids=["csv-named-xlsx", "random-bytes", "encrypted"],
)
def test_a_file_that_is_not_a_workbook_gets_its_own_sentence(tiny_db, tmp_path, content, expected):
    path = tmp_path / "book.xlsx"
    path.write_bytes(content)
    refused(tiny_db, path, expected)


def _workbook(tmp_path: Path, sheets: dict[str, list[list]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path = tmp_path / "book.xlsx"
    book.save(path)
    return path


def _rewrite_part(path: Path, part: str, change) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts[part] = change(parts[part])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


ROWS = [["model_id", "vendor", "display_name"], ["a", "V", "A"]]


def test_two_sheets_for_one_table_are_refused(tiny_db, tmp_path):
    path = _workbook(tmp_path, {"models": ROWS, "models.csv": [ROWS[0], ["b", "V", "B"]]})
    refused(tiny_db, path, "book.xlsx › models.csv: names the same table as book.xlsx › models")


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
        '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
        '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>',
        '<!DOCTYPE x [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    ],
    ids=["billion-laughs", "external-entity"],
)
def test_xml_entities_are_neither_expanded_nor_fetched(tiny_db, tmp_path, doctype):
    path = _workbook(tmp_path, {"models": ROWS})
    entity = b"&h;" if b"ENTITY h" in doctype.encode() else b"&x;"

    def plant(xml: bytes) -> bytes:
        declaration, found, rest = xml.partition(b"?>")
        if not found:  # no XML declaration: the document type goes first
            declaration, rest = b"", xml
        rest = rest.replace(b"</sheetData>", b"</sheetData><x>" + entity + b"</x>", 1)
        return declaration + found + doctype.encode() + rest

    _rewrite_part(path, "xl/worksheets/sheet1.xml", plant)
    refused(tiny_db, path, "book.xlsx: ", "XML entity")


def test_a_decompression_bomb_is_refused_before_it_is_unpacked(tiny_db, tmp_path):
    path = _workbook(tmp_path, {"models": ROWS})
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.xml", b" " * (64 << 20))  # 64 MiB of spaces
    assert path.stat().st_size < 1 << 20
    refused(tiny_db, path, "decompression bomb")


HOSTILE_TEXT = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://x","y")', "@SUM(1+1)", "+1-1", "-2+3"]


@pytest.fixture
def hostile_db(tiny_db, tmp_path):
    rows = "\n".join(
        f'inj-{i},V,"{t.replace(chr(34), chr(34) * 2)}"' for i, t in enumerate(HOSTILE_TEXT)
    )
    path = tmp_path / "inj" / "models.csv"
    path.parent.mkdir()
    path.write_text(f"{HEADER}\n{rows}\n", encoding="utf-8")
    import_path(tiny_db, path.parent)
    assert [tiny_db["models"].get(f"inj-{i}")["display_name"] for i in range(5)] == HOSTILE_TEXT
    return tiny_db


def test_a_csv_export_neutralises_formulas_and_imports_back_unchanged(hostile_db, tmp_path):
    export_folder(hostile_db, tmp_path / "out")
    text = (tmp_path / "out" / "models.csv").read_text(encoding="utf-8")
    for line in text.splitlines()[1:]:
        display = line.split(",", 2)[2].strip('"')
        assert display[:1] not in "=+-@", line  # a spreadsheet shows it as text
    before = snapshot(hostile_db)
    import_path(hostile_db, tmp_path / "out")
    assert snapshot(hostile_db) == before


def test_the_apps_own_excel_export_imports_back_unchanged(hostile_db, tmp_path):
    export_xlsx(hostile_db, tmp_path / "book.xlsx")
    before = snapshot(hostile_db)
    import_path(hostile_db, tmp_path / "book.xlsx")
    assert snapshot(hostile_db) == before


def test_a_real_formula_cell_is_still_refused(tiny_db, tmp_path):
    path = _workbook(tmp_path, {"models": [ROWS[0], ["a", "V", "=1+1"]]})
    refused(tiny_db, path, "line 2, column display_name: holds a formula")


def test_every_table_kind_survives_the_limits(bundled_db, tmp_path):
    """The bundled catalogue itself is far inside every limit and reads back whole."""
    export_folder(bundled_db, tmp_path / "out")
    sizes = [p.stat().st_size for p in (tmp_path / "out").iterdir()]
    assert max(sizes) < MAX_CSV_BYTES / 100
    assert {p.name for p in (tmp_path / "out").iterdir()} <= {s.file for s in FILE_SPECS}


@pytest.mark.parametrize("value", ["2026-13-45", "2025-02-30", "2025-00"])
def test_a_source_date_off_the_calendar_is_refused(tiny_db, tmp_path, value):
    """A source date may be partial or words, but a year-month(-day) must exist (first-time
    user's defect 8: 2026-13-45 was imported and shown as a figure's date)."""
    refused(tiny_db, csv_file(tmp_path, "source_date", value), "is not a date on the calendar")
