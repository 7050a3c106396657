"""JSON Schema of the data files and of the published dataset, generated from the typed model."""

from __future__ import annotations

from typing import Any

from ..data.loader import InstitutionsFile, InstrumentsFile, LawsFile, ThemesFile
from ..data.models import Country, Pillar, Plan
from .jsondata import ExportDataset

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def plan_schema() -> dict[str, Any]:
    """JSON Schemas of every kind of data file, keyed by file kind."""
    kinds = {"plan": Plan, "pillar": Pillar, "country": Country, "institutions": InstitutionsFile,
             "laws": LawsFile, "instruments": InstrumentsFile, "themes": ThemesFile}
    return {name: model.model_json_schema() for name, model in kinds.items()}


def dataset_schema() -> dict[str, Any]:
    """JSON Schema of downloads/plan-atlas.json (as serialised); a plan file is its `$defs/ExportPlan`."""
    return {"$schema": JSON_SCHEMA_DIALECT, **ExportDataset.model_json_schema(mode="serialization")}
