"""Typed data model of Plan Atlas: what every YAML file under data/ may hold."""

from __future__ import annotations

import re
from datetime import date as Date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from .currencies import ISO_4217
from .regions import RegionId

SLUG_RE = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_RE, max_length=80)]
PlanId = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}-[0-9]{4}-[0-9]{4}(?:-[a-z0-9]+)*$", max_length=80)]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Za-z]{2,4})?$")]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]  # long text: sentences, paragraphs


def _one_line(value: str) -> str:
    """A short printed field holds one line: no tab or line break (long text may hold them)."""
    if "\n" in value or "\t" in value or "\r" in value:
        raise ValueError("a one-line field holds no tab or line break")
    return value


# Every other string has a cap too (ARCHITECTURE.md, "String lengths"): a printed reference number 500 characters,
# a short printed line (section, table, label, date, gazette) 1,000, a printed cell of bodies 2,000.
Ref = Annotated[str, StringConstraints(max_length=500), AfterValidator(_one_line)]
Line = Annotated[str, StringConstraints(max_length=1_000), AfterValidator(_one_line)]
Cell = Annotated[str, StringConstraints(max_length=2_000), AfterValidator(_one_line)]
CurrencyCode = Annotated[str, StringConstraints(max_length=10)]  # checked against ISO 4217 below
Year = Annotated[int, Field(ge=1900, le=2100)]
MAX_DIGITS = 20  # figures stay printable: no 1e400 (crashes formatting) or 1e-99999 (a 100 000-digit cell)


class Model(BaseModel):
    """Base of every model: unknown fields are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Status(StrEnum):
    """Implementation status; the default is no information, never a guess."""

    completed = "completed"
    partially_completed = "partially-completed"
    not_completed = "not-completed"
    no_information = "no-information"


class Source(Model):
    """Where in the source document an item stands, so that a reader can check it."""

    section: Line | None = Field(None, description="Section or chapter as printed, e.g. 'V.1 Prevention'.")
    table: Line | None = Field(None, description="Table or table heading the item is printed in.")
    page: int | None = Field(None, ge=1, description="Page number printed in the source, where known.")
    line: int | None = Field(None, ge=1, description="First line of the item in the seed's plain-text conversion.")


class TextItem(Model):
    """A printed text item (indicator, risk, result) with its language when not English."""

    text: Text
    lang: LangCode = "en"
    notes: list[Text] = []

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value


class Bodies(Model):
    """Bodies named for an item: the cell as printed and the institution ids, lead first."""

    printed: Cell | None = Field(None, description="The cell exactly as printed.")
    ids: list[Slug] = Field([], description="Institution ids from the country's registry, in printed order.")
    notes: list[Text] = []


class Timeframe(Model):
    """A timeframe or deadline as printed, with normalised first and last years."""

    printed: Text
    start: Year | None = None
    end: Year | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Timeframe:
        if self.start is not None and self.end is not None and self.start > self.end:
            raise ValueError(f"start year {self.start} is after end year {self.end}")
        return self


class Amount(Model):
    """One figure of money, in the currency it is printed in; never converted."""

    value: Decimal = Field(ge=0, max_digits=MAX_DIGITS)
    currency: CurrencyCode = Field(description="ISO 4217 code, e.g. EUR, RSD, ALL, MKD.")
    year: Year | None = Field(None, description="Budget year the figure is for, where printed.")
    label: Line | None = Field(None, description="What the figure covers, e.g. a task number or funding source.")
    institution: Slug | None = Field(None, description="Institution id of the body whose budget the figure is charged "
                                     "to, where the cell names one (our reading of the printed label).")
    probable_duplicate: bool = Field(False, description="True where a cell prints the same figure twice and this one "
                                     "is probably a repetition: kept as printed, counted apart in sums.")

    @field_validator("currency")
    @classmethod
    def _iso_4217(cls, value: str) -> str:
        if value not in ISO_4217:
            raise ValueError(f"unknown currency code {value!r} (ISO 4217 expected)")
        return value


class Budget(Model):
    """A budget or resources cell: the text as printed plus the figures it states."""

    printed: Text
    amounts: list[Amount] = []
    notes: list[Text] = []


class Target(Model):
    """A quantified target or reported figure, ready for charts."""

    indicator: Text
    value: Decimal = Field(max_digits=MAX_DIGITS)
    unit: Text
    kind: Literal["target", "observed", "baseline"] = "target"
    year: Year | None = None
    date: Date | None = None
    printed: Text | None = Field(None, description="The sentence the figure is taken from, as printed.")
    source: Source | None = None
    notes: list[Text] = []


class Themes(Model):
    """Theme tags: one primary theme and any secondary ones."""

    primary: Slug
    secondary: list[Slug] = []


class Task(Model):
    """A task or sub-activity of an activity."""

    ref: Ref | None = Field(None, description="Number as printed, e.g. '4.(b).1.1'.")
    slug: Slug | None = Field(None, description="Id part used when no number is printed (by position).")
    text: Text
    responsible: Bodies | None = None
    partners: Bodies | None = None
    timeframe: Timeframe | None = None
    budget: Budget | None = None
    indicators: list[TextItem] = []
    targets: list[Target] = []
    source: Source | None = None
    notes: list[Text] = []


class Activity(Model):
    """An activity: the unit that every plan commits to and that gets its own page."""

    ref: Ref | None = Field(None, description="Reference number exactly as printed, e.g. '1.1.3'.")
    slug: Slug | None = Field(None, description="Id part used when no number is printed (by position).")
    text: Text
    tasks: list[Task] = []
    responsible: Bodies | None = None
    partners: Bodies | None = None
    timeframe: Timeframe | None = None
    budget: Budget | None = None
    indicators: list[TextItem] = []
    expected_results: list[TextItem] = []
    targets: list[Target] = []
    risks: list[TextItem] = []
    status: Status = Status.no_information
    themes: Themes | None = None
    source: Source | None = None
    notes: list[Text] = []


class Objective(Model):
    """A node of the plan's objective tree: strategic goal, specific objective, chapter goal, ..."""

    level: Slug = Field(description="Key of one of the plan's objective levels, e.g. 'goal'.")
    ref: Ref | None = Field(None, description="Number as printed, e.g. '1.2'.")
    slug: Slug | None = Field(None, description="Id part used when no number is printed (by position).")
    title: Text | None = Field(None, description="As printed; left out only where the source lacks it (see gaps).")
    description: Text | None = None
    means: list[TextItem] = Field([], description="Tools or means to achieve the objective, as printed.")
    expected_results: list[TextItem] = []
    indicators: list[TextItem] = []
    targets: list[Target] = []
    responsible: Bodies | None = None
    partners: Bodies | None = None
    timeframe: Timeframe | None = None
    budget: Budget | None = None
    themes: Themes | None = None
    source: Source | None = None
    notes: list[Text] = []
    gaps: list[Text] = Field([], description="What the source lacks here (missing heading, cut text): a gap.")
    objectives: list[Objective] = []
    activities: list[Activity] = []

    @model_validator(mode="after")
    def _title_or_gap(self) -> Objective:
        if self.title is None and not self.gaps:
            raise ValueError("an objective without a printed title must say why in 'gaps'")
        return self


class Pillar(Model):
    """A pillar, chapter or part of the action plan: one page on the site."""

    id: Slug
    ref: Ref | None = Field(None, description="Heading number as printed, e.g. 'V.1'.")
    title: Text
    title_printed: bool = Field(True, description="False where the title is a label of ours: the source prints none.")
    summary: Text | None = Field(None, description="Markdown, in the project's own words.")
    source: Source | None = None
    notes: list[Text] = []
    gaps: list[Text] = Field([], description="What the source lacks in this pillar (e.g. cut text): a gap.")
    objectives: list[Objective] = []


class Level(Model):
    """One level of a plan's objective tree, with the label the plan prints."""

    key: Slug
    label: Text


OFFICIAL_URL = r"^https://[a-z0-9.-]+\.[a-z]{2,}/[^\s<>\"'()\[\]]*$"  # no sign that would end a Markdown link
OfficialUrl = Annotated[str, StringConstraints(pattern=OFFICIAL_URL, max_length=500)]


class SourceDocument(Model):
    """The published document a plan is transcribed from, and the text conversion the site publishes beside it."""

    file: Text = Field(description="File name of the plain-text conversion as received (the seed set); the text "
                                   "itself is data/sources/<plan-id>.txt, the same bytes.")
    title: Text = Field(description="Title as printed.")
    description: Text
    language: LangCode = "en"
    original_language: LangCode | None = None
    url: OfficialUrl | None = Field(None, description="Address of the official document (https), only where certain; "
                                    "left out rather than guessed.")
    origin: Text | None = Field(None, description="Where the text conversion comes from.")
    licence: Text | None = Field(None, description="Licence note of the source text (not the data's licence).")


class Section(Model):
    """A narrative section of a plan overview, in the project's own words (Markdown)."""

    id: Slug
    title: Text
    body: Text = Field(description="Markdown; rendered and sanitized.")
    source: Source | None = None


class LegalReference(Model):
    """A legal document a plan cites: an instrument of the shared registry or a domestic law."""

    instrument: Slug | None = None
    law: Slug | None = None
    printed: Text = Field(description="The citation as printed in the plan.")
    ref: Ref | None = Field(None, description="Its number in the plan's list, as printed.")
    articles: list[Ref] = []
    amendment: Text | None = Field(None, description="The change the plan asks for, where it asks for one.")
    source: Source | None = None
    notes: list[Text] = []

    @model_validator(mode="after")
    def _one_target(self) -> LegalReference:
        if (self.instrument is None) == (self.law is None):
            raise ValueError("a legal reference names exactly one of 'instrument' or 'law'")
        return self


class Indicator(Model):
    """A plan-level indicator (e.g. a final indicator), with any quantified values."""

    id: Slug
    ref: Ref | None = None
    text: Text
    lang: LangCode = "en"
    kind: Text = Field("indicator", description="As the plan names it, e.g. 'final indicator'.")
    values: list[Target] = []
    source: Source | None = None
    notes: list[Text] = []


class BudgetLine(Model):
    """One row of a budget table: a body or item and its figures, as printed."""

    label: Text = Field(description="Row label as printed, e.g. the institution's name.")
    institution: Slug | None = Field(None, description="Institution id, where the row is one body.")
    amounts: list[Amount] = Field([], description="Figures with their year and currency, as printed.")
    printed: Text | None = Field(None, description="The row's cells as printed, where they need keeping.")
    notes: list[Text] = []


class BudgetTable(Model):
    """A plan's budget table (e.g. per institution per year), as structured figures for charts."""

    id: Slug
    title: Text
    period: Timeframe | None = None
    rows: list[BudgetLine] = []
    totals: list[Amount] = Field([], description="Totals as printed (one per year and currency).")
    source: Source | None = None
    notes: list[Text] = []


class FundingSource(Model):
    """A source of funding the plan names (state budget, a donor, a project)."""

    name: Text
    printed: Text | None = None
    institution: Slug | None = Field(None, description="Institution id, where the source is one body.")
    source: Source | None = None
    notes: list[Text] = []


class Plan(Model):
    """A national plan: metadata, overview narrative, registries it cites, and its pillars."""

    id: PlanId
    country: CountryCode
    title: Text
    short_title: Text
    kind: Literal["strategy", "action-plan", "strategy-and-action-plan", "plan-framework"]
    period: Timeframe
    period_printed: bool = Field(True, description="False where the source prints no period for the plan: `period` is "
                                 "then inferred (for ordering and the id) and `period_note` says from what.")
    period_note: Text | None = Field(None, description="Shown instead of the period where none is printed, e.g. "
                                     "'activities reported for 2018–2019'.")
    action_plan_period: Timeframe | None = None
    date: Text | None = Field(None, description="Date of the document as printed.")
    adopted_by: Text | None = Field(None, description="Adopting or issuing body, as printed.")
    adopted_by_id: Slug | None = None
    source: SourceDocument
    summary: Text = Field(description="Markdown, in the project's own words: what the plan is, at a glance.")
    vision: Text | None = Field(None, description="Vision as printed.")
    mission: Text | None = Field(None, description="Mission as printed.")
    overview: list[Section] = []
    levels: list[Level] = Field(description="The labels of the objective tree, top first.")
    activity_label: Text = "Activity"
    task_label: Text = "Task"
    status_scale: list[Status] = [Status.completed, Status.partially_completed, Status.not_completed]
    legal_references: list[LegalReference] = []
    indicators: list[Indicator] = []
    budget_tables: list[BudgetTable] = []
    funding_sources: list[FundingSource] = []
    notes: list[Text] = []
    pillars: list[Pillar] = Field([], description="Filled from the plan's pillar files, in the order listed.")
    pillar_files: list[Text] = Field(description="Pillar files beside plan.yaml, in reading order.")

    @model_validator(mode="after")
    def _period_note(self) -> Plan:
        if not self.period_printed and not self.period_note:
            raise ValueError("a plan whose period is not printed must say in 'period_note' how it is inferred")
        return self

    @property
    def period_display(self) -> str:
        """The period as printed, or 'not printed; ...' with the note where the source prints none."""
        return self.period.printed if self.period_printed else f"not printed; {self.period_note}"


class FormerName(Model):
    """A name the country had when a plan was issued."""

    name: Text
    until: Year | None = None
    notes: list[Text] = []


class Country(Model):
    """A country or territory with plans on the site."""

    code: CountryCode = Field(description="ISO 3166-1 alpha-2 (Kosovo: XK, user-assigned).")
    name: Text
    region: RegionId = Field(description="UN M49 sub-region, as an id: southern-europe, western-asia, ... "
                                          "(docs_build/data/regions.py). Groups countries on the countries page.")
    former_names: list[FormerName] = []
    summary: Text | None = Field(None, description="Markdown, in the project's own words.")
    notes: list[Text] = []


def _acronym(value: str) -> str:
    """An acronym is printed in tooltip definitions unescaped: letters and digits only, a few joiners between."""
    if not re.fullmatch(r"[^\W_]+(?:[ .&/'-][^\W_]+)*\.?", value) or len(value) > 30:
        raise ValueError("an acronym is up to 30 letters or digits, with single spaces, dots, hyphens, slashes, "
                         "ampersands or apostrophes between them")
    return value


Acronym = Annotated[str, AfterValidator(_acronym)]  # checked in Python, so that the published JSON Schema stays put

InstitutionKind = Literal[
    "ministry", "government", "parliament", "agency", "police", "prosecution", "court",
    "judicial-council", "coordination-body", "inspectorate", "local-government", "social-services",
    "education", "health", "independent-institution", "ngo", "international-organisation",
    "donor", "media", "academia", "private-sector", "other",
]


class Institution(Model):
    """A body named by a country's plans, with its acronym for tooltips."""

    id: Slug
    name: Text
    acronyms: list[Acronym] = Field([], description="Acronyms as printed (English first, then others).")
    kind: InstitutionKind
    name_printed: bool = Field(True, description="False where the source never spells the name out.")
    parent: Slug | None = None
    notes: list[Text] = []


class Law(Model):
    """A domestic law or code of one country."""

    id: Slug
    title: Text
    kind: Literal["constitution", "code", "law", "bylaw", "decision", "strategy", "agreement", "other"] = "law"
    number: Ref | None = Field(None, description="Number as printed, e.g. '03/L-002'.")
    date: Line | None = Field(None, description="Date as printed.")
    gazette: Line | None = Field(None, description="Official Gazette reference as printed.")
    notes: list[Text] = []


class Instrument(Model):
    """An international legal instrument, shared by all countries."""

    id: Slug
    title: Text
    short_title: Text | None = None
    kind: Literal["convention", "protocol", "directive", "declaration", "resolution", "guidelines",
                  "action-plan", "covenant", "decision", "agreement", "other"]
    body: Text = Field(description="Adopting organisation, e.g. 'United Nations', 'Council of Europe'.")
    year: Year | None = None
    url: OfficialUrl | None = Field(None, description="The instrument's page in its official collection (UN Treaty "
                                    "Collection, OHCHR, Council of Europe, EUR-Lex, ILO NORMLEX), only where certain.")
    notes: list[Text] = []


class Theme(Model):
    """A theme of the cross-country taxonomy."""

    id: Slug
    name: Text
    kind: Literal["pillar", "cross-cutting"] = Field(
        description="'pillar': one of the 4P, the primary theme of every item; 'cross-cutting': a secondary theme.")
    description: Text
    parent: Slug | None = None


SitePath = Annotated[str, StringConstraints(pattern=r"^(?:[a-z0-9]+(?:-[a-z0-9]+)*/)+$", max_length=300)]


class Redirect(Model):
    """A retired address that must keep working: it leads to the item's current page."""

    from_: SitePath = Field(alias="from", description="The retired path, e.g. 'plans/xk-2011-2014/prevention/old/'.")
    to: Text = Field(description="The current id: country, plan, pillar, objective or activity id.")
    reason: Text = Field(description="Why the id changed, for the record.")
    date: Line | None = Field(None, description="When the id changed (YYYY-MM-DD).")


def slugify(text: str) -> str:
    """Lowercase ASCII slug of a printed reference: '1.(a).2' -> '1-a-2'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
