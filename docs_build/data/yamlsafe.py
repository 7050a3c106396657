"""Safe YAML loading that keeps the line and column of every value."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Path = tuple[str | int, ...]
MAX_NODES = 500_000
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
        "tag:yaml.org,2002:bool", __import__("re").compile(r"^(?:true|false)$"), list("tf"))


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


def _compose(text: str) -> tuple[Node | None, yaml.BaseLoader]:
    """The node tree, parsed by libyaml; on any error, parsed again by PyYAML for its exact message."""
    try:
        loader = FastStrictLoader(text)
        return loader.get_single_node(), loader
    except (yaml.YAMLError, ValueError):
        return _compose_slowly(text)


def _compose_slowly(text: str) -> tuple[Node | None, yaml.BaseLoader]:
    """Parse with PyYAML's pure-Python parser, turning its errors into YamlProblem."""
    try:
        loader = StrictLoader(text)
    except yaml.reader.ReaderError as exc:  # control characters such as NUL: a binary file that decodes as UTF-8
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - text.rfind("\n", 0, exc.position)
        raise YamlProblem("yaml.syntax", f"YAML syntax error: unacceptable character #x{exc.character:04x} "
                          f"({exc.reason})", line, col) from None
    try:
        return loader.get_single_node(), loader
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
            return loader.construct_object(node, deep=True)
        except ConstructorError:
            raise YamlProblem("yaml.unsafe-tag", "tag not allowed (only plain YAML values are loaded)",
                              *_pos(node), node.tag) from None

    try:
        located.data = build(root, ())
    finally:
        loader.dispose()
    return located
