"""What a page says about itself to browsers, search engines and link previews: titles, preview images, JSON-LD."""

from __future__ import annotations

import json
from typing import Any

from ..data import urls
from ..data.models import Country, Plan
from ..opendata import citation

SITE_NAME = "Plan Atlas"
PREVIEW_SIZE = (1200, 630)
PREVIEWS = "assets/previews/"
SITE_URL_WARNING = (
    "WARNING -  Plan Atlas: SITE_URL is not set. The sitemap stays empty, and canonical links, link previews "
    "(og:url, og:image) and citations fall back to relative addresses. The 404 page works only at the root of a "
    "domain: served for a missing address under a sub-path it cannot know where the site starts, and shows without "
    "styles or working links. Build with SITE_URL=https://your.host/path/ to publish (README: Publishing)."
)


def shorten(text: str, limit: int) -> str:
    """The text on one line, cut at the last whole word before `limit` characters with an ellipsis where long."""
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    cut = words[: limit - 1]
    if " " in cut and not words[limit - 1].isspace():
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.–-") + "…"


def activity_title(plan: Plan, ref: str, text: str) -> str:
    """`<subject> — Activity <ref>, <plan>`: the page's title before the site name."""
    return f"{shorten(text, 70)} — {plan.activity_label} {ref}, {plan.short_title}"


def site_url_warning(site_url: str) -> str | None:
    """The one warning of a build without SITE_URL, else none."""
    return None if site_url else SITE_URL_WARNING


def absolute(site_url: str, path: str) -> str:
    """The address of a site path under SITE_URL, or the path from the site root when SITE_URL is unset."""
    return (site_url.rstrip("/") + "/" if site_url else "/") + path


def robots_txt(site_url: str) -> bytes:
    """robots.txt: everything may be crawled; it names the sitemap when the site's address is known."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {absolute(site_url, 'sitemap.xml')}")
    else:
        lines.append("# No Sitemap line: the site was built without SITE_URL (README: Publishing).")
    return ("\n".join(lines) + "\n").encode()


def site_image() -> str:
    """Path of the site's own preview image."""
    return PREVIEWS + "site.png"


def country_image(code: str) -> str:
    """Path of a country's preview image."""
    return f"{PREVIEWS}countries/{code.lower()}.png"


def plan_image(plan_id: str) -> str:
    """Path of a plan's preview image, shared by its pillar, activity and print pages."""
    return f"{PREVIEWS}plans/{plan_id}.png"


def page_meta(image: str, kind: str = "website", jsonld: dict[str, Any] | None = None) -> dict[str, Any]:
    """Front matter keys read by overrides/main.html: preview image and its size, og:type, JSON-LD."""
    meta: dict[str, Any] = {"atlas_image": image, "atlas_image_width": PREVIEW_SIZE[0],
                            "atlas_image_height": PREVIEW_SIZE[1], "atlas_type": kind}
    if jsonld:
        meta["atlas_jsonld"] = jsonld_text(jsonld)
    return meta


def jsonld_text(data: dict[str, Any]) -> str:
    """JSON-LD for a <script> element: compact, with <, > and & escaped so that no data can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def plan_jsonld(plan: Plan, country: Country, site_url: str, activities: int) -> dict[str, Any]:
    """schema.org CreativeWork of a plan: a government's policy document, not a law (so not Legislation)."""
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "CreativeWork", "additionalType": "GovernmentPlan",
        "name": plan.title, "alternateName": plan.short_title, "url": absolute(site_url, urls.plan(plan.id)),
        "inLanguage": plan.source.language, "genre": plan.kind.replace("-", " "),
        "about": "Trafficking in human beings",
        "spatialCoverage": {"@type": "Place", "name": country.name},
        "temporalCoverage": _period(plan),
        "description": f"{plan.short_title}: {activities} activities in {len(plan.pillars)} pillars, "
                       "transcribed from the source document.",
        "isPartOf": {"@type": "WebSite", "name": SITE_NAME, "url": absolute(site_url, "")},
        "image": absolute(site_url, plan_image(plan.id)),
    }
    if plan.adopted_by:
        data["creator"] = {"@type": "Organization", "name": plan.adopted_by}
    if plan.date and _is_iso(plan.date):
        data["datePublished"] = plan.date
    return data


def _period(plan: Plan) -> str:
    """ISO 8601 interval of the plan's years where both are known, else its period as printed."""
    start, end = plan.period.start, plan.period.end
    return f"{start}/{end}" if start and end else plan.period.printed


def _is_iso(value: str) -> bool:
    """Whether a printed date is already YYYY or YYYY-MM-DD (schema.org wants ISO 8601)."""
    return len(value) in (4, 10) and value[:4].isdigit() and all(c.isdigit() or c == "-" for c in value)


def dataset_jsonld(files: list[tuple[str, str, str, int]], release: str, site_url: str) -> dict[str, Any]:
    """schema.org Dataset of the downloads page: one DataDownload per (path, name, encoding, bytes)."""
    return {
        "@context": "https://schema.org", "@type": "Dataset", "name": citation.TITLE,
        "description": "National action plans against trafficking in human beings transcribed activity by activity: "
                       "plans, pillars, objectives, activities, budgets, responsible institutions, legal references "
                       "and indicators, as JSON and CSV with a JSON Schema and a Frictionless data package.",
        "url": absolute(site_url, "downloads/"), "version": release,
        "license": citation.LICENSE_URL, "isAccessibleForFree": True,
        "creator": {"@type": "Organization", "name": citation.AUTHOR},
        "citation": citation.citation(release),
        "keywords": ["human trafficking", "national action plans", "Western Balkans", "open data"],
        "distribution": [
            {"@type": "DataDownload", "name": name, "encodingFormat": encoding,
             "contentUrl": absolute(site_url, path), "contentSize": f"{size} B"}
            for path, name, encoding, size in files
        ],
    }


def encoding_of(name: str) -> str:
    """The media type of a download, from its file name."""
    for suffix, kind in ((".json", "application/json"), (".csv", "text/csv"), (".txt", "text/plain"),
                         (".zip", "application/zip")):
        if name.endswith(suffix):
            return kind
    return "application/octet-stream"
