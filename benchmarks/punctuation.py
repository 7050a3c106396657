"""Benchmark of issue 23: long runs of punctuation build as fast as letters (rendering is linear in the text).

Usage: .venv/bin/python benchmarks/punctuation.py [--runs 2] [--length 20000] [--count 10]

Builds the minimal fixture with `--count` activity texts of `--length` characters, once with letters and once per
kind of punctuation, with the real `mkdocs build --strict`; the fastest of `--runs` builds counts. PASS when every
punctuation build takes at most MAX_RATIO times the letters build. Before the fix, every sign became a numeric
entity that Python-Markdown's inline pass re-scanned: 10 x 20,000 dots took minutes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "fixtures" / "minimal" / "data"
PILLAR = "plans/xk-2011-2014/1-prevention.yaml"
MAX_RATIO = 1.5
KINDS = {"letters": "a", "dots": ".", "mixed punctuation": ".*_-[]<>&|#!`\\'\""}


def pillar(text: str, count: int) -> str:
    """A pillar file of `count` activities that each hold `text` (YAML double-quoted, escaped)."""
    quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    items = "".join(f"      - ref: '1.{i}'\n        text: {quoted}\n" for i in range(1, count + 1))
    return ("id: prevention\ntitle: Prevention\nobjectives:\n  - level: goal\n    ref: '1'\n    title: G\n"
            f"    activities:\n{items}")


def build_seconds(data: Path, site: Path) -> float:
    """Wall time of one real strict build of a data folder."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PLAN_ATLAS_DATA": str(data)}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=ROOT, env=env,
                   check=True)
    return time.perf_counter() - started


def main() -> int:
    """Run the builds and print one line per kind, then PASS or FAIL."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--length", type=int, default=20_000)
    parser.add_argument("--count", type=int, default=10)
    args = parser.parse_args()
    times = {}
    with tempfile.TemporaryDirectory() as tmp:
        for kind, signs in KINDS.items():
            data = Path(tmp) / kind.replace(" ", "-") / "data"
            shutil.copytree(MINIMAL, data)
            (data / "redirects.yaml").unlink()  # its target activity is not in the generated pillar
            text = (signs * (args.length // len(signs) + 1))[: args.length]
            (data / PILLAR).write_text(pillar(text, args.count), encoding="utf-8")
            times[kind] = min(build_seconds(data, data.parent / "site") for _ in range(args.runs))
            print(f"{kind:>18}: {times[kind]:6.2f} s ({args.count} x {args.length:,} characters)")
    worst = max(t / times["letters"] for kind, t in times.items() if kind != "letters")
    verdict = "PASS" if worst <= MAX_RATIO else "FAIL"
    print(f"{verdict} punctuation builds at most {MAX_RATIO}x the letters build: worst {worst:.2f}x")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
