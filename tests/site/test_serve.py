"""`make serve` (mkdocs serve --dirty) shows an edit to a plan's YAML on every page that prints it, then in search."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import MINIMAL, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from edit import fetch, free_port  # noqa: E402  (the editing benchmark's HTTP helpers)

OLD = "Develop thorough surveys"  # activity 1.1.1 of the minimal plan, before "with the MIA" (an acronym on pages)
NEW = "Develop careful surveys"
PAGES = ["plans/xk-2011-2014/prevention/1-1-1/", "plans/xk-2011-2014/prevention/"]


def serve_arguments() -> list[str]:
    """The arguments `make serve` gives `mkdocs`, read from the Makefile."""
    recipe = re.search(r"^serve:.*\n\t\$\(BIN\)/mkdocs (.+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert recipe, "the Makefile has no serve target running mkdocs"
    return recipe.group(1).split()


def wait_for(url: str, text: str, proc: subprocess.Popen[bytes], log: Path, seconds: float) -> None:
    """Poll the served page until it holds `text`; fail with the server's log if it never does."""
    deadline = time.monotonic() + seconds
    while text not in fetch(url):
        assert proc.poll() is None and time.monotonic() < deadline, log.read_text(errors="replace")[-3000:]
        time.sleep(0.2)


def test_make_serve_shows_an_edit_to_a_plan_on_its_pages(tmp_path: Path) -> None:
    assert serve_arguments()[:2] == ["serve", "--dirty"]
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PLAN_ATLAS_DATA": str(data)}
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", *serve_arguments(), "-a", f"127.0.0.1:{port}"],
                                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            urls = [f"http://127.0.0.1:{port}/{page}" for page in PAGES]
            for url in urls:
                wait_for(url, OLD, proc, log, 180)
            entry = f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json"  # names the index by its hash
            deadline = time.monotonic() + 60
            while not (before := fetch(entry)):
                assert time.monotonic() < deadline, "the first build's search index never showed"
                time.sleep(0.2)
            time.sleep(1)  # the watcher starts after the first build
            pillar = data / "plans" / "xk-2011-2014" / "1-prevention.yaml"
            pillar.write_text(pillar.read_text(encoding="utf-8").replace(OLD, NEW, 1), encoding="utf-8")
            for url in urls:
                wait_for(url, NEW, proc, log, 120)
            # search is indexed in the background once the page is served: its index catches up with the edit
            deadline = time.monotonic() + 60
            while fetch(entry) in ("", before):
                assert proc.poll() is None and time.monotonic() < deadline, log.read_text(errors="replace")[-3000:]
                time.sleep(0.2)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
