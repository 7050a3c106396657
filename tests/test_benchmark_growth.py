"""The benchmark's time-per-page growth: against the 1× runs that bracket a scale, else the fastest 1× run."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import run as bench  # noqa: E402


def scale(n: int, pages: int, atlas: list[float], plain: list[float]) -> bench.Scale:
    """A scale whose builds took these wall (and, the same, CPU) seconds for `pages` pages."""
    builds = [bench.Build(times=list(t), cpus=list(t), pages=pages, median=1.0) for t in (atlas, plain)]
    setup = bench.Setup(Path("."), Path("."), {}, {}, 0.0)
    return bench.Scale(n, {}, builds[0], builds[1], 0.0, setup)


def test_without_a_bracket_growth_is_against_the_fastest_1x_run() -> None:
    one = scale(1, 100, [10.0, 20.0], [8.0])
    ten = scale(10, 1000, [150.0], [80.0])
    assert ten.growth(one, "atlas") == pytest.approx(1.5)
    assert ten.growth(one, "plain", cpu=True) == pytest.approx(1.0)


def test_a_bracketed_scale_is_compared_with_the_1x_runs_on_either_side() -> None:
    one = scale(1, 100, [10.0], [8.0])
    ten = scale(10, 1000, [150.0], [80.0])
    one.atlas.times.append(20.0)  # what bench.bracket measures: 1× again, right after 10×
    one.atlas.cpus.append(20.0)
    ten.baseline["atlas"] = ((10.0 + 20.0) / 2 / 100, (10.0 + 20.0) / 2 / 100)
    assert ten.growth(one, "atlas") == pytest.approx(1.0)
    assert ten.growth(one, "atlas", cpu=True) == pytest.approx(1.0)
    assert ten.growth(one, "plain") == pytest.approx(1.0)  # not bracketed: the fastest 1× run
    table = bench.table([one, ten])
    assert "the 1× runs just before and after" in table and "vs the fastest 1× run | 1.00× / 1.00× | 1.50×" in table
    verdict = next(text for ok, text in bench.targets([one, ten]) if "from 1× to 10×" in text and ok is not None
                   and "against the 1× runs" in text)
    assert "1.00×" in verdict and "fastest 1× run 1.50×" in verdict
