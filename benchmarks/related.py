"""Benchmark of issue 20: the cost of related activities (TF-IDF + inverted index) at 1×, 10× and 30× the activities.

Usage: .venv/bin/python benchmarks/related.py [--scales 1 10 30]

The corpus is the shipped activities copied N times, each copy counted as another plan (as benchmarks/run.py copies
every plan): the hardest case for an inverted index, since every term then occurs in at least N documents.
Prints documents, CPU seconds (process time: the machine is shared, wall time says more about the neighbours) and
CPU milliseconds per document; n·log n growth keeps the last column nearly flat."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docs_build.data.atlas import build_atlas  # noqa: E402
from docs_build.data.records import Records  # noqa: E402
from docs_build.site.related import activity_parts  # noqa: E402
from docs_build.site.similarity import documents, nearest, tfidf  # noqa: E402


def main() -> None:
    """Time documents → vectors → nearest at each scale."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 30])
    args = parser.parse_args()
    records = Records(build_atlas(ROOT / "data"))
    acts = records.all_activities()
    parts = [activity_parts(r) for r in acts]
    print(f"{'scale':>5} {'documents':>9} {'CPU s':>8} {'ms/doc':>7} {'wall s':>8}")
    for scale in args.scales:
        plans = [f"{r.plan_id}#{copy}" for copy in range(scale) for r in acts]
        start, wall = time.process_time(), time.perf_counter()
        vectors = tfidf(documents(parts * scale))
        nearest(vectors, k=15, allowed=lambda i, j, plans=plans: plans[i] != plans[j])
        seconds, wall = time.process_time() - start, time.perf_counter() - wall
        print(f"{scale:>5} {len(plans):>9} {seconds:>8.2f} {1000 * seconds / len(plans):>7.2f} {wall:>8.2f}")


if __name__ == "__main__":
    main()
