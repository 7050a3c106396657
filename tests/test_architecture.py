"""The engine's layout shows the data flow: three stages, imports one way, no import circle, MkDocs only in hooks."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import MINIMAL, ROOT

PACKAGE = ROOT / "docs_build"


def module_name(path: Path) -> str:
    """Dotted module name of a file of docs_build (a package's __init__ is the package)."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every docs_build module a file imports, at any depth of the file (TYPE_CHECKING and local imports too)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("docs_build")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("docs_build"):
                continue
            # `from pkg import mod` imports the module pkg.mod when that is a module
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                found.add(candidate if candidate in MODULES else target)
    return found - {name}


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def graph() -> dict[str, set[str]]:
    """Module → the docs_build modules it imports (only modules that exist)."""
    return {name: {m for m in imports_of(path) if m in MODULES} for name, path in MODULES.items()}


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import circle as a list of modules, or None (depth-first search)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(edges):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_no_import_circle_anywhere_in_docs_build() -> None:
    assert find_cycle(graph()) is None, " → ".join(find_cycle(graph()) or [])


def test_the_circle_finder_finds_a_circle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_stages_import_one_way() -> None:
    for name, targets in graph().items():
        stage = name.split(".")[1] if name.count(".") else ""
        for target in targets:
            other = target.split(".")[1] if target.count(".") else ""
            if stage == "data":
                assert other == "data", f"{name} (data stage) imports {target}"
            if stage == "opendata":
                assert other in ("data", "opendata"), f"{name} (open data) imports {target}"


def test_page_families_never_import_the_composition_module() -> None:
    for name, targets in graph().items():
        if name.startswith("docs_build.site.") and name != "docs_build.site.build":
            assert "docs_build.site.build" not in targets, f"{name} imports the composition module"


def test_only_the_hook_imports_mkdocs() -> None:
    for path in [*PACKAGE.rglob("*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(n == "mkdocs" or n.startswith("mkdocs.") for n in names), f"{path} imports MkDocs"


BLOCK_SITE = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "docs_build.site" or name.startswith("docs_build.site.") or name.split(".")[0] == "mkdocs":
            raise ImportError("blocked by the test: " + name)
sys.meta_path.insert(0, Block())
import runpy
sys.argv = ["docs_build"] + sys.argv[1:]
runpy.run_module("docs_build", run_name="__main__", alter_sys=True)
"""


def test_export_and_check_run_with_the_site_stage_unimportable(tmp_path: Path) -> None:
    for args in (["--data", str(MINIMAL), "export", str(tmp_path)], ["--data", str(MINIMAL), "check"], ["schema"]):
        result = subprocess.run([sys.executable, "-c", BLOCK_SITE, *args], cwd=ROOT, capture_output=True, text=True,
                                timeout=120)
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "plan-atlas.json").is_file() and (tmp_path / "activities.csv").is_file()


def test_the_blocker_really_blocks_the_site_stage(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-c", BLOCK_SITE, "--data", str(MINIMAL), "pages", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "blocked by the test: docs_build.site" in result.stderr


def test_public_interface_is_kept() -> None:
    import docs_build

    site = docs_build.prepare(ROOT, MINIMAL)
    assert isinstance(site, docs_build.Site) and site.pages


def test_architecture_md_names_every_module() -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for name in MODULES:
        if name.count(".") == 2 and not name.endswith("__init__"):
            stage, leaf = name.split(".")[1:]
            assert f"{stage}/{leaf}.py" in text or f"`{leaf}`" in text, f"ARCHITECTURE.md does not mention {name}"
