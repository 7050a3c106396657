"""The offline copy: the same site read from disk (file://), where a folder address opens a file listing."""

from __future__ import annotations

import re

OFFLINE_ZIP = "plan-atlas-offline.zip"
# A relative link to a folder (`1-1-3/`, `../`, `./`, with an optional #fragment or ?query) in an href or src.
FOLDER_LINK = re.compile(r'''(\s(?:href|src|action)=")((?![a-z][a-z0-9+.-]*:|/|#)[^"?#]*/)([?#][^"]*)?"''')


# Material's offline plugin loads its search shim from a CDN: a request to a third party, and none reaches it offline.
CDN_SCRIPT = re.compile(r'<script src="https://unpkg\.com/[^"]*"></script>')


def file_links(html: str) -> str:
    """Point every relative folder link of a page at the folder's index.html, as a file:// reader needs; drop the
    search shim that Material's offline plugin loads from a CDN (search is not offered from disk)."""
    html = CDN_SCRIPT.sub("", html)
    return FOLDER_LINK.sub(lambda m: f'{m.group(1)}{m.group(2)}index.html{m.group(3) or ""}"', html)
