"""Hostile input (issue 11): every kind of bad data gives exact, clear problems, or builds safe output.

The one place that walks the whole list: malformed YAML, wrong types, duplicate ids, dangling references,
markup in ids and references, path traversal, very long strings, mixed scripts, empty plans, 5 MB files and
a failed build over an earlier site. Cases kept elsewhere are reused, not copied: the known-bad files of
tests/fixtures/bad with their expectations (test_validation.py), the payloads and HTML scanner of
test_escaping.py and the site snapshot of test_build.py.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from html import unescape
from pathlib import Path
from typing import Any

import pytest
import yaml
from _pytest.mark import ParameterSet

from docs_build.__main__ import main
from docs_build.data.atlas import Atlas, build_atlas
from docs_build.data.problems import DataError, quote
from docs_build.data.walk import activities
from docs_build.site.build import prepare
from docs_build.site.render import data_runs
from tests.conftest import FIXTURES, MINIMAL, ROOT, mkdocs_build
from tests.data.test_validation import BAD, EXPECTED, problems_of, with_bad_file
from tests.site.test_build import snapshot
from tests.site.test_escaping import PAYLOADS, TEXT_KEYS, Scanner

HOSTILE = FIXTURES / "hostile"
P = "data/plans/xk-2011-2014/1-prevention.yaml"
PLAN = "data/plans/xk-2011-2014/plan.yaml"
INST = "data/countries/xk/institutions.yaml"
LAWS = "data/countries/xk/laws.yaml"
SLUG = "string should match pattern '^[a-z0-9]+(?:-[a-z0-9]+)*$'"
PILLARS_BESIDE = "[data.bad-path] pillar files must be .yaml files beside plan.yaml"

# An edit of the minimal data set: (file, text to replace or None for the whole file, new text), or a function.
Edit = tuple[str, str | None, str | bytes] | Callable[[Path], None]


def case(name: str, *edits: Edit, expect: list[str]) -> ParameterSet:
    """A hostile edit of the minimal data set and the exact problems it must give, in order."""
    return pytest.param(edits, expect, id=name)


def known_bad(name: str, fixture: str) -> ParameterSet:
    """A case kept as a known-bad file of tests/fixtures/bad, with test_validation's expectations."""
    text = (BAD / f"{fixture}.yaml").read_text(encoding="utf-8")
    target = "data/" + text.splitlines()[0].removeprefix("# target: ")
    return case(name, (target, None, text), expect=EXPECTED[fixture])


def append(path: str, text: str) -> Edit:
    """An edit that adds lines at the end of a file."""
    def edit(data: Path) -> None:
        with (data.parent / path).open("a", encoding="utf-8") as handle:
            handle.write(text)
    return edit


def apply(data: Path, edits: tuple[Edit, ...]) -> None:
    """Apply edits to a copy of the minimal data set (paths start with `data/`)."""
    for edit in edits:
        if callable(edit):
            edit(data)
            continue
        name, old, new = edit
        path = data.parent / name
        if old is None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(new if isinstance(new, bytes) else new.encode("utf-8"))
            continue
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{name}: {old!r} must occur once"
        path.write_text(text.replace(old, str(new)), encoding="utf-8")


def keys(atlas: Atlas) -> list[str]:
    """Activity keys (last part of the id and URL) of the minimal plan's pillar, in reading order."""
    return [node.key for node in activities(atlas.plans["xk-2011-2014"].pillars[0])]


LONG_TITLE = "x" * 100_000
CASES = [
    # Malformed YAML: one `path:line:col: [yaml.…]` problem per file, never a traceback.
    known_bad("yaml-unclosed-quote", "syntax-error"),
    case("yaml-bad-indentation", (P, None, "id: prevention\ntitle: P\n  objectives: []\n"),
         expect=[f"{P}:3:13: [yaml.syntax] YAML syntax error: mapping values are not allowed here"]),
    case("yaml-tab-indentation", (P, None, "id: prevention\ntitle: P\nobjectives:\n\t- level: goal\n"),
         expect=[f"{P}:4:1: [yaml.syntax] YAML syntax error: found character '\\t' that cannot start any token"]),
    case("binary-file", (P, None, b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe"),
         expect=[f"{P}:1:1: [data.encoding] not UTF-8: invalid start byte: b'\\x89'"]),
    case("latin-1-file-with-albanian-letter", (P, None, "id: prevention\ntitle: Shqipëri\n".encode("latin-1")),
         expect=[f"{P}:2:13: [data.encoding] not UTF-8: invalid continuation byte: b'\\xeb'"]),
    case("nul-character-in-utf-8-file", (P, None, "id: prevention\ntitle: P\x00\n"),
         expect=[f"{P}:2:9: [yaml.syntax] YAML syntax error: unacceptable character #x0000 "
                 "(special characters are not allowed)"]),
    known_bad("yaml-python-tag", "python-tag"),
    known_bad("yaml-alias", "yaml-alias"),
    # Wrong types.
    case("year-as-word", (P, "start: 2011, end: 2014}\n            budget: {printed: \"24000\"",
                          "start: twenty, end: 2014}\n            budget: {printed: \"24000\""),
         expect=[f"{P}:15:54: [schema.wrong-type] 'start': input should be a valid integer, "
                 "unable to parse string as an integer: 'twenty'"]),
    case("list-for-title", (PLAN, 'short_title: "Kosovo 2011–2014"', 'short_title: ["Kosovo", "2011"]'),
         expect=[f"{PLAN}:4:14: [schema.wrong-type] 'short_title': input should be a valid string"]),
    case("number-for-text", (P, 'text: "Organize media campaigns."', "text: 42"),
         expect=[f"{P}:22:19: [schema.wrong-type] 'text': input should be a valid string: 42"]),
    case("null-for-text", (P, 'text: "Organize media campaigns."', "text: ~"),
         expect=[f"{P}:22:19: [schema.wrong-type] 'text': input should be a valid string"]),
    case("blank-text", (P, 'text: "Organize media campaigns."', 'text: "   "'),
         expect=[f"{P}:22:19: [schema.empty] 'text': string should have at least 1 character: '   '"]),
    case("mapping-for-list", (PLAN, 'pillar_files: ["1-prevention.yaml"]', "pillar_files: {a: 1-prevention.yaml}"),
         expect=[f"{PLAN}:18:15: [schema.wrong-type] 'pillar_files': input should be a valid list"]),
    known_bad("number-for-ref-and-mapping-for-list", "wrong-type"),
    case("word-for-boolean", (INST, "    kind: ngo\n", "    kind: ngo\n    name_printed: maybe\n"),
         expect=[f"{INST}:14:19: [schema.wrong-type] 'name_printed': input should be a valid boolean, "
                 "unable to interpret input: 'maybe'"]),
    case("yaml-1-1-no-is-norway", (PLAN, "country: XK", "country: NO"),
         expect=[f"{PLAN}:1:5: [xref.id-mismatch] plan id must start with country code and period, "
                 "'no-2011-2014': 'xk-2011-2014'",
                 f"{PLAN}:2:10: [xref.unknown-country] unknown country (no data/countries/<code>/): 'NO'",
                 f"{PLAN}:21:11: [xref.unknown-law] unknown law of country NO: 'criminal-code'"]),
    case("amount-too-large-to-print", (P, "amounts: [{value: 24000,", "amounts: [{value: 1e400,"),
         expect=[f"{P}:16:58: [schema.out-of-range] 'value': decimal input should have no more than 20 digits "
                 "in total: '1e400'"]),
    case("amount-with-100000-decimals", (P, "amounts: [{value: 24000,", "amounts: [{value: 1e-99999,"),
         expect=[f"{P}:16:58: [schema.out-of-range] 'value': decimal input should have no more than 20 digits "
                 "in total: '1e-99999'"]),
    case("amount-not-a-number", (P, "amounts: [{value: 24000,", "amounts: [{value: .nan,"),
         expect=[f"{P}:16:58: [schema.invalid-value] 'value': input should be a finite number: nan"]),
    case("amount-negative", (P, "amounts: [{value: 24000,", "amounts: [{value: -5,"),
         expect=[f"{P}:16:58: [schema.out-of-range] 'value': input should be greater than or equal to 0: -5"]),
    # Duplicate ids.
    known_bad("duplicate-activity-ref", "duplicate-id"),
    case("activity-ref-equal-after-slugify", (P, 'ref: "1.1.2"', 'ref: "1.1.1."'),
         expect=[f"{P}:21:18: [xref.duplicate-id] duplicate activity id in pillar 'prevention' "
                 "(give one a distinct 'slug'): '1-1-1'"]),
    case("slug-equal-to-another-ref", (P, 'ref: "1.1.2"', 'ref: "1.1.2"\n            slug: "1-1-1"'),
         expect=[f"{P}:22:19: [xref.duplicate-id] duplicate activity id in pillar 'prevention' "
                 "(give one a distinct 'slug'): '1-1-1'"]),
    case("task-refs-equal-after-slugify", (P, 'notes: ["The budget cell is empty."]',
                                           'tasks: [{ref: "a", text: x}, {ref: "A", text: y}]'),
         expect=[f"{P}:23:42: [xref.duplicate-id] duplicate task id: 'a'"]),
    case("pillar-id-twice-in-a-plan",
         (PLAN, '["1-prevention.yaml"]', '["1-prevention.yaml", "2-again.yaml"]'),
         ("data/plans/xk-2011-2014/2-again.yaml", None, "id: prevention\ntitle: Again\n"),
         expect=["data/plans/xk-2011-2014/2-again.yaml:1:5: [xref.duplicate-id] duplicate pillar id in this plan: "
                 "'prevention'"]),
    case("plan-id-of-another-folder",
         lambda data: shutil.copytree(data / "plans/xk-2011-2014", data / "plans/xk-2011-2014-copy"),
         expect=["data/plans/xk-2011-2014-copy/plan.yaml:1:5: [xref.id-mismatch] plan id must match its folder name "
                 "'xk-2011-2014-copy': 'xk-2011-2014'"]),
    case("institution-id", append(INST, "  - {id: mia, name: Again, kind: other}\n"),
         expect=[f"{INST}:14:10: [xref.duplicate-id] duplicate institution id: 'mia'"]),
    case("acronym-of-two-institutions", (INST, 'acronyms: ["NATC"]', 'acronyms: ["MIA"]'),
         expect=[f"{INST}:8:16: [xref.duplicate-acronym] acronym already used by 'mia': 'MIA'"]),
    case("law-id", append(LAWS, "  - {id: criminal-code, title: Again}\n"),
         expect=[f"{LAWS}:6:10: [xref.duplicate-id] duplicate law id: 'criminal-code'"]),
    case("level-key", (PLAN, "{key: objective, label:", "{key: goal, label:"),
         expect=[f"{P}:9:16: [xref.unknown-level] unknown objective level (see the plan's 'levels'): 'objective'",
                 f"{PLAN}:17:11: [xref.duplicate-id] duplicate level id: 'goal'"]),
    known_bad("duplicate-yaml-key", "duplicate-key"),
    # Dangling references.
    known_bad("unknown-level-institution-theme", "unknown-references"),
    known_bad("unknown-country-instrument-law", "unknown-registry-ids.plan"),
    case("unknown-adopting-body", (PLAN, "adopted_by_id: mia", "adopted_by_id: nobody"),
         expect=[f"{PLAN}:9:16: [xref.unknown-institution] unknown institution: 'nobody'"]),
    case("unknown-body-of-funding-source-and-budget-row", (PLAN, "indicators:\n", (
            "funding_sources: [{name: Y, institution: nobody}]\n"
            "budget_tables: [{id: b, title: B, rows: [{label: X, institution: nobody}]}]\nindicators:\n")),
         expect=[f"{PLAN}:22:42: [xref.unknown-institution] unknown institution: 'nobody'",
                 f"{PLAN}:23:66: [xref.unknown-institution] unknown institution: 'nobody'"]),
    case("unknown-parent-body", (INST, "    kind: ngo\n", "    kind: ngo\n    parent: nobody\n"),
         expect=[f"{INST}:14:13: [xref.unknown-institution] unknown parent body: 'nobody'"]),
    case("pillar-file-listed-but-missing", (PLAN, '["1-prevention.yaml"]', '["1-prevention.yaml", "2-x.yaml"]'),
         expect=["data/plans/xk-2011-2014/2-x.yaml:1:1: [data.missing-file] file not found"]),
    case("pillar-file-present-but-not-listed", ("data/plans/xk-2011-2014/2-x.yaml", None, "id: x\ntitle: X\n"),
         expect=["data/plans/xk-2011-2014/2-x.yaml:1:1: [data.unknown-file] file is not listed in plan.yaml's "
                 "pillar_files (see ARCHITECTURE.md)"]),
    # Markup and script in ids: refused by the slug pattern (free text is test_escaping's and the build below).
    case("script-in-pillar-id", (P, "id: prevention", 'id: "<script>alert(1)</script>"'),
         expect=[f"{P}:1:5: [schema.invalid-format] 'id': {SLUG}: '<script>alert(1)</script>'"]),
    case("markup-in-institution-id", append(INST, "  - {id: \"x onclick=alert(1)\", name: X, kind: other}\n"),
         expect=[f"{INST}:14:10: [schema.invalid-format] 'id': {SLUG}: 'x onclick=alert(1)'"]),
    case("markup-in-acronym", (INST, 'acronyms: ["NATC"]', 'acronyms: ["<b>NATC</b>"]'),
         expect=[f"{INST}:8:16: [schema.invalid-format] 'acronyms': an acronym is up to 30 letters or digits, with "
                 "single spaces, dots, hyphens, slashes, ampersands or apostrophes between them: '<b>NATC</b>'"]),
    case("empty-acronym", (INST, 'acronyms: ["NATC"]', 'acronyms: [""]'),
         expect=[f"{INST}:8:16: [schema.invalid-format] 'acronyms': an acronym is up to 30 letters or digits, with "
                 "single spaces, dots, hyphens, slashes, ampersands or apostrophes between them: ''"]),
    # Path traversal: ids are slugs, pillar files stay beside plan.yaml (links out of data/: see below).
    case("pillar-id-up-two-folders", (P, "id: prevention", 'id: "../../etc"'),
         expect=[f"{P}:1:5: [schema.invalid-format] 'id': {SLUG}: '../../etc'"]),
    case("slug-up-one-folder", (P, 'ref: "1.1.2"', 'slug: "../x"'),
         expect=[f"{P}:21:19: [schema.invalid-format] 'slug': {SLUG}: '../x'"]),
    case("plan-id-up-two-folders", (PLAN, "id: xk-2011-2014", 'id: "../../xk-2011-2014"'),
         expect=[f"{PLAN}:1:5: [schema.invalid-format] 'id': string should match pattern "
                 "'^[a-z]{2}-[0-9]{4}-[0-9]{4}(?:-[a-z0-9]+)*$': '../../xk-2011-2014'"]),
    *[case(f"pillar-file-{name}", (PLAN, '["1-prevention.yaml"]', f'["1-prevention.yaml", "{value}"]'),
           expect=[f"{PLAN}:18:37: {PILLARS_BESIDE}: {shown}"])
      for name, value, shown in [("up-two-folders", "../../outside.yaml", "'../../outside.yaml'"),
                                 ("absolute", "/etc/passwd", "'/etc/passwd'"),
                                 ("absolute-yaml", "/etc/x.yaml", "'/etc/x.yaml'"),
                                 ("in-subfolder", "sub/x.yaml", "'sub/x.yaml'"),
                                 ("plan-yaml-itself", "plan.yaml", "'plan.yaml'")]],
    case("pillar-file-with-nul", (PLAN, '["1-prevention.yaml"]', '["1-prevention.yaml", "a\\0.yaml"]'),
         expect=[f"{PLAN}:18:37: [yaml.control-character] control or bidi character U+0000 is not allowed "
                 "(write the text as printed, without it)"]),
    # Very long strings: free text is capped at 20 000 characters, ids (folder names) at 80.
    case("title-of-100000-characters", (P, 'title: "Prevention"', f'title: "{LONG_TITLE}"'),
         expect=[f"{P}:3:8: [schema.too-long] 'title': string should have at most 20000 characters: "
                 f"{quote(LONG_TITLE)}"]),
    case("ref-too-long-for-an-id", (P, 'ref: "1.1.2"', f'ref: "{"1." * 150}"'),
         expect=[f"{P}:21:18: [schema.too-long] 'ref' gives an id longer than 80 characters "
                 f"(give a shorter 'slug'): {quote('-'.join(['1'] * 150))}"]),
    # Mixed scripts: ids stay ASCII; a reference of only non-Latin letters has no id, one that loses its
    # Cyrillic letter can collide.
    case("cyrillic-only-ref", (P, 'ref: "1.1.2"', 'ref: "а.б"'),
         expect=[f"{P}:21:13: [schema.missing-ref] needs a printed 'ref' or a 'slug'"]),
    case("ref-equal-once-cyrillic-letter-dropped", (P, 'ref: "1.1.2"', 'ref: "1.1.1.ж"'),
         expect=[f"{P}:21:18: [xref.duplicate-id] duplicate activity id in pillar 'prevention' "
                 "(give one a distinct 'slug'): '1-1-1'"]),
    case("cyrillic-pillar-id", (P, "id: prevention", "id: превенција"),
         expect=[f"{P}:1:5: [schema.invalid-format] 'id': {SLUG}: 'превенција'"]),
    # Empty plans and files.
    case("empty-pillar-list-beside-a-pillar-file", (PLAN, '["1-prevention.yaml"]', "[]"),
         expect=[f"{P}:1:1: [data.unknown-file] file is not listed in plan.yaml's pillar_files (see ARCHITECTURE.md)"]),
    case("empty-plan-file", (PLAN, None, ""),
         expect=[f"{PLAN}:1:1: [schema.wrong-type] a data file must be a mapping of fields"]),
    case("plan-file-of-comments-only", (PLAN, None, "# nothing here yet\n# still nothing\n"),
         expect=[f"{PLAN}:1:1: [schema.wrong-type] a data file must be a mapping of fields"]),
    case("empty-pillar-file", (P, None, ""),
         expect=[f"{P}:1:1: [schema.wrong-type] a data file must be a mapping of fields"]),
    case("plan-file-of-one-string", (PLAN, None, "just a sentence\n"),
         expect=[f"{PLAN}:1:1: [schema.wrong-type] a data file must be a mapping of fields"]),
]


@pytest.mark.parametrize(("edits", "expected"), CASES)
def test_hostile_data_gives_exactly_these_problems(minimal_copy: Path, edits: tuple[Edit, ...],
                                                   expected: list[str]) -> None:
    apply(minimal_copy, edits)
    assert problems_of(minimal_copy) == expected


SAFE = [
    pytest.param(lambda data: (data.parent / P).write_bytes(b"\xef\xbb\xbf" + (data.parent / P).read_bytes()),
                 lambda a: a.plans["xk-2011-2014"].pillars[0].id, "prevention", id="bom-file"),
    pytest.param((PLAN, "start: 2011", 'start: "2011"'),
                 lambda a: a.plans["xk-2011-2014"].period.start, 2011, id="year-as-quoted-number"),
    pytest.param((P, 'title: "Prevention"', "title: yes"),
                 lambda a: a.plans["xk-2011-2014"].pillars[0].title, "yes", id="yes-stays-text"),
    pytest.param((P, 'ref: "V.1"', "ref: no"),
                 lambda a: a.plans["xk-2011-2014"].pillars[0].ref, "no", id="no-stays-text"),
    pytest.param((P, 'ref: "1.1.2"', "ref: on"), keys, ["1-1-1", "on", "1-1-3"], id="on-stays-text"),
    pytest.param((INST, "    kind: ngo\n", "    kind: ngo\n    name_printed: off\n"),
                 lambda a: a.institutions["xk"]["ngo"].name_printed, False, id="off-in-a-boolean-field-is-false"),
    pytest.param((P, 'ref: "1.1.2"', 'ref: "<script>alert(1)</script>"'), keys,
                 ["1-1-1", "script-alert-1-script", "1-1-3"], id="script-in-ref-gives-ascii-id"),
    pytest.param((P, 'ref: "1.1.2"', 'ref: "../1"'), keys, ["1-1-1", "1", "1-1-3"], id="ref-up-one-folder"),
    pytest.param((P, 'ref: "1.1.2"', 'ref: "../../../etc/passwd"'), keys, ["1-1-1", "etc-passwd", "1-1-3"],
                 id="ref-naming-etc-passwd"),
    pytest.param((P, 'ref: "1.1.2"', 'ref: "1.а"'), keys, ["1-1-1", "1", "1-1-3"],
                 id="ref-with-cyrillic-letter-loses-it"),
    pytest.param((P, 'ref: "1.1.2"', 'ref: "2.ç"'), keys, ["1-1-1", "2", "1-1-3"],
                 id="ref-with-albanian-letter-loses-it"),
]


@pytest.mark.parametrize(("edit", "get", "expected"), SAFE)
def test_hostile_data_that_builds_safely(minimal_copy: Path, edit: Edit, get: Callable[[Atlas], Any],
                                         expected: object) -> None:
    apply(minimal_copy, (edit,))
    assert get(build_atlas(minimal_copy)) == expected


def test_two_broken_files_are_reported_in_one_run(minimal_copy: Path) -> None:
    apply(minimal_copy, ((P, None, "id: prevention\n\ttitle: P\n"),
                         (LAWS, None, "laws:\n  - id: kodi\n    title: Kodi Penal i Kosovës\n".encode("latin-1"))))
    assert problems_of(minimal_copy) == [
        f"{LAWS}:3:30: [data.encoding] not UTF-8: invalid continuation byte: b'\\xeb'",
        f"{P}:2:1: [yaml.syntax] YAML syntax error: found character '\\t' that cannot start any token"]


def test_links_out_of_data_are_not_followed(tmp_path: Path, minimal_copy: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    outside = tmp_path / "outside"
    (outside / "zz").mkdir(parents=True)
    (outside / "laws.yaml").write_text("laws:\n  - {id: secret, title: s3cr3t}\n", encoding="utf-8")
    (outside / "zz/country.yaml").write_text("code: ZZ\nname: Z\ntoken: s3cr3t\n", encoding="utf-8")
    (outside / "2-outside.yaml").write_text("id: outside\ntitle: s3cr3t\n", encoding="utf-8")
    (minimal_copy / "countries/xk/laws.yaml").unlink()
    (minimal_copy / "countries/xk/laws.yaml").symlink_to(outside / "laws.yaml")
    (minimal_copy / "countries/zz").symlink_to(outside / "zz")
    (minimal_copy / "plans/xk-2011-2014/2-outside.yaml").symlink_to(outside / "2-outside.yaml")
    apply(minimal_copy, ((PLAN, '["1-prevention.yaml"]', '["1-prevention.yaml", "2-outside.yaml"]'),))
    read: list[Path] = []
    original = Path.read_text

    def recording(self: Path, *args: Any, **kwargs: Any) -> str:
        read.append(self.resolve())
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", recording)
    found = problems_of(minimal_copy)
    assert found == [
        "data/countries/xk/laws.yaml:1:1: [data.bad-path] file is a link to outside the data folder; it is not read",
        "data/countries/zz/country.yaml:1:1: [data.bad-path] file is a link to outside the data folder; "
        "it is not read",
        f"{PLAN}:18:37: {PILLARS_BESIDE}: '2-outside.yaml'",
    ]
    assert read and all(path.is_relative_to(minimal_copy) for path in read)
    assert "s3cr3t" not in "\n".join(found)


def test_link_loops_are_problems_not_crashes(minimal_copy: Path) -> None:
    laws = minimal_copy / "countries/xk/laws.yaml"
    laws.unlink()
    laws.symlink_to("laws.yaml")
    (minimal_copy / "countries/xk/a.yaml").symlink_to("b.yaml")
    (minimal_copy / "countries/xk/b.yaml").symlink_to("a.yaml")
    unknown = "[data.unknown-file] file is not part of the data layout (see ARCHITECTURE.md)"
    assert problems_of(minimal_copy) == [f"data/countries/xk/a.yaml:1:1: {unknown}",
                                         f"data/countries/xk/b.yaml:1:1: {unknown}",
                                         f"{LAWS}:1:1: [data.missing-file] file not found"]


def five_mb_pillar() -> str:
    """A pillar file of about 5 MB: 260 activities of 19 000 characters in Albanian and Cyrillic letters."""
    text = ("Fushatë sensibilizimi për çdo fëmijë – кампања за подигање на свеста. " * 300)[:19_000]
    items = "".join(f"      - ref: '1.{i}'\n        text: \"{text}\"\n" for i in range(260))
    return f"id: prevention\ntitle: Prevention\nobjectives:\n  - level: goal\n    ref: '1'\n    title: G\n" \
           f"    activities:\n{items}"


def test_a_5_mb_pillar_builds_and_renders(minimal_copy: Path) -> None:
    apply(minimal_copy, ((P, None, five_mb_pillar()),))
    (minimal_copy / "redirects.yaml").unlink(missing_ok=True)  # its target, activity 1.1.3, is gone
    assert (minimal_copy / P.removeprefix("data/")).stat().st_size > 5_000_000
    site = prepare(ROOT, minimal_copy)
    assert sum(1 for page in site.pages if re.search(r"/prevention/1-\d+/index\.md$", page.src)) == 260
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 1024 * 1024  # KiB: under 1 GiB at its peak


def test_a_5_mb_string_is_refused_in_one_line(minimal_copy: Path) -> None:
    apply(minimal_copy, ((P, 'title: "Prevention"', f'title: "{"ž" * 2_500_000}"'),))
    assert problems_of(minimal_copy) == [f"{P}:3:8: [schema.too-long] 'title': string should have at most 20000 "
                                         f"characters: {quote('ž' * 2_500_000)}"]


# The real build of a full-shape hostile data set: every field of every model, payloads in all free text.
EXTRA_TEXT_KEYS = {"file", "articles", "amendment", "activity_label", "task_label", "gaps"}
LONG_TEXT = ("Aktiviteti përfshin çdo komunë: ë ç š ć ž – активност во секоја општина: ж љ ѓ. " * 250)[:19_000]


def swap(value: Any, marker: str, text: str) -> Any:
    """Replace a marker string anywhere in a loaded YAML document."""
    if isinstance(value, dict):
        return {k: swap(v, marker, text) for k, v in value.items()}
    if isinstance(value, list):
        return [swap(v, marker, text) for v in value]
    return value.replace(marker, text) if isinstance(value, str) else value


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Minimal data with the hostile overlay, every free-text field poisoned, built by the real MkDocs build."""
    root = tmp_path_factory.mktemp("hostile-full")
    data = root / "data"
    shutil.copytree(MINIMAL, data)
    shutil.copytree(HOSTILE / "full", data, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.md"))
    keys_to_poison = TEXT_KEYS | EXTRA_TEXT_KEYS
    for path in data.rglob("*.yaml"):
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        poisoned = swap(poison_keys(loaded, keys_to_poison), "@@LONG@@", LONG_TEXT)
        path.write_text(yaml.safe_dump(poisoned, allow_unicode=True), encoding="utf-8")
    result = mkdocs_build(root / "site", data)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def poison_keys(value: Any, keys_to_poison: set[str], key: str | None = None) -> Any:
    """test_escaping.poison over a wider set of keys."""
    if isinstance(value, dict):
        return {k: poison_keys(v, keys_to_poison, k) for k, v in value.items()}
    if isinstance(value, list):
        return [poison_keys(v, keys_to_poison, key) for v in value]
    return value + " " + " ".join(PAYLOADS) if isinstance(value, str) and key in keys_to_poison else value


def html_of(root: Path, path: str) -> str:
    """One page of the hostile build."""
    return (root / "site" / path / "index.html").read_text(encoding="utf-8")


def test_no_executable_markup_in_any_page_of_the_full_shape_build(hostile_build: Path) -> None:
    pages = sorted((hostile_build / "site").rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        scanner = Scanner()
        scanner.feed(page.read_text(encoding="utf-8"))
        assert scanner.found == [], f"{page.relative_to(hostile_build)}: {scanner.found}"


SCRIPT = " &lt;script&gt;alert(&#x27;s&#x27;)"  # the first payload, as every page writes it


@pytest.mark.parametrize(("page", "printed"), [
    ("plans/xk-2011-2014", "fixture.txt"),  # source.file
    ("plans/xk-2011-2014", "Neni 137"),  # articles
    ("plans/xk-2011-2014", "final indicator &lt;b onmouseover=alert"),  # an indicator's kind
    ("plans/xk-2011-2014/prevention", "V.1 &lt;script&gt;alert(&#x27;pref"),  # a pillar's ref
    ("plans/xk-2011-2014/prevention", "missing in the source." + SCRIPT),  # gaps
    ("plans/xk-2011-2014/prevention/1-1-3", "Detyrë" + SCRIPT),  # task_label
    ("plans/xk-2011-2014/prevention/1-1-3", "1.1.3.&lt;b&gt;1&lt;/b&gt;"),  # a task's ref
])
def test_payloads_in_fields_that_test_escaping_lacks_are_shown_as_text(hostile_build: Path, page: str,
                                                                       printed: str) -> None:
    assert printed in html_of(hostile_build, page)


def test_references_with_markup_or_traversal_give_ascii_ids(hostile_build: Path) -> None:
    site = hostile_build / "site"
    pillar = site / "plans/xk-2011-2014/prevention"
    assert {"1", "1-1-1", "1-1-3", "2", "etc-passwd", "first", "script-alert-ref-script"} <= {
        p.name for p in pillar.iterdir() if p.is_dir()}
    assert 'id="objective-1-1-img-src-x-onerror-alert-oref"' in html_of(hostile_build, "plans/xk-2011-2014/prevention")
    written = [p.relative_to(site).as_posix() for p in site.rglob("*")]
    assert all(re.fullmatch(r"[A-Za-z0-9._/-]+", path) and ".." not in path for path in written)
    assert sorted(p.name for p in hostile_build.iterdir()) == ["data", "site"]  # nothing written beside the site


def test_mixed_scripts_render_as_written(hostile_build: Path) -> None:
    html = html_of(hostile_build, "plans/xk-2011-2014/prevention/script-alert-ref-script")
    assert "Organizimi i fushatave me" in html and "Parandalimi – Превенција" in html
    name = "Ministria e Punëve të Brendshme / Министерство за внатрешни работи"
    assert re.search(rf'<abbr title="{name}[^"]*">МВР</abbr>', html)  # a Cyrillic acronym gets its tooltip
    country = html_of(hostile_build, "countries/xk")
    assert "Kosova / Косово" in country and "çëšćž" in country


def test_long_activity_text_is_whole_on_the_page_and_cut_in_title_and_description(hostile_build: Path) -> None:
    html = html_of(hostile_build, "plans/xk-2011-2014/prevention/1-1-1")
    assert LONG_TEXT[-60:].rstrip() in html.replace("&#45;", "-")
    title = unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1)).rsplit(" | ", 1)[0]
    description = unescape(re.search(r'<meta name="description" content="([^"]*)"', html).group(1))
    subject, _, rest = title.partition(" — ")  # `<subject> — Activity <ref>, <plan>` (issue 19)
    assert len(subject) <= 70 and subject.endswith("…") and rest.startswith("Aktivitet <script>")
    assert len(description) == 200 and description.startswith(LONG_TEXT[:100]) and description.endswith("…")


def test_empty_plan_has_a_safe_page_with_no_activities(hostile_build: Path) -> None:
    html = html_of(hostile_build, "plans/xk-2015-2018")
    assert "Strategjia 2015-2018 (pa shtylla)" in html.replace("&#45;", "-")
    assert re.search(r"<strong>Total</strong></td>\s*<td[^>]*><strong>0</strong>", html)
    assert sorted(p.name for p in (hostile_build / "site/plans/xk-2015-2018").iterdir()) == ["index.html", "print"]


@pytest.mark.parametrize("edits", [
    pytest.param(((PLAN, "adopted_by_id: mia", "adopted_by_id: nobody"),
                  (PLAN, "indicators:\n", "budget_tables: [{id: b, title: B, rows: [{label: X, institution: x}]}]\n"
                                          "indicators:\n")), id="dangling-references"),
    pytest.param(((P, 'ref: "1.1.2"', f'ref: "{"x" * 300}"'),), id="ref-too-long-for-a-file-name"),
    pytest.param(((P, None, "id: prevention\ntitle: \x00\n"),), id="nul-character"),
])
def test_failed_build_leaves_earlier_site_untouched(tmp_path: Path, minimal_copy: Path,
                                                    edits: tuple[Edit, ...]) -> None:
    site = tmp_path / "site"
    assert mkdocs_build(site, MINIMAL).returncode == 0
    before = snapshot(site)
    apply(minimal_copy, edits)
    result = mkdocs_build(site, minimal_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Plan Atlas data has problems; nothing was written." in output and "Traceback" not in output
    assert snapshot(site) == before


# Issue 23: the cases an independent hostile probe still got through. Known-bad files in tests/fixtures/hostile/cases
# (each names the file it replaces on its first line); cases too big or too odd to commit are made here.
CASES_23 = HOSTILE / "cases"
R = "data/redirects.yaml"
CONTROL = "is not allowed (write the text as printed, without it)"
EXPECTED_23 = {
    "escape-sequence-colouring-the-title": [f"{P}:4:8: [yaml.control-character] control or bidi character U+001B "
                                            f"{CONTROL}"],
    "right-to-left-override-in-ref": [f"{P}:25:18: [yaml.control-character] control or bidi character U+202E "
                                      f"{CONTROL}"],
    "c1-control-in-activity-text": [f"{P}:23:19: [yaml.control-character] control or bidi character U+009B {CONTROL}"],
    "nul-escape-in-notes": [f"{P}:24:21: [yaml.control-character] control or bidi character U+0000 {CONTROL}"],
    "line-break-in-ref": [f"{P}:25:18: [schema.invalid-format] 'ref': a one-line field holds no tab or line break: "
                          "'1.1.\\n3'"],
    "nested-1000-deep": [f"{P}:4:1007: [yaml.too-deep] values are nested more than 100 deep"],
    "integer-of-4301-digits": [f"{P}:21:88: [yaml.too-large] number of 4301 digits is too long to read"],
    "activity-slug-equal-to-an-objective-id": [
        f"{P}:23:19: [xref.duplicate-id] activity id is the id of objective 'objective-1-1' in pillar 'prevention' "
        "(give one a distinct 'slug'): 'objective-1-1'"],
    "overview-section-hijacking-the-legal-anchor": [
        f"{PLAN}:17:10: [xref.duplicate-id] overview section id is one the plan page uses itself (choose another): "
        "'international-law'"],
    "budget-table-overwriting-a-chart": [
        f"{PLAN}:24:10: [xref.duplicate-id] budget table id is one the plan page uses for a chart or heading "
        "(choose another): 'budget-per-pillar'"],
    "redirect-hiding-the-downloads-page": [
        f"{R}:4:11: [xref.redirect-from] retired address lies in a section of the site (downloads/): 'downloads/'"],
    "redirect-hiding-the-explorer": [
        f"{R}:4:11: [xref.redirect-from] retired address lies in a section of the site (explore/): 'explore/'"],
    "redirect-hiding-a-theme-page": [
        f"{R}:4:11: [xref.redirect-from] retired address lies in a section of the site (compare/): "
        "'compare/themes/prevention/'"],
    "redirect-hiding-an-institution-page": [
        f"{R}:4:11: [xref.redirect-from] retired address is still in use: 'countries/xk/institutions/natc/'"],
    "two-redirects-from-one-address": [
        f"{R}:8:11: [xref.redirect-from] retired address is redirected twice: "
        "'plans/xk-2011-2014/prevention/awareness-surveys/'"],
}


def test_every_issue_23_fixture_has_expectations() -> None:
    assert {f.stem for f in CASES_23.glob("*.yaml")} == set(EXPECTED_23)


@pytest.mark.parametrize("name", sorted(EXPECTED_23))
def test_issue_23_fixture_reports_exactly_its_problems(tmp_path: Path, name: str) -> None:
    assert problems_of(with_bad_file(tmp_path, CASES_23 / f"{name}.yaml")) == EXPECTED_23[name]


def test_a_64_kb_ref_is_refused_at_once(minimal_copy: Path) -> None:
    ref = "1." * 32_000
    apply(minimal_copy, ((P, 'ref: "1.1.2"', f'ref: "{ref}"'),))
    assert problems_of(minimal_copy) == [f"{P}:21:18: [schema.too-long] 'ref': string should have at most 500 "
                                         f"characters: {quote(ref)}"]


def test_a_pillar_file_listed_10000_times_is_one_problem(minimal_copy: Path) -> None:
    apply(minimal_copy, ((PLAN, '["1-prevention.yaml"]', "[" + ", ".join(["1-prevention.yaml"] * 10_000) + "]"),))
    started = time.perf_counter()
    assert problems_of(minimal_copy) == [f"{PLAN}:18:16: [data.duplicate-file] pillar file listed 10000 times: "
                                         "'1-prevention.yaml'"]
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize("name", ["laws.yaml", "institutions.yaml"])
@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_folder_or_pipe_in_place_of_a_registry_is_a_problem(minimal_copy: Path, name: str, kind: str) -> None:
    path = minimal_copy / "countries/xk" / name
    path.unlink()
    path.mkdir() if kind == "folder" else os.mkfifo(path)
    found = problems_of(minimal_copy)
    assert found[0] == (f"data/countries/xk/{name}:1:1: [data.not-a-file] not a regular file (a folder, pipe or "
                        "device); it is not read")


def test_names_and_keys_cannot_forge_problem_lines(minimal_copy: Path) -> None:
    forged = "x\\n[yaml.syntax] all is well.yaml"  # YAML escapes: a newline (ESC is refused in YAML text)
    apply(minimal_copy, ((PLAN, '["1-prevention.yaml"]', f'["1-prevention.yaml", "{forged}"]'),
                         (P, 'title: "Prevention"', 'title: "Prevention"\n"key\\n[yaml.syntax] forged": 1')))
    (minimal_copy / "countries/x\x1b[31m").mkdir()
    (minimal_copy / "countries/x\x1b[31m/country.yaml").write_text("code: XK\nname: X\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        build_atlas(minimal_copy)
    report = caught.value.report()
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", report)
    assert report.count("\n") == len(caught.value.problems)  # one line per problem, then the count
    assert "data/plans/xk-2011-2014/x\\n[yaml.syntax] all is well.yaml:1:1: [data.missing-file]" in report
    assert "unknown field 'key\\n[yaml.syntax] forged'" in report and "data/countries/x\\x1b[31m/country.yaml" in report


TINY_VALUES = """
import sys, time
from pathlib import Path
from docs_build.data.loader import load_dataset
started = time.perf_counter()
dataset = load_dataset(Path(sys.argv[1]))
print([p.format() for p in dataset.problems])
# VmHWM is this program's own peak: ru_maxrss also keeps the peak of the process it was forked from (the test run)
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(time.perf_counter() - started, peak // 1024)
"""


def test_a_file_of_millions_of_tiny_values_is_refused_early(minimal_copy: Path) -> None:
    apply(minimal_copy, ((P, None, "id: prevention\ntitle: P\nnotes:\n" + "- [1,2,3,4,5,6,7,8,9,0]\n" * 330_000),))
    assert 7_500_000 < (minimal_copy.parent / P).stat().st_size < 8 * 1024 * 1024
    result = subprocess.run([sys.executable, "-c", TINY_VALUES, str(minimal_copy)], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    problems, measures = result.stdout.splitlines()
    seconds, megabytes = measures.split()
    assert problems == str([f"{P}:9094:8: [yaml.too-large] document has more than 100000 values"])
    assert float(seconds) < 3 and int(megabytes) < 200


BUILDS_23 = HOSTILE / "builds"  # valid data that once broke a download or the build
FORMULA = '-HYPERLINK("https://evil.example/…","NATC")'


def test_no_csv_cell_runs_as_a_formula_and_json_stays_exact(tmp_path: Path) -> None:
    data = with_bad_file(tmp_path, BUILDS_23 / "formulas-in-text-cells.yaml")
    site = prepare(ROOT, data)
    csvs = {path: content for path, content in site.files.items() if path.endswith(".csv")}
    assert any(path.startswith("charts/") for path in csvs) and "downloads/activities.csv" in csvs
    cells = []
    for path, content in csvs.items():
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
        cells += [(path, value) for row in rows for value in row]
    risky = [(path, value) for path, value in cells
             if value[:1] in ("=", "+", "-", "@", "\t", "\r") and value != "-"]
    assert risky == []
    texts = {value for _, value in cells}
    assert {"'" + FORMULA, "'=HYPERLINK(\"https://evil.example/\",\"Prevention\")", "'+381 11 123 456",
            "'@SUM(1+1)*cmd|' /C calc'!A0", "-"} <= texts
    charts = {value for path, value in cells if path.startswith("charts/")}
    assert "'=HYPERLINK(\"https://evil.example/\",\"Prevention\")" in charts  # a pillar title in a chart's table
    raw = csvs["downloads/activities.csv"].decode("utf-8-sig")
    assert '"\'-HYPERLINK(""https://evil.example/…"",""NATC"")"' in raw  # apostrophe first, the whole cell quoted
    dataset = json.loads(site.files["downloads/plan-atlas.json"])
    activity = dataset["plans"][0]["pillars"][0]["objectives"][0]["objectives"][0]["activities"][0]
    assert activity["responsible"]["printed"] == FORMULA  # JSON keeps the exact text
    package = json.loads(site.files["downloads/datapackage.json"])
    assert all("begins with an apostrophe" in r["description"] for r in package["resources"])
    downloads = next(page.content for page in site.pages if page.src == "downloads/index.md")
    assert "begins with an apostrophe instead" in downloads


def overlay(tmp_path: Path, name: str) -> Path:
    """The minimal data set with a fixture of tests/fixtures/hostile/builds laid over it (a folder or one file)."""
    fixture = BUILDS_23 / name
    if fixture.is_dir():
        data = tmp_path / "data"
        shutil.copytree(MINIMAL, data)
        shutil.copytree(fixture, data, dirs_exist_ok=True)
        return data
    return with_bad_file(tmp_path, fixture.with_suffix(".yaml"))


@pytest.mark.parametrize("name", ["empty-registries", "formulas-in-text-cells", "shapes"])
def test_valid_fixture_data_builds_in_strict_mode(tmp_path: Path, name: str) -> None:
    data = FIXTURES / "shapes" / "data" if name == "shapes" else overlay(tmp_path, name)
    result = mkdocs_build(tmp_path / "site", data)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site/countries/index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["site"] + (["data"] if name != "shapes" else []))


def test_a_build_that_fails_late_leaves_every_file_of_the_earlier_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert mkdocs_build(site, MINIMAL).returncode == 0
    before = snapshot(site)
    project = tmp_path / "project"  # the project, plus a page whose broken anchor fails the strict build at its end
    project.mkdir()
    for name in ("content", "overrides", "hooks"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project)
    for name in ("data", "docs_build"):  # watched folders must exist
        (project / name).symlink_to(ROOT / name)
    (project / "content/late-failure.md").write_text("# Late\n\n[A missing anchor](index.md#no-such-anchor)\n",
                                                     encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PLAN_ATLAS_DATA": str(MINIMAL)}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
                             "-d", str(site)], cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0 and "in strict mode" in result.stdout + result.stderr
    assert snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]  # no staging folder left behind


def test_serve_watches_the_data_folder_in_use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = importlib.util.spec_from_file_location("atlas_hook", ROOT / "hooks/atlas.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    watched: list[str] = []
    server = type("Server", (), {"watch": lambda self, path: watched.append(path)})()
    monkeypatch.setenv("PLAN_ATLAS_DATA", str(tmp_path))
    config = type("Config", (), {"config_file_path": str(ROOT / "mkdocs.yml")})()
    assert hook.on_serve(server, config, None) is server
    assert watched == [str(tmp_path.resolve())]


def test_acronyms_that_are_words_mark_data_text_only_and_are_warned_about(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    data = overlay(tmp_path, "acronyms-that-are-ordinary-words")
    apply(data, ((P, 'text: "Organize media campaigns."', 'text: "Activity of the NGO; Source: the MIA."'),))
    site = prepare(ROOT, data)
    activity = next(page.content for page in site.pages if page.src.endswith("/prevention/1-1-2/index.md"))
    runs = data_runs(activity)
    assert not any("<abbr" in text for text, is_data in runs if not is_data)  # labels such as "Activity" stay plain
    data_text = " ".join(text for text, is_data in runs if is_data)
    assert "Activity of the NGO; Source: the MIA." in re.sub(r"<abbr[^>]*>|</abbr>", "", data_text)
    for word, name in (("Activity", "Non-Governmental Organization"), ("NGO", "Non-Governmental Organization"),
                       ("Source", "Non-Governmental Organization"), ("MIA", "Ministry of Internal Affairs")):
        # the tooltip stands at the word's first use in the page's data text (WCAG H28), never on a label
        assert data_text.count(f'<abbr title="{name}">{word}</abbr>') == 1, word
    assert main(["--data", str(data), "check"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"warning: {INST}:13:{col}: [xref.common-word-acronym] acronym is spelled like an ordinary word: every data "
        f"text holding the word gets its tooltip (list only acronyms the source prints): '{word}'"
        for col, word in ((23, "Activity"), (35, "Source"))]


def many_activities(count: int) -> str:
    """A pillar file with `count` short activities of one body, under one goal."""
    items = "".join(f"      - ref: '1.{i}'\n        text: \"Organise a campaign in municipality {i}.\"\n"
                    f"        responsible: {{printed: NATC, ids: [natc]}}\n" for i in range(1, count + 1))
    return f"id: prevention\ntitle: Prevention\nobjectives:\n  - level: goal\n    ref: '1'\n    title: G\n" \
           f"    activities:\n{items}"


def test_no_page_grows_without_bound(minimal_copy: Path) -> None:
    """400 activities in one pillar already make pages of more than 150 kB of Markdown (HTML only adds to it)."""
    apply(minimal_copy, ((P, None, many_activities(400)),))
    (minimal_copy / "redirects.yaml").unlink()
    site = prepare(ROOT, minimal_copy)
    sizes = {page.src: len(page.content.encode("utf-8")) for page in site.pages}
    assert {src: size for src, size in sizes.items() if size > 150_000} == {}
