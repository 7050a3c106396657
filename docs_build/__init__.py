"""Plan Atlas engine: load, validate and publish national action plans as a static site."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """`docs_build.prepare` and `docs_build.Site`, loaded on first use: data and export paths never load the site."""
    if name in ("prepare", "Site"):
        from .site import build

        return getattr(build, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
