"""Safe YAML loading that keeps the line and column of every value."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Path = tuple[str | int, ...]
MAX_NODES = 100_000  # values in one file; the largest shipped file has about 3,000
MAX_DEPTH = 100  # nesting of maps and lists; the shipped data nest about 20 deep
# Signs that no printed text holds and that can hide or forge text: C0 controls other than tab and newline, DEL,
# C1 controls, and the bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) that reverse text.
FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
STANDARD_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


class StrictLoader(yaml.SafeLoader):
    """SafeLoader without YAML 1.1 surprises: only true/false are booleans, dates stay strings."""


class FastStrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same rules on libyaml's parser (several times faster); errors are re-read by StrictLoader."""


for _loader in (StrictLoader, FastStrictLoader):
    _loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in (
            "tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


@dataclass
class Located:
    """A loaded document with the (line, col) of each value and of each mapping key."""

    data: Any
    marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path, key: bool = False) -> tuple[int, int]:
        """Best known position of a path: its own mark, else the nearest parent's."""
        table = self.key_marks if key else self.marks
        while path:
            if path in table:
                return table[path]
            if key and path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), (1, 1))


class YamlProblem(Exception):
    """A YAML error with its position and a stable type id."""

    def __init__(self, type_: str, message: str, line: int, col: int, value: str | None = None):
        super().__init__(message)
        self.type, self.message, self.line, self.col, self.value = type_, message, line, col, value


def _pos(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def node_bound(text: str) -> int:
    """A cheap upper bound of the values a YAML text can hold: each needs a newline, a comma or an indicator."""
    return 2 * sum(text.count(sign) for sign in "\n,[{:-?") + 1


def count_events(text: str) -> None:
    """Walk the parser's events without building anything; raise YamlProblem past MAX_NODES or MAX_DEPTH."""
    loader = FastStrictLoader(text)
    nodes = depth = 0
    try:
        while (event := loader.get_event()) is not None:
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlProblem("yaml.too-deep", f"values are nested more than {MAX_DEPTH} deep",
                                      *_mark(event.start_mark))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            if isinstance(event, yaml.NodeEvent):
                nodes += 1
                if nodes > MAX_NODES:
                    raise YamlProblem("yaml.too-large", f"document has more than {MAX_NODES} values",
                                      *_mark(event.start_mark))
    except yaml.MarkedYAMLError as exc:  # libyaml scans a flow collection whole before its first event
        if "maximum nesting depth" in str(exc.problem) and exc.problem_mark:
            raise YamlProblem("yaml.too-deep", f"values are nested more than {MAX_DEPTH} deep",
                              *_mark(exc.problem_mark)) from None
    except yaml.YAMLError:
        pass  # a syntax error: reported with its exact message when the text is composed
    finally:
        loader.dispose()


def _mark(mark: yaml.Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _compose(text: str) -> tuple[Node | None, yaml.BaseLoader]:
    """The node tree, parsed by libyaml; on any error, parsed again by PyYAML for its exact message."""
    if node_bound(text) > MAX_NODES:  # count before building: a tree of millions of tiny values takes gigabytes
        count_events(text)
    try:
        loader = FastStrictLoader(text)
        return loader.get_single_node(), loader
    except (yaml.YAMLError, ValueError):
        return _compose_slowly(text)


def _compose_slowly(text: str) -> tuple[Node | None, yaml.BaseLoader]:
    """Parse with PyYAML's pure-Python parser, turning its errors into YamlProblem."""
    count_events(text)  # PyYAML's composer recurses: refuse deep nesting (and size) with a position first
    try:
        loader = StrictLoader(text)
    except yaml.reader.ReaderError as exc:  # control characters such as NUL: a binary file that decodes as UTF-8
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - text.rfind("\n", 0, exc.position)
        raise YamlProblem("yaml.syntax", f"YAML syntax error: unacceptable character #x{exc.character:04x} "
                          f"({exc.reason})", line, col) from None
    try:
        return loader.get_single_node(), loader
    except RecursionError:  # nested deep enough for PyYAML's recursion, yet libyaml stopped at a syntax error first
        raise YamlProblem("yaml.too-deep", f"values are nested more than {MAX_DEPTH} deep", 1, 1) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        text = exc.problem or exc.context
        if exc.context and exc.context_mark and exc.problem:
            where = exc.context_mark
            text = f"{exc.problem} ({exc.context} at line {where.line + 1}, column {where.column + 1})"
        raise YamlProblem("yaml.syntax", f"YAML syntax error: {text}", line, col) from None


def load(text: str) -> Located:
    """Parse one YAML document safely; raise YamlProblem on bad syntax, tags, aliases or duplicate keys."""
    root, loader = _compose(text)
    located = Located(None)
    if root is None:
        loader.dispose()
        return located
    seen: set[int] = set()

    def build(node: Node, path: Path) -> Any:
        if id(node) in seen:
            raise YamlProblem("yaml.alias", "YAML anchors and aliases are not allowed (this value is reused)",
                              *_pos(node))
        seen.add(id(node))
        if len(seen) > MAX_NODES:
            raise YamlProblem("yaml.too-large", f"document has more than {MAX_NODES} values", *_pos(node))
        if len(path) > MAX_DEPTH:
            raise YamlProblem("yaml.too-deep", f"values are nested more than {MAX_DEPTH} deep", *_pos(node))
        located.marks[path] = _pos(node)
        if not isinstance(node, ScalarNode) and node.tag not in STANDARD_TAGS:
            raise YamlProblem("yaml.unsafe-tag", "tag not allowed (only plain YAML values are loaded)",
                              *_pos(node), node.tag)
        if isinstance(node, MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    raise YamlProblem("yaml.key", "mapping keys must be plain strings", *_pos(key_node))
                key = key_node.value
                _check_chars(key, key_node)
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise YamlProblem("yaml.alias", "YAML merge keys are not allowed in data files", *_pos(key_node))
                if key in result:
                    raise YamlProblem("yaml.duplicate-key", "duplicate key", *_pos(key_node), key)
                located.key_marks[path + (key,)] = _pos(key_node)
                result[key] = build(value_node, path + (key,))
            return result
        if isinstance(node, SequenceNode):
            return [build(item, path + (i,)) for i, item in enumerate(node.value)]
        try:
            value = loader.construct_object(node, deep=True)
        except ConstructorError:
            raise YamlProblem("yaml.unsafe-tag", "tag not allowed (only plain YAML values are loaded)",
                              *_pos(node), node.tag) from None
        except ValueError:  # int() of 4,301 or more digits
            raise YamlProblem("yaml.too-large", f"number of {len(node.value)} digits is too long to read",
                              *_pos(node)) from None
        if isinstance(value, str):
            _check_chars(value, node)
        return value

    try:
        located.data = build(root, ())
    finally:
        loader.dispose()
    return located


def _check_chars(text: str, node: Node) -> None:
    """Refuse control characters and bidi overrides: they hide text, reverse it or forge terminal output."""
    if found := FORBIDDEN_CHARS.search(text):
        line, col = _pos(node)
        if node.start_mark.line == node.end_mark.line and isinstance(node, ScalarNode) and not node.style:
            col += found.start()  # a plain scalar on one line: point at the character itself
        raise YamlProblem("yaml.control-character", f"control or bidi character U+{ord(found.group()):04X} "
                          "is not allowed (write the text as printed, without it)", line, col)
