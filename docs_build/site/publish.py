"""Publishing a build: MkDocs writes into a staging folder beside site_dir, which replaces it only on success.

MkDocs cleans site_dir before it writes and checks strict-mode warnings only after the last page, so a build that
fails late would leave a half-written site. Building beside it and swapping by rename keeps the earlier site whole
until the new one is complete (two renames on one file system; a reader sees the old or the new folder).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def is_serve_dir(site_dir: Path) -> bool:
    """Whether site_dir is the temporary folder `mkdocs serve` builds into and serves from (never moved)."""
    return site_dir.parent == Path(tempfile.gettempdir()) and site_dir.name.startswith("mkdocs_")


def staging_dir(site_dir: Path) -> Path:
    """A new, empty folder beside site_dir to build into (same file system, so the swap is a rename)."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))


def swap_in(staging: Path, site_dir: Path) -> None:
    """Put a complete build in place of site_dir; the earlier site is removed only once the new one stands."""
    old = None
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.old-", dir=site_dir.parent))
        os.rename(site_dir, old / "site")
    os.chmod(staging, 0o755)  # mkdtemp makes it private; a published site is world-readable like any MkDocs build
    os.rename(staging, site_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def discard(staging: Path) -> None:
    """Remove the staging folder of a failed build; site_dir was never touched."""
    shutil.rmtree(staging, ignore_errors=True)
