"""Validation: each known-bad fixture gives exactly the problems it is named for, all at once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from docs_build.data.atlas import build_atlas
from docs_build.data.problems import DataError
from tests.conftest import FIXTURES, MINIMAL

BAD = FIXTURES / "bad"
P = "data/plans/xk-2011-2014/1-prevention.yaml"
PLAN = "data/plans/xk-2011-2014/plan.yaml"

EXPECTED = {
    "syntax-error": [f"{P}:5:1: [yaml.syntax] YAML syntax error: found unexpected end of stream "
                     "(while scanning a quoted scalar at line 3, column 8)"],
    "python-tag": [f"{P}:3:8: [yaml.unsafe-tag] tag not allowed (only plain YAML values are loaded): "
                   "'tag:yaml.org,2002:python/object/apply:os.system'"],
    "duplicate-key": [f"{P}:4:1: [yaml.duplicate-key] duplicate key: 'title'"],
    "yaml-alias": [f"{P}:3:8: [yaml.alias] YAML anchors and aliases are not allowed (this value is reused)"],
    "missing-field": [f"{P}:9:9: [schema.missing-field] missing required field 'text'"],
    "wrong-type": [f"{P}:6:10: [schema.wrong-type] 'ref': input should be a valid string: 1.1",
                   f"{P}:11:21: [schema.wrong-type] 'indicators': input should be a valid list"],
    "unknown-field": [f"{P}:11:9: [schema.unknown-field] unknown field 'deadline': '2012'"],
    "impossible-year": [
        f"{P}:11:62: [schema.out-of-range] impossible year in 'end': input should be less than or equal to 2100: 20114",
        f"{P}:14:20: [schema.impossible-period] 'timeframe': start year 2014 is after end year 2011"],
    "unknown-currency": [f"{P}:11:76: [schema.unknown-currency] 'currency': unknown currency code 'EURO' "
                         "(ISO 4217 expected): 'EURO'"],
    "duplicate-id": [f"{P}:11:14: [xref.duplicate-id] duplicate activity id in pillar 'prevention' "
                     "(give one a distinct 'slug'): '1-1-1'"],
    "unknown-references": [
        f"{P}:5:12: [xref.unknown-level] unknown objective level (see the plan's 'levels'): 'strategic-goal'",
        f"{P}:11:57: [xref.unknown-institution] unknown institution of XK "
        "(see data/countries/xk/institutions.yaml): 'mai'",
        f"{P}:12:27: [xref.unknown-theme] unknown theme: 'awareness-raising'"],
    "unknown-registry-ids.plan": [
        f"{PLAN}:2:5: [xref.id-mismatch] plan id must start with country code and period, 'xx-2011-2014': "
        "'xk-2011-2014'",
        f"{PLAN}:3:10: [xref.unknown-country] unknown country (no data/countries/<code>/): 'XX'",
        f"{PLAN}:13:18: [xref.unknown-instrument] unknown international instrument: 'palermo'",
        f"{PLAN}:14:11: [xref.unknown-law] unknown law of country XX: 'penal-code'"],
}


def with_bad_file(tmp: Path, fixture: Path) -> Path:
    """Copy the minimal data set and put a known-bad file in place of the file its header names."""
    data = tmp / "data"
    shutil.copytree(MINIMAL, data)
    target = fixture.read_text(encoding="utf-8").splitlines()[0].removeprefix("# target: ")
    shutil.copy(fixture, data / target)
    return data


def problems_of(data: Path) -> list[str]:
    """Formatted problems that building the Atlas reports."""
    with pytest.raises(DataError) as caught:
        build_atlas(data)
    return [p.format() for p in caught.value.problems]


def test_every_bad_fixture_has_expectations() -> None:
    assert {f.stem for f in BAD.glob("*.yaml")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_fixture_reports_exactly_its_problems(tmp_path: Path, name: str) -> None:
    assert problems_of(with_bad_file(tmp_path, BAD / f"{name}.yaml")) == EXPECTED[name]


def test_minimal_fixture_is_valid() -> None:
    atlas = build_atlas(MINIMAL)
    assert list(atlas.plans) == ["xk-2011-2014"]


def test_all_problems_of_all_files_reported_at_once(tmp_path: Path) -> None:
    data = with_bad_file(tmp_path, BAD / "unknown-currency.yaml")
    (data / "countries/xk/laws.yaml").write_text("laws:\n  - id: Criminal Code\n    title: x\n", encoding="utf-8")
    (data / "stray.yaml").write_text("a: 1\n", encoding="utf-8")
    found = problems_of(data)
    assert [line.split(": [")[1].split("]")[0] for line in found] == [
        "schema.invalid-format", "schema.unknown-currency", "data.unknown-file"]
    assert found[0].startswith("data/countries/xk/laws.yaml:2:9: [schema.invalid-format]")


def test_missing_pillar_file_and_path_traversal(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    plan = data / "plans/xk-2011-2014/plan.yaml"
    listed = 'pillar_files: ["1-prevention.yaml", "../../themes.yaml", "2-x.yaml"]'
    text = plan.read_text(encoding="utf-8").replace('pillar_files: ["1-prevention.yaml"]', listed)
    plan.write_text(text, encoding="utf-8")
    found = problems_of(data)
    assert any("[data.bad-path]" in line and "'../../themes.yaml'" in line for line in found)
    assert "data/plans/xk-2011-2014/2-x.yaml:1:1: [data.missing-file] file not found" in found


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    big = data / "countries/xk/laws.yaml"
    with big.open("a", encoding="utf-8") as handle:
        handle.write("# " + "x" * (9 * 1024 * 1024) + "\n")
    assert problems_of(data) == ["data/countries/xk/laws.yaml:1:1: [data.too-large] file is larger than 8 MB"]


def test_pillar_files_are_checked_even_when_plan_yaml_is_broken(tmp_path: Path) -> None:
    data = with_bad_file(tmp_path, BAD / "unknown-currency.yaml")
    plan = data / "plans/xk-2011-2014/plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("kind: strategy-and-action-plan", "kind: roadmap"),
                    encoding="utf-8")
    (data / "plans/xk-2011-2014/9-unlisted.yaml").write_text("id: x\ntitle: 1\n", encoding="utf-8")
    types = [line.split(": [")[1].split("]")[0] for line in problems_of(data)]
    assert types == ["schema.unknown-currency", "schema.wrong-type", "schema.invalid-choice"]


def test_unlisted_pillar_file_is_reported(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    (data / "plans/xk-2011-2014/2-protection.yaml").write_text("id: protection\ntitle: P\n", encoding="utf-8")
    assert problems_of(data) == ["data/plans/xk-2011-2014/2-protection.yaml:1:1: [data.unknown-file] "
                                 "file is not listed in plan.yaml's pillar_files (see ARCHITECTURE.md)"]
