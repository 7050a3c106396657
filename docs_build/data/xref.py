"""Second validation pass: unique ids and references to known countries, bodies, laws and themes."""

from __future__ import annotations

from collections.abc import Iterable

from . import urls
from .loader import Dataset, Loaded
from .models import Activity, Bodies, Budget, Objective, Plan, Themes
from .problems import Problem, quote
from .walk import task_key, walk

MAX_KEY = 80  # as a Slug


class Checker:
    """Collects cross-reference problems with the position of the offending value."""

    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self.problems: list[Problem] = []

    def add(self, loaded: Loaded, path: tuple, type_: str, message: str, value: object = None) -> None:
        """Record a problem at a YAML path of a loaded file."""
        line, col = loaded.doc.where(path)
        self.problems.append(Problem(loaded.path, line, col, type_, message,
                                     None if value is None else quote(value)))

    def unique(self, loaded: Loaded, items: Iterable[tuple[tuple, str]], what: str) -> set[str]:
        """Report ids seen twice; return the set of ids."""
        seen: set[str] = set()
        for path, key in items:
            if key in seen:
                self.add(loaded, path, "xref.duplicate-id", f"duplicate {what} id", key)
            seen.add(key)
        return seen


def check(dataset: Dataset) -> list[Problem]:
    """Run every cross-reference check; return the problems found."""
    c = Checker(dataset)
    instruments = themes = set()
    if dataset.instruments:
        items = dataset.instruments.model.instruments
        instruments = c.unique(dataset.instruments, ((("instruments", i, "id"), x.id) for i, x in enumerate(items)),
                               "instrument")
    if dataset.instruments:
        for i, x in enumerate(dataset.instruments.model.instruments):
            if urls.PAGE_ID.fullmatch(x.id):
                c.add(dataset.instruments, ("instruments", i, "id"), "xref.reserved-id",
                      "id is the address of a further page of the legal comparison (choose another)", x.id)
    if dataset.themes:
        items = dataset.themes.model.themes
        themes = c.unique(dataset.themes, ((("themes", i, "id"), x.id) for i, x in enumerate(items)), "theme")
        for i, x in enumerate(items):
            if urls.PAGE_ID.fullmatch(x.id):
                c.add(dataset.themes, ("themes", i, "id"), "xref.reserved-id",
                      "id is the address of a further page of the theme comparison (choose another)", x.id)
        for i, theme in enumerate(items):
            if theme.parent and theme.parent not in themes:
                c.add(dataset.themes, ("themes", i, "parent"), "xref.unknown-theme", "unknown parent theme",
                      theme.parent)
    bodies: dict[str, set[str]] = {}
    laws: dict[str, set[str]] = {}
    for key, country in dataset.countries.items():
        if country.model.code.lower() != key:
            c.add(country, ("code",), "xref.id-mismatch",
                  f"country code must match its folder name '{key}' (upper case)", country.model.code)
    for key, loaded in dataset.institutions.items():
        items = loaded.model.institutions
        bodies[key] = c.unique(loaded, ((("institutions", i, "id"), x.id) for i, x in enumerate(items)), "institution")
        acronyms: dict[str, str] = {}
        for i, inst in enumerate(items):
            if inst.parent and inst.parent not in bodies[key]:
                c.add(loaded, ("institutions", i, "parent"), "xref.unknown-institution", "unknown parent body",
                      inst.parent)
            for j, acronym in enumerate(inst.acronyms):
                if acronym in acronyms and acronyms[acronym] != inst.id:
                    c.add(loaded, ("institutions", i, "acronyms", j), "xref.duplicate-acronym",
                          f"acronym already used by '{acronyms[acronym]}'", acronym)
                acronyms[acronym] = inst.id
    for key, loaded in dataset.laws.items():
        items = loaded.model.laws
        laws[key] = c.unique(loaded, ((("laws", i, "id"), x.id) for i, x in enumerate(items)), "law")
    for key, loaded in dataset.plans.items():
        _check_plan(c, key, loaded, dataset.pillars.get(key, []), bodies, laws, instruments, themes)
    return c.problems


def _check_plan(c: Checker, key: str, loaded: Loaded, pillars: list[Loaded], bodies: dict[str, set[str]],
                laws: dict[str, set[str]], instruments: set[str], themes: set[str]) -> None:
    """Check one plan and its pillar files."""
    plan: Plan = loaded.model
    country = plan.country.lower()
    if plan.id != key:
        c.add(loaded, ("id",), "xref.id-mismatch", f"plan id must match its folder name '{key}'", plan.id)
    expected = f"{country}-{plan.period.start}-{plan.period.end}"
    if not plan.id.startswith(expected):
        c.add(loaded, ("id",), "xref.id-mismatch",
              f"plan id must start with country code and period, '{expected}'", plan.id)
    if country not in c.dataset.countries:
        c.add(loaded, ("country",), "xref.unknown-country", "unknown country (no data/countries/<code>/)",
              plan.country)
    usable = country in c.dataset.countries and c.dataset.usable(f"countries/{country}/institutions.yaml")
    known = bodies.get(country, set()) if usable else None
    named = [(("adopted_by_id",), plan.adopted_by_id)]
    named += [(("funding_sources", i, "institution"), s.institution) for i, s in enumerate(plan.funding_sources)]
    named += [(("budget_tables", t, "rows", r, "institution"), row.institution)
              for t, table in enumerate(plan.budget_tables) for r, row in enumerate(table.rows)]
    for path, body in named:
        if body and known is not None and body not in known:
            c.add(loaded, path, "xref.unknown-institution", "unknown institution", body)
    for i, ref in enumerate(plan.legal_references):
        if ref.instrument and c.dataset.usable("instruments.yaml") and ref.instrument not in instruments:
            c.add(loaded, ("legal_references", i, "instrument"), "xref.unknown-instrument",
                  "unknown international instrument", ref.instrument)
        if ref.law and c.dataset.usable(f"countries/{country}/laws.yaml") and ref.law not in laws.get(country, set()):
            c.add(loaded, ("legal_references", i, "law"), "xref.unknown-law",
                  f"unknown law of country {plan.country}", ref.law)
    c.unique(loaded, ((("indicators", i, "id"), x.id) for i, x in enumerate(plan.indicators)), "indicator")
    _check_page_ids(c, loaded, plan)
    c.unique(loaded, ((("levels", i, "key"), x.key) for i, x in enumerate(plan.levels)), "level")
    levels = {level.key for level in plan.levels}
    pillar_ids: set[str] = set()
    for pillar_file in pillars:
        pillar = pillar_file.model
        if pillar.id in pillar_ids:
            c.add(pillar_file, ("id",), "xref.duplicate-id", "duplicate pillar id in this plan", pillar.id)
        pillar_ids.add(pillar.id)
        anchors: set[str] = set()
        ids: dict[str, str] = {}  # id in plan-atlas.json (the last part) → what holds it
        for node in walk(pillar):
            item = node.item
            if not node.key:
                c.add(pillar_file, node.path, "schema.missing-ref", "needs a printed 'ref' or a 'slug'")
                continue
            if len(node.key) > MAX_KEY:  # the key names a folder of the site: keep it well below file name limits
                c.add(pillar_file, node.path + ("ref",), "schema.too-long",
                      f"'ref' gives an id longer than {MAX_KEY} characters (give a shorter 'slug')", node.key)
            kind = "activity" if isinstance(item, Activity) else item.level
            anchor = f"{kind}-{node.key}"
            if anchor in anchors:
                c.add(pillar_file, node.path + (("slug",) if item.slug else ("ref",)), "xref.duplicate-id",
                      f"duplicate {kind} id in pillar '{pillar.id}' (give one a distinct 'slug')", node.key)
            anchors.add(anchor)
            data_id = node.key if isinstance(item, Activity) else anchor  # objectives: `goal-1`, activities: `1-1-3`
            if data_id in ids and ids[data_id] != kind:
                c.add(pillar_file, node.path + (("slug",) if item.slug else ("ref",)), "xref.duplicate-id",
                      f"{kind} id is the id of {ids[data_id]} '{data_id}' in pillar '{pillar.id}' "
                      "(give one a distinct 'slug')", data_id)
            ids.setdefault(data_id, kind)
            if isinstance(item, Objective) and item.level not in levels:
                c.add(pillar_file, node.path + ("level",), "xref.unknown-level",
                      "unknown objective level (see the plan's 'levels')", item.level)
            _check_refs(c, pillar_file, node.path, item, known, themes, plan.country)
            if isinstance(item, Activity):
                tasks: set[str] = set()
                for t, task in enumerate(item.tasks):
                    tkey = task_key(task, t + 1)
                    if tkey in tasks:
                        c.add(pillar_file, node.path + ("tasks", t), "xref.duplicate-id", "duplicate task id", tkey)
                    tasks.add(tkey)
                    _check_refs(c, pillar_file, node.path + ("tasks", t), task, known, themes, plan.country)


def _check_refs(c: Checker, loaded: Loaded, path: tuple, item: object, known: set[str] | None, themes: set[str],
                country: str) -> None:
    """Institution and theme references of one objective, activity or task (bodies only for a known country)."""
    for name in ("responsible", "partners") if known is not None else ():
        group: Bodies | None = getattr(item, name, None)
        for k, body in enumerate(group.ids if group else []):
            if body not in known:
                c.add(loaded, path + (name, "ids", k), "xref.unknown-institution",
                      f"unknown institution of {country} (see data/countries/{country.lower()}/institutions.yaml)",
                      body)
    budget: Budget | None = getattr(item, "budget", None)
    for k, amount in enumerate(budget.amounts if budget and known is not None else []):
        if amount.institution and amount.institution not in known:
            c.add(loaded, path + ("budget", "amounts", k, "institution"), "xref.unknown-institution",
                  f"unknown institution of {country} (see data/countries/{country.lower()}/institutions.yaml)",
                  amount.institution)
    tags: Themes | None = getattr(item, "themes", None)
    if tags and c.dataset.usable("themes.yaml"):
        for sub, theme in [(("primary",), tags.primary)] + [(("secondary", i), t) for i, t in
                                                            enumerate(tags.secondary)]:
            if theme not in themes:
                c.add(loaded, path + ("themes",) + sub, "xref.unknown-theme", "unknown theme", theme)


def _check_page_ids(c: Checker, loaded: Loaded, plan: Plan) -> None:
    """Ids that become HTML ids of the plan page or chart files: sections and budget tables among the page's own."""
    c.unique(loaded, ((("overview", i, "id"), x.id) for i, x in enumerate(plan.overview)), "overview section")
    c.unique(loaded, ((("budget_tables", i, "id"), x.id) for i, x in enumerate(plan.budget_tables)), "budget table")
    for i, section in enumerate(plan.overview):
        if section.id in urls.PLAN_ANCHORS or section.id.startswith(urls.PLAN_ANCHOR_PREFIXES):
            c.add(loaded, ("overview", i, "id"), "xref.duplicate-id",
                  "overview section id is one the plan page uses itself (choose another)", section.id)
    for i, table in enumerate(plan.budget_tables):
        if table.id in urls.PLAN_CHARTS or f"budget-{table.id}" in urls.PLAN_ANCHORS:
            c.add(loaded, ("budget_tables", i, "id"), "xref.duplicate-id",
                  "budget table id is one the plan page uses for a chart or heading (choose another)", table.id)


def common_word_acronyms(dataset: Dataset) -> list[Problem]:
    """Warnings (not errors): acronyms spelled like ordinary words ('Activity', 'Source'), which every data text
    that holds the word would show as a tooltip."""
    warnings = []
    for loaded in dataset.institutions.values():
        for i, inst in enumerate(loaded.model.institutions):
            for j, acronym in enumerate(inst.acronyms):
                if len(acronym) >= 4 and acronym.isalpha() and acronym[1:] == acronym[1:].lower():
                    line, col = loaded.doc.where(("institutions", i, "acronyms", j))
                    warnings.append(Problem(loaded.path, line, col, "xref.common-word-acronym",
                                            "acronym is spelled like an ordinary word: every data text holding the "
                                            "word gets its tooltip (list only acronyms the source prints)",
                                            quote(acronym)))
    return warnings
