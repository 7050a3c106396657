"""Walk a pillar's objective tree, yielding each node with its YAML path and its parents."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .models import Activity, Objective, Pillar, Task, slugify


@dataclass(frozen=True)
class Node:
    """An objective or activity in its place: YAML path and chain of parent objectives."""

    item: Objective | Activity
    path: tuple[str | int, ...]
    parents: tuple[Objective, ...]

    @property
    def key(self) -> str:
        """Id part of the node: its slug, else its printed reference slugified."""
        return item_key(self.item)


def item_key(item: Objective | Activity) -> str:
    """Id part of an objective or activity: its slug, else its printed reference slugified."""
    return item.slug or slugify(item.ref or "")


def walk(pillar: Pillar) -> Iterator[Node]:
    """Objectives and activities of a pillar in reading order, depth first."""

    def visit(objectives: list[Objective], path: tuple, parents: tuple) -> Iterator[Node]:
        for i, objective in enumerate(objectives):
            here = path + ("objectives", i)
            yield Node(objective, here, parents)
            chain = parents + (objective,)
            for j, activity in enumerate(objective.activities):
                yield Node(activity, here + ("activities", j), chain)
            yield from visit(objective.objectives, here, chain)

    yield from visit(pillar.objectives, (), ())


def activities(pillar: Pillar) -> Iterator[Node]:
    """Only the activities of a pillar, in reading order."""
    return (node for node in walk(pillar) if isinstance(node.item, Activity))


def task_key(task: Task, index: int) -> str:
    """Id part of a task: its slug, its printed number slugified, else its position (1-based)."""
    return task.slug or slugify(task.ref or "") or str(index)
