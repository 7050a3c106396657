"""Fixtures for the browser tests: build the real site, serve it on 127.0.0.1 and drive Debian's Chromium."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def _unavailable(reason: str) -> NoReturn:
    """Skip the browser tests, or fail them when CI=true, because the browser cannot run here."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run: {reason} (CI=true, so this fails instead of skipping)", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}")


class _QuietHandler(SimpleHTTPRequestHandler):
    """Static file handler that does not log every request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        """Drop the access log line."""


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, launched once per session through Playwright."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the Python package 'playwright' is not installed (pip install -e '.[test]')")
    if not CHROMIUM.is_file():
        _unavailable(f"Chromium is missing at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextmanager
def built_and_served(served: Path, handler: type[SimpleHTTPRequestHandler], path: str = "/",
                     data: Path | None = None) -> Iterator[str]:
    """Serve `served` on a free port of 127.0.0.1, build the real site with mkdocs --strict into `served`/`path`
    with SITE_URL at that address (and PLAN_ATLAS_DATA=`data` if given); yield the address, the site's SITE_URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(served)))
    url = f"http://127.0.0.1:{server.server_address[1]}{path}"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url}
    if data is not None:
        env["PLAN_ATLAS_DATA"] = str(data)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(served / path.strip("/"))]
    build = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False)
    if build.returncode != 0:
        server.server_close()
        pytest.fail(f"mkdocs build --strict failed:\n{build.stdout}\n{build.stderr}", pytrace=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Build the real site once with mkdocs --strict and serve it on a free port of 127.0.0.1."""
    # Material's instant navigation needs sitemap.xml at the served origin: offered as SITE_URL for an !ENV site_url.
    with built_and_served(tmp_path_factory.mktemp("site"), _QuietHandler) as url:
        yield url.rstrip("/")


@pytest.fixture
def page(browser: Browser, site_url: str) -> Iterator[Page]:
    """A fresh page on the served site that fails the test on console errors or requests to other hosts."""
    context = browser.new_context(base_url=site_url)
    host = urlsplit(site_url).netloc
    errors: list[str] = []
    foreign: list[str] = []

    def elsewhere(url: str) -> bool:
        """Whether a URL points away from the served site (data: and blob: URLs stay in the page)."""
        return not url.startswith(("data:", "blob:")) and urlsplit(url).netloc != host

    context.on("request", lambda request: foreign.append(request.url) if elsewhere(request.url) else None)
    context.route(elsewhere, lambda route: route.abort())  # record it, but let nothing leave the machine
    page = context.new_page()
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    yield page
    context.close()
    problems = [f"console error: {error}" for error in errors] + [f"request to another host: {url}" for url in foreign]
    assert not problems, f"the site should only talk to {host} and log no errors:\n" + "\n".join(problems)
