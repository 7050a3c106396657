"""Editing benchmark (issue 22): how soon an edit to one plan shows, and what a rebuild after it costs.

    .venv/bin/python benchmarks/edit.py serve [--dirty] [--scale 1]   # `mkdocs serve`: edit → page shows the edit
    .venv/bin/python benchmarks/edit.py rebuild [--scale 10]          # full build, then `--dirty` after one edit

- serve: starts `mkdocs serve` on a copy of the data (the benchmark corpus of benchmarks/run.py at N×), waits for
  the first build, changes one activity's text in one plan's YAML and polls the activity's page until it shows the
  new words. Target: within 8 s on the shipped data.
- rebuild: a full `mkdocs build` of the corpus, then one activity's text changed and `mkdocs build --dirty` into the
  same folder, which rebuilds only the pages whose generated Markdown changed (docs_build.site.store keeps unchanged
  files' modification times), plus the search index. Target at 10×: under half the full build.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import ROOT, environment, run_build, synthesize  # noqa: E402

PLAN = "xk-2011-2014"
ACTIVITY = "plans/xk-2011-2014/prevention/1-1-1/"
OLD = "Develop thorough surveys"


def corpus(work: Path, scale: int) -> Path:
    """A writable copy of the shipped data at `scale`×."""
    data = work / "data"
    if scale == 1:
        shutil.copytree(ROOT / "data", data)
    else:
        synthesize(ROOT / "data", data, scale)
    return data


def edit(data: Path, new: str) -> None:
    """Change the words of the first activity of the Kosovo plan's prevention pillar."""
    files = [f for f in (data / "plans" / PLAN).glob("*.yaml") if OLD in f.read_text(encoding="utf-8")]
    if not files:
        raise SystemExit(f"no pillar of {PLAN} holds {OLD!r}")
    text = files[0].read_text(encoding="utf-8")
    files[0].write_text(text.replace(OLD, new, 1), encoding="utf-8")


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    """The page's text, or '' while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def serve(scale: int, dirty: bool) -> None:
    """Seconds from an edit to the served page showing it."""
    with tempfile.TemporaryDirectory() as tmp:
        data = corpus(Path(tmp), scale)
        port = free_port()
        cmd = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
        cmd += ["--dirty", "--no-strict"] if dirty else []  # strict mode aborts on MkDocs' own dirty-build warning
        log = open(Path(tmp) / "serve.log", "wb")  # noqa: SIM115 (closed below)
        proc = subprocess.Popen(cmd, cwd=ROOT, env=environment(ROOT, data), stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}/{ACTIVITY}"
        try:
            start = time.perf_counter()
            while OLD not in fetch(url):
                if proc.poll() is not None or time.perf_counter() - start > 1800:
                    raise SystemExit((Path(tmp) / "serve.log").read_text()[-3000:])
                time.sleep(0.2)
            print(f"first build served after {time.perf_counter() - start:.1f} s")
            results = []
            for i in range(3):
                time.sleep(3)  # let the watcher settle
                new = f"Develop surveys, edit {i}"
                before = time.perf_counter()
                edit(data, new) if i == 0 else edit_again(data, f"Develop surveys, edit {i - 1}", new)
                while new not in fetch(url):
                    if time.perf_counter() - before > 600:
                        raise SystemExit("the edit never showed")
                    time.sleep(0.1)
                results.append(time.perf_counter() - before)
                print(f"edit {i + 1}: shown after {results[-1]:.2f} s", flush=True)
            verdict = "PASS" if max(results) <= 8 else "FAIL"
            print(f"mkdocs serve{' --dirty' if dirty else ''} at {scale}x: an edit to one plan shows after "
                  f"{min(results):.2f}–{max(results):.2f} s  [{verdict}: within 8 s]")
        finally:
            proc.terminate()
            proc.wait(timeout=30)
            log.close()


def edit_again(data: Path, old: str, new: str) -> None:
    """Replace the words of the previous edit."""
    for f in (data / "plans" / PLAN).glob("*.yaml"):
        text = f.read_text(encoding="utf-8")
        if old in text:
            f.write_text(text.replace(old, new, 1), encoding="utf-8")
            return
    raise SystemExit(f"{old!r} not found")


def rebuild(scale: int) -> None:
    """A full build, then a dirty build after one edit: wall and CPU time of each."""
    with tempfile.TemporaryDirectory() as tmp:
        data = corpus(Path(tmp), scale)
        site, env = Path(tmp) / "site", environment(ROOT, data)
        build = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)]
        full = run_build(build, ROOT, env, Path(tmp) / "full.log", 3600)
        pages = {p: p.stat().st_mtime_ns for p in site.rglob("*.html")}
        edit(data, "Develop careful surveys")
        dirty = run_build(build + ["--dirty"], ROOT, env, Path(tmp) / "dirty.log", 3600)
        rebuilt = sum(1 for p, t in pages.items() if p.exists() and p.stat().st_mtime_ns != t)
        shown = "Develop careful surveys" in (site / ACTIVITY / "index.html").read_text(encoding="utf-8")
        ratio = dirty[0] / full[0]
        verdict = "PASS" if ratio < 0.5 and shown else "FAIL"
        print(f"rebuild at {scale}x: full build {full[0]:.1f} s (CPU {full[1]:.1f} s, "
              f"peak {full[2].together / 1e6:.0f} MB); "
              f"after one edit, mkdocs build --dirty {dirty[0]:.1f} s (CPU {dirty[1]:.1f} s), {rebuilt} of "
              f"{len(pages)} pages rewritten, edit shown: {shown}; {ratio:.0%} of the full build  "
              f"[{verdict}: under half]")
        for line in (Path(tmp) / "dirty.log").read_text().splitlines():
            if re.search(r"ERROR|Traceback", line):
                print("  " + line)


def main(argv: list[str] | None = None) -> int:
    """Run one of the two measurements."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["serve", "rebuild"])
    parser.add_argument("--scale", type=int)
    parser.add_argument("--dirty", action="store_true", help="serve: `mkdocs serve --dirty`")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if args.what == "serve":
        serve(args.scale or 1, args.dirty)
    else:
        rebuild(args.scale or 10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
