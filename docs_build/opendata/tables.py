"""CSV tables of the dataset: a fixed, documented column list per table, rows from the flat records.

Every CSV is UTF-8 with a byte-order mark, CRLF line ends and RFC 4180 quoting. Lists in one cell are
joined with LIST_SEP; an empty cell means no value; numbers are plain decimals ("24000", "0.5"). Text cells
that a spreadsheet would run as a formula start with an apostrophe (spreadsheet_safe, SPREADSHEET_NOTE).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..data.models import Amount, Budget, Plan, Target
from ..data.records import ActivityRecord, Records
from ..data.walk import task_key

LIST_SEP = " | "
Cell = str | int | bool | Decimal | tuple[str, ...] | None
Row = dict[str, Cell]


@dataclass(frozen=True)
class Column:
    """A CSV column: its name, its Table Schema type and what it holds."""

    name: str
    type: str
    description: str


@dataclass(frozen=True)
class ForeignKey:
    """A column whose values are keys of another table (or of the same table)."""

    field: str
    resource: str
    reference: str


@dataclass(frozen=True)
class TableSpec:
    """A CSV table: file name, meaning, its columns in order, its keys."""

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def path(self) -> str:
        """File name of the table."""
        return f"{self.name}.csv"

    @property
    def names(self) -> list[str]:
        """Column names, in order: the CSV header."""
        return [column.name for column in self.columns]


def _c(name: str, type_: str, description: str) -> Column:
    return Column(name, type_, description)


PLAN_ID = _c("plan_id", "string", "Plan id, e.g. xk-2011-2014 (country, first year, last year).")
COUNTRY = _c("country", "string", "Country: ISO 3166-1 alpha-2 code in lower case, as in the site's URLs (Kosovo: xk).")
PILLAR_ID = _c("pillar_id", "string", "Pillar id '<plan_id>/<pillar>', as in the site's URLs.")
SOURCE_SECTION = _c("source_section", "string", "Section or chapter of the source document, as printed.")
SOURCE_LINE = _c("source_line", "integer", "First line of the item in the plain-text conversion of the source.")
URL = _c("url", "string", "Path of the item's page on the site, relative to the site root.")
PRIMARY_THEME = _c("primary_theme", "string", "Primary theme id (one of the 4P); empty where not tagged.")
SECONDARY_THEMES = _c("secondary_themes", "string", "Cross-cutting theme ids, joined with ' | '.")
TO_PLANS = ForeignKey("plan_id", "plans", "plan_id")
TO_PILLARS = ForeignKey("pillar_id", "pillars", "pillar_id")

PLANS = TableSpec("plans", "Plans", "One row per plan.", (
    PLAN_ID, COUNTRY,
    _c("title", "string", "Title as printed."),
    _c("short_title", "string", "Short title used on the site."),
    _c("kind", "string", "strategy, action-plan, strategy-and-action-plan or plan-framework."),
    _c("period_printed", "string", "Period as printed; empty where the source prints none (see period_note)."),
    _c("start_year", "integer", "First year of the period (inferred where period_printed is empty)."),
    _c("end_year", "integer", "Last year of the period (inferred where period_printed is empty)."),
    _c("period_note", "string", "Where no period is printed: what the years are inferred from."),
    _c("action_plan_period_printed", "string", "Period of the action plan, where the plan prints one apart."),
    _c("date_printed", "string", "Date of the document, as printed."),
    _c("adopted_by", "string", "Adopting or issuing body, as printed."),
    _c("adopted_by_id", "string", "Institution id of the adopting body (institutions.csv)."),
    _c("source_title", "string", "Title of the source document, as printed."),
    _c("source_language", "string", "Language of the transcribed text (ISO 639-1)."),
    _c("original_language", "string", "Language the document was issued in, where different."),
    _c("pillars", "integer", "Number of pillars."),
    _c("objectives", "integer", "Number of objectives, all levels."),
    _c("activities", "integer", "Number of activities."),
    URL,
), primary_key=("plan_id",))

PILLARS = TableSpec("pillars", "Pillars", "One row per pillar, chapter or part of a plan, in reading order.", (
    PILLAR_ID, PLAN_ID,
    _c("position", "integer", "Position of the pillar in its plan, from 1."),
    _c("ref", "string", "Heading number as printed."),
    _c("title", "string", "Title as printed."),
    _c("objectives", "integer", "Number of objectives, all levels."),
    _c("activities", "integer", "Number of activities."),
    URL,
), primary_key=("pillar_id",), foreign_keys=(TO_PLANS,))

OBJECTIVES = TableSpec("objectives", "Objectives", "One row per objective of any level (goal, objective, ...), "
                       "parents before their children.", (
    _c("objective_id", "string", "Objective id '<plan_id>/<pillar>/<level>-<key>': pillar page and anchor."),
    PLAN_ID, PILLAR_ID,
    _c("parent_id", "string", "Id of the objective it belongs to; empty for a top-level objective."),
    _c("level", "string", "Key of its level in the plan, e.g. goal, objective."),
    _c("level_label", "string", "Name of its level as the plan prints it, e.g. Strategic goal."),
    _c("ref", "string", "Number as printed; empty where none is printed."),
    _c("title", "string", "Title as printed; empty where the source lacks it."),
    _c("description", "string", "Description as printed."),
    PRIMARY_THEME, SECONDARY_THEMES,
    _c("activities", "integer", "Number of activities directly under it."),
    URL, SOURCE_SECTION, SOURCE_LINE,
), primary_key=("objective_id",),
    foreign_keys=(TO_PLANS, TO_PILLARS, ForeignKey("parent_id", "objectives", "objective_id")))

ACTIVITIES = TableSpec("activities", "Activities", "One row per activity; its tasks' bodies, deadlines and "
                       "figures count for it.", (
    _c("activity_id", "string", "Activity id '<plan_id>/<pillar>/<key>': its page's path without 'plans/'."),
    PLAN_ID, COUNTRY, PILLAR_ID,
    _c("objective_id", "string", "Id of the objective it stands under (objectives.csv)."),
    _c("objective_path", "string", "Ids of all objectives above it, top first, joined with ' | '."),
    _c("ref", "string", "Number as printed; empty where none is printed."),
    _c("text", "string", "The activity as printed."),
    _c("tasks", "integer", "Number of tasks or sub-activities."),
    _c("responsible_printed", "string", "The activity's responsible cell, as printed."),
    _c("responsible_ids", "string", "Institution ids of the responsible bodies of the activity and its tasks, "
       "lead first, without repeats, joined with ' | ' (institutions.csv, same country)."),
    _c("lead_id", "string", "Institution id of the lead body: the first responsible body."),
    _c("partner_ids", "string", "Institution ids of the partners of the activity and its tasks, joined with ' | '."),
    _c("deadline_printed", "string", "Timeframes of the activity and its tasks as printed, joined with ' / '."),
    _c("start_year", "integer", "Earliest year of those timeframes."),
    _c("end_year", "integer", "Latest year of those timeframes."),
    _c("budget_printed", "string", "Budget cells of the activity and its tasks as printed, joined with ' / '."),
    _c("budget_amounts", "string", "Figures of those cells as 'CUR value' or 'CUR value (year)', joined with '; ' "
       "(e.g. 'RSD 100000 (2017); EUR 850 (2018)'); never converted or summed; one row each in budget_amounts.csv."),
    PRIMARY_THEME, SECONDARY_THEMES,
    _c("status", "string", "completed, partially-completed, not-completed or no-information (the default)."),
    _c("indicators", "string", "Indicators of the activity and its tasks as printed, joined with ' | '."),
    _c("targets", "integer", "Number of quantified targets (rows in indicators.csv)."),
    URL, SOURCE_SECTION, SOURCE_LINE,
), primary_key=("activity_id",),
    foreign_keys=(TO_PLANS, TO_PILLARS, ForeignKey("objective_id", "objectives", "objective_id")))

BUDGET_AMOUNTS = TableSpec("budget_amounts", "Budget amounts", "One row per budget figure of an activity or of "
                           "one of its tasks, in the currency printed.", (
    _c("activity_id", "string", "Activity id (activities.csv)."),
    _c("position", "integer", "Position of the figure among the activity's figures, from 1."),
    _c("task", "string", "Task key (as in the activity page's #task-<key> anchor); empty for the activity's own."),
    _c("currency", "string", "ISO 4217 currency code, as printed; figures are never converted."),
    _c("value", "number", "The figure, a plain decimal."),
    _c("year", "integer", "Budget year of the figure, where printed."),
    _c("label", "string", "What the figure covers, where printed."),
    _c("institution_id", "string", "Institution id of the body the figure is charged to, where its label names one."),
    _c("probable_duplicate", "boolean", "true where the cell prints the same figure twice and this one is probably a "
       "repetition (kept as printed)."),
), primary_key=("activity_id", "position"), foreign_keys=(ForeignKey("activity_id", "activities", "activity_id"),))

INSTITUTIONS = TableSpec("institutions", "Institutions", "One row per body of a country's registry; an "
                         "institution id is unique within its country.", (
    COUNTRY,
    _c("institution_id", "string", "Institution id, unique within the country."),
    _c("name", "string", "Name in English."),
    _c("acronyms", "string", "Acronyms as printed (English first, then others), joined with ' | '."),
    _c("kind", "string", "Kind of body, e.g. ministry, police, ngo."),
    _c("parent_id", "string", "Institution id of the body it belongs to, same country."),
    _c("name_printed", "boolean", "false where the source never spells the name out."),
), primary_key=("country", "institution_id"))

LEGAL_REFERENCES = TableSpec("legal_references", "Legal references", "One row per legal document a plan cites, "
                             "in the plan's order.", (
    PLAN_ID,
    _c("position", "integer", "Position in the plan's list, from 1."),
    _c("kind", "string", "instrument (international, shared registry) or law (domestic, the plan's country)."),
    _c("target_id", "string", "Instrument id or law id."),
    _c("target_title", "string", "Title of the instrument or law, from the registry."),
    _c("printed", "string", "The citation as printed in the plan."),
    _c("ref", "string", "Its number in the plan's list, as printed."),
    _c("articles", "string", "Articles cited, joined with ' | '."),
    _c("amendment", "string", "The change the plan asks for, where it asks for one."),
    SOURCE_SECTION, SOURCE_LINE,
), primary_key=("plan_id", "position"), foreign_keys=(TO_PLANS,))

INDICATORS = TableSpec("indicators", "Indicators and values", "One row per value: plan-level indicators (one row "
                       "per value, one row without a value where none is given) and quantified targets of "
                       "objectives, activities and tasks.", (
    PLAN_ID,
    _c("scope", "string", "Where it is printed: plan, objective, activity or task."),
    _c("item_id", "string", "Objective or activity id (for a task, its activity); empty at plan level."),
    _c("task", "string", "Task key, for a task's target."),
    _c("indicator_id", "string", "Id of a plan-level indicator."),
    _c("indicator_ref", "string", "Number of a plan-level indicator, as printed."),
    _c("indicator_kind", "string", "Kind of a plan-level indicator as the plan names it, e.g. final indicator."),
    _c("indicator", "string", "The plan-level indicator as printed; for a target, what it measures."),
    _c("measure", "string", "What the value measures, as recorded; empty where there is no value."),
    _c("value_kind", "string", "target, observed or baseline; empty where there is no value."),
    _c("value", "number", "The value, a plain decimal."),
    _c("unit", "string", "Unit of the value."),
    _c("year", "integer", "Year the value is for."),
    _c("date", "date", "Date the value is for (YYYY-MM-DD)."),
    _c("printed", "string", "The sentence the value is taken from, as printed."),
), foreign_keys=(TO_PLANS,))

SPECS = (PLANS, PILLARS, OBJECTIVES, ACTIVITIES, BUDGET_AMOUNTS, INSTITUTIONS, LEGAL_REFERENCES, INDICATORS)


def plain(value: Decimal) -> str:
    """A decimal as plain digits: 24000.00 -> '24000', 2.4E+4 -> '24000', 0.50 -> '0.5'."""
    return format(value.normalize(), "f")


def cell(value: Cell) -> str:
    """The text of a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, tuple):
        return LIST_SEP.join(value)
    return str(value)


def amount_text(amount: Amount) -> str:
    """'EUR 24000' or 'RSD 100000 (2017)'."""
    year = f" ({amount.year})" if amount.year is not None else ""
    return f"{amount.currency} {plain(amount.value)}{year}"


def plan_rows(records: Records) -> Iterator[Row]:
    """plans.csv"""
    for plan in records.atlas.plans.values():
        period, ap, src = plan.period, plan.action_plan_period, plan.source
        yield {"plan_id": plan.id, "country": plan.country.lower(), "title": plan.title,
               "short_title": plan.short_title, "kind": plan.kind,
               "period_printed": period.printed if plan.period_printed else None,
               "start_year": period.start, "end_year": period.end, "period_note": plan.period_note,
               "action_plan_period_printed": ap.printed if ap else None, "date_printed": plan.date,
               "adopted_by": plan.adopted_by, "adopted_by_id": plan.adopted_by_id, "source_title": src.title,
               "source_language": src.language, "original_language": src.original_language,
               "pillars": len(plan.pillars), "objectives": len(records.objectives[plan.id]),
               "activities": len(records.activities[plan.id]), "url": f"plans/{plan.id}/"}


def pillar_rows(records: Records) -> Iterator[Row]:
    """pillars.csv"""
    for plan in records.atlas.plans.values():
        objectives = Counter(o.pillar_id for o in records.objectives[plan.id])
        activities = Counter(a.pillar_id for a in records.activities[plan.id])
        for position, pillar in enumerate(plan.pillars, 1):
            yield {"pillar_id": f"{plan.id}/{pillar.id}", "plan_id": plan.id, "position": position,
                   "ref": pillar.ref, "title": pillar.title, "objectives": objectives[pillar.id],
                   "activities": activities[pillar.id], "url": f"plans/{plan.id}/{pillar.id}/"}


def objective_rows(records: Records) -> Iterator[Row]:
    """objectives.csv"""
    for plan_id in records.atlas.plans:
        for o in records.objectives[plan_id]:
            item = o.item
            yield {"objective_id": o.id, "plan_id": o.plan_id, "pillar_id": f"{o.plan_id}/{o.pillar_id}",
                   "parent_id": o.parent_id, "level": o.level, "level_label": o.level_label, "ref": o.ref,
                   "title": o.title, "description": item.description,
                   "primary_theme": item.themes.primary if item.themes else None,
                   "secondary_themes": tuple(item.themes.secondary) if item.themes else (),
                   "activities": len(item.activities), "url": o.url,
                   "source_section": item.source.section if item.source else None,
                   "source_line": item.source.line if item.source else None}


def activity_rows(records: Records) -> Iterator[Row]:
    """activities.csv"""
    for r in records.all_activities():
        yield {"activity_id": r.id, "plan_id": r.plan_id, "country": r.country,
               "pillar_id": f"{r.plan_id}/{r.pillar_id}", "objective_id": r.objective_id,
               "objective_path": r.objective_ids, "ref": r.ref, "text": r.text, "tasks": r.tasks,
               "responsible_printed": r.responsible_printed, "responsible_ids": r.responsible_ids,
               "lead_id": r.lead, "partner_ids": r.partner_ids, "deadline_printed": r.deadline_printed,
               "start_year": r.start_year, "end_year": r.end_year, "budget_printed": r.budget_printed,
               "budget_amounts": "; ".join(amount_text(a) for a in r.amounts), "primary_theme": r.theme,
               "secondary_themes": r.themes[1:], "status": r.status, "indicators": r.indicator_texts,
               "targets": r.targets, "url": r.url, "source_section": r.source_section,
               "source_line": r.source_line}


def _budgets(record: ActivityRecord) -> Iterator[tuple[str | None, Budget]]:
    """The activity's own budget, then its tasks', in the order ActivityRecord.amounts lists their figures."""
    if record.item.budget:
        yield None, record.item.budget
    for index, task in enumerate(record.item.tasks, 1):
        if task.budget:
            yield task_key(task, index), task.budget


def budget_rows(records: Records) -> Iterator[Row]:
    """budget_amounts.csv"""
    for r in records.all_activities():
        figures = [(task, amount) for task, budget in _budgets(r) for amount in budget.amounts]
        for position, (task, a) in enumerate(figures, 1):
            yield {"activity_id": r.id, "position": position, "task": task, "currency": a.currency,
                   "value": a.value, "year": a.year, "label": a.label, "institution_id": a.institution,
                   "probable_duplicate": a.probable_duplicate}


def institution_rows(records: Records) -> Iterator[Row]:
    """institutions.csv"""
    registries = records.atlas.institutions
    for code in sorted(registries):
        for inst in registries[code].values():
            yield {"country": code, "institution_id": inst.id, "name": inst.name, "acronyms": tuple(inst.acronyms),
                   "kind": inst.kind, "parent_id": inst.parent, "name_printed": inst.name_printed}


def _legal_target(records: Records, plan: Plan, instrument: str | None, law: str | None) -> tuple[str, str, str]:
    if instrument:
        return "instrument", instrument, records.atlas.instruments[instrument].title
    assert law is not None
    return "law", law, records.atlas.laws[plan.country.lower()][law].title


def legal_rows(records: Records) -> Iterator[Row]:
    """legal_references.csv"""
    for plan in records.atlas.plans.values():
        for position, ref in enumerate(plan.legal_references, 1):
            kind, target, title = _legal_target(records, plan, ref.instrument, ref.law)
            yield {"plan_id": plan.id, "position": position, "kind": kind, "target_id": target,
                   "target_title": title, "printed": ref.printed, "ref": ref.ref, "articles": tuple(ref.articles),
                   "amendment": ref.amendment, "source_section": ref.source.section if ref.source else None,
                   "source_line": ref.source.line if ref.source else None}


def _value(target: Target | None) -> Row:
    if target is None:
        return dict.fromkeys(("measure", "value_kind", "value", "unit", "year", "date", "printed"))
    return {"measure": target.indicator, "value_kind": target.kind, "value": target.value, "unit": target.unit,
            "year": target.year, "date": target.date.isoformat() if target.date else None, "printed": target.printed}


def _target_row(plan_id: str, scope: str, item_id: str, task: str | None, target: Target) -> Row:
    return {"plan_id": plan_id, "scope": scope, "item_id": item_id, "task": task, "indicator_id": None,
            "indicator_ref": None, "indicator_kind": None, "indicator": target.indicator, **_value(target)}


def indicator_rows(records: Records) -> Iterator[Row]:
    """indicators.csv: per plan, its own indicators, then targets of objectives, then of activities and tasks."""
    for plan in records.atlas.plans.values():
        for ind in plan.indicators:
            for target in ind.values or [None]:
                yield {"plan_id": plan.id, "scope": "plan", "item_id": None, "task": None, "indicator_id": ind.id,
                       "indicator_ref": ind.ref, "indicator_kind": ind.kind, "indicator": ind.text, **_value(target)}
        for o in records.objectives[plan.id]:
            for target in o.item.targets:
                yield _target_row(plan.id, "objective", o.id, None, target)
        for r in records.activities[plan.id]:
            for target in r.item.targets:
                yield _target_row(plan.id, "activity", r.id, None, target)
            for index, task in enumerate(r.item.tasks, 1):
                for target in task.targets:
                    yield _target_row(plan.id, "task", r.id, task_key(task, index), target)


BUILDERS = {"plans": plan_rows, "pillars": pillar_rows, "objectives": objective_rows, "activities": activity_rows,
            "budget_amounts": budget_rows, "institutions": institution_rows, "legal_references": legal_rows,
            "indicators": indicator_rows}


# CSV injection (OWASP): a spreadsheet runs a cell that starts with one of these as a formula, e.g.
# `-HYPERLINK("https://evil.example/","NATC")`. Such a text cell gets a leading apostrophe and is quoted.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SPREADSHEET_NOTE = ("A text cell that would begin with =, +, -, @, a tab or a carriage return begins with an "
                    "apostrophe (') instead, so that spreadsheets show it as text and never run it as a formula; "
                    "a cell of only '-' is left as it is. Numbers are never changed. plan-atlas.json holds every "
                    "text exactly.")


def spreadsheet_safe(text: str) -> tuple[str, bool]:
    """A text cell as a spreadsheet must read it, and whether it was changed: `=1+1` -> `'=1+1`."""
    if text.startswith(FORMULA_START) and text != "-":  # a lone dash (no value, as printed) cannot run
        return "'" + text, True
    return text, False


def _field(value: Cell | float) -> str:
    """One CSV field, RFC 4180 quoted where needed; text cells made spreadsheet-safe (numbers as they are)."""
    text = cell(value)  # type: ignore[arg-type]
    guarded = False
    if isinstance(value, (str, tuple)):
        text, guarded = spreadsheet_safe(text)
    if guarded or any(sign in text for sign in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Cell | float]]) -> bytes:
    """CSV bytes: UTF-8 with BOM, CRLF line ends, RFC 4180 quoting, header row first; every text cell safe to open."""
    lines = [",".join(_field(value) for value in row) for row in (header, *rows)]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")


def to_csv(spec: TableSpec, rows: Iterator[Row]) -> bytes:
    """The table as CSV bytes (write_csv), its columns checked against the spec."""
    def cells() -> Iterator[list[Cell]]:
        for row in rows:
            if list(row) != spec.names:
                raise ValueError(f"{spec.path}: row columns {list(row)} differ from {spec.names}")
            yield [row[name] for name in spec.names]
    return write_csv(spec.names, cells())


def csv_files(records: Records) -> dict[str, bytes]:
    """Every table as CSV bytes, keyed by file name, in SPECS order."""
    return {spec.path: to_csv(spec, BUILDERS[spec.name](records)) for spec in SPECS}
