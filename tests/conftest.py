"""Shared fixtures: project paths, fixture data sets and a real MkDocs build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL = FIXTURES / "minimal" / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--update-golden` rewrites the golden files from the current output."""
    parser.addoption("--update-golden", action="store_true", help="refresh tests/golden from current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether golden files are to be refreshed."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def minimal_copy(tmp_path: Path) -> Path:
    """A writable copy of the minimal fixture data set."""
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    return target


def mkdocs_build(site_dir: Path, data: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real `mkdocs build --strict` of the project into site_dir, optionally on other data."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PLAN_ATLAS_DATA", None)
    if data is not None:
        env["PLAN_ATLAS_DATA"] = str(data)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once from the shipped data."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site built once from the minimal data set (one country, one plan)."""
    site = tmp_path_factory.mktemp("minimal-site")
    result = mkdocs_build(site, MINIMAL)
    assert result.returncode == 0, result.stderr
    return site
