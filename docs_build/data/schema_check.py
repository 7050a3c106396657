"""First validation pass: each file against its typed schema, errors mapped to YAML positions."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .problems import Problem, quote
from .yamlsafe import Located

M = TypeVar("M", bound=BaseModel)

TYPE_IDS = {
    "missing": "schema.missing-field",
    "extra_forbidden": "schema.unknown-field",
    "literal_error": "schema.invalid-choice",
    "enum": "schema.invalid-choice",
    "string_pattern_mismatch": "schema.invalid-format",
    "string_too_long": "schema.too-long",
    "string_too_short": "schema.empty",
    "too_short": "schema.empty",
    "greater_than_equal": "schema.out-of-range",
    "less_than_equal": "schema.out-of-range",
    "greater_than": "schema.out-of-range",
    "less_than": "schema.out-of-range",
    "decimal_max_digits": "schema.out-of-range",
    "date_from_datetime_parsing": "schema.invalid-date",
    "date_parsing": "schema.invalid-date",
}
VALUE_ERRORS = {
    "unknown currency code": "schema.unknown-currency",
    "start year": "schema.impossible-period",
    "a legal reference names exactly one": "schema.invalid-reference",
    "an acronym is": "schema.invalid-format",
    "a one-line field": "schema.invalid-format",
}
YEAR_FIELDS = {"start", "end", "year"}


def type_id(error: dict[str, Any]) -> str:
    """Stable problem type id for a pydantic error."""
    kind = error["type"]
    if kind in TYPE_IDS:
        return TYPE_IDS[kind]
    if kind == "value_error":
        text = str(error.get("ctx", {}).get("error", error["msg"]))
        return next((tid for prefix, tid in VALUE_ERRORS.items() if text.startswith(prefix)), "schema.invalid-value")
    if kind.endswith("_type") or kind.endswith("_parsing") or kind in ("model_attributes_type", "dict_type"):
        return "schema.wrong-type"
    return "schema.invalid-value"


def message(error: dict[str, Any], tid: str) -> str:
    """Human message for a pydantic error, naming the field."""
    loc = [str(part) for part in error["loc"] if not isinstance(part, int)]  # an item of a list: name the list
    field = loc[-1] if loc else "document"
    if tid == "schema.missing-field":
        return f"missing required field '{field}'"
    if tid == "schema.unknown-field":
        return f"unknown field '{field}'"
    msg = error["msg"].removeprefix("Value error, ")
    if tid == "schema.out-of-range" and field in YEAR_FIELDS:
        return f"impossible year in '{field}': {msg[0].lower()}{msg[1:]}"
    return f"'{field}': {msg[0].lower()}{msg[1:]}" if msg else f"invalid '{field}'"


def validate(model: type[M], doc: Located, path: str) -> tuple[M | None, list[Problem]]:
    """Validate a loaded document against a model; return the model or the problems found."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            tid = type_id(error)
            loc = tuple(p for p in error["loc"] if not isinstance(p, str) or not p.startswith("function-"))
            line, col = doc.where(loc, key=tid == "schema.unknown-field")
            value = None if tid == "schema.missing-field" else error.get("input")
            shown = None if value is None or isinstance(value, (dict, list)) else quote(value)
            problems.append(Problem(path, line, col, tid, message(error, tid), shown))
        return None, problems
