"""The validated, assembled dataset: plans with their pillars, registries by country."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path

from . import urls
from .loader import Loaded, load_dataset
from .models import Country, Institution, Instrument, Law, Plan, Redirect, Theme
from .problems import DataError, Problem, quote
from .redirects import addresses
from .sources import SourceText, load_sources
from .xref import check

DATA_ENV = "PLAN_ATLAS_DATA"


def data_dir(root: Path) -> Path:
    """The data folder: $PLAN_ATLAS_DATA if set, else <root>/data."""
    return Path(os.environ.get(DATA_ENV) or root / "data")


@dataclass(frozen=True)
class Atlas:
    """Everything the site is made from; built only from data that passed both validation passes."""

    countries: dict[str, Country]
    institutions: dict[str, dict[str, Institution]]
    laws: dict[str, dict[str, Law]]
    instruments: dict[str, Instrument]
    themes: dict[str, Theme]
    plans: dict[str, Plan]
    redirects: list[Redirect]
    sources: dict[str, SourceText] = dataclass_field(default_factory=dict)  # plan id → its source text, where shipped

    def plans_of(self, code: str) -> list[Plan]:
        """Plans of one country, oldest first."""
        return [plan for plan in self.plans.values() if plan.country.lower() == code]

    def institution(self, plan: Plan, body_id: str) -> Institution:
        """An institution of the plan's country."""
        return self.institutions[plan.country.lower()][body_id]

    def acronyms(self, code: str) -> dict[str, str]:
        """Acronym → full name for one country's institutions, for tooltips (none where the name is the acronym)."""
        return {acronym: inst.name for inst in self.institutions.get(code, {}).values() for acronym in inst.acronyms
                if acronym != inst.name}


def build_atlas(data_dir: Path) -> Atlas:
    """Load and validate data/; raise DataError with every problem, or return the Atlas."""
    dataset = load_dataset(data_dir)
    problems = dataset.problems + check(dataset)
    plans = {}
    for key, loaded in dataset.plans.items():
        pillars = [p.model for p in dataset.pillars.get(key, [])]
        plans[key] = loaded.model.model_copy(update={"pillars": pillars})
    redirects = dataset.redirects.model.redirects if dataset.redirects else []
    if dataset.redirects and not problems:
        institutions = [urls.institution(code, body.id) for code, loaded in dataset.institutions.items()
                        for body in loaded.model.institutions]
        problems += check_redirects(dataset.redirects, addresses(plans.values()), institutions)
    if problems:
        raise DataError(problems)
    ordered = dict(sorted(plans.items(), key=lambda kv: (kv[1].country, kv[1].period.start or 0, kv[0])))
    return Atlas(
        countries={k: v.model for k, v in sorted(dataset.countries.items(), key=lambda kv: kv[1].model.name)},
        institutions={k: {i.id: i for i in v.model.institutions} for k, v in dataset.institutions.items()},
        laws={k: {law.id: law for law in v.model.laws} for k, v in dataset.laws.items()},
        instruments={i.id: i for i in dataset.instruments.model.instruments} if dataset.instruments else {},
        themes={t.id: t for t in dataset.themes.model.themes} if dataset.themes else {},
        plans=ordered,
        redirects=redirects,
        sources=load_sources(data_dir, list(ordered)),
    )


def check_redirects(loaded: Loaded, known: dict[str, str], pages: Iterable[str] = ()) -> list[Problem]:
    """Each redirect leads to a current id, from an address no live page, section or other redirect holds."""
    problems = []
    in_use = {url.split("#")[0] for url in known.values()} | set(pages) | set(urls.INDEXES)
    seen: set[str] = set()
    for i, redirect in enumerate(loaded.model.redirects):
        why = _hidden(redirect.from_, in_use, seen)
        seen.add(redirect.from_)
        for field, bad, message in (("to", redirect.to not in known, "redirect leads to no current id"),
                                    ("from", why is not None, why)):
            if bad:
                line, col = loaded.doc.where(("redirects", i, field))
                value = redirect.to if field == "to" else redirect.from_
                problems.append(Problem(loaded.path, line, col, f"xref.redirect-{field}", message, quote(value)))
    return problems


def _hidden(source: str, in_use: set[str], seen: set[str]) -> str | None:
    """Why a retired address cannot get a redirect page, or None."""
    if source in in_use:
        return "retired address is still in use"
    if source.startswith(urls.SECTIONS):
        return f"retired address lies in a section of the site ({source.split('/')[0]}/)"
    if source in seen:
        return "retired address is redirected twice"
    return None
