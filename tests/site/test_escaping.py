"""Hostile input: markup and script in every text field never reach the HTML as markup."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml

from docs_build.site.render import DataTextExtension, md_text, prose
from tests.conftest import MINIMAL, mkdocs_build

PAYLOADS = [
    "<script>alert('s')</script>",
    "<img src=x onerror=alert('i')>",
    "[click](javascript:alert('l'))",
    '<a href="javascript:alert(\'a\')">a</a>',
    "<javascript:alert('auto')>",
    "{: onclick=\"alert('attr')\" }",
    "<svg onload=alert('svg')>",
    "*[NATC]: <b onmouseover=alert('abbr')>x</b>",
    "Ж ё ç ë š ć ž",
]
# Fields whose value is free text (or Markdown); ids, codes and enums are validated by pattern instead.
TEXT_KEYS = {"title", "short_title", "text", "printed", "name", "description", "summary", "body", "vision",
             "mission", "adopted_by", "date", "number", "gazette", "label", "indicator", "unit", "notes",
             "indicators", "expected_results", "means", "risks", "section", "table"}


def poison(value: Any, key: str | None = None) -> Any:
    """Append every payload to every free-text string of a loaded YAML document."""
    if isinstance(value, dict):
        return {k: poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [poison(v, key) for v in value]
    if isinstance(value, str) and key in TEXT_KEYS:
        return value + " " + " ".join(PAYLOADS)
    return value


class Scanner(HTMLParser):
    """Collects anything executable in an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.in_script = False
        self.in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value and \
                    value.strip().lower().startswith(("javascript:", "data:text/html")):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.found.append("<img src=x>")
        self.in_script = tag == "script"
        self.in_jsonld = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        if dict(attrs).get("data-figure"):
            figure = json.loads(dict(attrs)["data-figure"] or "")
            if re.search(r"<(?!/?extra>)", json.dumps(figure, ensure_ascii=False)):  # only our own <extra> tags
                self.found.append("markup in a chart label (Plotly reads a subset of HTML)")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = self.in_jsonld = False

    def handle_data(self, data: str) -> None:
        if self.in_jsonld:  # data, not code: valid JSON without a sign that could close the element
            json.loads(data)
            if "<" in data:
                self.found.append("< in JSON-LD")
            return
        if self.in_script and "alert(" in data:
            self.found.append("script with alert()")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal fixture with payloads in every text field, built by the real MkDocs build."""
    root = tmp_path_factory.mktemp("hostile")
    source = MINIMAL
    for path in source.rglob("*.yaml"):
        target = root / "data" / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = poison(yaml.safe_load(path.read_text(encoding="utf-8")))
        target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = mkdocs_build(root / "site", root / "data")
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_no_executable_markup_in_any_page(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 8
    for page in pages:
        scanner = Scanner()
        scanner.feed(page.read_text(encoding="utf-8"))
        assert scanner.found == [], f"{page.relative_to(hostile_site)}: {scanner.found}"


def test_payloads_are_shown_as_text(hostile_site: Path) -> None:
    html = (hostile_site / "plans/xk-2011-2014/prevention/1-1-1/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert" in html or "&#60;script&#62;alert" in html
    assert "Ж ё ç ë š ć ž" in html


def test_markdown_fields_are_sanitized() -> None:
    html = str(prose("**bold** [x](javascript:alert(1)) <script>alert(2)</script> <img src=x onerror=alert(3)>"))
    assert "<strong>bold</strong>" in html
    assert "javascript:" not in html and "<script" not in html and "onerror" not in html


def test_md_text_neutralises_markdown_and_html() -> None:
    """Data text is HTML-escaped on one line and marked, so that Python-Markdown stashes it whole, unparsed."""
    assert md_text("a *b* <i>") == "\x0ea *b* &lt;i&gt;\x0f"
    assert md_text("line\n\n# not a heading") == "\x0eline # not a heading\x0f"
    assert md_text(" \n ") == ""


def test_marked_data_text_is_never_parsed_as_markdown() -> None:
    md = markdown.Markdown(extensions=[DataTextExtension(), "attr_list", "tables", "def_list", "toc"])
    quote = md_text('q" onclick="z')
    page = (f"# {md_text('A *b* [l](javascript:x) {: onclick=y }')} {{ #t }}\n\n"
            f"| a |\n|---|\n| {md_text('x|y')} |\n\n<span title=\"{quote}\">s</span>\n\n"
            f"{md_text('# not a heading')}\n")
    html = md.convert(page)
    assert '<h1 id="t">A *b* [l](javascript:x) {: onclick=y }' in html
    assert "<td>x|y</td>" in html and '<span title="q&quot; onclick=&quot;z">' in html
    assert "<p># not a heading</p>" in html


def test_prose_keeps_no_acronym_from_one_call_to_the_next() -> None:
    """One Markdown converter serves every prose field: a country's acronyms must not leak to another's text."""
    assert "abbr" in prose("MIA x", {"MIA": "First"})
    assert "abbr" not in prose("MIA y", {})
    assert 'title="Second"' in prose("MIA z", {"MIA": "Second"})
