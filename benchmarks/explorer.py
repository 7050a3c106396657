"""Explorer benchmark: how fast the activity explorer answers, and how soon its first screen shows, at N× the data.

    .venv/bin/python benchmarks/explorer.py [--scale 10] [--data DIR] [--rounds 5] [--loads 3]

It builds the synthetic corpus of benchmarks/run.py at the given scale, builds the site, serves it on 127.0.0.1
and opens /explore/ in Debian's Chromium:

- filter: `Explorer.filter` + render for a set of typical filters (the time the page takes to answer a change, as
  the reader sees it). Targets (issue 21): under 100 ms at 10×, under 200 ms at 30×.
- first screen: a cold load of a filtered view (`?body=…&role=partner&sort=-amount`, which needs the data) on
  Chrome DevTools' "Fast 4G" profile, emulated with CDP Network.emulateNetworkConditions (9 Mbit/s × 0.9 down,
  1.5 Mbit/s × 0.9 up, 60 ms × 2.75 latency: Fast4GConditions in devtools-frontend's NetworkManager.ts), until the
  filtered rows are on screen. The server compresses text with gzip, as static hosts (GitHub Pages, Netlify, nginx
  with gzip) do. Target: within 2 s at 30×.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import ROOT, environment, synthesize  # noqa: E402

STATES = [
    {"text": "training"}, {"text": "victims police"}, {"plan": "FIRST"}, {"theme": "children"},
    {"budget": "yes", "sort": "-amount"}, {"sort": "-amount"}, {"body": "BODY", "role": "partner"},
    {"body": "BODY"}, {"year": "2012"}, {"text": "a"}, {"sort": "text"}, {},
]
FAST_4G = {"offline": False, "latency": 60 * 2.75, "downloadThroughput": 9e6 / 8 * 0.9,
           "uploadThroughput": 1.5e6 / 8 * 0.9}
FILES = ("activities.json", "details.json", "activities-csv.json")
COMPRESSED = (".html", ".json", ".js", ".css", ".svg", ".xml")


class _Host(SimpleHTTPRequestHandler):
    """A static host that sends text gzip-compressed to browsers that accept it (compressed once, then cached)."""

    cache: dict[str, bytes] = {}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """No access log."""

    def send_head(self) -> Any:
        """Serve a compressed copy of text files; anything else as the standard handler does."""
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if (not path.name.endswith(COMPRESSED) or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        key = str(path)
        if key not in self.cache:
            self.cache[key] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        body = self.cache[key]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def _launch(p: Any) -> Any:
    return p.chromium.launch(executable_path="/usr/bin/chromium", args=[
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])


def measure(site: Path, rounds: int, loads: int) -> dict[str, Any]:
    """Filter + render times (median, worst) and cold first-screen times on Fast 4G, in milliseconds."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Host, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as p:
            browser = _launch(p)
            page = browser.new_page()
            page.goto(base + "/explore/")
            page.wait_for_selector("#atlas-explorer[data-ready='1']", timeout=60_000)
            rows = page.evaluate("document.getElementById('atlas-explorer').atlasExplorer.rows.length")
            body = page.evaluate("document.getElementById('atlas-explorer').atlasExplorer.data.bodies[0].id")
            times = page.evaluate("""([states, rounds]) => {
                const ex = document.getElementById('atlas-explorer').atlasExplorer;
                const first = ex.data.plans[0].id, body = ex.data.bodies[0].id, out = [];
                for (let r = 0; r < rounds; r++) for (const s of states) {
                    const state = Object.assign({}, s);
                    if (state.plan === 'FIRST') state.plan = first;
                    if (state.body === 'BODY') state.body = body;
                    const t = performance.now();
                    ex.render(ex.filter(state));
                    out.push([JSON.stringify(s), performance.now() - t]);
                }
                return out;
            }""", [STATES, rounds])
            view = f"{base}/explore/?body={body}&role=any&sort=-amount"
            first = []
            for _ in range(loads):
                context = browser.new_context()
                tab = context.new_page()
                cdp = context.new_cdp_session(tab)
                cdp.send("Network.enable")
                cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
                cdp.send("Network.emulateNetworkConditions", FAST_4G)
                started = time.perf_counter()
                tab.goto(view, wait_until="commit")
                tab.wait_for_selector("#atlas-explorer[data-ready='1']", timeout=60_000)
                first.append((time.perf_counter() - started) * 1000)
                context.close()
            browser.close()
    finally:
        server.shutdown()
    worst = max(times, key=lambda item: item[1])
    ms = [t for _, t in times]
    sizes = {name: (site / "explore" / name).stat().st_size for name in FILES}
    gz = {name: len(gzip.compress((site / "explore" / name).read_bytes(), 6)) for name in FILES}
    return {"rows": rows, "median_ms": statistics.median(ms), "max_ms": worst[1], "worst_state": worst[0],
            "first_ms": statistics.median(first), "first_all": first, "sizes": sizes, "gzip": gz}


def main(argv: list[str] | None = None) -> int:
    """Build the corpus and the site at one scale and print the explorer's timings."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--loads", type=int, default=3)
    parser.add_argument("--site", type=Path, help="an already built site to measure (skips the build)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        data, site = Path(work) / "data", args.site or Path(work) / "site"
        if args.site is None:
            if args.scale == 1:
                data = args.data
            else:
                synthesize(args.data, data, args.scale)
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT,
                           env=environment(ROOT, data), check=True)
        result = measure(site, args.rounds, args.loads)
    limit = 100 if args.scale <= 10 else 200
    verdict = "PASS" if result["max_ms"] < limit else "FAIL"
    print(f"explorer at {args.scale}x: {result['rows']} activities; filter + render median "
          f"{result['median_ms']:.1f} ms, worst {result['max_ms']:.1f} ms ({result['worst_state']})  "
          f"[{verdict}: under {limit} ms]")
    files = ", ".join(f"{name} {result['sizes'][name] / 1e6:.2f} MB ({result['gzip'][name] / 1e6:.2f} MB gzip)"
                      for name in FILES)
    print(f"  data files: {files}; the CSV rows are fetched only for a download")
    verdict = "PASS" if result["first_ms"] < 2000 else "FAIL"
    runs = ", ".join(f"{t:.0f}" for t in result["first_all"])
    print(f"  first screen of a filtered view on Fast 4G (cold, gzip): median {result['first_ms']:.0f} ms "
          f"({runs})  [{verdict}: within 2000 ms]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
