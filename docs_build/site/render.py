"""Rendering helpers: Jinja templates that write Markdown, with every data value escaped."""

from __future__ import annotations

import contextlib
import html
import posixpath
import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import markdown
import nh3
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markupsafe import Markup

# Data text is HTML-escaped and put between two control characters that no data may hold (data/yamlsafe refuses
# them). DataTextExtension stashes each such run as ready HTML before Python-Markdown parses the page, so no data can
# open markup, and no inline pattern scans it: rendering stays linear in the length of the text (numeric entities
# for every sign made Python-Markdown's inline pass quadratic: 10 x 20,000 dots took minutes).
DATA_START, DATA_END = "\x0e", "\x0f"
DATA_RUN = re.compile("\x0e([^\x0e\x0f]*)\x0f")
PROSE_TAGS = {"p", "a", "em", "strong", "ul", "ol", "li", "blockquote", "code", "abbr", "br", "h3", "h4",
              "table", "thead", "tbody", "tr", "th", "td"}
PROSE_EXTENSIONS = ["abbr", "tables", "sane_lists"]


def md_text(value: object) -> str:
    """Plain text for a Markdown page, on one line: HTML-escaped and marked as data, so nothing in it is parsed."""
    text = " ".join(str(value).split())
    return DATA_START + html.escape(text, quote=True) + DATA_END if text else ""


def data_runs(page: str) -> list[tuple[str, bool]]:
    """A page's Markdown cut into template text and data runs (escaped HTML): [(text, is_data), ...]."""
    parts = DATA_RUN.split(page)
    return [(part, i % 2 == 1) for i, part in enumerate(parts) if part]


class _StashDataText(Preprocessor):
    """Put every data run into the HTML stash: Python-Markdown sees a placeholder and writes the text back as is."""

    def run(self, lines: list[str]) -> list[str]:
        """Replace each marked data run with a stash placeholder."""
        text = "\n".join(lines)
        if DATA_START not in text:
            return lines
        return DATA_RUN.sub(lambda m: self.md.htmlStash.store(m.group(1)), text).split("\n")


class DataTextExtension(Extension):
    """Python-Markdown extension (mkdocs.yml) that writes data text as escaped HTML, never parsed as Markdown."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        """Register after whitespace normalisation (30), before raw HTML blocks are stashed (20)."""
        md.preprocessors.register(_StashDataText(md), "atlas_data_text", 25)


def makeExtension(**kwargs: Any) -> DataTextExtension:  # noqa: N802 (Python-Markdown's entry point)
    """Entry point: `docs_build.site.render` in markdown_extensions."""
    return DataTextExtension(**kwargs)


def _finalize(value: Any) -> Any:
    """Jinja finalize: Markdown-escape every printed value unless a template or helper marked it safe."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return Markup(md_text(value))


def prose(text: str, acronyms: dict[str, str] | None = None) -> Markup:
    """Render a Markdown field to HTML and sanitize it: no script, handler or unsafe URL survives."""
    # Only acronyms that occur can be marked up; defining the others costs one block-parser pass each.
    defs = "".join(f"\n*[{a}]: {one_line(n)}" for a, n in (acronyms or {}).items() if a in text)
    html = _markdown().reset().convert(text + ("\n" + defs if defs else ""))
    clean = nh3.clean(html, tags=PROSE_TAGS, attributes={"a": {"href", "title"}, "abbr": {"title"},
                                                           "th": {"align"}, "td": {"align"}},
                      url_schemes={"http", "https", "mailto"}, link_rel="noopener nofollow")
    return Markup(clean)


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    """One Python-Markdown converter for every prose field (building one costs more than converting)."""
    return markdown.Markdown(extensions=PROSE_EXTENSIONS)


def one_line(text: str) -> str:
    """Collapse all whitespace runs, newlines included, to single spaces."""
    return re.sub(r"\s+", " ", text).strip()


def title_text(value: str, limit: int | None = None) -> str:
    """Plain, HTML-escaped text for front matter and navigation titles (MkDocs prints them raw)."""
    text = one_line(value)
    if limit and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's own cache of compiled templates (a private folder in the temp dir, keyed by the template's source)."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Store a compiled template; a cache that cannot be written only costs the next build the compile time."""
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """The compiled-template cache, or none where the temp dir is not private and writable."""
    try:
        return _QuietBytecodeCache()
    except (OSError, RuntimeError):
        return None


@lru_cache(maxsize=4)
def environment(template_dir: Path) -> jinja2.Environment:
    """Jinja environment over overrides/atlas/, escaping every value by default."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        bytecode_cache=_bytecode_cache(),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["safe_url"] = lambda url: Markup(url)
    env.filters["amount"] = format_amount
    env.filters["plural"] = plural
    env.filters["cell"] = table_cell
    env.globals["rel"] = rel
    env.filters["budget_years"] = budget_years
    env.filters["code_spans"] = code_spans
    env.filters["source_line"] = source_line
    return env


def source_line(line: str) -> Markup:
    """A line of a source text for a raw HTML block: HTML-escaped, its spacing and signs kept as printed."""
    return Markup(html.escape(line, quote=False)) if line else Markup("&#8203;")


def rel(here: str, target: str) -> Markup:
    """Relative URL from one site path (a folder, e.g. 'plans/xk/') to another, for links in raw HTML."""
    path, hash_, fragment = target.partition("#")
    relative = posixpath.relpath(path or here, here or ".")
    if path.endswith("/") and relative != ".":
        relative += "/"
    elif relative == ".":
        relative = "./"
    return Markup(relative + hash_ + fragment)


def code_spans(value: Any) -> Markup:
    """Plain text whose `backticked` words (field names in our notes) become code; every part escaped."""
    parts = str(value).split("`")
    if len(parts) % 2 == 0:  # an odd number of backticks: no pairs to trust, all plain text
        return Markup(md_text(value))
    return Markup("".join(f"<code>{md_text(p)}</code>" if i % 2 else md_text(p) for i, p in enumerate(parts)))


def table_cell(value: Any) -> str:
    """A value for a data table: numbers plain, without exponent or trailing zeros; empty for none."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def plural(label: str) -> str:
    """English plural of a level label: 'Activity' -> 'Activities', 'Strategic goal' -> 'Strategic goals'."""
    if label.endswith("y") and not label.endswith(("ay", "ey", "oy", "uy")):
        return label[:-1] + "ies"
    return label if label.endswith("s") else label + "s"


def format_amount(value: Any) -> str:
    """A figure with thousands separators, as a reader expects: 2100000 -> 2,100,000."""
    number = float(value)
    return f"{number:,.0f}" if number == int(number) else f"{number:,.2f}"


def budget_years(table: Any) -> list[tuple[Any, str]]:
    """The (year, currency) columns of a budget table, in order."""
    amounts = [a for row in table.rows for a in row.amounts] + list(table.totals)
    keys = {(a.year, a.currency) for a in amounts}
    return sorted(keys, key=lambda k: (k[1], k[0] or 0))


def abbr_tags(env: jinja2.Environment, names: dict[str, str]) -> dict[str, str]:
    """Each acronym as escaped data text holds it (M&E as M&amp;E), and its <abbr> element from _abbr.html. The
    values are escaped here, without the data-run marks of the page environment's finalize: the element goes inside
    a data run."""
    template = env.get_template("_abbr.html")
    out = {}
    for acronym, name in names.items():
        escaped = html.escape(acronym, quote=True)
        out[escaped] = template.render(acronym=Markup(escaped), name=Markup(html.escape(one_line(name)))).strip()
    return out
