"""Related activities: the activities of other plans that say the most alike, by TF-IDF cosine over their words
(text, tasks, indicators, expected results) with a small weight for shared themes; theme-mates fill a short list."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..data.records import ActivityRecord, Records
from .similarity import documents, nearest, tfidf

LIMIT = 5
SAME_PRIMARY = 0.05  # added to the cosine when two activities share their primary theme
SHARED_THEMES = 0.1  # times the Jaccard index of their cross-cutting themes
MIN_TEXT = 0.08  # below this cosine, words in common are chance; the theme-mates come instead


@dataclass(frozen=True)
class Related:
    """An activity's related activities: the list on its page, and its closest activity in each other plan."""

    similar: dict[str, list[ActivityRecord]]
    closest: dict[str, list[ActivityRecord]]
    by_text: dict[str, set[str]]  # the ids in `similar` that were chosen by their words (the others by theme)


def activity_parts(record: ActivityRecord) -> list[tuple[str, int]]:
    """The texts that say what an activity is about, with weights: its own words count three times."""
    item = record.item
    parts = [(record.text, 3)] + [(t.text, 1) for t in item.tasks]
    parts += [(text, 1) for text in record.indicator_texts]
    parts += [(r.text, 1) for r in item.expected_results]
    return parts


def theme_bonus(a: ActivityRecord, b: ActivityRecord) -> float:
    """A small score for shared themes, enough to order activities whose words are equally close."""
    return _bonus(a.theme, frozenset(a.themes[1:]), b.theme, frozenset(b.themes[1:]))


def _bonus(primary_a: str | None, others_a: frozenset[str], primary_b: str | None, others_b: frozenset[str]) -> float:
    score = SAME_PRIMARY if primary_a and primary_a == primary_b else 0.0
    union = len(others_a | others_b)
    return score + SHARED_THEMES * len(others_a & others_b) / union if union else score


def related_index(records: Records, limit: int = LIMIT) -> Related:
    """For every activity: up to `limit` activities of other plans, most alike first (by words, then by theme),
    and the closest activity of each other plan."""
    acts = records.all_activities()
    vectors = tfidf(documents(activity_parts(r) for r in acts))
    plans = [r.plan_id for r in acts]
    primary = [r.theme for r in acts]
    others = [frozenset(r.themes[1:]) for r in acts]

    def pair_bonus(i: int, j: int) -> float:
        return _bonus(primary[i], others[i], primary[j], others[j])

    found = nearest(vectors, k=3 * limit, allowed=lambda i, j: plans[i] != plans[j], bonus=pair_bonus)
    fallback = _theme_mates(records, limit)
    similar, closest, by_text = {}, {}, {}
    for i, record in enumerate(acts):
        text_hits = [acts[j] for score, j in found[i] if score - pair_bonus(i, j) >= MIN_TEXT]
        chosen = text_hits[:limit]
        seen = {r.id for r in chosen}
        chosen += [r for r in fallback[record.id] if r.id not in seen][: limit - len(chosen)]
        similar[record.id] = chosen
        by_text[record.id] = {r.id for r in text_hits[:limit]}
        per_plan: dict[str, ActivityRecord] = {}
        for r in text_hits:
            per_plan.setdefault(r.plan_id, r)
        closest[record.id] = list(per_plan.values())
    return Related(similar, closest, by_text)


def _theme_mates(records: Records, limit: int) -> dict[str, list[ActivityRecord]]:
    """activity id → up to `limit` activities of other plans with the same primary and first cross-cutting theme,
    one per plan first, then any others with the same primary theme; in plan order (linear time)."""
    by_pair: dict[tuple[str | None, ...], list[ActivityRecord]] = defaultdict(list)
    by_primary: dict[str | None, list[ActivityRecord]] = defaultdict(list)
    for record in records.all_activities():
        if record.theme:
            by_pair[record.themes[:2]].append(record)
            by_primary[record.theme].append(record)
    out: dict[str, list[ActivityRecord]] = {}
    for record in records.all_activities():
        chosen: list[ActivityRecord] = []
        plans = {record.plan_id}
        for pool in (by_pair[record.themes[:2]], by_primary[record.theme]) if record.theme else ():
            for other in pool:
                if len(chosen) == limit:
                    break
                if other.plan_id not in plans:
                    chosen.append(other)
                    plans.add(other.plan_id)
        out[record.id] = chosen
    return out
