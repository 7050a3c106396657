"""Generate the site's data pages as Markdown, in memory, from the Atlas and the templates."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup

from . import charts, compare, explorer, exports, indicators, urls
from .atlas import Atlas
from .cite import cite_activity
from .models import Activity, Objective, Pillar, Plan, Task
from .records import Records
from .redirects import add_redirect_pages
from .related import related_index
from .render import environment, md_text, one_line, prose, title_text
from .walk import Node, task_key, walk

DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
ABBR_SAFE = str.maketrans({"<": "‹", ">": "›", "&": "＆", "[": "⁅", "]": "⁆", "\\": "⧵", "*": "∗", "`": "ʹ"})


@dataclass(frozen=True)
class Page:
    """A generated page: its Markdown source path under docs_dir, its content, and whether nav lists it."""

    src: str
    content: str
    in_nav: bool = True


WORD_CHAR = re.compile(r"\w")


@lru_cache(maxsize=64)
def any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern matching any of the words not followed by a letter or digit, the longest first."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:{alternatives})(?!\w)")


def whole_words_in(words: tuple[str, ...], text: str) -> set[str]:
    """The words that occur in text standing alone (no letter or digit on either side)."""
    # Same matches as a (?<!\w) lookbehind, checked here instead: a pattern that starts with the words lets the
    # regex engine skip to their first letters, about six times faster on long pages.
    pattern, found, pos = any_of(words), set(), 0
    while match := pattern.search(text, pos):
        start = match.start()
        if start and WORD_CHAR.match(text, start - 1):
            pos = start + 1
            continue
        found.add(match.group())
        pos = match.end()
    return found


@lru_cache(maxsize=64)
def _spellings(acronyms: tuple[str, ...]) -> dict[str, str]:
    """Each acronym as a page can hold it, data text being escaped ("ILO&#45;IPEC") or not, → the acronym."""
    return {**{md_text(a): a for a in acronyms}, **{a: a for a in acronyms}}


def acronyms_in(acronyms: tuple[str, ...], body: str) -> list[str]:
    """The acronyms that stand as whole words in a page's Markdown, written plainly or escaped, sorted."""
    spellings = _spellings(acronyms)
    return sorted({spellings[found] for found in whole_words_in(tuple(spellings), body)})


def src_of(url: str) -> str:
    """Markdown source path under docs_dir for a site path: every page is a folder's index.md."""
    return url + "index.md"


def link(url: str) -> Markup:
    """A docs-relative Markdown link target for a site path, checked by MkDocs at build time."""
    return Markup("/" + src_of(url))


def front_matter(title: str, description: str | None = None, search_exclude: bool = False) -> str:
    """YAML front matter with escaped title and description (Material prints them unescaped)."""
    meta: dict[str, Any] = {"title": title_text(title, 120)}
    if description:
        meta["description"] = title_text(description, 200)
    if search_exclude:
        meta["search"] = {"exclude": True}
    return "---\n" + yaml.dump(meta, Dumper=DUMPER, allow_unicode=True, sort_keys=False) + "---\n\n"


@dataclass
class ItemView:
    """An objective or activity with its computed id, anchor and URLs, for templates."""

    item: Objective | Activity
    key: str
    id: str
    anchor: str
    depth: int
    label: str
    page_link: Markup | None
    pillar_link: Markup
    parents: list[ItemView]

    @property
    def tasks(self) -> list[tuple[Markup, Task]]:
        """Tasks of an activity with their anchor keys."""
        tasks = self.item.tasks if isinstance(self.item, Activity) else []
        return [(Markup(task_key(task, i)), task) for i, task in enumerate(tasks, 1)]

    @property
    def display_ref(self) -> str:
        """Reference as printed, or the positional key in brackets when none is printed."""
        return self.item.ref or f"[{self.key}]"


class SiteBuilder:
    """Builds every generated page from one Atlas."""

    def __init__(self, atlas: Atlas, template_dir: Path, site_url: str = ""):
        self.atlas = atlas
        self.site_url = site_url
        self.records = Records(atlas)
        self.related = related_index(self.records)
        self.env = environment(template_dir)
        self.files: dict[str, bytes] = {}
        self._acronyms: dict[str, dict[str, str]] = {}

    def render(self, template: str, **context: Any) -> str:
        """Render one page template with shared helpers."""
        return self.env.get_template(template).render(link=link, atlas=self.atlas, urls=urls, **context)

    def acronyms(self, code: str) -> dict[str, str]:
        """The country's acronyms and their names; built once."""
        if code not in self._acronyms:
            self._acronyms[code] = self.atlas.acronyms(code)
        return self._acronyms[code]

    def with_abbreviations(self, code: str, body: str) -> str:
        """Append acronym definitions (abbr extension) for the country's acronyms that occur in the page."""
        names = self.acronyms(code)
        used = acronyms_in(tuple(names), body) if names else []
        # The abbr extension writes the name into a title attribute. Should a definition line ever fail to parse,
        # it would show as raw HTML: signs that could open markup are written as look-alikes (never in real data).
        abbrs = [(Markup(a), Markup(one_line(names[a]).translate(ABBR_SAFE))) for a in used]
        return body + "\n" + self.render("abbreviations.md.html", abbrs=abbrs) if abbrs else body

    def with_csv(self, chart_list: list[charts.Chart]) -> list[charts.Chart]:
        """Publish each chart's data as CSV beside the site; return the charts."""
        for chart in chart_list:
            self.files[chart.csv_path] = chart.csv_bytes()
        return chart_list

    def pillar_items(self, plan: Plan, pillar: Pillar) -> list[ItemView]:
        """Objectives and activities of a pillar with their ids and links, in reading order."""
        levels = {level.key: level.label for level in plan.levels}
        views: dict[int, ItemView] = {}
        result = []
        for node in walk(pillar):
            parents = [views[id(p)] for p in node.parents]
            result.append(view := self._view(plan, pillar, node, parents, levels))
            views[id(node.item)] = view
        return result

    def _view(self, plan: Plan, pillar: Pillar, node: Node, parents: list[ItemView],
              levels: dict[str, str]) -> ItemView:
        item, key = node.item, node.key
        is_activity = isinstance(item, Activity)
        return ItemView(
            item=item, key=key,
            id=Markup(urls.activity_id(plan.id, pillar.id, key) if is_activity
                      else urls.objective_id(plan.id, pillar.id, item, key)),
            anchor=Markup(urls.anchor(item, key)), depth=len(node.parents),
            label=plan.activity_label if is_activity else levels.get(item.level, item.level),
            page_link=link(urls.activity(plan.id, pillar.id, key)) if is_activity else None,
            pillar_link=link(urls.pillar(plan.id, pillar.id)), parents=parents,
        )

    def pages(self) -> list[Page]:
        """All generated pages: indexes, countries, plans, pillars and one page per activity."""
        atlas = self.atlas
        out = [
            Page("countries/index.md", front_matter("Countries", "Countries with plans on Plan Atlas")
                 + self.render("countries.md.html")),
            Page("plans/index.md", front_matter("Plans", "All national plans on Plan Atlas")
                 + self.render("plans.md.html", counts={p: len(acts) for p, acts in self.records.activities.items()})),
        ]
        for code, country in atlas.countries.items():
            summary = prose(country.summary, self.acronyms(code)) if country.summary else None
            body = self.render("country.md.html", country=country, code=code, plans=atlas.plans_of(code),
                               citations=compare.law_citations(atlas, code),
                               summary=summary)
            out.append(Page(src_of(urls.country(code)), front_matter(country.name, f"Plans of {country.name}")
                            + self.with_abbreviations(code, body)))
        for plan in atlas.plans.values():
            out.extend(self.plan_pages(plan))
        out.extend(compare.site_pages(self))
        out.extend(indicators.site_pages(self))
        out.extend(explorer.site_pages(self))
        add_redirect_pages(self)
        out.extend(exports.site_pages(self))
        return out

    def plan_pages(self, plan: Plan) -> list[Page]:
        """The overview page of one plan, its pillar pages and its activity pages."""
        code = plan.country.lower()
        acronyms = self.acronyms(code)
        pillars = [{"pillar": p, "items": self.pillar_items(plan, p)} for p in plan.pillars]
        for entry in pillars:
            entry["counts"] = Counter(view.label for view in entry["items"])
        overview = self.render(
            "plan.md.html", plan=plan, country=self.atlas.countries[code], pillars=pillars,
            charts=self.with_csv(charts.plan_charts(plan, self.records, self.atlas)), here=urls.plan(plan.id),
            totals=sum((entry["counts"] for entry in pillars), Counter()),
            summary=prose(plan.summary, acronyms),
            sections=[(s, prose(s.body, acronyms)) for s in plan.overview],
        )
        out = [Page(src_of(urls.plan(plan.id)),
                    front_matter(plan.short_title, plan.title) + self.with_abbreviations(code, overview))]
        for entry in pillars:
            pillar, items = entry["pillar"], entry["items"]
            body = self.render("pillar.md.html", plan=plan, pillar=pillar, items=items,
                               summary=prose(pillar.summary, acronyms) if pillar.summary else None)
            out.append(Page(src_of(urls.pillar(plan.id, pillar.id)),
                            front_matter(f"{pillar.title} – {plan.short_title}", f"{pillar.title}: {plan.title}")
                            + self.with_abbreviations(code, body)))
            for view in items:
                if isinstance(view.item, Activity):
                    out.append(self.activity_page(plan, pillar, view))
        return out

    def activity_page(self, plan: Plan, pillar: Pillar, view: ItemView) -> Page:
        """The page of one activity, outside the navigation."""
        code = plan.country.lower()
        record = self.records.by_id[str(view.id)]
        body = self.render("activity.md.html", plan=plan, pillar=pillar, view=view, here=record.url,
                           country=self.atlas.countries[code], page_url=record.url,
                           cite=cite_activity(plan, record, self.site_url), related=self.related[record.id])
        title = f"{plan.activity_label} {view.display_ref}, {pillar.title} – {plan.short_title}"
        return Page(src_of(urls.activity(plan.id, pillar.id, view.key)),
                    front_matter(title, view.item.text)
                    + self.with_abbreviations(code, body),
                    in_nav=False)

    def nav(self) -> list[Any]:
        """Small navigation: home, countries → plans → pillars, about pages. Activities stay out."""
        countries: list[Any] = [{"Overview": "countries/index.md"}]
        for code, country in self.atlas.countries.items():
            entries: list[Any] = [src_of(urls.country(code))]
            for plan in self.atlas.plans_of(code):
                entries.append({title_text(plan.short_title): [src_of(urls.plan(plan.id))] + [
                    {title_text(p.title): src_of(urls.pillar(plan.id, p.id))} for p in plan.pillars]})
            countries.append({title_text(country.name): entries})
        return [
            {"Home": "index.md"},
            {"Countries": countries},
            {"All plans": "plans/index.md"},
            {"Compare": [{"Plans at a glance": src_of(urls.compare())}, {"Themes": src_of(urls.compare_themes())},
                         {"Legal references": src_of(urls.compare_legal())},
                         {"Institutions": src_of(urls.compare_institutions())}]},
            {"Explore activities": src_of(urls.explore())},
            {"Indicators": src_of(urls.indicators())},
            {"Downloads": "downloads/index.md"},
            {"About": [{"Method and sources": "about.md"}, {"Add a plan": "add-a-plan.md"}]},
        ]
