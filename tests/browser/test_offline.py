"""The offline copy (make offline) opened from disk in Chromium: built on the minimal fixture, which is quick."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser.test_site import _expect
from tests.conftest import MINIMAL, ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Browser


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal fixture built as the offline copy (OFFLINE=true, as `make offline` does)."""
    site = tmp_path_factory.mktemp("offline")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PLAN_ATLAS_DATA": str(MINIMAL), "OFFLINE": "true"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    return site


def test_offline_copy_opens_from_disk_and_shows_a_plan(browser: Browser, offline_site: Path) -> None:
    context = browser.new_context()
    foreign: list[str] = []
    local = ("file:", "data:", "blob:")
    context.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(local) else None)
    page = context.new_page()
    page.goto((offline_site / "index.html").as_uri())
    page.locator(".md-nav--primary").get_by_role("link", name="Countries", exact=True).first.click()
    page.locator(".md-content").get_by_role("link", name="Kosovo", exact=True).click()
    _expect(page).to_have_url(re.compile(r"/countries/xk/index\.html$"))
    page.locator(".md-content").get_by_role("link", name=re.compile("^National Strategy")).click()
    _expect(page).to_have_url(re.compile(r"/plans/xk-2011-2014/index\.html$"))
    _expect(page.locator(".md-content h1")).to_have_text(re.compile("National Strategy and Action Plan"))
    _expect(page.locator(".atlas-plot[data-atlas-drawn]").first).to_be_attached()  # charts draw from disk
    page.locator(".atlas-activity-table a").first.click()  # generated folder links open the folder's index.html
    _expect(page).to_have_url(re.compile(r"/plans/xk-2011-2014/prevention/1-1-1/index\.html$"))
    _expect(page.locator(".atlas-summary-box")).to_be_visible()
    context.close()
    assert not foreign, f"the offline copy asked another host: {foreign}"
