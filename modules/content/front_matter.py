"""The front-matter keys of the contract and how each is checked.

One table of keys so that the checker, the trainer guide and the editor's
template never disagree about what a key may hold.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import frontmatter
import yaml

from modules.accounts.roles import ROLES
from modules.content.model import SLUG

_HANDLER = frontmatter.YAMLHandler()

Check = Callable[[Any], tuple[Any, str | None]]


def _text(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        return None, "must be non-empty text"
    return value.strip(), None


def _int(low: int | None = None, high: int | None = None) -> Check:
    def check(value: Any) -> tuple[Any, str | None]:
        if isinstance(value, bool) or not isinstance(value, int):
            return None, "must be a whole number"
        if low is not None and value < low or high is not None and value > high:
            bounds = f"from {low} to {high}" if high is not None else f"at least {low}"
            return None, f"must be {bounds}"
        return value, None

    return check


def _slug(value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, str) or not SLUG.match(value):
        return None, "must be a slug: lower-case letters, digits and dashes"
    return value, None


def _slug_list(allowed: tuple[str, ...] | None = None) -> Check:
    def check(value: Any) -> tuple[Any, str | None]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return None, "must be a list"
        for item in value:
            if not isinstance(item, str) or not SLUG.match(item):
                return None, f"has {item!r}, which is not a slug (lower-case letters, digits, dashes)"
            if allowed is not None and item not in allowed:
                return None, f"has {item!r}; allowed: {', '.join(allowed)}"
        return list(value), None

    return check


def _bool(value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, bool):
        return None, "must be true or false"
    return value, None


@dataclass(frozen=True)
class Key:
    check: Check
    required: bool = False


KEYS: dict[str, Key] = {
    "id": Key(_slug),
    "title": Key(_text, required=True),
    "summary": Key(_text, required=True),
    "order": Key(_int()),
    "duration_minutes": Key(_int(1)),
    "pass_mark": Key(_int(0, 100)),
    "requires": Key(_slug_list()),
    "skills": Key(_slug_list()),
    "audience": Key(_slug_list(ROLES)),
    "shuffle": Key(_bool),
    "max_attempts": Key(_int(1)),
    "practice": Key(_bool),
    "show_answers": Key(_bool),
}


@dataclass
class FrontMatter:
    """Validated values, the line of each key, and where the body starts."""

    values: dict[str, Any]
    lines: dict[str, int]
    body: str
    body_offset: int
    problems: list[tuple[int, str]]


def split(text: str) -> FrontMatter:
    """Split and validate the YAML block; problems carry 1-based file lines."""
    if not _HANDLER.detect(text):
        return FrontMatter({}, {}, text, 0, [(1, "missing front matter: the file must start with a '---' line")])
    try:
        fm_text, body = _HANDLER.split(text)
    except ValueError:
        return FrontMatter({}, {}, text, 0, [(1, "front matter is not closed by a '---' line")])
    offset = text[: len(text) - len(body)].count("\n")
    result = FrontMatter({}, {}, body, offset, [])
    try:
        raw = _HANDLER.load(fm_text) or {}
        node = yaml.compose(fm_text)
    except yaml.YAMLError as error:
        # Where the broken construct began (an unclosed list, a quote) is what a trainer must fix.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(error, "problem", None) or "invalid YAML"
        result.problems.append((line, f"front matter is not valid YAML: {problem}"))
        return result
    if not isinstance(raw, dict):
        result.problems.append((2, "front matter must be a list of 'key: value' lines"))
        return result
    if isinstance(node, yaml.MappingNode):
        result.lines = {k.value: k.start_mark.line + 1 for k, _ in node.value}
    _validate(raw, result)
    return result


def _validate(raw: dict[str, Any], result: FrontMatter) -> None:
    for key, value in raw.items():
        line = result.lines.get(str(key), 1)
        rule = KEYS.get(str(key))
        if rule is None:
            hint = _suggest(str(key))
            result.problems.append((line, f"unknown front-matter key '{key}'{hint}"))
            continue
        checked, error = rule.check(value)
        if error:
            result.problems.append((line, f"'{key}' {error}"))
        else:
            result.values[str(key)] = checked
    for key, rule in KEYS.items():
        if rule.required and key not in raw:
            result.problems.append((1, f"missing required front-matter key '{key}'"))


def _suggest(key: str) -> str:
    normal = key.lower().replace("-", "_").replace(" ", "_")
    if normal in KEYS:
        return f" (did you mean '{normal}'?)"
    return f"; allowed keys: {', '.join(KEYS)}"
