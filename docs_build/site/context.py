"""What every page family builds with: the Atlas, its records, the templates and the static files written so far."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..data import urls
from ..data.atlas import Atlas
from ..data.models import Plan, Source
from ..data.records import Records
from .charts import Chart
from .page import link, mark_acronyms, src_of
from .related import related_index
from .render import abbr_tags, environment


class SiteBuilder:
    """Shared state of one build: the Atlas, records, related index, Jinja environment and static files."""

    def __init__(self, atlas: Atlas, template_dir: Path, site_url: str = ""):
        self.atlas = atlas
        self.site_url = site_url
        self.records = Records(atlas)
        self.related = related_index(self.records)
        self.env = environment(template_dir)
        self.files: dict[str, bytes] = {}
        self.offline_zip: bytes | None = None
        self._acronyms: dict[str, dict[str, str]] = {}
        self._abbr: dict[str, dict[str, str]] = {}
        self.linked_ranges: dict[str, set[tuple[int, int]]] = {}  # plan id → line ranges that pages link to

    def render(self, template: str, **context: Any) -> str:
        """Render one page template with shared helpers."""
        # source_href goes with each render, not into the environment's globals: environments are shared between
        # builders (render.environment is cached), and _fields.md.html is imported with context to see it.
        return self.env.get_template(template).render(link=link, atlas=self.atlas, urls=urls,
                                                      source_href=self.source_href, **context)

    def acronyms(self, code: str) -> dict[str, str]:
        """The country's acronyms and their names; built once."""
        if code not in self._acronyms:
            self._acronyms[code] = self.atlas.acronyms(code)
        return self._acronyms[code]

    def with_abbreviations(self, code: str, body: str) -> str:
        """Acronym tooltips on the country's acronyms in the page's data text (never on the page's own labels)."""
        if code not in self._abbr:
            self._abbr[code] = abbr_tags(self.env, self.acronyms(code))
        return mark_acronyms(body, self._abbr[code])

    def source_href(self, plan: Plan, source: Source | None, *texts: str | None) -> Markup | None:
        """Docs-relative link to the line (or lines) an item is printed on, or None where the source text or the line
        is not known: `/sources/x/part-2/index.md#L750-L752` (from its line to where its printed text starts)."""
        text = self.atlas.sources.get(plan.id)
        line = source.line if source else None
        if text is None or line is None or not text.has(line):
            return None
        first, last = text.span(line, tuple(t for t in texts if t))
        if last != first:  # the source page gives each linked range an anchor of its own (site/sources.py)
            self.linked_ranges.setdefault(plan.id, set()).add((first, last))
        page, anchor = text.href(first, last).split("#")
        return Markup(f"/{src_of(page)}#{anchor}")

    def with_csv(self, chart_list: list[Chart]) -> list[Chart]:
        """Publish each chart's data as CSV beside the site; return the charts."""
        for chart in chart_list:
            self.files[chart.csv_path] = chart.csv_bytes()
        return chart_list
