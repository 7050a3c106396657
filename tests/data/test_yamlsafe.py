"""Safe YAML loading: plain values only, positions kept, YAML 1.1 surprises removed."""

from __future__ import annotations

import pytest

from docs_build.data.yamlsafe import YamlProblem, load


def test_values_and_positions() -> None:
    doc = load("a: 1\nb:\n  - x\n  - {c: true}\n")
    assert doc.data == {"a": 1, "b": ["x", {"c": True}]}
    assert doc.marks[("b", 1, "c")] == (4, 9)
    assert doc.key_marks[("b",)] == (2, 1)


def test_no_norway_problem_and_dates_stay_text() -> None:
    doc = load("country: NO\nanswer: yes\nwhen: 2011-08-01\n")
    assert doc.data == {"country": "NO", "answer": "yes", "when": "2011-08-01"}


@pytest.mark.parametrize(("text", "type_id", "line", "col"), [
    ("a: !!python/object/apply:os.system [ls]\n", "yaml.unsafe-tag", 1, 4),
    ("a: !!python/name:os.system\n", "yaml.unsafe-tag", 1, 4),
    ("a: !custom x\n", "yaml.unsafe-tag", 1, 4),
    ("a: 1\nb: 2\na: 3\n", "yaml.duplicate-key", 3, 1),
    ("x: &a [1]\ny: *a\n", "yaml.alias", 1, 4),
    ("a: [1\n", "yaml.syntax", 2, 1),
    ("? [a]\n: 1\n", "yaml.key", 1, 3),
])
def test_refused_documents(text: str, type_id: str, line: int, col: int) -> None:
    with pytest.raises(YamlProblem) as caught:
        load(text)
    assert (caught.value.type, caught.value.line, caught.value.col) == (type_id, line, col)


def test_billion_laughs_is_refused_not_expanded() -> None:
    text = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n"
    with pytest.raises(YamlProblem, match="aliases"):
        load(text)
