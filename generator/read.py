"""Read a data directory into a typed knowledge base (load + model), collecting every error.

Layout (DESIGN §3): ``categories.yaml``, ``glossary.yaml``, ``sources/*.yaml``,
``rules/*.yaml``, ``options/<category>/<id>.yaml``, ``trees/<id>.yaml`` and ``presets.yaml``. Sources and rules may be split into
several files (one per layer) so that authors of different layers do not edit the same file. Cross-file questions are left to ``check``.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import model as m
from .errors import DataError, Position, relpath
from .load import Loaded, key_position, load_file, position_of

OPTION_GLOB = "options/*/*.yaml"


@dataclass
class Origin:
    """Where an entity came from: its file and the raw data with positions."""

    path: str
    raw: Any
    loc: tuple[Any, ...] = ()

    def at(self, *loc: Any) -> Position:
        return position_of(self.raw, self.loc + loc, self.path)

    def key_at(self, *loc: Any) -> Position:
        """Where the last key of ``loc`` is written (for "unknown key"-like errors)."""
        return key_position(self.raw, self.loc + loc[:-1], loc[-1], self.path)


@dataclass
class KnowledgeBase:
    root: Path
    layers: list[m.Layer] = field(default_factory=list)
    sources: dict[str, m.Source] = field(default_factory=dict)
    options: dict[str, m.Option] = field(default_factory=dict)
    rules: list[m.Rule] = field(default_factory=list)
    terms: list[m.Term] = field(default_factory=list)
    trees: dict[str, m.Tree] = field(default_factory=dict)
    presets: list[m.Preset] = field(default_factory=list)
    #: (kind, id) -> Origin, for positions in cross-file checks and edit links.
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)

    @property
    def categories(self) -> dict[str, m.Category]:
        return {c.id: c for layer in self.layers for c in layer.categories}

    def layer_of(self, category_id: str) -> m.Layer:
        return next(layer for layer in self.layers if any(c.id == category_id for c in layer.categories))

    def options_in(self, category_id: str) -> list[m.Option]:
        """Options of a category in a stable order: by name."""
        return sorted((o for o in self.options.values() if o.category == category_id), key=lambda o: o.name.lower())

    def origin(self, kind: str, ident: str) -> Origin:
        return self.origins[(kind, ident)]


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names allowed in the sub-model found by walking ``loc`` from ``model``."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if info is None:
            # dict[str, Cell]: the key is an id, the value is the model
            current = _inner_model(current)
            continue
        current = _inner_model(info.annotation)
    return sorted(current.model_fields) if current is not None and hasattr(current, "model_fields") else []


def _inner_model(annotation: Any) -> Any:
    """Find the BaseModel inside list[X], dict[str, X], X | None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _explain(err: dict[str, Any]) -> str:
    kind, msg = err["type"], err["msg"]
    if kind == "missing":
        return f"missing required field '{err['loc'][-1]}'"
    pattern = str(err.get("ctx", {}).get("pattern", ""))
    if kind == "string_pattern_mismatch" and pattern == m.ID_PATTERN:
        return f"'{err['input']}' is not a valid id: use lowercase letters, digits and single hyphens"
    if kind == "string_pattern_mismatch" and pattern.startswith("^--"):
        return f"'{err['input']}' is not a valid flag: write it as --name in lowercase"
    if kind == "string_pattern_mismatch" and "https" in pattern:
        return f"'{err['input']}' is not an https:// URL"
    if kind == "enum":
        return f"'{err['input']}' is not allowed; expected {err['ctx']['expected']}"
    if kind == "string_type" and isinstance(err["input"], dict):
        return "expected text but found a key: value pair; put the text in quotes when it contains ': '"
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return f"'{err['input']}' is not a date (write YYYY-MM-DD)"
    return f"{msg[0].lower()}{msg[1:]}" + (f" (got {type(err['input']).__name__})" if kind.endswith("_type") else "")


def validate(model: type[BaseModel], loaded: Loaded) -> tuple[BaseModel | None, list[DataError]]:
    """Validate one loaded file against its model; map every pydantic error to a position."""
    try:
        return model.model_validate(loaded.data), []
    except ValidationError as exc:
        errors = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            if err["type"] == "extra_forbidden":
                key = loc[-1]
                allowed = _fields_at(model, loc[:-1])
                where = key_position(loaded.data, loc[:-1], key, loaded.path)
                errors.append(DataError(where, f"unknown key '{key}'{_did_you_mean(str(key), allowed)}"))
                continue
            if err["type"] == "missing":
                where = position_of(loaded.data, loc[:-1], loaded.path)
            else:
                where = position_of(loaded.data, loc, loaded.path)
            # Union errors repeat once per member; the first is enough for a reader.
            errors.append(DataError(where, _explain(err)))
        return None, _dedupe_union(errors)


def _dedupe_union(errors: list[DataError]) -> list[DataError]:
    seen: set[Position] = set()
    out = []
    for e in errors:
        if e.where in seen:
            continue
        seen.add(e.where)
        out.append(e)
    return out


def _globbed(root: Path, folder: str, errors: list[DataError], project_root: Path) -> list[Path]:
    """The YAML files of a folder that may be split by author (``sources/``, ``rules/``)."""
    files = sorted((root / folder).glob("*.yaml"))
    if not files:
        errors.append(DataError(Position(relpath(root / folder, project_root)), f"missing files: {folder}/*.yaml is required"))
    return files


def read(root: Path, project_root: Path | None = None) -> tuple[KnowledgeBase, list[DataError]]:
    """Read everything under ``root``; return the KB (possibly partial) and every error found."""
    project_root = project_root or root.parent
    kb = KnowledgeBase(root=root)
    errors: list[DataError] = []

    def load(path: Path) -> Loaded | None:
        loaded = load_file(path, relpath(path, project_root))
        errors.extend(loaded.errors)
        return None if loaded.errors else loaded

    def required(name: str) -> Path | None:
        path = root / name
        if not path.is_file():
            errors.append(DataError(Position(relpath(path, project_root)), f"missing file: {name} is required"))
            return None
        return path

    if path := required("categories.yaml"):
        if loaded := load(path):
            parsed, errs = validate(m.CategoryFile, loaded)
            errors.extend(errs)
            if parsed is not None:
                kb.layers = list(parsed.layers)
                for li, layer in enumerate(parsed.layers):
                    kb.origins[("layer", layer.id)] = Origin(loaded.path, loaded.data, ("layers", li))
                    for ci, cat in enumerate(layer.categories):
                        kb.origins[("category", cat.id)] = Origin(loaded.path, loaded.data, ("layers", li, "categories", ci))

    for path in _globbed(root, "sources", errors, project_root):
        if loaded := load(path):
            parsed, errs = validate(m.SourceFile, loaded)
            errors.extend(errs)
            for i, src in enumerate(parsed.sources if parsed else []):
                origin = Origin(loaded.path, loaded.data, ("sources", i))
                if src.id in kb.sources:
                    errors.append(DataError(origin.at("id"), f"duplicate source id '{src.id}' (also in {kb.origins[('source', src.id)].path})"))
                    continue
                kb.sources[src.id] = src
                kb.origins[("source", src.id)] = origin

    for path in _globbed(root, "rules", errors, project_root):
        if loaded := load(path):
            parsed, errs = validate(m.RuleFile, loaded)
            errors.extend(errs)
            for i, rule in enumerate(parsed.rules if parsed else []):
                origin = Origin(loaded.path, loaded.data, ("rules", i))
                if ("rule", rule.id) in kb.origins:
                    errors.append(DataError(origin.at("id"), f"duplicate rule id '{rule.id}' (also in {kb.origins[('rule', rule.id)].path})"))
                    continue
                kb.rules.append(rule)
                kb.origins[("rule", rule.id)] = origin

    if path := required("glossary.yaml"):
        if loaded := load(path):
            parsed, errs = validate(m.GlossaryFile, loaded)
            errors.extend(errs)
            for i, term in enumerate(parsed.terms if parsed else []):
                origin = Origin(loaded.path, loaded.data, ("terms", i))
                if ("term", term.id) in kb.origins:
                    errors.append(DataError(origin.at("id"), f"duplicate term id '{term.id}'"))
                    continue
                kb.terms.append(term)
                kb.origins[("term", term.id)] = origin

    for path in sorted(root.glob(OPTION_GLOB)):
        loaded = load(path)
        if loaded is None:
            continue
        parsed, errs = validate(m.Option, loaded)
        errors.extend(errs)
        if parsed is None:
            continue
        origin = Origin(loaded.path, loaded.data)
        if parsed.id != path.stem:
            errors.append(DataError(origin.at("id"), f"id '{parsed.id}' does not match the file name '{path.name}'"))
            continue
        if parsed.category != path.parent.name:
            errors.append(DataError(origin.at("category"), f"category '{parsed.category}' does not match the folder 'options/{path.parent.name}/'"))
        if parsed.id in kb.options:
            first = kb.origins[("option", parsed.id)]
            errors.append(DataError(origin.at("id"), f"duplicate option id '{parsed.id}' (also in {first.path})"))
            continue
        kb.options[parsed.id] = parsed
        kb.origins[("option", parsed.id)] = origin
    for path in sorted(root.glob("trees/*.yaml")):
        loaded = load(path)
        if loaded is None:
            continue
        parsed, errs = validate(m.Tree, loaded)
        errors.extend(errs)
        if parsed is None:
            continue
        origin = Origin(loaded.path, loaded.data)
        if parsed.id != path.stem:
            errors.append(DataError(origin.at("id"), f"id '{parsed.id}' does not match the file name '{path.name}'"))
            continue
        kb.trees[parsed.id] = parsed
        kb.origins[("tree", parsed.id)] = origin

    presets_path = root / "presets.yaml"
    if presets_path.is_file() and (loaded := load(presets_path)):
        parsed, errs = validate(m.PresetFile, loaded)
        errors.extend(errs)
        for i, preset in enumerate(parsed.presets if parsed else []):
            origin = Origin(loaded.path, loaded.data, ("presets", i))
            if ("preset", preset.id) in kb.origins:
                errors.append(DataError(origin.at("id"), f"duplicate preset id '{preset.id}'"))
                continue
            kb.presets.append(preset)
            kb.origins[("preset", preset.id)] = origin

    for stray in sorted(p for p in root.glob("options/**/*") if p.is_file() and not p.match(OPTION_GLOB)):
        errors.append(DataError(Position(relpath(stray, project_root)), "unexpected file: options live at options/<category>/<id>.yaml"))
    return kb, errors
