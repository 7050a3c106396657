"""Benchmark of issue 19: the cost of the link preview images (site/preview.py) beside a whole build, at 1× and 10×.

Usage: .venv/bin/python benchmarks/previews.py [--scales 1 10] [--repeat 3] [--no-build]

For every scale N it makes the synthetic corpus of benchmarks/run.py (the data folder plus N-1 copies of every country
and plan), times `preview.previews(atlas, records)` in this process (CPU time, the least of --repeat runs, with the
share spent encoding PNGs), then one whole `mkdocs build --strict` of the corpus in a fresh child (wall and CPU time
from wait4). The target: the images cost at most 10 % of the build. CPU time is the figure to compare on a shared
machine; wall time says more about the neighbours.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import environment, run_build, synthesize  # noqa: E402

from docs_build.data.atlas import build_atlas  # noqa: E402
from docs_build.data.records import Records  # noqa: E402
from docs_build.site import preview  # noqa: E402

MAX_SHARE = 0.10  # preview CPU time ÷ whole build CPU time


def time_previews(data: Path, repeat: int) -> tuple[int, int, float, float]:
    """Images, their bytes, the least CPU seconds of previews() and of the PNG encoding inside that run."""
    atlas = build_atlas(data)
    records = Records(atlas)
    best, best_encode, files = float("inf"), 0.0, {}
    save = preview.Image.Image.save
    for _ in range(repeat):
        encode = [0.0]

        def timed_save(self: preview.Image.Image, *args: object, _encode: list[float] = encode,
                       **kwargs: object) -> None:
            """Image.save, its CPU time added up."""
            start = time.process_time()
            save(self, *args, **kwargs)
            _encode[0] += time.process_time() - start

        with mock.patch.object(preview.Image.Image, "save", timed_save):
            start = time.process_time()
            files = preview.previews(atlas, records)
            seconds = time.process_time() - start
        if seconds < best:
            best, best_encode = seconds, encode[0]
    return len(files), sum(map(len, files.values())), best, best_encode


def main(argv: list[str] | None = None) -> int:
    """Time the previews and a whole build at each scale; print a Markdown table and the target's PASS/FAIL."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--no-build", action="store_true", help="time the previews only")
    parser.add_argument("--timeout", type=float, default=1800)
    args = parser.parse_args(argv)
    rows, verdicts = [], []
    with tempfile.TemporaryDirectory(prefix="previews-bench-") as tmp:
        for scale in args.scales:
            data = Path(tmp) / f"data-{scale}"
            synthesize(args.data, data, scale)
            images, size, cpu, encode = time_previews(data, args.repeat)
            build_wall = build_cpu = float("nan")
            if not args.no_build:
                site, log = Path(tmp) / f"site-{scale}", Path(tmp) / f"build-{scale}.log"
                command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)]
                build_wall, build_cpu, _ = run_build(command, ROOT, environment(ROOT, data), log, args.timeout)
                share = cpu / build_cpu
                verdicts.append(f"{'PASS' if share <= MAX_SHARE else 'FAIL'}  previews ≤ {MAX_SHARE:.0%} of the build "
                                f"at {scale}×: {share:.1%} ({cpu:.2f} s of {build_cpu:.1f} s CPU)")
            rows.append(f"| {scale}× | {images} | {size / 1e6:.2f} | {cpu:.2f} | {1000 * cpu / images:.0f} | "
                        f"{encode / cpu:.0%} | {build_cpu:.1f} | {build_wall:.1f} | {cpu / build_cpu:.1%} |")
    print("| scale | images | MB | previews CPU s | ms per image | of which PNG encoding | build CPU s | "
          "build wall s | previews ÷ build CPU |")
    print("|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    print("\n".join(["", *verdicts]) if verdicts else "")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
