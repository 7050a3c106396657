"""MkDocs hooks: adapt MkDocs events to docs_build, where all the work happens."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from docs_build.data.atlas import data_dir
from docs_build.data.problems import DataError
from docs_build.site import publish
from docs_build.site.build import StoredSite, prepare_into
from docs_build.site.meta import site_url_warning
from docs_build.site.offline import file_links
from docs_build.site.search import BackgroundIndex, SearchIndexError, index_site
from docs_build.site.store import Held, build_folder

_site: StoredSite | None = None
_command: tuple[str, bool] = ("", False)
_publish: tuple[Path, Path] | None = None  # (staging folder, site_dir) of a `mkdocs build` under way
_held = Held()
_background = BackgroundIndex()  # `mkdocs serve`: search is indexed while the edited page is already served
log = logging.getLogger("mkdocs.hooks.atlas")


def on_startup(command: str, dirty: bool) -> None:
    """Remember the command: only a clean `mkdocs build` builds beside site_dir and swaps it in."""
    global _command
    _command = (command, dirty)
# OFFLINE=true builds the copy read from disk (mkdocs.yml enables Material's offline plugin with the same variable).
_offline = os.environ.get("OFFLINE", "").lower() == "true"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Validate data and render every page before MkDocs touches site_dir; fail with all problems."""
    global _site, _publish
    _held.clear()
    try:
        zipped = os.environ.get("OFFLINE_ZIP")  # `make publish`: the offline copy goes on the downloads page
        root = Path(config.config_file_path).parent
        folder = build_folder(str(root.resolve()), str(data_dir(root).resolve()), config.site_url or "",
                              str(_offline), zipped or "")
        _site = prepare_into(folder, root, site_url=config.site_url or "",
                             offline_zip=Path(zipped).read_bytes() if zipped else None)
    except DataError as exc:
        raise Abort(f"Plan Atlas data has problems; nothing was written.\n{exc.report()}") from None
    config.nav = _site.nav
    site_dir = Path(config.site_dir)
    if _command == ("build", False) and not publish.is_serve_dir(site_dir):
        _publish = (publish.staging_dir(site_dir), site_dir)
        config.site_dir = str(_publish[0])
    if _offline:  # instant navigation fetches pages, which a browser refuses to a page opened from disk
        config.theme["features"] = [f for f in config.theme["features"] if not f.startswith("navigation.instant")]
    if warning := site_url_warning(config.site_url or ""):
        # Printed, not logged: `mkdocs build --strict` would abort on a logged warning, and an unset SITE_URL is
        # fine for a local build. One line, once per build.
        print(warning, file=sys.stderr)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages and files from their build folder; activity pages stay out of the navigation."""
    global _site
    assert _site is not None
    folder, site_dir, directory_urls = str(_site.folder), config.site_dir, config.use_directory_urls
    for page in _site.pages:
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File(page.src, folder, site_dir, directory_urls, inclusion=inclusion))
    for path in _site.files:
        files.append(File(path, folder, site_dir, directory_urls))
    _site = None  # nothing of the data is needed any more: free it before MkDocs renders every page
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """MkDocs renders every page before it writes any: hold the HTML compressed until the page is written, and drop
    the Markdown. Empty, not None: MkDocs takes None for a page not yet read (and would lose its title)."""
    page.markdown = ""
    _held.put(page.file.src_uri, html)
    return ""


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """The page's HTML back, just before its template renders it."""
    html = _held.take(page.file.src_uri)
    if html is not None:
        page.content = html
    return context


def on_pre_build(config: MkDocsConfig) -> None:
    """`mkdocs serve`: a build starts writing only once the previous build's search index is written."""
    _background.wait()


def on_post_build(config: MkDocsConfig) -> None:
    """Index the written site for search (Pagefind); a build whose indexing fails, fails. Under `mkdocs serve` the
    index is written in the background, so that an edit shows without waiting for it."""
    if _command[0] == "serve":
        _background.start(Path(config.site_dir), log.error)
        return
    try:
        index_site(Path(config.site_dir))
    except SearchIndexError as exc:
        raise Abort(f"Search indexing failed.\n{exc}") from None


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Live reload watches the data folder actually built from ($PLAN_ATLAS_DATA too), not only data/."""
    server.watch(str(data_dir(Path(config.config_file_path).parent).resolve()))
    return server


def on_build_error(error: Exception) -> None:
    """A failed build (strict warnings included) leaves site_dir as it was: drop the staging folder."""
    global _publish
    if _publish:
        publish.discard(_publish[0])
        _publish = None


def on_shutdown() -> None:
    """After a build that did not fail, the staging folder replaces site_dir; a live preview's indexing finishes."""
    global _publish
    _background.wait()
    if _publish:
        publish.swap_in(*_publish)
        _publish = None


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """The page is written: its HTML is not needed any more. In the offline copy, folder links of the generated HTML
    open the folder's index.html."""
    page.content = ""
    return file_links(output) if _offline else output
