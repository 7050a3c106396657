"""Load data/ into a Dataset: safe YAML, then the schema pass; every problem is collected."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from .models import Country, Institution, Instrument, Law, Model, Pillar, Plan, Redirect, Theme
from .problems import Problem, quote
from .schema_check import validate
from .yamlsafe import Located, YamlProblem, load

MAX_FILE_BYTES = 8 * 1024 * 1024


class InstitutionsFile(Model):
    """data/countries/<code>/institutions.yaml"""

    institutions: list[Institution]


class LawsFile(Model):
    """data/countries/<code>/laws.yaml"""

    laws: list[Law]


class InstrumentsFile(Model):
    """data/instruments.yaml"""

    instruments: list[Instrument]


class ThemesFile(Model):
    """data/themes.yaml"""

    themes: list[Theme]


class RedirectsFile(Model):
    """data/redirects.yaml: retired addresses and where they lead now."""

    redirects: list[Redirect] = []


def real(path: Path) -> Path:
    """Where a path leads, links followed; unlike Path.resolve() in Python 3.11, a link loop raises nothing."""
    return Path(os.path.realpath(path))


@dataclass
class Loaded:
    """A validated model with the positions of its source file, for later messages."""

    model: BaseModel
    doc: Located
    path: str


@dataclass
class Dataset:
    """Everything under data/, validated against the schema (cross-references not yet checked)."""

    root: Path
    countries: dict[str, Loaded] = field(default_factory=dict)
    institutions: dict[str, Loaded] = field(default_factory=dict)
    laws: dict[str, Loaded] = field(default_factory=dict)
    instruments: Loaded | None = None
    themes: Loaded | None = None
    redirects: Loaded | None = None
    plans: dict[str, Loaded] = field(default_factory=dict)
    pillars: dict[str, list[Loaded]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)

    def usable(self, relpath: str) -> bool:
        """Whether a registry file loaded cleanly, so references to it can be checked without noise."""
        return f"data/{relpath}" not in self.failed


class _Reader:
    """Reads files of one data directory, turning every failure into a Problem."""

    def __init__(self, data_dir: Path, dataset: Dataset):
        self.data_dir = data_dir
        self.dataset = dataset
        self.seen: set[Path] = set()

    def shown(self, path: Path) -> str:
        """Path as printed in messages: `data/...`, relative to the data directory."""
        for candidate in (path.absolute(), real(path)):  # a file is named where it stands, even a link
            try:
                return "data/" + candidate.relative_to(self.data_dir).as_posix()
            except ValueError:
                pass
        return str(path)

    def read(self, path: Path, model: type[BaseModel], required: bool = True) -> Loaded | None:
        """Load and validate one file; record problems and return None on failure."""
        self.seen.add(path)
        before = len(self.dataset.problems)
        result = self._read(path, model, required)
        if len(self.dataset.problems) > before:
            self.dataset.failed.add(self.shown(path))
        return result

    def _read(self, path: Path, model: type[BaseModel], required: bool) -> Loaded | None:
        shown = self.shown(path)
        if not path.is_file():
            if path.exists():  # a folder, pipe or device where a file belongs: never taken for an absent file
                self.dataset.problems.append(Problem(shown, 1, 1, "data.not-a-file",
                                                     "not a regular file (a folder, pipe or device); it is not read"))
            elif required or path.is_symlink():  # a link that leads nowhere (or in a loop) is never silently skipped
                self.dataset.problems.append(Problem(shown, 1, 1, "data.missing-file", "file not found"))
            return None
        if not real(path).is_relative_to(self.data_dir):
            self.dataset.problems.append(Problem(shown, 1, 1, "data.bad-path",
                                                 "file is a link to outside the data folder; it is not read"))
            return None
        if path.stat().st_size > MAX_FILE_BYTES:
            self.dataset.problems.append(Problem(shown, 1, 1, "data.too-large",
                                                 f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB"))
            return None
        try:
            doc = load(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as exc:
            raw = path.read_bytes()
            before = raw[: exc.start].decode("utf-8")  # valid up to the first bad byte
            line, col = before.count("\n") + 1, len(before) - before.rfind("\n")
            self.dataset.problems.append(Problem(shown, line, col, "data.encoding", f"not UTF-8: {exc.reason}",
                                                 quote(raw[exc.start:exc.end])))
            return None
        except YamlProblem as exc:
            value = None if exc.value is None else quote(exc.value)
            self.dataset.problems.append(Problem(shown, exc.line, exc.col, exc.type, exc.message, value))
            return None
        if not isinstance(doc.data, dict):
            self.dataset.problems.append(Problem(shown, 1, 1, "schema.wrong-type",
                                                 "a data file must be a mapping of fields"))
            return None
        result, problems = validate(model, doc, shown)
        self.dataset.problems.extend(problems)
        return None if result is None else Loaded(result, doc, shown)


def load_dataset(data_dir: Path) -> Dataset:
    """Read every file of data/ and validate each against its schema."""
    data_dir = real(data_dir)
    dataset = Dataset(root=data_dir)
    reader = _Reader(data_dir, dataset)
    if not data_dir.is_dir():
        dataset.problems.append(Problem(str(data_dir), 1, 1, "data.missing-file", "data directory not found"))
        return dataset
    dataset.instruments = reader.read(data_dir / "instruments.yaml", InstrumentsFile)
    dataset.themes = reader.read(data_dir / "themes.yaml", ThemesFile)
    dataset.redirects = reader.read(data_dir / "redirects.yaml", RedirectsFile, required=False)
    for country_dir in sorted(p for p in (data_dir / "countries").glob("*") if p.is_dir()):
        key = country_dir.name
        loaded = reader.read(country_dir / "country.yaml", Country)
        if loaded:
            dataset.countries[key] = loaded
        for name, model, store in (("institutions.yaml", InstitutionsFile, dataset.institutions),
                                   ("laws.yaml", LawsFile, dataset.laws)):
            item = reader.read(country_dir / name, model, required=False)
            if item:
                store[key] = item
    for plan_dir in sorted(p for p in (data_dir / "plans").glob("*") if p.is_dir()):
        plan = reader.read(plan_dir / "plan.yaml", Plan)
        if plan is None:  # still check the pillar files, so that every problem shows at once
            for path in sorted(plan_dir.glob("*.yaml")):
                if path.name != "plan.yaml":
                    reader.read(path, Pillar)
            continue
        if "pillars" in plan.doc.data:
            line, col = plan.doc.where(("pillars",), key=True)
            dataset.problems.append(Problem(plan.path, line, col, "schema.unknown-field",
                                            "unknown field 'pillars' (pillars are listed in 'pillar_files')"))
        dataset.plans[plan_dir.name] = plan
        pillars = []
        listed, done = Counter(plan.model.pillar_files), set()
        for i, name in enumerate(plan.model.pillar_files):
            if name in done:  # a repeated name is reported once, with its count, and read once
                continue
            done.add(name)
            if listed[name] > 1:
                line, col = plan.doc.where(("pillar_files", i))
                dataset.problems.append(Problem(plan.path, line, col, "data.duplicate-file",
                                                f"pillar file listed {listed[name]} times", quote(name)))
            bad = "\0" in name or name == "plan.yaml" or not name.endswith(".yaml")  # NUL: no path can hold it
            target = plan_dir if bad else real(plan_dir / name)
            if bad or target.parent != real(plan_dir):
                line, col = plan.doc.where(("pillar_files", i))
                dataset.problems.append(Problem(plan.path, line, col, "data.bad-path",
                                                "pillar files must be .yaml files beside plan.yaml", quote(name)))
                reader.seen.add(target)  # reported here, not again as a file that is not listed
                continue
            pillar = reader.read(target, Pillar)
            if pillar:
                pillars.append(pillar)
        dataset.pillars[plan_dir.name] = pillars
    seen = {real(p) for p in reader.seen}
    for path in sorted(data_dir.rglob("*.y*ml")):
        if real(path) not in seen:
            beside_plan = (path.parent / "plan.yaml").is_file()
            why = "not listed in plan.yaml's pillar_files" if beside_plan else "not part of the data layout"
            dataset.problems.append(Problem(reader.shown(path), 1, 1, "data.unknown-file",
                                            f"file is {why} (see ARCHITECTURE.md)"))
    return dataset
