"""The source texts (data/sources/<plan-id>.txt): their lines, their split into page-sized parts, and where an item
printed on a line can be read."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import urls

PART_BUDGET = 90_000  # bytes of line markup per page part: with the theme's frame, a part stays below 150 kB
LINE_OVERHEAD = 60  # the markup around each line (anchor, number)
SPAN_LOOKAHEAD = 3  # a heading line may be followed by the item's text a few lines further down
FOOTNOTE_MARKS = str.maketrans("", "", "¹²³⁴⁵⁶⁷⁸⁹⁰")


def plain(text: str) -> str:
    """Lowercase letters and digits only, footnote marks dropped: cells that wrap still compare equal."""
    return re.sub(r"[\W_]+", "", text.translate(FOOTNOTE_MARKS).lower())


def text_start(text: str, words: int = 3) -> str:
    """The first words of a printed text, as plain() compares them."""
    return plain(" ".join(text.split()[:words]))


@dataclass(frozen=True)
class SourceText:
    """One plan's source text: its lines as printed (numbered from 1) and the pages they are published on."""

    plan_id: str
    lines: tuple[str, ...]
    parts: tuple[tuple[int, int], ...]  # (first line, last line) of each page, in order
    raw: bytes = field(default=b"", repr=False)  # the file as shipped, published unchanged

    def part_of(self, line: int) -> int:
        """The part (from 1) whose page holds the line."""
        for number, (first, last) in enumerate(self.parts, 1):
            if first <= line <= last:
                return number
        raise ValueError(f"line {line} is not in the source text of {self.plan_id} ({len(self.lines)} lines)")

    def has(self, line: int | None) -> bool:
        """Whether the text has that line."""
        return line is not None and 1 <= line <= len(self.lines)

    def span(self, line: int, texts: tuple[str, ...] = ()) -> tuple[int, int]:
        """The lines of an item that starts on `line`: up to the line where its printed text starts, if that is a
        few lines further (a heading and then its text), else the line alone; never beyond the line's part."""
        last = self.parts[self.part_of(line) - 1][1]
        starts = [s for s in (text_start(t) for t in texts if t) if s]
        for end in range(line, min(line + SPAN_LOOKAHEAD, last) + 1):
            if any(s in plain(self.lines[end - 1]) for s in starts):
                return line, end
        return line, line

    def href(self, line: int, end: int | None = None) -> str:
        """Site path and anchor of a line or range on the part that holds it: `sources/x/part-2/#L750-L752`."""
        anchor = f"L{line}" + (f"-L{end}" if end and end != line else "")
        return urls.source(self.plan_id, self.part_of(line)) + "#" + anchor


def split_lines(text: str) -> tuple[str, ...]:
    """Lines as an editor numbers them: a final newline ends the last line and starts none."""
    lines = text.split("\n")
    if lines and lines[-1] == "" and text.endswith("\n"):
        lines.pop()
    return tuple(line.rstrip("\r") for line in lines)


def split_parts(lines: tuple[str, ...], budget: int = PART_BUDGET) -> tuple[tuple[int, int], ...]:
    """Consecutive runs of lines whose markup fits the budget (a longer line stands alone)."""
    parts: list[tuple[int, int]] = []
    first, size = 1, 0
    for number, line in enumerate(lines, 1):
        cost = len(html.escape(line).encode("utf-8")) + LINE_OVERHEAD + 2 * len(str(number))
        if size and size + cost > budget:
            parts.append((first, number - 1))
            first, size = number, 0
        size += cost
    if lines:
        parts.append((first, len(lines)))
    return tuple(parts)


def load_sources(data_dir: Path, plan_ids: list[str]) -> dict[str, SourceText]:
    """The source text of every plan that has one under data/sources/."""
    out = {}
    for plan_id in plan_ids:
        path = data_dir / "sources" / f"{plan_id}.txt"
        if path.is_file():
            raw = path.read_bytes()
            lines = split_lines(raw.decode("utf-8"))
            out[plan_id] = SourceText(plan_id, lines, split_parts(lines), raw)
    return out
