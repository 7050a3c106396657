"""Split-build trial (issue 22): would building the site in parts, in parallel, move the wall that MkDocs is?

    .venv/bin/python benchmarks/split.py --plain WORK/x10/plain [--parts 2] [--out FILE]

It takes the plain MkDocs project that `benchmarks/run.py --keep` leaves (WORK/xN/plain: the site's pages as Markdown
files, the project's theme and extensions, no hooks) and builds the same pages three ways, one after another:

- whole: the project as it is, one MkDocs process (run.py's plain build);
- parts: the pages cut into --parts projects by country (each country's page and its plans' pages go to one part,
  countries dealt in turn; every other page to the first part), one MkDocs process per part, all started at once: a
  site split in parts, built side by side;
- projects: Material's `projects` plugin (its way to "split very large projects into smaller parts"): the pages of no
  country form the top-level project, each part of countries a project under it, `concurrency` = --parts.

Parts and projects link to pages of the others, and every part keeps the whole navigation: MkDocs reports those
links at `info` level here, so the builds are not strict. It prints the wall and CPU time of each (CPU: the processes
and all their children), and the pages each wrote.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import yaml

LENIENT = {"nav": {"omitted_files": "info", "not_found": "info", "absolute_links": "info"},
           "links": {"not_found": "info", "anchors": "info", "absolute_links": "info", "unrecognized_links": "info"}}


def country_of(rel: Path, codes: set[str]) -> str | None:
    """The country a page belongs to (countries/<code>/…, plans/<code>-…/…), or None for the pages of no country."""
    parts = rel.parts
    if len(parts) > 2 and parts[0] == "countries" and parts[1] in codes:
        return parts[1]
    if len(parts) > 2 and parts[0] == "plans" and parts[1].split("-")[0] in codes:
        return parts[1].split("-")[0]
    return None


def cut(docs: Path, parts: int) -> list[list[Path]]:
    """The docs folder's files in parts: the first holds the pages of no country, then countries dealt in turn."""
    codes = {p.name for p in (docs / "countries").iterdir() if p.is_dir()}
    order = {code: n % parts for n, code in enumerate(sorted(codes))}
    out: list[list[Path]] = [[] for _ in range(parts + 1)]
    for path in sorted(p for p in docs.rglob("*") if p.is_file()):
        rel = path.relative_to(docs)
        country = country_of(rel, codes)
        out[0 if country is None else 1 + order[country]].append(rel)
    return out


def link_tree(docs: Path, files: list[Path], dest: Path, assets: list[Path]) -> None:
    """dest as a docs folder of these files (hard links), with the theme's assets every part needs."""
    for rel in {*files, *assets}:
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        os.link(docs / rel, dest / rel)


def project(config: dict[str, Any], docs: Path, site: Path, cfg: Path, plugins: list[Any] | None = None) -> Path:
    """Write a lenient copy of the plain project's config for these docs and site folders."""
    out = dict(config, docs_dir=str(docs), site_dir=str(site), strict=False, validation=LENIENT)
    if plugins is not None:
        out["plugins"] = plugins
    cfg.parent.mkdir(parents=True, exist_ok=True)
    cfg.write_text(yaml.safe_dump(out, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return cfg


def run(cfgs: list[Path], log: Path) -> tuple[float, float]:
    """Build these projects at once, each in its own MkDocs process: wall time until the last ends, CPU of all."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(log, "ab") as out:
        procs = [subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(c)], cwd=c.parent,
                                  env=env, stdout=out, stderr=subprocess.STDOUT) for c in cfgs]
        codes = [p.wait() for p in procs]
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if any(codes):
        raise SystemExit(f"a build failed ({codes}); see {log}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def pages(site: Path) -> int:
    """HTML files under site."""
    return sum(1 for _ in site.rglob("*.html"))


def main(argv: list[str] | None = None) -> int:
    """Run the trial and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plain", type=Path, required=True, help="WORK/xN/plain of benchmarks/run.py --keep")
    parser.add_argument("--parts", type=int, default=2)
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    args = parser.parse_args(argv)
    plain = args.plain.resolve()
    config = yaml.safe_load((plain / "mkdocs.yml").read_text(encoding="utf-8"))
    docs = Path(config["docs_dir"])
    work = plain.parent / "split"
    shutil.rmtree(work, ignore_errors=True)
    groups = cut(docs, args.parts)
    assets = [p.relative_to(docs) for p in (docs / "assets").rglob("*") if p.is_file()]
    trees = [work / "docs" / f"part-{n}" for n in range(len(groups))]
    for tree, files in zip(trees, groups, strict=True):
        link_tree(docs, files, tree, assets)
    log = work / "split.log"
    rows = []

    whole = project(config, docs, work / "site-whole", work / "whole" / "mkdocs.yml")
    rows.append(("whole: one MkDocs process", *run([whole], log), pages(work / "site-whole")))

    # Parts side by side: the first part (pages of no country) joins the smallest part of countries' pages.
    merged = work / "docs" / "parts-first"
    link_tree(docs, groups[0] + groups[-1], merged, assets)
    cfgs = [project(config, tree, work / "site-parts" / tree.name, work / "parts" / tree.name / "mkdocs.yml")
            for tree in [*trees[1:-1], merged]]
    wall, cpu = run(cfgs, log)
    rows.append((f"parts: {args.parts} MkDocs processes at once", wall, cpu, pages(work / "site-parts")))

    plugins = [*(config.get("plugins") or []), {"projects": {"concurrency": args.parts, "cache": False}}]
    top = project(config, trees[0], work / "site-projects", work / "projects-root" / "mkdocs.yml", plugins)
    for tree in trees[1:]:
        project(config, tree, Path("site"), top.parent / "projects" / tree.name / "mkdocs.yml")
    wall, cpu = run([top], log)
    rows.append((f"projects plugin: {args.parts} projects, concurrency {args.parts}", wall, cpu,
                 pages(work / "site-projects")))

    base = rows[0][1]
    table = ["| build | wall, s | CPU, s | wall ÷ whole | HTML pages |", "|---|---|---|---|---|"]
    table += [f"| {name} | {wall:.2f} | {cpu:.2f} | {wall / base:.2f}× | {count} |" for name, wall, cpu, count in rows]
    text = "\n".join(table) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
