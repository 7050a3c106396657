"""Validation problems as data: a stable type id, a location, a message and the bad value."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Characters that could end a problem line early, forge another one or drive the terminal (ESC), and the bidi
# controls that reverse what follows them: printed as Python escapes (\n, \x1b, \u202e).
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text with every control, line-separator and bidi character written as an escape, for one-line reports."""
    return UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


@dataclass(frozen=True, order=True)
class Problem:
    """One error found in data/, reported as `path:line:col: [type] message`."""

    path: str
    line: int
    col: int
    type: str
    message: str
    value: str | None = None

    def format(self) -> str:
        """Render like yamllint: `path:line:col: [type] message: 'value'`."""
        text = f"{self.path}:{self.line}:{self.col}: [{self.type}] {self.message}"
        if self.value is not None:
            text += f": {self.value}"
        return printable(text)


def quote(value: object, limit: int = 120) -> str:
    """Quote an offending value for a message, cut to a readable length."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 5] + "...'"


class DataError(Exception):
    """Raised when data/ has problems; carries all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        """All problems, one a line, then a count."""
        lines = [p.format() for p in self.problems]
        lines.append(f"{len(self.problems)} problem(s) found in data")
        return "\n".join(lines)
