"""How to cite one activity: plain text and BibTeX, from the plan's printed title, issuing body and date."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..data.models import Plan
from ..data.records import ActivityRecord

ACCESSED = "[date accessed]"


@dataclass(frozen=True)
class Citation:
    """A ready citation of an activity; the URL is absolute when the site's address is known."""

    text: str
    bibtex: list[str]
    url: str


def plan_year(plan: Plan) -> str | None:
    """The year printed in the plan's date (e.g. 'August 2011' → '2011'), else none: never guessed."""
    found = re.search(r"\b(19|20)\d{2}\b", plan.date or "")
    return found.group(0) if found else None


def _bib(value: str) -> str:
    """A BibTeX field value with its special characters escaped."""
    return re.sub(r"([{}\\%&$#_^~])", r"\\\1", value)


def cite_activity(plan: Plan, record: ActivityRecord, site_url: str) -> Citation:
    """Citation of an activity: issuing body (year). Plan title. Pillar, activity ref. Plan Atlas, URL, accessed."""
    url = (site_url.rstrip("/") + "/" if site_url else "/") + record.url
    ref = record.ref or f"[{record.key}]"
    year = plan_year(plan)
    author = plan.adopted_by
    lead = f"{author} ({year}). " if author and year else f"{author}. " if author else ""
    where = f"{record.pillar_title}, {plan.activity_label.lower()} {ref}"
    text = f"{lead}{plan.title}. {where}. Plan Atlas, {url} (accessed {ACCESSED})."
    key = "atlas-" + re.sub(r"[^a-z0-9]+", "-", record.id)
    bibtex = [f"@misc{{{key},"]
    if author:
        bibtex.append(f"  author = {{{{{_bib(author)}}}}},")
    bibtex.append(f"  title = {{{_bib(plan.title)}: {_bib(where)}}},")
    if year:
        bibtex.append(f"  year = {{{year}}},")
    bibtex += ["  howpublished = {Plan Atlas},", f"  url = {{{url}}},", f"  urldate = {{{ACCESSED}}},",
               f"  note = {{Activity id {record.id}}},", "}"]
    return Citation(text, bibtex, url)
