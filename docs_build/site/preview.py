"""Link preview images (og:image), drawn at build time with Pillow: the same data gives the same bytes.

The font is Pillow's own (Aileron, shipped inside the Pillow wheel and used by ImageFont.load_default), so the images
look the same on every machine without system fonts.
"""

from __future__ import annotations

import io
from collections import Counter
from decimal import Decimal
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from ..data.atlas import Atlas
from ..data.records import Records
from .meta import PREVIEW_SIZE, SITE_NAME, country_image, plan_image, site_image
from .render import format_amount

INDIGO = (63, 81, 181)
INK = (33, 33, 33)
GREY = (90, 90, 90)
WHITE = (255, 255, 255)
MARGIN = 64
# Aileron has no typographic dashes or quotes: they are drawn as their plain forms.
PLAIN = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "„": '"', "…": "..."})


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's bundled scalable font at a size."""
    return ImageFont.load_default(size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, size: int, width: int, lines: int) -> list[str]:
    """The text in at most `lines` lines that fit `width` pixels, the last one cut with an ellipsis."""
    font, out, current = _font(size), [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if draw.textlength(candidate, font=font) <= width or not current:
            current = candidate
            continue
        out.append(current)
        current = word
    out.append(current)
    if len(out) > lines:
        out = out[:lines]
        while draw.textlength(out[-1] + " ...", font=font) > width and " " in out[-1]:
            out[-1] = out[-1].rsplit(" ", 1)[0]
        out[-1] += " ..."
    return out


def preview_png(kicker: str, title: str, period: str, figures: list[tuple[str, str]]) -> bytes:
    """A 1200×630 PNG: site name band, kicker (country), title, period and up to four key figures."""
    kicker, title, period = (t.translate(PLAIN) for t in (kicker, title, period))
    width, height = PREVIEW_SIZE
    image = Image.new("RGB", PREVIEW_SIZE, WHITE)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 96), fill=INDIGO)
    draw.text((MARGIN, 30), SITE_NAME, font=_font(40), fill=WHITE, stroke_width=1, stroke_fill=WHITE)
    y = 130
    if kicker:
        draw.text((MARGIN, y), kicker, font=_font(34), fill=GREY)
        y += 56
    for line in _wrap(draw, title, 54, width - 2 * MARGIN, 3):
        draw.text((MARGIN, y), line, font=_font(54), fill=INK, stroke_width=1, stroke_fill=INK)
        y += 68
    if period:
        draw.text((MARGIN, y + 8), period, font=_font(34), fill=GREY)
    x, top = MARGIN, height - 150
    draw.line((MARGIN, top - 24, width - MARGIN, top - 24), fill=(200, 200, 200), width=2)
    for value, label in figures[:4]:
        draw.text((x, top), value, font=_font(50), fill=INDIGO, stroke_width=1, stroke_fill=INDIGO)
        draw.text((x, top + 62), label, font=_font(26), fill=GREY)
        x += max(draw.textlength(value, font=_font(50)), draw.textlength(label, font=_font(26))) + 56
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=6)
    return out.getvalue()


def budget_figures(totals: dict[str, Decimal]) -> list[tuple[str, str]]:
    """Printed budget figures summed per currency (never across currencies), largest count first."""
    return [(format_amount(value), f"{currency} in activity budgets") for currency, value in sorted(totals.items())]


def previews(atlas: Atlas, records: Records) -> dict[str, bytes]:
    """Every preview image: the site's, one per country and one per plan (path → PNG bytes)."""
    plans_by_country = Counter(plan.country.lower() for plan in atlas.plans.values())
    total = len(records.all_activities())
    files = {site_image(): preview_png(
        "National action plans against trafficking in human beings",
        "Every plan, activity by activity, compared across countries", "",
        [(str(len(atlas.countries)), "countries"), (str(len(atlas.plans)), "plans"),
         (f"{total:,}", "activities")])}
    for code, country in atlas.countries.items():
        plans = atlas.plans_of(code)
        count = sum(len(records.activities[p.id]) for p in plans)
        periods = ", ".join(p.period.printed for p in plans)
        files[country_image(code)] = preview_png(
            "Country", country.name, periods,
            [(str(plans_by_country[code]), "plans" if plans_by_country[code] != 1 else "plan"),
             (f"{count:,}", "activities")])
    for plan in atlas.plans.values():
        rows = records.activities[plan.id]
        totals: dict[str, Decimal] = {}
        for row in rows:
            for currency, value in row.budget_totals().items():
                totals[currency] = totals.get(currency, Decimal(0)) + value
        files[plan_image(plan.id)] = preview_png(
            atlas.countries[plan.country.lower()].name, plan.title, plan.period.printed,
            [(f"{len(rows):,}", "activities"), (str(len(plan.pillars)), "pillars"), *budget_figures(totals)])
    return files
