"""Open-data downloads: JSON valid against its schema, CSV counts and ids, a valid data package, identical exports."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import frictionless
import jsonschema
import pytest

from docs_build.data import urls
from docs_build.data.atlas import Atlas, build_atlas
from docs_build.data.models import Objective
from docs_build.data.records import Records
from docs_build.data.walk import activities, walk
from docs_build.opendata import exports, tables
from docs_build.opendata.jsondata import ExportDataset
from docs_build.site import build
from docs_build.site.context import SiteBuilder
from docs_build.site.render import data_runs
from tests.conftest import FIXTURES, MINIMAL, ROOT

SHAPES = FIXTURES / "shapes" / "data"
DATA_SETS = [MINIMAL, SHAPES]
TEMPLATES = ROOT / "overrides" / "atlas"


def export(data: Path) -> dict[str, bytes]:
    """A fresh export of a data folder, in memory."""
    return exports.export_files(Records(build_atlas(data)))


def read_csv(content: bytes) -> list[dict[str, str]]:
    """Rows of an exported CSV, read as a spreadsheet-minded program would: UTF-8 with BOM."""
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def json_ids(data: Any, key: str) -> list[str]:
    """Every `id` of the objects listed under `key` ('objectives' or 'activities'), anywhere in the JSON."""
    found: list[str] = []
    if isinstance(data, dict):
        for name, value in data.items():
            if name == key:
                found += [item["id"] for item in value]
            found += json_ids(value, key)
    elif isinstance(data, list):
        for value in data:
            found += json_ids(value, key)
    return found


def tree_ids(atlas: Atlas) -> tuple[list[str], list[str]]:
    """Objective and activity ids computed straight from the model tree, as the URL scheme defines them."""
    objectives, acts = [], []
    for plan in atlas.plans.values():
        for pillar in plan.pillars:
            for node in walk(pillar):
                if isinstance(node.item, Objective):
                    objectives.append(urls.objective_id(plan.id, pillar.id, node.item, node.key))
                else:
                    acts.append(urls.activity_id(plan.id, pillar.id, node.key))
    return objectives, acts


@pytest.mark.parametrize("data", DATA_SETS, ids=["minimal", "shapes"])
def test_json_validates_against_the_published_schema(data: Path) -> None:
    files = export(data)
    schema = json.loads(files[exports.SCHEMA])
    jsonschema.Draft202012Validator.check_schema(schema)
    dataset = json.loads(files[exports.DATASET])
    jsonschema.Draft202012Validator(schema).validate(dataset)
    ExportDataset.model_validate_json(files[exports.DATASET])
    plan_schema = {"$schema": schema["$schema"], "$ref": "#/$defs/ExportPlan", "$defs": schema["$defs"]}
    for plan in dataset["plans"]:
        published = json.loads(files[f"plans/{plan['id']}.json"])
        assert published == plan
        jsonschema.Draft202012Validator(plan_schema).validate(published)


def test_schema_rejects_what_the_model_forbids() -> None:
    files = export(MINIMAL)
    validator = jsonschema.Draft202012Validator(json.loads(files[exports.SCHEMA]))
    dataset = json.loads(files[exports.DATASET])
    dataset["plans"][0]["pillars"][0]["objectives"][0]["activities_typo"] = []
    assert not validator.is_valid(dataset)
    del dataset["plans"][0]["pillars"][0]["objectives"][0]["activities_typo"]
    dataset["plans"][0]["pillars"][0]["objectives"][0]["objectives"][0]["activities"][0]["id"] = "Not An Id"
    assert not validator.is_valid(dataset)


@pytest.mark.parametrize("data", DATA_SETS, ids=["minimal", "shapes"])
def test_csv_row_counts_equal_the_counts_in_the_data(data: Path) -> None:
    atlas = build_atlas(data)
    files = exports.export_files(Records(atlas))
    plans = list(atlas.plans.values())
    acts = [node.item for p in plans for pillar in p.pillars for node in activities(pillar)]
    objectives = [node.item for p in plans for pillar in p.pillars for node in walk(pillar)
                  if isinstance(node.item, Objective)]
    items = objectives + acts + [task for a in acts for task in a.tasks]
    budgets = [b for a in acts for b in [a.budget, *(t.budget for t in a.tasks)] if b]
    expected = {
        "plans": len(plans),
        "pillars": sum(len(p.pillars) for p in plans),
        "objectives": len(objectives),
        "activities": len(acts),
        "budget_amounts": sum(len(b.amounts) for b in budgets),
        "institutions": sum(len(registry) for registry in atlas.institutions.values()),
        "legal_references": sum(len(p.legal_references) for p in plans),
        "indicators": sum(max(1, len(i.values)) for p in plans for i in p.indicators)
        + sum(len(item.targets) for item in items),
    }
    counts = {spec.name: len(read_csv(files[spec.path])) for spec in tables.SPECS}
    assert counts == expected
    assert all(counts.values()), "every table of the fixture has rows, so the counts test something"


@pytest.mark.parametrize("data", DATA_SETS, ids=["minimal", "shapes"])
def test_ids_round_trip_between_json_csv_and_urls(data: Path) -> None:
    atlas = build_atlas(data)
    builder = SiteBuilder(atlas, TEMPLATES)
    pages = {page.src for page in build.pages(builder)}
    files = builder.files
    objective_ids, activity_ids = tree_ids(atlas)
    dataset = json.loads(files["downloads/" + exports.DATASET])
    assert sorted(json_ids(dataset, "objectives")) == sorted(objective_ids)
    assert sorted(json_ids(dataset, "activities")) == sorted(activity_ids)
    assert len(set(objective_ids + activity_ids)) == len(objective_ids) + len(activity_ids)
    rows = {spec.name: read_csv(files["downloads/" + spec.path]) for spec in tables.SPECS}
    assert [r["objective_id"] for r in rows["objectives"]] == objective_ids
    assert [r["activity_id"] for r in rows["activities"]] == activity_ids
    for activity_id in activity_ids:
        assert f"plans/{activity_id}/index.md" in pages
    pillar_ids = {r["pillar_id"] for r in rows["pillars"]}
    assert pillar_ids == {f"{p.id}/{pillar.id}" for p in atlas.plans.values() for pillar in p.pillars}
    assert {r["plan_id"] for r in rows["plans"]} == set(atlas.plans)
    bodies = {(r["country"], r["institution_id"]) for r in rows["institutions"]}
    for row in rows["activities"]:
        assert row["pillar_id"] in pillar_ids and row["objective_id"] in objective_ids
        assert row["url"] == urls.activity(*row["activity_id"].split("/"))
        for body in filter(None, [row["lead_id"], *row["responsible_ids"].split(" | ")]):
            assert (row["country"], body) in bodies
    for row in rows["budget_amounts"]:
        assert row["activity_id"] in activity_ids


def test_activity_row_joins_bodies_and_figures_as_documented() -> None:
    rows = read_csv(export(SHAPES)["activities.csv"])
    row = next(r for r in rows if r["activity_id"] == "rs-2017-2022/partnership/1-1")
    assert row["responsible_ids"] == "council | national-coordinator"
    assert row["lead_id"] == "council"
    assert row["budget_amounts"] == "RSD 100000 (2017); EUR 850 (2018)"
    assert row["tasks"] == "3" and row["start_year"] == "2017" and row["end_year"] == "2017"
    assert row["pillar_id"] == "rs-2017-2022/partnership"
    amounts = [r for r in read_csv(export(SHAPES)["budget_amounts.csv"]) if r["activity_id"] == row["activity_id"]]
    assert [(r["position"], r["currency"], r["value"], r["year"]) for r in amounts] == [
        ("1", "RSD", "100000", "2017"), ("2", "EUR", "850", "2018")]


def test_csv_is_utf8_with_bom_and_crlf_and_keeps_letters(minimal_copy: Path) -> None:
    pillar = minimal_copy / "plans" / "xk-2011-2014" / "1-prevention.yaml"
    text = 'Fushatë për çështjet e trafikimit; кампања во медиумите, "quoted"'
    pillar.write_text(pillar.read_text(encoding="utf-8").replace(
        'text: "Organize media campaigns."', "text: " + json.dumps(text, ensure_ascii=False)), encoding="utf-8")
    files = export(minimal_copy)
    for spec in tables.SPECS:
        content = files[spec.path]
        assert content.startswith(b"\xef\xbb\xbf" + ",".join(spec.names).encode() + b"\r\n")
        assert content.count(b"\n") == content.count(b"\r\n")
    rows = read_csv(files["activities.csv"])
    assert text in [r["text"] for r in rows]
    assert "Извршено пилот тестирање" in rows[0]["indicators"]
    assert json.dumps(text, ensure_ascii=False) in files[exports.DATASET].decode("utf-8")


def test_numbers_are_plain_decimals() -> None:
    assert tables.plain(Decimal("24000.00")) == "24000"
    assert tables.plain(Decimal("2.4E+4")) == "24000"
    assert tables.plain(Decimal("0.50")) == "0.5"
    assert tables.plain(Decimal("0")) == "0"
    assert tables.cell((" a", "b")) == " a | b" and tables.cell(None) == "" and tables.cell(True) == "true"
    values = [r["value"] for r in read_csv(export(SHAPES)["indicators.csv"]) if r["value"]]
    assert values == ["95", "3"]


@pytest.mark.parametrize("data", DATA_SETS, ids=["minimal", "shapes"])
def test_data_package_is_valid_and_describes_every_csv(data: Path, tmp_path: Path) -> None:
    files = export(data)
    exports.write(files, tmp_path)
    package = json.loads(files[exports.DATAPACKAGE])
    assert [r["path"] for r in package["resources"]] == [spec.path for spec in tables.SPECS]
    assert {name for name in files if name.endswith(".csv")} == {r["path"] for r in package["resources"]}
    report = frictionless.validate(str(tmp_path / exports.DATAPACKAGE))
    assert report.valid, report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])
    assert [task.stats["rows"] for task in report.tasks] == [len(read_csv(files[r["path"]]))
                                                            for r in package["resources"]]


def test_export_is_deterministic_and_the_command_writes_the_published_bytes(tmp_path: Path) -> None:
    first, second = export(SHAPES), export(SHAPES)
    assert first == second
    builder = SiteBuilder(build_atlas(SHAPES), TEMPLATES)
    build.pages(builder)
    published = {path: content for path, content in builder.files.items() if path.startswith("downloads/")}
    assert published == {"downloads/" + name: content for name, content in first.items()}
    result = subprocess.run([sys.executable, "-m", "docs_build", "--data", str(SHAPES), "export", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert folder_files(tmp_path) == first


def test_downloads_page_lists_every_file_and_is_in_the_navigation() -> None:
    builder = SiteBuilder(build_atlas(MINIMAL), TEMPLATES)
    page = next(p for p in build.pages(builder) if p.src == "downloads/index.md")
    text = "".join(part for part, _ in data_runs(page.content))  # data text as written, without its markers
    for name, content in export(MINIMAL).items():
        assert f"](/downloads/{name}) |" in text
        assert f"<code>{hashlib.sha256(content).hexdigest()}</code>" in text
    for spec in tables.SPECS:
        for column in spec.names:
            assert f"<code>{column}</code>" in text
    titles = [next(iter(entry)) for entry in build.nav(builder.atlas)]
    assert titles.index("Downloads") == titles.index("About") - 1
    assert b"CC BY 4.0" in export(MINIMAL)[exports.LICENSE] and "@misc" in page.content.replace("&#64;", "@")


def folder_files(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, keyed by its POSIX path relative to the folder."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class DownloadRows(HTMLParser):
    """Collects (href, sha256) of each row of the downloads page's file tables."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, str]] = []
        self.href: str | None = None
        self.in_code = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.href = None
        elif tag == "a" and self.href is None:
            self.href = dict(attrs).get("href")
        self.in_code = tag == "code"

    def handle_endtag(self, tag: str) -> None:
        self.in_code = False

    def handle_data(self, data: str) -> None:
        if self.in_code and self.href and len(data) == 64:
            self.rows.append((self.href, data))


def test_published_downloads_equal_a_fresh_export(built_site: Path, tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "PLAN_ATLAS_DATA"}
    result = subprocess.run([sys.executable, "-m", "docs_build", "export", str(tmp_path)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    published = folder_files(built_site / "downloads")
    page = published.pop("index.html").decode("utf-8")
    assert published == folder_files(tmp_path)
    parser = DownloadRows()
    parser.feed(page)
    assert sorted(href for href, _ in parser.rows) == sorted(published)
    for href, sha256 in parser.rows:
        assert hashlib.sha256(published[href]).hexdigest() == sha256, href
