"""Open-data exports: the dataset as JSON and CSV, its JSON Schema and a Frictionless data package.

The same data always gives the same bytes: no timestamps, fixed orders, fixed formatting. The site
publishes the files under downloads/; `python -m docs_build export OUTDIR` writes the same files.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ..data.records import Records
from . import citation, datapackage, jsondata, tables
from .schema import dataset_schema

DOWNLOADS = "downloads/"
DATASET = "plan-atlas.json"
SCHEMA = "plan-atlas.schema.json"
DATAPACKAGE = "datapackage.json"
LICENSE = "LICENSE.txt"


@dataclass(frozen=True)
class Download:
    """One export file: its path under downloads/, what it holds, and its bytes."""

    name: str
    description: str
    content: bytes

    @property
    def sha256(self) -> str:
        """SHA-256 checksum of the file, hex."""
        return hashlib.sha256(self.content).hexdigest()

    @property
    def size(self) -> str:
        """Size for readers, in kB (1000 bytes)."""
        return f"{len(self.content) / 1000:,.1f} kB"

    @property
    def link(self) -> Markup:
        """Docs-relative link to the file, checked by MkDocs at build time."""
        return Markup("/" + DOWNLOADS + self.name)


def downloads(records: Records, release: str) -> list[Download]:
    """Every export file of a release, in the order the downloads page lists them: dataset, tables, plan files."""
    atlas = records.atlas
    plans = {plan_id: jsondata.plan_data(plan) for plan_id, plan in atlas.plans.items()}
    csv_files = tables.csv_files(records)
    out = [
        Download(DATASET, "The whole dataset: countries, institutions, laws, instruments, themes and every plan "
                          "with its pillars, objectives and activities (JSON).",
                 jsondata.to_json(jsondata.dataset_data(atlas, release, list(plans.values())))),
        Download(SCHEMA, f"JSON Schema (draft 2020-12) of {DATASET}; a plan file is its $defs/ExportPlan.",
                 jsondata.to_json(dataset_schema())),
        Download(DATAPACKAGE, "Frictionless Data Package descriptor of the CSV tables: types, keys, licence.",
                 jsondata.to_json(datapackage.descriptor(csv_files, release))),
    ]
    out += [Download(spec.path, spec.description, csv_files[spec.path]) for spec in tables.SPECS]
    out.append(Download(LICENSE, "Licence of the data (CC BY 4.0) and how to cite it.",
                        citation.licence_text(release).encode("utf-8")))
    out += [Download(f"plans/{plan.id}.json", f"{plan.short_title}: {plan.title} (JSON).",
                     jsondata.to_json(plans[plan.id])) for plan in atlas.plans.values()]
    return out


def export_files(records: Records) -> dict[str, bytes]:
    """Every export file's bytes, keyed by its path under downloads/."""
    return {d.name: d.content for d in downloads(records, citation.version())}


def write(files: dict[str, bytes], outdir: Path) -> None:
    """Write the export files into a folder (created if missing); other files there are left alone."""
    for name, content in files.items():
        target = outdir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)

