"""Related activities: activities of other plans that share an activity's themes, found in linear time."""

from __future__ import annotations

from collections import defaultdict

from ..data.records import ActivityRecord, Records

LIMIT = 5


def related_index(records: Records, limit: int = LIMIT) -> dict[str, list[ActivityRecord]]:
    """activity id → up to `limit` activities of other plans with the same primary and first cross-cutting theme,
    one per plan first, then any others with the same primary theme; in plan order."""
    by_pair: dict[tuple[str | None, ...], list[ActivityRecord]] = defaultdict(list)
    by_primary: dict[str | None, list[ActivityRecord]] = defaultdict(list)
    for record in records.all_activities():
        if record.theme:
            by_pair[record.themes[:2]].append(record)
            by_primary[record.theme].append(record)
    out: dict[str, list[ActivityRecord]] = {}
    for record in records.all_activities():
        if not record.theme:
            out[record.id] = []
            continue
        chosen: list[ActivityRecord] = []
        plans = {record.plan_id}
        for pool in (by_pair[record.themes[:2]], by_primary[record.theme]):
            for other in pool:
                if len(chosen) == limit:
                    break
                if other.plan_id not in plans:
                    chosen.append(other)
                    plans.add(other.plan_id)
        out[record.id] = chosen
    return out
