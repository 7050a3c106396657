"""The model fits the shapes of all five source plans: tasks, sub-activities, three levels, Cyrillic, currencies."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES, mkdocs_build

SHAPES = FIXTURES / "shapes" / "data"


@pytest.fixture(scope="module")
def shapes_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shapes fixture built by the real, strict MkDocs build."""
    site = tmp_path_factory.mktemp("shapes")
    result = mkdocs_build(site, SHAPES)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def read(site: Path, path: str) -> str:
    """HTML of a built page."""
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_activity_made_of_tasks_with_amounts_in_two_currencies(shapes_site: Path) -> None:
    html = read(shapes_site, "plans/rs-2017-2022/partnership/1-1")
    for task in ("task-1", "task-2", "task-3"):
        assert f'id="{task}"' in html
    assert "RSD 100,000 in 2017; EUR 850 in 2018" in html
    assert "Insufficient funds" in html


def test_three_levels_sub_activities_and_unnumbered_objective(shapes_site: Path) -> None:
    pillar = read(shapes_site, "plans/al-2008-2010/prevention")
    for anchor in ("aim-1", "objective-1-a", "sub-objective-1-a-s2", "activity-1-a-1", "activity-1-a-2"):
        assert f'id="{anchor}"' in pillar
    activity = read(shapes_site, "plans/al-2008-2010/prevention/1-a-1")
    assert 'id="task-1-a-1-1"' in activity and "Sub-activities" in activity


def test_cyrillic_indicator_keeps_its_language(shapes_site: Path) -> None:
    html = read(shapes_site, "plans/mk-2009-2012/assessment-of-the-situation/2-1-2")
    assert '<span lang="mk">Извршено пилот тестирање за валидација на изготвените инструменти</span>' in html


def test_former_country_name_is_said(shapes_site: Path) -> None:
    assert "Republic of Macedonia" in read(shapes_site, "countries/mk")


def test_every_plan_is_listed(shapes_site: Path) -> None:
    html = read(shapes_site, "plans")
    for plan in ("rs-2017-2022", "al-2008-2010", "mk-2009-2012"):
        assert f'href="{plan}/"' in html
