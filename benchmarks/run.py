"""Benchmark of issue 11: build time, pages, memory, search index and page weight at 1×, 10×, 30× the data.

Usage: .venv/bin/python benchmarks/run.py [--scales 1 10 30] [--bracket] [--data DIR] [--out FILE] [--strict]
       [--root DIR]

For every scale N it makes a synthetic corpus (the data folder with every country and plan copied N-1 more
times under user-assigned country codes), validates it with `python -m docs_build check`, then builds it
twice with the real build (`mkdocs build --strict` with the project's hooks) and twice as a plain
MkDocs + Material site of the same pages written out as Markdown (same theme, overrides, extensions and
nav, no hooks). The faster of the runs counts; peak memory is the larger: the most the build's process and the
processes it runs (Pagefind) hold at one moment, sampled every 0.2 s, beside the MkDocs process's own peak and
Pagefind's own peak (indexing the built site again). With --bracket, 1× is built again after each larger scale, and
time per page at that scale is compared with the 1× runs just before and after it. Targets print as PASS/FAIL lines;
the exit status is 0 unless --strict is given and a target fails (2 when a corpus or a build fails).
Sizes are decimal: kB = 1000 bytes, MB = 10^6, GB = 10^9.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent

# Targets of issue 11 (2-core machine).
MAX_SHIPPED_BUILD_S = 10.0
MAX_PER_PAGE_GROWTH = 1.2  # time per page at 10× ÷ time per page at 1×
MAX_OVERHEAD = 1.2  # Plan Atlas build time ÷ plain MkDocs build time
MAX_LARGEST_PAGE = 150_000  # bytes, at 10×
MAX_PEAK_MEMORY = 1_000_000_000  # bytes, at 10×
MAX_SEARCH_SHARE = 0.10  # issue 17: Pagefind's time ÷ the rest of the build, at 1× and 30×
MAX_PEAK_MEMORY_AT = {10: 1_000_000_000, 30: 1_000_000_000, 100: 2_500_000_000}  # issue 22
MAX_SEARCH_INDEX = 2_000_000  # bytes, shipped data: the whole search bundle (a query loads a small part of it)

# ISO 3166-1 alpha-2: assigned codes (iso-codes 4.x) and exceptionally or transitionally reserved ones.
ISO_ASSIGNED = frozenset(re.findall(r"[A-Z]{2}", """
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA
CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB
GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG
KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV
MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB
SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US
UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
AC CP DG EA EU EZ FX IC SU TA UK UN AN BU CS NT TP YU XK
"""))
# User-assigned codes first (AA, QM–QZ, XA–XZ, ZZ); Kosovo's XK is excluded above.
USER_ASSIGNED = ["AA"] + [f"Q{c}" for c in "MNOPQRSTUVWXYZ"] + [f"X{c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"] + ["ZZ"]

CODE_FIELD = re.compile(r"""^(\s*(?:-\s+)?(?:code|country):\s*)(["']?)([A-Za-z]{2})\2(?=\s*(?:#.*)?$)""", re.M)
NAME_FIELD = re.compile(r'^(name:\s*")([^"\n]*)(")', re.M)
REGION_FIELD = re.compile(r'^(region:\s*)"?[a-z-]+"?', re.M)
# UN M49 sub-regions (docs_build/data/regions.py): each copy of the data goes to the next one, so the countries page
# groups them as an atlas of many regions would.
REGIONS = [
    "northern-africa", "sub-saharan-africa", "latin-america-and-the-caribbean", "northern-america", "central-asia",
    "eastern-asia", "south-eastern-asia", "southern-asia", "western-asia", "eastern-europe", "northern-europe",
    "southern-europe", "western-europe", "australia-and-new-zealand", "melanesia", "micronesia", "polynesia",
]


class BenchError(Exception):
    """A corpus that does not validate or a build that fails: the benchmark stops with exit status 2."""


def code_pool(taken: set[str]) -> Iterator[str]:
    """Two-letter codes that are no real country and not in the data: user-assigned first, then unassigned."""
    others = [a + b for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    for code in dict.fromkeys(USER_ASSIGNED + others):
        if code not in ISO_ASSIGNED and code not in taken:
            yield code


def subdirs(path: Path) -> list[str]:
    """Names of the folders directly under path, sorted."""
    return sorted(p.name for p in path.iterdir() if p.is_dir()) if path.is_dir() else []


def rewrite(text: str, codes: dict[str, str], plans: dict[str, str]) -> str:
    """One YAML file of a copy: plan ids and `code`/`country` fields point to the copy's plans and countries."""
    if plans:
        ids = "|".join(re.escape(p) for p in sorted(plans, key=len, reverse=True))
        text = re.sub(rf"(?<![A-Za-z0-9-])(?:{ids})(?![A-Za-z0-9])", lambda m: plans[m.group(0)], text)

    def code(m: re.Match[str]) -> str:
        new = codes.get(m.group(3).lower())
        return m.group(0) if new is None else f"{m.group(1)}{m.group(2)}{new.upper()}{m.group(2)}"

    return CODE_FIELD.sub(code, text)


def copy_tree(src: Path, dest: Path, codes: dict[str, str], plans: dict[str, str], name_code: str | None,
              region: str | None = None) -> None:
    """Copy one country or plan folder, rewriting its YAML files for the copy (and the country's region)."""
    for path in sorted(src.rglob("*")):
        target = dest / path.relative_to(src)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif path.suffix in (".yaml", ".yml"):
            target.parent.mkdir(parents=True, exist_ok=True)
            text = rewrite(path.read_text(encoding="utf-8"), codes, plans)
            if name_code and path == src / "country.yaml":  # "Kosovo" → "Kosovo QM": copies stay apart in the nav
                text = NAME_FIELD.sub(lambda m: f"{m.group(1)}{m.group(2)} {name_code.upper()}{m.group(3)}",
                                      text, count=1)
            if region and path == src / "country.yaml":
                text = REGION_FIELD.sub(lambda m: f'{m.group(1)}"{region}"', text, count=1)
            target.write_text(text, encoding="utf-8")
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)


def synthesize(src: Path, dest: Path, scale: int) -> None:
    """The data folder at `scale`×: the shipped data plus scale-1 copies of every country and plan."""
    shutil.copytree(src, dest)
    countries = subdirs(src / "countries")
    plans = subdirs(src / "plans")
    pool = code_pool({c.upper() for c in countries})
    for copy in range(1, scale):
        try:
            codes = {c: next(pool).lower() for c in countries}
        except StopIteration:
            raise BenchError(f"not enough free country codes for {scale}× {len(countries)} countries") from None
        plan_ids = {p: codes.get(p[:2], p[:2]) + p[2:] for p in plans}
        for c in countries:
            copy_tree(src / "countries" / c, dest / "countries" / codes[c], codes, plan_ids, codes[c],
                      REGIONS[copy % len(REGIONS)])
        for p in plans:
            copy_tree(src / "plans" / p, dest / "plans" / plan_ids[p], codes, plan_ids, None)


def environment(root: Path, data: Path) -> dict[str, str]:
    """Environment of every build: the data folder, no MkDocs 2 banner, the project's docs_build first."""
    env = dict(os.environ, PLAN_ATLAS_DATA=str(data), NO_MKDOCS_2_WARNING="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))
    return env


def check(root: Path, data: Path) -> dict[str, int]:
    """Validate a data folder with `python -m docs_build check`; counts of plans, pillars and countries."""
    proc = subprocess.run([sys.executable, "-m", "docs_build", "--data", str(data), "check"], cwd=root,
                          env=environment(root, data), capture_output=True, text=True)
    if proc.returncode != 0:
        raise BenchError(f"data check failed for {data}:\n{proc.stdout}{proc.stderr}")
    return {k: int(n) for n, k in re.findall(r"(\d+) (plan|pillar|countr)", proc.stdout)}


def plain_project(root: Path, data: Path, work: Path) -> Path:
    """A plain MkDocs project of the generated pages: content/ + pages + files, the config without hooks."""
    from mkdocs.utils.yaml import yaml_load  # resolves !ENV like a real build

    from docs_build.site.build import prepare

    with open(root / "mkdocs.yml", "rb") as f:
        config: dict[str, Any] = yaml_load(f)
    docs = work / "docs"
    shutil.copytree(root / config.get("docs_dir", "docs"), docs)
    subprocess.run([sys.executable, "-m", "docs_build", "--data", str(data), "pages", str(docs)], cwd=root,
                   env=environment(root, data), check=True)
    site = prepare(root, data)
    for path, content in getattr(site, "files", {}).items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_bytes(content)
    config.pop("hooks", None)
    config.pop("watch", None)
    config["docs_dir"] = str(docs)
    config["site_dir"] = str(work / "site")
    config["nav"] = site.nav
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str(root / theme["custom_dir"])
    # Activity pages are outside the nav; the hook marks them NOT_IN_NAV, here they are only not listed.
    validation = config.setdefault("validation", {})
    validation.setdefault("nav", {})["omitted_files"] = "info"
    cfg = work / "mkdocs.yml"
    cfg.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return cfg


@dataclass
class Build:
    """The runs of one kind of build at one scale, and the site it made."""

    times: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)
    peak: int = 0  # bytes: the most the build and what it ran (Pagefind) held at the same moment
    own: int = 0  # bytes: the peak of the MkDocs process alone
    pages: int = 0
    index: int = 0
    largest: int = 0
    largest_page: str = ""
    median: float = 0.0
    search: tuple[float, float] = (0.0, 0.0)  # Pagefind alone on the built site: wall, CPU seconds
    search_peak: int = 0  # bytes: Pagefind's own peak memory
    shards: int = 0  # bundles of the search index (docs_build/site/search.py: one per SHARD_PAGES pages indexed)

    @property
    def time(self) -> float:
        """The fastest run, seconds."""
        return min(self.times)

    @property
    def cpu(self) -> float:
        """The least CPU time (user + system) of the runs, seconds: less sensitive to a busy machine."""
        return min(self.cpus)

    @property
    def per_page(self) -> float:
        """Seconds per HTML page of the fastest run."""
        return self.time / self.pages

    @property
    def cpu_per_page(self) -> float:
        """CPU seconds per HTML page of the least run."""
        return self.cpu / self.pages


def _proc_kb(pid: int, field_name: str) -> int:
    """One "kB" field of /proc/<pid>/status (VmRSS, VmHWM), 0 once the process is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field_name + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _tree(pid: int) -> list[int]:
    """The process and all its descendants (Linux /proc/<pid>/task/<pid>/children)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            with open(f"/proc/{p}/task/{p}/children", encoding="ascii") as children:
                todo += [int(c) for c in children.read().split()]
        except OSError:
            pass
    return out


@dataclass
class Memory:
    """Memory of one run, sampled every 0.1 s from /proc: the largest single process, the build's own process, and
    everything it ran at once. Not wait4's ru_maxrss: Linux counts in it the memory of the parent at fork time (the
    high-water mark of the address space that exec replaces), so a benchmark that holds a corpus would inflate it."""

    largest: int = 0  # bytes: the highest peak (VmHWM) of any process of the run: the build or a child it ran
    own: int = 0  # bytes: the peak (VmHWM) of the build's own process (MkDocs, Python), children left out
    together: int = 0  # bytes: the most the process and its children held at the same moment (sum of VmRSS)


def _sample(pid: int, memory: Memory, done: threading.Event) -> None:
    """Sample the run's memory until it ends: every process's peak (VmHWM) and the sum of the tree (VmRSS)."""
    while True:
        tree = _tree(pid)
        memory.own = max(memory.own, _proc_kb(pid, "VmHWM") * 1024)
        memory.largest = max([memory.largest, memory.own] + [_proc_kb(p, "VmHWM") * 1024 for p in tree])
        memory.together = max(memory.together, sum(_proc_kb(p, "VmRSS") for p in tree) * 1024)
        if done.wait(0.1):
            return


def run_build(cmd: list[str], cwd: Path, env: dict[str, str], log: Path,
              timeout: float) -> tuple[float, float, Memory]:
    """Run one build in a fresh child; its wall and CPU time (wait4) and its memory (sampled)."""
    memory, done = Memory(), threading.Event()
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        sampler = threading.Thread(target=_sample, args=(proc.pid, memory, done), daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        timer.cancel()
        done.set()
        sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.stderr.write(log.read_text(encoding="utf-8", errors="replace")[-4000:])
        raise BenchError(f"build failed (exit {proc.returncode}): {' '.join(cmd)}")
    memory.together = max(memory.together, memory.own, memory.largest)
    return wall, usage.ru_utime + usage.ru_stime, memory


def measure_site(site: Path, build: Build) -> None:
    """HTML page count, search index size and page weight of a built site."""
    html = sorted((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html"))
    build.pages = len(html)
    build.largest, build.largest_page = html[-1]
    build.median = statistics.median(size for size, _ in html)
    # Search is Pagefind's bundle (issue 17): its whole size on disk; a reader's query downloads only a part of it,
    # measured by benchmarks/search_eval.py. The plain build has no search (no hooks, no plugin): 0.
    bundle = site / "pagefind"
    build.index = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file()) if bundle.is_dir() else 0
    listed = bundle / "shards.json"
    build.shards = 1 + len(json.loads(listed.read_text(encoding="utf-8"))) if listed.is_file() else 0


@dataclass
class Scale:
    """Everything measured at one scale."""

    n: int
    counts: dict[str, int]
    atlas: Build
    plain: Build
    prepare: float
    setup: Setup
    # Per-page wall and CPU seconds of the 1× runs just before and after this scale (--bracket), by kind.
    baseline: dict[str, tuple[float, float]] = field(default_factory=dict)

    def growth(self, one: Scale, kind: str, cpu: bool = False) -> float:
        """Time per page ÷ time per page at 1×: against the bracketing 1× runs when measured, else the fastest."""
        if kind not in self.baseline:
            return self.fastest_growth(one, kind, cpu)
        mine = getattr(self, kind)
        return (mine.cpu_per_page if cpu else mine.per_page) / self.baseline[kind][cpu]

    def fastest_growth(self, one: Scale, kind: str, cpu: bool = False) -> float:
        """Time per page ÷ time per page of the fastest (least CPU) 1× run."""
        mine, base = getattr(self, kind), getattr(one, kind)
        return mine.cpu_per_page / base.cpu_per_page if cpu else mine.per_page / base.per_page

    @property
    def overhead(self) -> float:
        """Plan Atlas build time ÷ plain MkDocs build time."""
        return self.atlas.time / self.plain.time

    @property
    def search_share(self) -> tuple[float, float]:
        """What search indexing adds to the build without it (wall, CPU): Pagefind's time ÷ the rest."""
        wall, cpu = self.atlas.search
        return wall / (self.atlas.time - wall), cpu / (self.atlas.cpu - cpu)

    @property
    def cpu_overhead(self) -> float:
        """Plan Atlas CPU time ÷ plain MkDocs CPU time."""
        return self.atlas.cpu / self.plain.cpu


def time_prepare(root: Path, data: Path) -> float:
    """Seconds of `prepare()` alone (load, validate, render every page in memory) in a fresh process."""
    code = ("import sys, time; from pathlib import Path; from docs_build.site.build import prepare; "
            "t = time.perf_counter(); prepare(Path(sys.argv[1]), Path(sys.argv[2])); print(time.perf_counter() - t)")
    proc = subprocess.run([sys.executable, "-c", code, str(root), str(data)], cwd=root, env=environment(root, data),
                          capture_output=True, text=True, check=True)
    return float(proc.stdout.split()[-1])


def time_search(root: Path, site: Path, env: dict[str, str], log: Path,
                timeout: float) -> tuple[float, float, int]:
    """Wall and CPU seconds of the build's search indexing alone, and Pagefind's peak memory (bytes):
    `docs_build.site.search.index_site` run again, in a fresh child, on the site the build wrote, its bundle removed
    first (it writes the same one again)."""
    code = ("import sys; from pathlib import Path; from docs_build.site.search import index_site; "
            "index_site(Path(sys.argv[1]))")
    shutil.rmtree(site / "pagefind")  # as in a build, whose site folder MkDocs has cleaned: not part of the timing
    start = [sys.executable, "-c", "import docs_build.site.search"]  # the import alone, subtracted
    base_wall, base_cpu, _ = run_build(start, root, env, log, timeout)
    wall, cpu, memory = run_build([sys.executable, "-c", code, str(site)], root, env, log, timeout)
    return wall - base_wall, cpu - base_cpu, memory.largest  # the Python parent is small: the largest is Pagefind


@dataclass
class Setup:
    """How one scale is built: its work folder, environment and the two build commands."""

    root: Path
    work: Path
    env: dict[str, str]
    commands: dict[str, list[str]]
    timeout: float


def build_once(setup: Setup, kind: str, build: Build, label: str) -> Path:
    """Build one kind once from a clean site folder; record its wall and CPU time, load and memory."""
    site = setup.work / f"site-{kind}"
    shutil.rmtree(site, ignore_errors=True)
    wall, cpu, memory = run_build(setup.commands[kind] + ["-d", str(site)], setup.root, setup.env,
                                  setup.work / f"{kind}.log", setup.timeout)
    build.times.append(wall)
    build.cpus.append(cpu)
    build.loads.append(os.getloadavg()[0])
    build.peak = max(build.peak, memory.together)
    build.own = max(build.own, memory.own)
    print(f"  {kind:5} {label}: {wall:7.2f} s, CPU {cpu:7.2f} s, peak {memory.together / 1e6:6.0f} MB "
          f"(MkDocs process {memory.own / 1e6:.0f} MB, largest process {memory.largest / 1e6:.0f} MB), "
          f"load {build.loads[-1]:.2f}", flush=True)
    return site


def bench_scale(n: int, root: Path, src: Path, work: Path, repeat: int, timeout: float) -> Scale:
    """Make the corpus of one scale, then build it both ways `repeat` times, interleaved."""
    work.mkdir(parents=True)
    data = src if n == 1 else work / "data"
    if n != 1:
        synthesize(src, data, n)
    counts = check(root, data)
    print(f"{n}×: {counts.get('plan', 0)} plan(s), {counts.get('pillar', 0)} pillar(s), "
          f"{counts.get('countr', 0)} country(ies) in {data}", flush=True)
    cfg = plain_project(root, data, work / "plain")
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
    setup = Setup(root, work, environment(root, data),
                  {"atlas": mkdocs + ["-f", str(root / "mkdocs.yml")], "plain": mkdocs + ["-f", str(cfg)]}, timeout)
    builds = {"atlas": Build(), "plain": Build()}
    for i in range(repeat):
        for kind, build in builds.items():
            site = build_once(setup, kind, build, f"run {i + 1}")
            if i == repeat - 1:
                measure_site(site, build)
                if kind == "atlas":
                    wall, cpu, build.search_peak = time_search(root, site, setup.env, work / "pagefind.log", timeout)
                    build.search = (wall, cpu)
                    print(f"  search indexing alone (Pagefind, again on the built site): {build.search[0]:.2f} s, "
                          f"CPU {build.search[1]:.2f} s, peak {build.search_peak / 1e6:.0f} MB", flush=True)
    prepare = min(time_prepare(root, data) for _ in range(repeat))
    print(f"  prepare() alone: {prepare:.2f} s", flush=True)
    return Scale(n, counts, builds["atlas"], builds["plain"], prepare, setup)


def bracket(one: Scale, s: Scale) -> None:
    """Build 1× once more, both ways, right after scale `s`; `s` is then compared with the 1× runs on either side.

    A VM's speed drifts over an hour's run (neighbours, caches, thermal): a 1× build minutes before a 30× one and
    another right after it bracket the conditions the 30× build ran in, where the fastest 1× run of the hour does not.
    """
    before = {kind: (b.times[-1], b.cpus[-1]) for kind, b in (("atlas", one.atlas), ("plain", one.plain))}
    print(f"1× again, after {s.n}×:", flush=True)
    for kind, build in (("atlas", one.atlas), ("plain", one.plain)):
        build_once(one.setup, kind, build, f"after {s.n}×")
        wall, cpu = before[kind]
        s.baseline[kind] = ((wall + build.times[-1]) / 2 / build.pages, (cpu + build.cpus[-1]) / 2 / build.pages)


def pair(scale: Scale, fmt: str, value: Any) -> str:
    """'Plan Atlas / plain' cell of one metric."""
    return f"{fmt.format(value(scale.atlas))} / {fmt.format(value(scale.plain))}"


def table(scales: list[Scale]) -> str:
    """The results as a Markdown table: metrics down, scales across, each cell Plan Atlas / plain MkDocs."""
    base = next((s for s in scales if s.n == 1), None)
    bracketed = any(s.baseline for s in scales)

    def growth(s: Scale, kind: str, cpu: bool = False) -> str:
        return "–" if base is None else f"{s.growth(base, kind, cpu):.2f}×"

    def fastest(s: Scale, kind: str) -> str:
        return "–" if base is None else f"{s.fastest_growth(base, kind):.2f}×"

    rows: list[tuple[str, Any]] = [
        ("plans · pillars · countries", lambda s: f"{s.counts.get('plan', 0)} · {s.counts.get('pillar', 0)} · "
                                                  f"{s.counts.get('countr', 0)}"),
        ("HTML pages", lambda s: pair(s, "{}", lambda b: b.pages)),
        ("build time, s (fastest run)", lambda s: pair(s, "{:.2f}", lambda b: b.time)),
        ("all runs, s", lambda s: " / ".join(", ".join(f"{t:.2f}" for t in b.times) for b in (s.atlas, s.plain))),
        ("CPU time, s (least run)", lambda s: pair(s, "{:.2f}", lambda b: b.cpu)),
        ("**overhead** (Plan Atlas ÷ plain), wall · CPU", lambda s: f"**{s.overhead:.2f}×** · {s.cpu_overhead:.2f}×"),
        ("of which `prepare()` (load, validate, render Markdown), s", lambda s: f"{s.prepare:.2f}"),
        ("time per page, ms", lambda s: pair(s, "{:.1f}", lambda b: b.per_page * 1000)),
        ("time per page vs 1×" + (" (the 1× runs just before and after)" if bracketed else ""),
         lambda s: f"{growth(s, 'atlas')} / {growth(s, 'plain')}"),
        ("CPU time per page vs 1×", lambda s: f"{growth(s, 'atlas', True)} / {growth(s, 'plain', True)}"),
    ]
    if bracketed:
        rows.append(("time per page vs the fastest 1× run", lambda s: f"{fastest(s, 'atlas')} / {fastest(s, 'plain')}"))
    rows += [
        ("of which search indexing (Pagefind), s, wall · CPU", lambda s: f"{s.atlas.search[0]:.2f} · "
                                                                        f"{s.atlas.search[1]:.2f}"),
        ("search indexing ÷ rest of the build, wall · CPU", lambda s: f"{s.search_share[0]:.1%} · "
                                                                    f"{s.search_share[1]:.1%}"),
        ("peak memory, MB (the build and what it runs, at one moment)", lambda s: pair(s, "{:.0f}",
                                                                                      lambda b: b.peak / 1e6)),
        ("of which the MkDocs process, MB (its own peak)", lambda s: pair(s, "{:.0f}", lambda b: b.own / 1e6)),
        ("Pagefind indexing alone, MB (its own peak; of the largest run where the index is in shards)",
         lambda s: f"{s.atlas.search_peak / 1e6:.0f}"),
        ("search bundle (Pagefind, whole), kB", lambda s: pair(s, "{:.0f}", lambda b: b.index / 1e3)),
        ("search index shards (one Pagefind run each)", lambda s: f"{s.atlas.shards}"),
        ("largest HTML page, kB", lambda s: pair(s, "{:.1f}", lambda b: b.largest / 1e3)),
        ("largest page (Plan Atlas)", lambda s: f"`{s.atlas.largest_page}`"),
        ("median HTML page, kB", lambda s: pair(s, "{:.1f}", lambda b: b.median / 1e3)),
    ]
    lines = ["| metric (Plan Atlas / plain MkDocs) | " + " | ".join(f"{s.n}×" for s in scales) + " |",
             "|---" * (len(scales) + 1) + "|"]
    lines += [f"| {name} | " + " | ".join(cell(s) for s in scales) + " |" for name, cell in rows]
    return "\n".join(lines)


def timed(ok: bool, ok_cpu: bool, text: str) -> tuple[bool, str]:
    """A time target judged on wall time, flagged when CPU time (what a busy machine does not inflate) disagrees."""
    return ok, text + ("" if ok == ok_cpu else f" — by CPU time it would {'PASS' if ok_cpu else 'FAIL'}")


def targets(scales: list[Scale]) -> list[tuple[bool | None, str]]:
    """The targets of issue 11: (passed, text); passed is None when the scale it needs was not run."""
    at = {s.n: s for s in scales}
    one, ten = at.get(1), at.get(10)
    out: list[tuple[bool | None, str]] = []
    if one:
        out.append(timed(one.atlas.time <= MAX_SHIPPED_BUILD_S, one.atlas.cpu <= MAX_SHIPPED_BUILD_S,
                         f"shipped site builds in ≤ {MAX_SHIPPED_BUILD_S:.0f} s: {one.atlas.time:.2f} s "
                         f"(CPU {one.atlas.cpu:.2f} s)"))
    else:
        out.append((None, "shipped site build time (needs scale 1)"))
    if one and ten:
        g = ten.atlas.per_page / one.atlas.per_page
        g_cpu = ten.atlas.cpu_per_page / one.atlas.cpu_per_page
        out.append(timed(g <= MAX_PER_PAGE_GROWTH, g_cpu <= MAX_PER_PAGE_GROWTH,
                         f"time per page grows ≤ {MAX_PER_PAGE_GROWTH}× from 1× to 10×: {g:.2f}× "
                         f"({one.atlas.per_page * 1000:.1f} → {ten.atlas.per_page * 1000:.1f} ms; CPU {g_cpu:.2f}×)"))
    else:
        out.append((None, "time per page growth 1× → 10× (needs scales 1 and 10)"))
    for s in scales:
        out.append(timed(s.overhead <= MAX_OVERHEAD, s.cpu_overhead <= MAX_OVERHEAD,
                         f"overhead ≤ {MAX_OVERHEAD}× plain MkDocs at {s.n}×: {s.overhead:.2f}× "
                         f"({s.atlas.time:.2f} s vs {s.plain.time:.2f} s; CPU {s.cpu_overhead:.2f}×)"))
    if ten:
        out.append((ten.atlas.largest < MAX_LARGEST_PAGE, f"largest HTML page < {MAX_LARGEST_PAGE / 1e3:.0f} kB at "
                    f"10×: {ten.atlas.largest / 1e3:.1f} kB ({ten.atlas.largest_page})"))
        out.append((ten.atlas.peak <= MAX_PEAK_MEMORY, f"peak memory ≤ {MAX_PEAK_MEMORY / 1e9:.0f} GB at 10×: "
                    f"{ten.atlas.peak / 1e6:.0f} MB"))
    else:
        out += [(None, "largest HTML page at 10× (needs scale 10)"), (None, "peak memory at 10× (needs scale 10)")]
    for s in scales:  # issue 17: indexing adds at most 10 % to the build
        out.append(timed(s.search_share[0] <= MAX_SEARCH_SHARE, s.search_share[1] <= MAX_SEARCH_SHARE,
                         f"search indexing adds ≤ {MAX_SEARCH_SHARE:.0%} to the build at {s.n}×: "
                         f"{s.search_share[0]:.1%} (CPU {s.search_share[1]:.1%})"))
    for s in scales:  # issue 22
        if s.n == 1:
            continue
        if one:
            g, g_cpu = s.growth(one, "atlas"), s.growth(one, "atlas", cpu=True)
            against = ("against the 1× runs just before and after it; against the fastest 1× run "
                       f"{s.fastest_growth(one, 'atlas'):.2f}×, " if s.baseline else "")
            out.append(timed(g <= MAX_PER_PAGE_GROWTH, g_cpu <= MAX_PER_PAGE_GROWTH,
                             f"time per page grows ≤ {MAX_PER_PAGE_GROWTH}× from 1× to {s.n}×: {g:.2f}× "
                             f"({against}CPU {g_cpu:.2f}×; plain MkDocs {s.growth(one, 'plain'):.2f}×)"))
            m = s.atlas.median / one.atlas.median
            out.append((m <= 1.1, f"median page at {s.n}× within 10 % of 1×: {m:.2f}× "
                                  f"({one.atlas.median / 1e3:.1f} → {s.atlas.median / 1e3:.1f} kB)"))
        out.append((s.atlas.largest < MAX_LARGEST_PAGE, f"no page over {MAX_LARGEST_PAGE / 1e3:.0f} kB at {s.n}×: "
                    f"largest {s.atlas.largest / 1e3:.1f} kB ({s.atlas.largest_page})"))
        limit = MAX_PEAK_MEMORY_AT.get(s.n)
        if limit:
            out.append((s.atlas.peak <= limit, f"peak memory ≤ {limit / 1e9:.1f} GB at {s.n}×: "
                        f"{s.atlas.peak / 1e6:.0f} MB (MkDocs process {s.atlas.own / 1e6:.0f} MB, Pagefind "
                        f"{s.atlas.search_peak / 1e6:.0f} MB; plain MkDocs {s.plain.peak / 1e6:.0f} MB)"))
    if one:
        out.append((one.atlas.index <= MAX_SEARCH_INDEX, f"search bundle ≤ {MAX_SEARCH_INDEX / 1e6:.0f} MB for the "
                    f"shipped data: {one.atlas.index / 1e3:.0f} kB"))
    else:
        out.append((None, "search index of the shipped data (needs scale 1)"))
    return out


def machine(root: Path) -> str:
    """Where and when: CPUs, Python, MkDocs and Material versions, load, date, git commit of the project."""
    git = subprocess.run(["git", "-C", str(root), "describe", "--always", "--dirty"], capture_output=True, text=True)
    commit = git.stdout.strip() if git.returncode == 0 else f"{root} (not a git checkout)"
    versions = ", ".join(f"{p} {metadata.version(p)}" for p in ("mkdocs", "mkdocs-material"))
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} CPU(s) ({platform.machine()}, {platform.system()} {platform.release()}), "
            f"Python {platform.python_version()}, {versions}; load average {load}; "
            f"{datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; code {commit}")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print the table and the targets, optionally write them to a Markdown file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 30], help="multiples of the data")
    parser.add_argument("--data", type=Path, help="data folder (default: $PLAN_ATLAS_DATA or ./data)")
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this repository)")
    parser.add_argument("--out", type=Path, help="also write the results to this Markdown file")
    parser.add_argument("--repeat", type=int, default=2, help="runs per build; the fastest counts (default 2)")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds before a build is killed")
    parser.add_argument("--bracket", action="store_true",
                        help="build 1× again after each larger scale and compare each scale's time per page with the "
                             "1× runs just before and after it (a VM's speed drifts over a long run)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (corpora, sites, logs)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    args = parser.parse_args(argv)
    if any(n < 1 for n in args.scales) or args.repeat < 1:
        parser.error("scales and --repeat must be at least 1")
    root = args.root.resolve()
    sys.path.insert(0, str(root))
    src = (args.data or Path(os.environ.get("PLAN_ATLAS_DATA") or root / "data")).resolve()
    work = Path(tempfile.mkdtemp(prefix="plan-atlas-bench-"))
    try:
        scales = []
        for n in sorted(set(args.scales)):
            scales.append(bench_scale(n, root, src, work / f"x{n}", args.repeat, args.timeout))
            if args.bracket and n > 1 and scales[0].n == 1:
                bracket(scales[0], scales[-1])
    except (BenchError, subprocess.CalledProcessError) as exc:
        print(f"benchmark failed: {exc}", file=sys.stderr)
        return 2
    finally:
        if args.keep:
            print(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    results = table(scales)
    verdicts = targets(scales)
    lines = [f"{'SKIP' if ok is None else 'PASS' if ok else 'FAIL'}  {text}" for ok, text in verdicts]
    busiest = max(load for s in scales for b in (s.atlas, s.plain) for load in b.loads)
    waited = max(b.time / b.cpu for s in scales for b in (s.atlas, s.plain))
    if waited > 1.1:
        lines.append(f"NOTE  the machine was busy (a build's wall time was {waited:.2f}× its CPU time; 1-minute load "
                     f"up to {busiest:.1f} on {os.cpu_count()} CPUs): the CPU times are the steadier figures")
    command = "benchmarks/run.py " + " ".join(sys.argv[1:] if argv is None else argv)
    report = (f"Machine: {machine(root)}\n\nData: `{src}`; command: `{command.strip()}`\n\n{results}\n\n"
              "```text\n" + "\n".join(lines) + "\n```\n")
    print("\n" + report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")
    return 1 if args.strict and any(ok is False for ok, _ in verdicts) else 0


if __name__ == "__main__":
    sys.exit(main())
