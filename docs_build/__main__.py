"""Command line: `python -m docs_build check | pages OUTDIR | export OUTDIR | schema`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .data.atlas import build_atlas, data_dir
from .data.loader import load_dataset
from .data.problems import DataError
from .data.records import Records
from .data.xref import common_word_acronyms
from .opendata import exports

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    """Run a command; exit status 0 on success, 1 when the data has problems."""
    parser = argparse.ArgumentParser(prog="python -m docs_build", description=__doc__)
    parser.add_argument("--data", type=Path, help="data folder (default: $PLAN_ATLAS_DATA or ./data)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate data/ and report every problem as path:line:col")
    pages = sub.add_parser("pages", help="write the generated Markdown pages to a folder")
    pages.add_argument("outdir", type=Path)
    export = sub.add_parser("export", help="write the open-data downloads (JSON, CSV, data package) to a folder")
    export.add_argument("outdir", type=Path)
    sub.add_parser("schema", help="print the JSON Schema of a plan file")
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            atlas = build_atlas(args.data or data_dir(ROOT))
            count = sum(1 for p in atlas.plans.values() for _ in p.pillars)
            print(f"ok: {len(atlas.plans)} plan(s), {count} pillar(s), {len(atlas.countries)} country(ies)")
            for warning in common_word_acronyms(load_dataset(args.data or data_dir(ROOT))):
                print(f"warning: {warning.format()}", file=sys.stderr)
        elif args.command == "pages":
            from .site.build import prepare  # only this command needs the site stage

            for page in prepare(ROOT, args.data).pages:
                target = args.outdir / page.src
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(page.content, encoding="utf-8")
        elif args.command == "export":
            exports.write(exports.export_files(Records(build_atlas(args.data or data_dir(ROOT)))), args.outdir)
        elif args.command == "schema":
            from .opendata.schema import plan_schema

            print(json.dumps(plan_schema(), indent=2, ensure_ascii=False))
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
