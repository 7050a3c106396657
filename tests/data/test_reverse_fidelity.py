"""Reverse fidelity: every reference number printed in a plan's activity tables is in the data, or is listed, with the
reason, in tests/data/reverse_fidelity_exceptions.yaml (test_fidelity.py checks the other way: data text in the source).

The patterns below read the numbers where each source prints them: at the start of a table row, in a heading
("Specific Objective 1.1", "Objective 3:"), or in a table cell (North Macedonia's Annex 1 prints several numbers in
one cell). Each number is counted as often as it is printed, since plans restart their numbering per pillar.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml

from docs_build.data.atlas import build_atlas
from docs_build.data.models import Activity
from docs_build.data.walk import walk
from tests.conftest import ROOT

ATLAS = build_atlas(ROOT / "data")
EXCEPTIONS_FILE = ROOT / "tests" / "data" / "reverse_fidelity_exceptions.yaml"

# plan id → (first and last line of the activity tables, [(kind of item, pattern whose group 1 is the number)]).
# A kind is 'activity' (activities and tasks, so that a sub-activity whose activity is lost counts where it is
# transcribed) or one of the plan's objective levels.
TABLES: dict[str, tuple[int, int, list[tuple[str, str]]]] = {
    "xk-2011-2014": (662, 936, [
        ("goal", r"^\s*Strategic Goal (\d+)\b"),
        ("objective", r"^\s*Specific Objective (\d+(?:\.\d+)*)"),
        ("activity", r"^\s*(\d+\.\d+\.\d+)\b"),
    ]),
    "mk-2009-2012": (283, 350, [
        ("goal", r"^\| (?:<p>)?(\d)\. ?[A-Z]"),
        ("result", r"\| (?:<p>)?(\d\.\d)\.? [A-Z]"),
        ("activity", r"(?<![\d.])(\d\.\d\.\d)\.*(?= )"),
    ]),
    "al-2008-2010": (283, 390, [
        ("aim", r"^(\d+)\.?\s+STRATEGIC AIM"),
        ("objective", r"^(\d+\.\([a-z]\))\.?\s+SPECIFIC OBJECTIVE"),
        ("activity", r"^(\d+\.\([a-z]\)\.\d+(?:\.\d+)?)\.?\s"),  # sub-activities too
    ]),
    "rs-2017-2022": (411, 502, [
        ("objective", r"^\s*Objective (\d+):"),
    ]),
    "al-2018-2019-economic-exploitation": (175, 424, [
        ("objective", r"^\s*Objective (\d+)\b"),
        ("sub-objective", r"^\s*•?\s*Sub[- ]?[oO]bjective (\d+)\b"),
        ("activity", r"^\s*(\d+)\.\s"),
    ]),
}


def printed_refs(plan_id: str) -> Counter[tuple[str, str]]:
    """(kind, number) of every reference number printed in the plan's activity tables, counted."""
    first, last, patterns = TABLES[plan_id]
    lines = ATLAS.sources[plan_id].lines[first - 1:last]
    found: Counter[tuple[str, str]] = Counter()
    for line in lines:
        for kind, pattern in patterns:
            found.update((kind, m.group(1).rstrip(".")) for m in re.finditer(pattern, line))
    return found


def data_refs(plan_id: str) -> Counter[tuple[str, str]]:
    """(kind, number) of every item of the plan that keeps a printed number."""
    found: Counter[tuple[str, str]] = Counter()
    for pillar in ATLAS.plans[plan_id].pillars:
        for node in walk(pillar):
            item = node.item
            kind = "activity" if isinstance(item, Activity) else item.level
            if item.ref:
                found[(kind, item.ref.rstrip("."))] += 1
            for task in item.tasks if isinstance(item, Activity) else []:
                if task.ref:
                    found[("activity", task.ref.rstrip("."))] += 1
    return found


def exceptions() -> dict[str, dict[str, str]]:
    """plan id → 'kind number' → why the printed number is not in the data."""
    return yaml.safe_load(EXCEPTIONS_FILE.read_text(encoding="utf-8")) or {}


@pytest.mark.parametrize("plan_id", sorted(TABLES))
def test_every_printed_reference_number_is_in_the_data(plan_id: str) -> None:
    printed, data = printed_refs(plan_id), data_refs(plan_id)
    assert sum(printed.values()) >= 5, "the patterns find the plan's numbers"
    missing = printed - data
    listed = exceptions().get(plan_id, {})
    unexplained = sorted(f"{kind} {ref}" for kind, ref in missing if f"{kind} {ref}" not in listed)
    assert unexplained == [], "printed in the source's activity tables, but not in the data (nor in the exceptions)"
    stale = sorted(key for key in listed if tuple(key.split(" ", 1)) not in missing)
    assert stale == [], "listed as an exception, but now in the data: remove it from the exceptions file"
    assert all(reason.strip() for reason in listed.values())


def test_every_plan_is_covered() -> None:
    assert set(TABLES) == set(ATLAS.plans)
