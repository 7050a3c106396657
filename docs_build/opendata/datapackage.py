"""The Frictionless Data Package (v1) descriptor of the CSV tables: datapackage.json beside them."""

from __future__ import annotations

import hashlib
from typing import Any

from .citation import LICENSE_ID, LICENSE_TITLE, LICENSE_URL, NAME, TITLE
from .tables import SPECS, SPREADSHEET_NOTE, TableSpec

# RFC 4180 as written: the file also starts with a UTF-8 byte-order mark, which readers strip.
DIALECT = {"csvddfVersion": 1.2, "delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"',
           "doubleQuote": True, "header": True}


def table_schema(spec: TableSpec) -> dict[str, Any]:
    """Table Schema of one CSV: typed fields, primary key, foreign keys; an empty cell is no value."""
    schema: dict[str, Any] = {
        "fields": [{"name": c.name, "type": c.type, "description": c.description} for c in spec.columns],
        "missingValues": [""],
    }
    if spec.primary_key:
        schema["primaryKey"] = list(spec.primary_key)
    if spec.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": fk.field, "reference": {"resource": "" if fk.resource == spec.name else fk.resource,
                                               "fields": fk.reference}} for fk in spec.foreign_keys]
    return schema


def resource(spec: TableSpec, content: bytes) -> dict[str, Any]:
    """Data Resource of one CSV file, with its size and SHA-256 hash."""
    return {
        "name": spec.name, "path": spec.path, "title": spec.title,
        "description": f"{spec.description} {SPREADSHEET_NOTE}",
        "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
        "bytes": len(content), "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
        "dialect": DIALECT, "schema": table_schema(spec),
    }


def descriptor(csv_files: dict[str, bytes], release: str) -> dict[str, Any]:
    """datapackage.json: the package and one resource per CSV table, in table order."""
    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": TITLE,
        "description": "National plans against trafficking in human beings of the Western Balkans, transcribed "
                       "activity by activity: plans, pillars, objectives, activities, budget figures, institutions, "
                       "legal references and indicators. The whole dataset is also published as plan-atlas.json.",
        "version": release,
        "licenses": [{"name": LICENSE_ID, "path": LICENSE_URL, "title": LICENSE_TITLE}],
        "sources": [{"title": "The national plans, as published by the governments and bodies that adopted them"}],
        "keywords": ["trafficking in human beings", "national action plans", "Western Balkans"],
        "resources": [resource(spec, csv_files[spec.path]) for spec in SPECS],
    }
