"""Strict YAML loading: one file in, plain Python data out, with the position of every node.

PyYAML is permissive in ways that lose data silently (a repeated key keeps the last value) or
let a small file explode (aliases that expand exponentially). This loader rejects both, refuses
non-UTF-8 and oversized files, and remembers where every mapping key and sequence item starts,
so later steps can report ``path:line:col`` for any field they reject.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, Position

MAX_BYTES = 4 * 1024 * 1024  # real files are a few KB; the 100x benchmark KB has a 1.4 MB one
MAX_DEPTH = 32  # the deepest real structure is 6 levels


class Mapping(dict):
    """A dict that knows where each key (``key_pos``) and value (``value_pos``) starts."""

    key_pos: dict[Any, tuple[int, int]]
    value_pos: dict[Any, tuple[int, int]]
    start: tuple[int, int]


class Sequence(list):
    """A list that knows where each item starts."""

    item_pos: list[tuple[int, int]]
    start: tuple[int, int]


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _LoadError(Exception):
    def __init__(self, node_or_mark: Any, message: str):
        mark = getattr(node_or_mark, "start_mark", node_or_mark)
        self.line = mark.line + 1 if mark is not None else 0
        self.col = mark.column + 1 if mark is not None else 0
        self.message = message


# libyaml's C parser when PyYAML has it (about 10x faster than the pure-Python scanner, which
# was most of the generator's time); the Python parser otherwise. Construction stays in Python.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that keeps positions and rejects duplicate keys, merge keys and deep nesting
    (aliases are rejected before parsing, in ``_reject_aliases``)."""

    def construct_document(self, node: yaml.Node) -> Any:
        _check_depth(node, 0)
        return super().construct_document(node)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Mapping:
        result = Mapping()
        result.key_pos, result.value_pos, result.start = {}, {}, _mark(node)
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _LoadError(key_node, "YAML merge keys (<<) are not allowed: write the keys out")
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) or isinstance(key, bool):
                raise _LoadError(key_node, "mapping keys must be plain strings")
            key = str(key) if not isinstance(key, str) else key
            if key in result:
                first = result.key_pos[key]
                raise _LoadError(key_node, f"duplicate key '{key}' (first defined at line {first[0]})")
            result[key] = self.construct_object(value_node, deep=True)
            result.key_pos[key], result.value_pos[key] = _mark(key_node), _mark(value_node)
        return result

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        # PyYAML's resolver matches 2026-13-01 as a date, then fails with a bare ValueError.
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            raise _LoadError(node, f"'{node.value}' is not a date (write YYYY-MM-DD)") from None

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> Sequence:
        result = Sequence(self.construct_object(child, deep=True) for child in node.value)
        result.item_pos, result.start = [_mark(child) for child in node.value], _mark(node)
        return result


def _check_depth(node: yaml.Node, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise _LoadError(node, f"nesting deeper than {MAX_DEPTH} levels")
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            _check_depth(v, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            _check_depth(child, depth + 1)


# YAML 1.2 booleans only: in YAML 1.1 `yes`, `no`, `on` and `off` are booleans, which would turn
# the support levels `yes`/`no` into True/False (the "Norway problem").
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_StrictLoader.add_constructor("tag:yaml.org,2002:map", _StrictLoader.construct_mapping)
_StrictLoader.add_constructor("tag:yaml.org,2002:seq", _StrictLoader.construct_sequence)
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _StrictLoader.construct_yaml_timestamp)
# Dates stay typed (pydantic accepts datetime.date); timestamps with times are not used.


@dataclass
class Loaded:
    """One loaded file: its display path, its data, or the errors that stopped it."""

    path: str
    data: Any = None
    errors: list[DataError] = field(default_factory=list)


def _reject_aliases(text: str) -> None:
    """Aliases can expand exponentially ("billion laughs") and hide repeated facts: find the
    first one by scanning tokens (in C, with positions) before anything is built."""
    scanner = _BaseLoader(text)
    try:
        while True:
            token = scanner.get_token()
            if token is None:
                return
            if isinstance(token, yaml.AliasToken):
                raise _LoadError(token.start_mark, "YAML aliases (*name) are not allowed: write the value out")
    finally:
        scanner.dispose()


def load_text(text: str, path: str) -> Loaded:
    """Parse one YAML document held in ``text``; ``path`` is only used in messages."""
    try:
        _reject_aliases(text)
        docs = list(yaml.load_all(text, Loader=_StrictLoader))
    except _LoadError as exc:
        return Loaded(path, errors=[DataError(Position(path, exc.line, exc.col), exc.message)])
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = exc.problem or exc.context or "invalid YAML"
        lines = text.splitlines()
        if "\\t" in str(what) or "tab" in str(what) or (0 < line <= len(lines) and "\t" in lines[line - 1]):
            what = f"{what} (YAML does not allow tabs for indentation)"
        return Loaded(path, errors=[DataError(Position(path, line, col), f"YAML syntax error: {what}")])
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:  # never crash on input
        return Loaded(path, errors=[DataError(Position(path, 1, 1), f"cannot read the file: {exc}")])
    if len(docs) != 1 or docs[0] is None:
        message = "file is empty" if not docs or docs[0] is None else "file holds more than one YAML document"
        return Loaded(path, errors=[DataError(Position(path, 1, 1), message)])
    if not isinstance(docs[0], dict):
        return Loaded(path, errors=[DataError(Position(path, 1, 1), "the top level must be a mapping of keys")])
    return Loaded(path, docs[0])


def load_file(file: Path, display: str) -> Loaded:
    """Read ``file`` strictly (size, encoding) and parse it."""
    size = file.stat().st_size
    if size > MAX_BYTES:
        return Loaded(
            display, errors=[DataError(Position(display, 1, 1), f"file is {size} bytes; the limit is {MAX_BYTES}")]
        )
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return Loaded(display, errors=[DataError(Position(display, line, col), "file is not valid UTF-8")])
    if text.startswith("\ufeff"):
        text = text[1:]
    return _parsed(text, display)


# Why: the live-reload server re-reads the whole folder after each save; files whose text did not
# change come back from here instead of being parsed again. Keyed by the text, not the file's
# time, so a rewrite within the clock's resolution is never missed. Callers only read the result.
@functools.lru_cache(maxsize=1024)
def _parsed(text: str, display: str) -> Loaded:
    return load_text(text, display)


def position_of(data: Any, loc: tuple[Any, ...], path: str) -> Position:
    """The deepest known position along ``loc`` (a pydantic error location) inside ``data``."""
    line, col = getattr(data, "start", (1, 1))
    node = data
    for part in loc:
        if isinstance(node, Mapping) and part in node:
            line, col = node.value_pos.get(part, (line, col))
            node = node[part]
        elif isinstance(node, Sequence) and isinstance(part, int) and 0 <= part < len(node):
            line, col = node.item_pos[part]
            node = node[part]
        else:
            break
    return Position(path, line, col)


def key_position(data: Any, loc: tuple[Any, ...], key: str, path: str) -> Position:
    """Where the key ``key`` of the mapping at ``loc`` is written (for unknown-key errors)."""
    node = data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return position_of(data, loc, path)
    if isinstance(node, Mapping) and key in node.key_pos:
        return Position(path, *node.key_pos[key])
    return position_of(data, loc, path)
