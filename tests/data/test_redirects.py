"""Links never break: a retired address leads to its item, and a redirect map that points nowhere fails."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from docs_build.data.atlas import build_atlas
from docs_build.data.problems import DataError

RETIRED = "plans/xk-2011-2014/prevention/awareness-surveys/"
CURRENT = "plans/xk-2011-2014/prevention/1-1-3/"


def test_a_retired_address_leads_to_its_activity(minimal_site: Path) -> None:
    html = (minimal_site / RETIRED / "index.html").read_text(encoding="utf-8")
    refresh = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', html).group(1)
    assert (minimal_site / RETIRED / refresh / "index.html").resolve() == (minimal_site / CURRENT / "index.html")
    assert f'<link rel="canonical" href="{refresh}">' in html and f'<a href="{refresh}">' in html
    assert "Activity 1.1.3" in (minimal_site / CURRENT / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("field", "value", "problem"), [
    ("to", "xk-2011-2014/prevention/9-9-9", ("xref.redirect-to", 4)),
    ("from", CURRENT, ("xref.redirect-from", 3)),
    ("from", "../../etc/", ("schema.invalid-format", 3)),
], ids=["leads-nowhere", "over-a-live-page", "path-traversal"])
def test_a_redirect_to_nowhere_or_over_a_live_page_is_refused(minimal_copy: Path, field: str, value: str,
                                                              problem: tuple[str, int]) -> None:
    path = minimal_copy / "redirects.yaml"
    old = {"to": '"xk-2011-2014/prevention/1-1-3"', "from": f'"{RETIRED}"'}[field]
    path.write_text(path.read_text(encoding="utf-8").replace(old, f'"{value}"'), encoding="utf-8")
    with pytest.raises(DataError) as failure:
        build_atlas(minimal_copy)
    assert [(p.type, p.line, p.path) for p in failure.value.problems] == [(*problem, "data/redirects.yaml")]
