"""Explorer benchmark: how long the activity explorer takes to filter in a real browser at N× the shipped data.

    .venv/bin/python benchmarks/explorer.py [--scale 10] [--data DIR]

It builds the synthetic corpus of benchmarks/run.py at the given scale, builds the site, serves it on 127.0.0.1,
opens /explore/ in Debian's Chromium and times `Explorer.filter` + render for a set of typical filters (the time
the page takes to answer a change, as the reader sees it). Target (issue 9): under 100 ms at 10×.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import ROOT, environment, synthesize  # noqa: E402

STATES = [
    {"text": "training"}, {"text": "victims police"}, {"plan": "FIRST"}, {"theme": "children"},
    {"budget": "yes", "sort": "-year"}, {"year": "2012"}, {"text": "a"}, {"sort": "text"}, {},
]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """No access log."""


def measure(site: Path, rounds: int) -> dict[str, float]:
    """Median and worst time of filter + render over the typical filter states, in milliseconds."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/explore/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
            page = browser.new_page()
            page.goto(url)
            page.wait_for_selector("#atlas-explorer[data-ready='1']", timeout=60_000)
            rows = page.evaluate("document.getElementById('atlas-explorer').atlasExplorer.rows.length")
            times = page.evaluate("""([states, rounds]) => {
                const ex = document.getElementById('atlas-explorer').atlasExplorer;
                const first = ex.data.plans[0].id, out = [];
                for (let r = 0; r < rounds; r++) for (const s of states) {
                    const state = Object.assign({}, s);
                    if (state.plan === 'FIRST') state.plan = first;
                    const t = performance.now();
                    ex.render(ex.filter(state));
                    out.push([JSON.stringify(s), performance.now() - t]);
                }
                return out;
            }""", [STATES, rounds])
            browser.close()
    finally:
        server.shutdown()
    worst = max(times, key=lambda item: item[1])
    ms = [t for _, t in times]
    return {"rows": rows, "median_ms": statistics.median(ms), "max_ms": worst[1], "worst_state": worst[0]}


def main(argv: list[str] | None = None) -> int:
    """Build the corpus and the site at one scale and print the explorer's timings."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        data, site = Path(work) / "data", Path(work) / "site"
        if args.scale == 1:
            data = args.data
        else:
            synthesize(args.data, data, args.scale)
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT,
                       env=environment(ROOT, data), check=True)
        result = measure(site, args.rounds)
    verdict = "PASS" if result["max_ms"] < 100 else "FAIL"
    print(f"explorer at {args.scale}x: {result['rows']} activities; filter + render median "
          f"{result['median_ms']:.1f} ms, worst {result['max_ms']:.1f} ms ({result['worst_state']})  "
          f"[{verdict}: under 100 ms]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
