"""The dataset as JSON: the pydantic models as published, with the stable id of every objective and activity."""

from __future__ import annotations

import json
from typing import Annotated, Any

from pydantic import ConfigDict, Field, StringConstraints

from ..data import urls
from ..data.atlas import Atlas
from ..data.models import Activity, Country, Institution, Instrument, Law, Model, Objective, Pillar, Plan, Theme
from ..data.walk import item_key
from .citation import LICENSE_ID, NAME, TITLE

ItemId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*){2}$")]


class ExportActivity(Activity):
    """An activity as published, with its stable id."""

    id: ItemId = Field(description="Stable activity id '<plan>/<pillar>/<key>': its page's path without 'plans/'.")


class ExportObjective(Objective):
    """An objective as published, with its stable id and those of everything below it."""

    id: ItemId = Field(description="Stable objective id '<plan>/<pillar>/<level>-<key>': pillar page and anchor.")
    objectives: list[ExportObjective] = []
    activities: list[ExportActivity] = []


class ExportPillar(Pillar):
    """A pillar as published."""

    objectives: list[ExportObjective] = []


class ExportPlan(Plan):
    """A plan as published, pillars included: the content of downloads/plans/<plan-id>.json."""

    pillars: list[ExportPillar] = []


class ExportDataset(Model):
    """The whole dataset as published in downloads/plan-atlas.json."""

    model_config = ConfigDict(title="Plan Atlas dataset")

    name: str = Field(description="Short name of the dataset.")
    title: str
    version: str = Field(description="Version of the site and dataset.")
    license: str = Field(description="SPDX id of the data licence.")
    countries: list[Country]
    institutions: dict[str, list[Institution]] = Field(description="Institutions by lower-case country code.")
    laws: dict[str, list[Law]] = Field(description="Domestic laws by lower-case country code.")
    instruments: list[Instrument]
    themes: list[Theme]
    plans: list[ExportPlan]


def _objective(plan_id: str, pillar_id: str, objective: Objective) -> dict[str, Any]:
    data = objective.model_dump(mode="json", exclude={"objectives", "activities"})
    return {
        "id": urls.objective_id(plan_id, pillar_id, objective, item_key(objective)), **data,
        "objectives": [_objective(plan_id, pillar_id, child) for child in objective.objectives],
        "activities": [{"id": urls.activity_id(plan_id, pillar_id, item_key(a)), **a.model_dump(mode="json")}
                       for a in objective.activities],
    }


def plan_data(plan: Plan) -> dict[str, Any]:
    """One plan with its pillars as JSON data; every objective and activity carries its id."""
    data = plan.model_dump(mode="json", exclude={"pillars"})
    pillars = [{**p.model_dump(mode="json", exclude={"objectives"}),
                "objectives": [_objective(plan.id, p.id, o) for o in p.objectives]} for p in plan.pillars]
    return {**data, "pillars": pillars}


def dataset_data(atlas: Atlas, release: str, plans: list[dict[str, Any]]) -> dict[str, Any]:
    """The whole dataset as JSON data: registries, then the plans (plan_data, in Atlas order)."""
    def dump(models: list[Any]) -> list[dict[str, Any]]:
        return [m.model_dump(mode="json") for m in models]

    return {
        "name": NAME, "title": TITLE, "version": release, "license": LICENSE_ID,
        "countries": dump(list(atlas.countries.values())),
        "institutions": {code: dump(list(atlas.institutions[code].values())) for code in sorted(atlas.institutions)},
        "laws": {code: dump(list(atlas.laws[code].values())) for code in sorted(atlas.laws)},
        "instruments": dump(list(atlas.instruments.values())),
        "themes": dump(list(atlas.themes.values())),
        "plans": plans,
    }


def to_json(data: Any) -> bytes:
    """Deterministic UTF-8 JSON: keys in the models' field order (fixed by code), compact, final newline.

    Compact, because `indent` makes the json module fall back from its C encoder to pure Python (a third of
    the build's own time); any JSON viewer or `jq .` shows it indented."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
