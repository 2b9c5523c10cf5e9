"""The offers' tables in the catalogue: regions on model attributes, lifecycle events and
due-diligence findings — schema step 5, round trips through every file format, bad input."""

from __future__ import annotations

import pytest

from advisor.catalogue import import_folder
from advisor.catalogue.database import _connect, migrate
from advisor.catalogue.exporter import export_folder, export_json, export_xlsx
from advisor.catalogue.importer import import_path
from advisor.catalogue.schema import known_migrations, migrations, schema_version
from advisor.domain.errors import ImportRejected
from tests.catalogue.test_import import snapshot
from tests.conftest import write_csv

LIFECYCLE = """
model_id,channel,region,event,date,source_kind,reported_by,source_url,source_date,source_record,notes
alpha,bedrock,eu,release,2025-02-01,vendor,VendorA,https://a.example/bedrock,2025-02-01,alpha-eu,
alpha,bedrock,eu,deprecation,2027-01-31,vendor,VendorA,https://a.example/deprecations,2026-11-01,alpha-eu,
gamma,,,retirement,2026-06-15,vendor,VendorC,https://c.example/deprecations,2026-08-17,gamma-1,
beta,openrouter,,preview,,third_party,models.dev,https://models.dev,2026-06-30,beta,"a status, stated without a date"
"""
ASSURANCES = """
vendor,channel,assurance,value,detail,evidence,recorded_on,recorded_by,notes
VendorA,,soc2_type2,yes,,VendorA SOC 2 Type II report (2026),2026-10-01,Procurement,
VendorA,,zero_data_retention,on_request,Enterprise agreement only,https://a.example/zdr,2026-10-01,Procurement,
,bedrock,iso_27001,yes,,https://aws.example/compliance,2025-09-01,Security,
"""
ATTRIBUTES = """
model_id,attribute,value,channel,region,source_kind,reported_by,source_url,source_date,source_record
alpha,input_usd_per_mtok,1.1,bedrock,eu,third_party,litellm (BerriAI),https://l.example,2026-07-24,eu.a.alpha
alpha,input_usd_per_mtok,1.2,bedrock,eu-central-1,third_party,litellm (BerriAI),https://l.example,2026-07-24,bedrock/eu-central-1/a.alpha
"""


@pytest.fixture
def full_folder(tiny_folder):
    write_csv(tiny_folder, "lifecycle.csv", LIFECYCLE)
    write_csv(tiny_folder, "assurances.csv", ASSURANCES)
    write_csv(tiny_folder, "model_attributes.csv", ATTRIBUTES)
    return tiny_folder


@pytest.fixture
def full_db(fresh_db, full_folder):
    import_folder(fresh_db, full_folder)
    return fresh_db


def _fresh():
    db = _connect(":memory:")
    migrate(db)
    return db


def test_the_new_tables_hold_what_was_imported(full_db):
    assert full_db["lifecycle"].count == 4
    assert full_db["assurances"].count == 3
    regions = {r["region"] for r in full_db["model_attributes"].rows}
    assert regions == {"eu", "eu-central-1"}  # two regions of one channel: two rows


@pytest.mark.parametrize("form", ["folder", "json", "xlsx"])
def test_round_trip_through_every_format(full_db, tmp_path, form):
    if form == "folder":
        export_folder(full_db, tmp_path / "out")
        target = tmp_path / "out"
    elif form == "json":
        target = export_json(full_db, tmp_path / "catalogue.json")
    else:
        target = export_xlsx(full_db, tmp_path / "catalogue.xlsx")
    again = _fresh()
    import_path(again, target)
    assert snapshot(again) == snapshot(full_db)
    assert snapshot(again)["assurances"] and snapshot(again)["lifecycle"]


def _rejected(db, folder, name, text):
    write_csv(folder, name, text)
    with pytest.raises(ImportRejected) as caught:
        import_path(db, folder / name)
    return [(p.file, p.line, p.column, p.reason) for p in caught.value.problems]


def test_bad_offers_are_refused_with_file_line_and_column(tiny_db, tmp_path):
    before = snapshot(tiny_db)
    problems = _rejected(
        tiny_db,
        tmp_path,
        "lifecycle.csv",
        """
model_id,channel,region,event,date,source_url
nobody,bedrock,eu,retirement,2027-01-01,https://x.example
alpha,bedrok,eu,retirement,2027-01-01,https://x.example
alpha,bedrock,mars,retirement,2027-01-01,https://x.example
alpha,bedrock,eu,sunset,2027-01-01,https://x.example
""",
    )
    assert problems == [
        ("lifecycle.csv", 3, "channel", problems[0][3]),
        ("lifecycle.csv", 4, "region", problems[1][3]),
        ("lifecycle.csv", 5, "event", problems[2][3]),
        ("lifecycle.csv", 2, "model_id", "unknown model_id 'nobody': add it to models.csv first"),
    ]
    assert "did you mean 'bedrock'?" in problems[0][3]
    assert "'mars' is not a region word" in problems[1][3]
    assert problems[2][3] == "'sunset' is not one of release, preview, deprecation, retirement"
    assert snapshot(tiny_db) == before  # nothing written


def test_a_retirement_before_the_offers_own_release_is_refused(tiny_db, tmp_path):
    problems = _rejected(
        tiny_db,
        tmp_path,
        "lifecycle.csv",
        """
model_id,channel,region,event,date,source_url
alpha,bedrock,eu,release,2026-03-01,https://x.example
alpha,bedrock,eu,retirement,2026-02-01,https://x.example/2
""",
    )
    assert problems == [
        (
            "lifecycle.csv",
            3,
            "date",
            "retirement on 2026-02-01 is before the offer's release on 2026-03-01; check both "
            "dates",
        )
    ]


def test_a_retirement_before_the_models_release_is_refused(tiny_db, tmp_path):
    folder = tmp_path / "both"
    write_csv(
        folder,
        "models.csv",
        """
model_id,vendor,display_name,release_date
alpha,VendorA,Alpha,2025-01-01
""",
    )
    write_csv(
        folder,
        "lifecycle.csv",
        """
model_id,channel,region,event,date,source_url
alpha,,,retirement,2024-12-31,https://x.example
""",
    )
    with pytest.raises(ImportRejected) as caught:
        import_path(tiny_db, folder)
    assert [str(p) for p in caught.value.problems] == [
        "lifecycle.csv, line 2, column date: retirement on 2024-12-31 is before the model's "
        "release on 2025-01-01; check both dates"
    ]


def test_bad_assurances_are_refused(tiny_db, tmp_path):
    problems = _rejected(
        tiny_db,
        tmp_path,
        "assurances.csv",
        """
vendor,channel,assurance,value,evidence,recorded_on,recorded_by
VendorA,,soc2_type2,probably,https://a.example,2026-01-01,Me
VendorA,,iso_9001,yes,https://a.example,2026-01-01,Me
Nobody Inc,,dpa,yes,https://n.example,2026-01-01,Me
,,dpa,yes,https://n.example,2026-01-01,Me
VendorA,,dpa,yes,https://a.example,01/02/2026,Me
""",
    )
    columns = [(line, column) for _, line, column, _ in problems]
    assert columns == [
        (2, "value"),
        (3, "assurance"),
        (6, "recorded_on"),
        (4, "vendor"),
        (5, "vendor"),
    ]
    assert "'probably' is not one of yes, on_request, no" in problems[0][3]
    assert "unknown vendor 'Nobody Inc'" in problems[3][3]


def test_schema_4_catalogue_upgrades_keeping_every_attribute(tmp_path):
    path = tmp_path / "old.sqlite"
    db = _connect(path)
    migrations.apply(db, stop_before="m005_offers")
    assert schema_version(db) == 4
    db.execute("INSERT INTO vendors (vendor) VALUES ('VendorA')")
    db.execute(
        "INSERT INTO models (model_id, vendor, display_name) VALUES ('alpha', 'VendorA', 'A')"
    )
    db.execute(
        "INSERT INTO model_attributes (model_id, attribute, value, channel, source_url, "
        "source_record) VALUES ('alpha', 'input_usd_per_mtok', '1', 'bedrock', 'u', 'eu.a')"
    )
    db.conn.commit()
    db.close()
    db = _connect(path)
    migrate(db)
    try:
        assert schema_version(db) == len(known_migrations())
        rows = list(db["model_attributes"].rows)
        assert [(r["channel"], r["region"], r["value"]) for r in rows] == [("bedrock", "", "1")]
        assert db["lifecycle"].count == 0 and db["assurances"].count == 0
        # The rebuilt table keeps its revision triggers.
        before = db.execute("SELECT revision FROM catalogue_revision").fetchone()[0]
        db.execute("UPDATE model_attributes SET value = '2'")
        assert db.execute("SELECT revision FROM catalogue_revision").fetchone()[0] > before
    finally:
        db.close()
