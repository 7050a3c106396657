"""The command line runs without MkDocs: check reports problems and exits non-zero."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURES, MINIMAL, ROOT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m docs_build ...` from the project root."""
    return subprocess.run([sys.executable, "-m", "docs_build", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_check_ok_on_shipped_data() -> None:
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")


def test_check_reports_problems_and_fails(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "instruments.yaml").write_text("instruments:\n  - id: x\n    title: 1\n", encoding="utf-8")
    result = run("--data", str(data), "check")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert "data/instruments.yaml:3:12: [schema.wrong-type] 'title': input should be a valid string: 1" in lines
    assert "data/instruments.yaml:2:5: [schema.missing-field] missing required field 'kind'" in lines
    assert "data/themes.yaml:1:1: [data.missing-file] file not found" in lines
    assert lines[-1].endswith("problem(s) found in data")


def test_pages_writes_markdown(tmp_path: Path) -> None:
    assert run("--data", str(MINIMAL), "pages", str(tmp_path)).returncode == 0
    assert (tmp_path / "plans/xk-2011-2014/prevention/1-1-1/index.md").is_file()


def test_schema_is_json_schema() -> None:
    schema = json.loads(run("schema").stdout)
    assert schema["plan"]["type"] == "object"
    assert "activities" in json.dumps(schema["pillar"])
    assert {"plan", "pillar", "country", "institutions", "laws", "instruments", "themes"} == set(schema)


def test_bad_fixture_directory_is_named_by_intent() -> None:
    assert all(p.suffix == ".yaml" and p.read_text().startswith("# target: ") for p in (FIXTURES / "bad").iterdir())
