"""MkDocs hooks: adapt MkDocs events to docs_build, where all the work happens."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel

from docs_build.data.problems import DataError
from docs_build.site.build import Site, prepare

_site: Site | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Validate data and render every page before MkDocs touches site_dir; fail with all problems."""
    global _site
    try:
        _site = prepare(Path(config.config_file_path).parent, site_url=config.site_url or "")
    except DataError as exc:
        raise Abort(f"Plan Atlas data has problems; nothing was written.\n{exc.report()}") from None
    config.nav = _site.nav
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages and files in memory; activity pages stay out of the navigation."""
    assert _site is not None
    for page in _site.pages:
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.src, content=page.content, inclusion=inclusion))
    for path, content in _site.files.items():
        files.append(File.generated(config, path, content=content))
    return files
