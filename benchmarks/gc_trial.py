"""Garbage-collector trial (issue 22): does Python's collector make MkDocs slower per page as the site grows?

    .venv/bin/python benchmarks/gc_trial.py {none,nogc,freeze} [--ballast N] -- -f WORK/x10/plain/mkdocs.yml -d OUT

Runs `mkdocs build -q` in this process after setting the collector: `none` leaves it as it is, `nogc` turns it off,
`freeze` moves every object alive at start out of its reach (`gc.freeze()`). `--ballast N` first allocates N small
containers the collector tracks, to see whether a large heap alone slows the same build. Time it from outside, for
example with `/usr/bin/time -f "%e s, %U+%S s CPU, %M kB"`; the project is the plain one of `run.py --keep`.
"""

from __future__ import annotations

import argparse
import gc
import sys


def main(argv: list[str] | None = None) -> None:
    """Set the collector, then hand the rest of the arguments to `mkdocs build -q`."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=["none", "nogc", "freeze"])
    parser.add_argument("--ballast", type=int, default=0, help="containers to allocate before the build")
    argv = sys.argv[1:] if argv is None else argv
    cut = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:cut])
    _ballast = [(i, [i]) for i in range(args.ballast)]  # held until the process ends
    if args.mode == "nogc":
        gc.disable()
    elif args.mode == "freeze":
        gc.freeze()
    sys.argv = ["mkdocs", "build", "-q", *argv[cut + 1:]]
    from mkdocs.__main__ import cli

    cli()


if __name__ == "__main__":
    main()
