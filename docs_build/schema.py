"""JSON Schema of the data files, generated from the typed model."""

from __future__ import annotations

from typing import Any

from .loader import InstitutionsFile, InstrumentsFile, LawsFile, ThemesFile
from .models import Country, Pillar, Plan


def plan_schema() -> dict[str, Any]:
    """JSON Schemas of every kind of data file, keyed by file kind."""
    kinds = {"plan": Plan, "pillar": Pillar, "country": Country, "institutions": InstitutionsFile,
             "laws": LawsFile, "instruments": InstrumentsFile, "themes": ThemesFile}
    return {name: model.model_json_schema() for name, model in kinds.items()}
