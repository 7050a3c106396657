"""Compiled templates are cached between builds, and the cache never serves an outdated or broken template."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest

from docs_build.site import render


@pytest.fixture(autouse=True)
def _forget_environments() -> Iterator[None]:
    """Environments made here over test folders must not outlive the test."""
    yield
    render.environment.cache_clear()


def fresh_environment(template_dir: Path) -> jinja2.Environment:
    """A new environment, as a new build process would make."""
    render.environment.cache_clear()
    return render.environment(template_dir)


def test_an_edited_template_is_compiled_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr("tempfile.tempdir", None)
    (tmp_path / "t").mkdir()
    page = tmp_path / "t" / "page.md.html"
    page.write_text("first {{ x }}\n", encoding="utf-8")
    assert fresh_environment(tmp_path / "t").get_template("page.md.html").render(x="a") == "first \x0ea\x0f\n"
    assert list((tmp_path / "tmp").glob("_jinja2-cache-*/*.cache")), "the compiled template was not cached"
    page.write_text("second {{ x }}\n", encoding="utf-8")
    assert fresh_environment(tmp_path / "t").get_template("page.md.html").render(x="b") == "second \x0eb\x0f\n"


def test_an_unwritable_cache_costs_time_not_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError("read-only")

    monkeypatch.setattr("tempfile.NamedTemporaryFile", refuse)
    (tmp_path / "page.md.html").write_text("ok {{ x }}\n", encoding="utf-8")
    assert fresh_environment(tmp_path).get_template("page.md.html").render(x="<") == "ok \x0e&lt;\x0f\n"


def test_no_private_temp_dir_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    def unsafe(self: object) -> str:
        raise RuntimeError("Cannot determine safe temp directory.")

    monkeypatch.setattr("jinja2.FileSystemBytecodeCache._get_default_cache_dir", unsafe)
    assert render._bytecode_cache() is None
