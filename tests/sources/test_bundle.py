"""The bundled catalogue is derived: data/ is exactly what the snapshots in data/sources rebuild
to; every row leads back to its source record with the same value; every name of the
benchmark sources is mapped, set aside with a reason, or reported."""

from __future__ import annotations

import shutil

import pytest

from advisor.sources import bundle
from advisor.sources.identity import Identities, Mapped, Unmapped, read_aliases
from advisor.sources.rows import choose_attributes
from tests.conftest import DATA

SOURCES = DATA / "sources"


@pytest.fixture(scope="module")
def built() -> bundle.Bundle:
    return bundle.build(SOURCES)


def test_data_is_exactly_a_rebuild(built, capsys):
    assert bundle.differences(built, DATA) == []
    assert bundle.main(["--check", "--data", str(DATA)]) == 0
    assert "matches a rebuild" in capsys.readouterr().out


def test_rebuilding_twice_gives_the_same_bytes(built):
    assert bundle.build(SOURCES).files() == built.files()


def test_a_hand_edit_of_data_is_caught(tmp_path, capsys):
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy, ignore=shutil.ignore_patterns("profiles"))
    text = (copy / "models.csv").read_text(encoding="utf-8")
    (copy / "models.csv").write_text(text.replace("Claude Opus 4.5", "Claude Opus 4.5!"))
    assert bundle.main(["--check", "--data", str(copy)]) == 1
    err = capsys.readouterr().err
    assert "models.csv" in err and "run `python -m advisor.sources.bundle`" in err
    assert bundle.main(["--data", str(copy)]) == 0  # the rebuild puts it right
    assert bundle.main(["--check", "--data", str(copy)]) == 0


def test_a_damaged_snapshot_stops_the_build_naming_it(tmp_path, capsys):
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy, ignore=shutil.ignore_patterns("profiles"))
    litellm = copy / "sources" / "litellm" / "model_prices_and_context_window.json"
    litellm.write_text(litellm.read_text(encoding="utf-8")[:5000], encoding="utf-8")
    before = (copy / "models.csv").read_bytes()
    assert bundle.main(["--data", str(copy)]) == 1
    err = capsys.readouterr().err
    assert "litellm snapshot" in err and "not valid JSON" in err and "Traceback" not in err
    assert (copy / "models.csv").read_bytes() == before  # nothing written


def _records(built):
    """Every record of every reading, by (source, source_record)."""
    out = {}
    for reading in built.readings:
        for record in [*reading.results, *reading.attributes]:
            out.setdefault((reading.info.key, record.provenance.source_record), []).append(record)
    return out


def test_every_sourced_result_finds_its_record_with_the_same_value(built):
    records = _records(built)
    sourced = [r for r in built.tables["results"] if r["source"]]
    assert len(sourced) > 2500
    for row in sourced:
        found = records[(row["source"], row["source_record"])]
        assert any(
            r.benchmark == row["benchmark"] and r.score == pytest.approx(row["score"])
            for r in found
            if hasattr(r, "benchmark")
        ), row


def test_every_sourced_attribute_finds_its_record_with_the_same_value(built):
    records = _records(built)
    attribute_of = {"hybrid_reasoning": "reasoning"}
    sourced = [r for r in built.tables["model_attributes"] if r["source"]]
    assert len(sourced) > 10000
    for row in sourced:
        found = records[(row["source"], row["source_record"])]
        stated = attribute_of.get(row["attribute"], row["attribute"])
        values = []
        for r in found:
            if hasattr(r, "attributes"):
                values.append(r.attributes.get(stated))
            elif row["attribute"] == "release_date":
                values.append(r.release_date)
        texts = {_text(v) for v in values if v is not None}
        assert _text(row["value"]) in texts, row


def _text(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return f"{float(value):.6g}"
    try:
        return f"{float(value):.6g}"
    except ValueError:
        return str(value)[:10] if str(value)[:4].isdigit() else str(value)


def test_the_models_columns_hold_the_values_the_rule_chose(built):
    chosen = choose_attributes(built.tables["model_attributes"])
    for model in built.tables["models"]:
        for column in ("input_usd_per_mtok", "context_window", "release_date"):
            found = chosen.get((model["model_id"], column))
            if found is not None:
                assert _text(model[column]) == _text(found["value"]), (model["model_id"], column)


@pytest.mark.parametrize("source", ["epoch", "tau2-bench", "vectara", "aider"])
def test_every_benchmark_source_name_is_mapped_set_aside_or_reported(built, source):
    reading = next(r for r in built.readings if r.info.key == source)
    identities = Identities(
        (m["model_id"] for m in built.tables["models"]), read_aliases(SOURCES / "aliases.csv")
    )
    report = built.rows.report
    listed = {name for (s, name, _f, _c) in [*report.unmapped, *report.ambiguous] if s == source}
    aside = {name for (s, name, _n) in report.ignored if s == source}
    for record in reading.results:
        found = identities.resolve(source, record.name)
        if isinstance(found, Mapped):
            continue
        if isinstance(found, Unmapped):
            assert record.name in listed, record.name
        else:
            assert record.name in aside, record.name


def test_the_mapping_report_is_written_with_the_bundle(built):
    text = (SOURCES / "mapping-report.txt").read_text(encoding="utf-8")
    assert text == built.files()["mapping-report.txt"]
    assert "epoch:" in text and "maps to no model" in text
    assert "set aside" in text  # names the mapping table sets aside, each with its reason
