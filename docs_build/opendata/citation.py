"""Licence and citation of the open dataset: the same words on the downloads page and in LICENSE.txt."""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

NAME = "plan-atlas"
TITLE = "Plan Atlas: national action plans against trafficking in human beings, Western Balkans"
AUTHOR = "Plan Atlas contributors"
LICENSE_ID = "CC-BY-4.0"
LICENSE_TITLE = "Creative Commons Attribution 4.0 International"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def version() -> str:
    """The site's version, from pyproject.toml (else the installed package): the dataset's version too."""
    if not PYPROJECT.is_file():
        return metadata.version(NAME)
    with PYPROJECT.open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def citation(release: str) -> str:
    """Plain-text citation of the dataset; no date is invented, the version identifies the release."""
    return (f"{AUTHOR}. {TITLE}. Dataset, version {release}. Licence: CC BY 4.0. "
            "Files and SHA-256 checksums on the Downloads page (/downloads/) of the Plan Atlas site.")


def bibtex(release: str) -> list[str]:
    """BibTeX entry of the dataset, one line per item."""
    return [
        f"@misc{{{NAME}-{release},",
        f"  author = {{{{{AUTHOR}}}}},",
        f"  title = {{{TITLE}}},",
        f"  version = {{{release}}},",
        "  howpublished = {Plan Atlas site, Downloads page (/downloads/)},",
        f"  note = {{Dataset, version {release}. Licence: CC BY 4.0}},",
        "}",
    ]


def licence_text(release: str) -> str:
    """LICENSE.txt of the downloads: what the licence covers, what it does not, and how to cite."""
    return f"""{TITLE}
Dataset, version {release}

Licence
-------
The data (transcriptions of the plans, the registries of institutions, laws, instruments and
themes, the tables, the narrative in the project's own words) and every file of this folder are
licensed under the {LICENSE_TITLE} licence ({LICENSE_ID}):
{LICENSE_URL}

You may share and adapt them for any purpose, provided you give appropriate credit, link to the
licence and indicate if changes were made.

The source documents remain their issuers' public documents: each national plan is a public
document of the government or body that adopted it. The transcriptions keep its wording.

The code of Plan Atlas is licensed under the MIT licence.

How to cite
-----------
{citation(release)}

BibTeX:
""" + "\n".join(bibtex(release)) + "\n"
