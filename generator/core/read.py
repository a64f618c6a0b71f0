"""Read a data directory into a typed knowledge base (load + model), collecting every error.

Layout: ``categories.yaml``, ``glossary.yaml``, ``sources/*.yaml``, ``rules/*.yaml``,
``options/<category>/<id>.yaml``, ``trees/<id>.yaml`` and ``presets.yaml``. Sources and rules may
be split into several files (one per layer) so that authors of different layers do not edit the
same file. Cross-file questions are left to ``check``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import lifecycle
from . import model as m
from .errors import DataError, Position, did_you_mean, relpath
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
    changes: list[m.Change] = field(default_factory=list)
    egress: list[m.EgressRule] = field(default_factory=list)
    egress_shown_on: list[str] = field(default_factory=list)
    network: m.NetworkFile | None = None
    #: How to tell a running cluster's options from its JSON (``detect.yaml``, optional).
    detect: m.DetectFile | None = None
    #: The traffic diagrams' vocabulary and each option's flows (``diagrams.yaml``, optional).
    diagrams: m.DiagramFile | None = None
    #: Categories in the order a design's settings are written (``categories.yaml``).
    command_order: list[str] = field(default_factory=list)
    #: The day lifecycle states are computed for: the build date (``app.load_kb`` sets it).
    on: dt.date = field(default_factory=dt.date.today)
    #: Ids of option and tree files that could not be read; everything else read cleanly iff
    #: ``shared_ok``. Lets the pipeline still run cross-file checks and skip what they mention.
    unreadable: set[str] = field(default_factory=set)
    shared_ok: bool = True
    #: (kind, id) -> Origin, for positions in cross-file checks and edit links.
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    #: Computed states by (item, day): pages ask for the same option's state hundreds of times.
    _states: dict[tuple[int, dt.date], lifecycle.State] = field(default_factory=dict, repr=False, compare=False)
    _category_index: tuple[Any, dict[str, tuple[m.Option, ...]]] = field(
        default=(None, {}), repr=False, compare=False
    )

    @property
    def categories(self) -> dict[str, m.Category]:
        return {c.id: c for layer in self.layers for c in layer.categories}

    def layer_of(self, category_id: str) -> m.Layer:
        return next(layer for layer in self.layers if any(c.id == category_id for c in layer.categories))

    def options_in(self, category_id: str) -> list[m.Option]:
        """Options of a category in a stable order: by name."""
        return list(self._by_category().get(category_id, ()))

    def _by_category(self) -> dict[str, tuple[m.Option, ...]]:
        # Why: pages ask for a category's options thousands of times, and a scan of every option
        # each time grows with the square of the knowledge base. The index is rebuilt when the
        # options mapping is another one or has another size (tests swap it after reading).
        key = (id(self.options), len(self.options))
        if self._category_index[0] != key:
            index: dict[str, list[m.Option]] = {}
            for o in sorted(self.options.values(), key=lambda o: o.name.lower()):
                index.setdefault(o.category, []).append(o)
            self._category_index = (key, {c: tuple(opts) for c, opts in index.items()})
        return self._category_index[1]

    def state(self, item: m.Option | m.Variant) -> lifecycle.State:
        """Where an option or variant stands on the build date, from its lifecycle events."""
        key = (id(item), self.on)
        if key not in self._states:
            self._states[key] = lifecycle.state(item.lifecycle, self.on)
        return self._states[key]

    def origin(self, kind: str, ident: str) -> Origin:
        return self.origins[(kind, ident)]

    def first_path(self, kind: str) -> str | None:
        """The file the first entity of ``kind`` came from (the edit link of a page about them)."""
        return next((o.path for (k, _), o in self.origins.items() if k == kind), None)


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
    if kind == "string_pattern_mismatch" and pattern == m.CIDR_PATTERN:
        return f"'{err['input']}' is not an IPv4 range in CIDR notation, such as 10.0.0.0/16"
    if kind == "string_pattern_mismatch" and "https" in pattern:
        return f"'{err['input']}' is not an https:// URL"
    if kind == "enum":
        return f"'{err['input']}' is not allowed; expected {err['ctx']['expected']}"
    if kind == "string_type" and isinstance(err["input"], dict):
        return "expected text but found a key: value pair; put the text in quotes when it contains ': '"
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        month = " or YYYY-MM for a month" if "events" in err["loc"] else ""
        return f"'{err['input']}' is not a date (write YYYY-MM-DD{month})"
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
                errors.append(DataError(where, f"unknown key '{key}'{did_you_mean(str(key), allowed)}"))
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
        errors.append(
            DataError(Position(relpath(root / folder, project_root)), f"missing files: {folder}/*.yaml is required")
        )
    return files


class _Reader:
    """Loads and validates files into ``kb``, registering each entity's origin once."""

    def __init__(self, kb: KnowledgeBase, project_root: Path):
        self.kb, self.project_root, self.errors = kb, project_root, []

    def parse(self, path: Path, model: type[BaseModel]) -> tuple[Any, Loaded] | None:
        loaded = load_file(path, relpath(path, self.project_root))
        self.errors.extend(loaded.errors)
        if loaded.errors:
            return None
        parsed, errs = validate(model, loaded)
        self.errors.extend(errs)
        return (parsed, loaded) if parsed is not None else None

    def register(self, kind: str, ident: str, origin: Origin) -> bool:
        """False (and an error) when ``ident`` is already taken by an entity of this kind."""
        first = self.kb.origins.get((kind, ident))
        if first is not None:
            where = (
                f"first defined at line {first.at('id').line}" if first.path == origin.path else f"also in {first.path}"
            )
            self.errors.append(DataError(origin.at("id"), f"duplicate {kind} id '{ident}' ({where})"))
            return False
        self.kb.origins[(kind, ident)] = origin
        return True

    def entries(self, paths: list[Path], model: type[BaseModel], attr: str, kind: str) -> Iterator[Any]:
        """Entities listed under ``attr`` in files of ``model`` (sources, rules, terms, presets)."""
        for path in paths:
            if result := self.parse(path, model):
                parsed, loaded = result
                for i, item in enumerate(getattr(parsed, attr)):
                    if self.register(kind, item.id, Origin(loaded.path, loaded.data, (attr, i))):
                        yield item

    def per_file(self, paths: list[Path], model: type[BaseModel], kind: str) -> Iterator[tuple[Any, Origin, Path]]:
        """One entity per file whose id must be the file name (options, trees)."""
        for path in paths:
            result = self.parse(path, model)
            if result is None:
                self.kb.unreadable.add(path.stem)
            else:
                parsed, loaded = result
                origin = Origin(loaded.path, loaded.data)
                if parsed.id != path.stem:
                    self.errors.append(
                        DataError(origin.at("id"), f"id '{parsed.id}' does not match the file name '{path.name}'")
                    )
                    self.kb.unreadable.add(path.stem)
                elif self.register(kind, parsed.id, origin):
                    yield parsed, origin, path


def _read_categories(r: _Reader, paths: list[Path]) -> None:
    kb = r.kb
    for path in paths:
        if result := r.parse(path, m.CategoryFile):
            parsed, loaded = result
            kb.layers = list(parsed.layers)
            kb.command_order = list(parsed.command_order)
            for li, layer in enumerate(parsed.layers):
                kb.origins[("layer", layer.id)] = Origin(loaded.path, loaded.data, ("layers", li))
                for ci, cat in enumerate(layer.categories):
                    kb.origins[("category", cat.id)] = Origin(
                        loaded.path, loaded.data, ("layers", li, "categories", ci)
                    )


def _read_network(r: _Reader, path: Path) -> None:
    """``network.yaml`` (optional): what the designer deploys around the cluster."""
    if path.is_file() and (result := r.parse(path, m.NetworkFile)):
        parsed, loaded = result
        r.kb.network = parsed
        for i, res in enumerate(parsed.resources):
            r.register("network", res.id, Origin(loaded.path, loaded.data, ("resources", i)))


def _read_egress(r: _Reader, path: Path) -> None:
    """``egress.yaml`` (optional): what a firewall must allow (option pages, designer)."""
    if path.is_file() and (result := r.parse(path, m.EgressFile)):
        parsed, loaded = result
        r.kb.egress_shown_on = list(parsed.shown_on)
        r.kb.egress = [
            rule
            for i, rule in enumerate(parsed.rules)
            if r.register("egress", rule.id, Origin(loaded.path, loaded.data, ("rules", i)))
        ]


def _read_detect(r: _Reader, path: Path) -> None:
    """``detect.yaml`` (optional): API fields -> option ids, for the migrate feature."""
    if path.is_file() and (result := r.parse(path, m.DetectFile)):
        parsed, loaded = result
        r.kb.detect = parsed
        r.kb.origins[("detect", "detect")] = Origin(loaded.path, loaded.data)


def _read_diagrams(r: _Reader, path: Path) -> None:
    """``diagrams.yaml`` (optional): the diagrams' vocabulary; its origin is ("diagrams", "file")."""
    if path.is_file() and (result := r.parse(path, m.DiagramFile)):
        r.kb.diagrams, loaded = result
        r.kb.origins[("diagrams", "file")] = Origin(loaded.path, loaded.data)


def _read_options(r: _Reader, root: Path) -> None:
    for opt, origin, path in r.per_file(sorted(root.glob(OPTION_GLOB)), m.Option, "option"):
        if opt.category != path.parent.name:
            message = f"category '{opt.category}' does not match the folder 'options/{path.parent.name}/'"
            r.errors.append(DataError(origin.at("category"), message))
            r.kb.unreadable.add(opt.id)
            continue
        r.kb.options[opt.id] = opt
    for stray in sorted(p for p in root.glob("options/**/*") if p.is_file() and not p.match(OPTION_GLOB)):
        message = "unexpected file: options live at options/<category>/<id>.yaml"
        r.errors.append(DataError(Position(relpath(stray, r.project_root)), message))


def read(root: Path, project_root: Path | None = None) -> tuple[KnowledgeBase, list[DataError]]:
    """Read everything under ``root``; return the KB (possibly partial) and every error found."""
    project_root = project_root or root.parent
    kb = KnowledgeBase(root=root)
    r = _Reader(kb, project_root)

    def required(name: str) -> list[Path]:
        path = root / name
        if not path.is_file():
            r.errors.append(DataError(Position(relpath(path, project_root)), f"missing file: {name} is required"))
            return []
        return [path]

    def optional(name: str) -> list[Path]:
        return [root / name] if (root / name).is_file() else []

    _read_categories(r, required("categories.yaml"))
    sources = r.entries(_globbed(root, "sources", r.errors, project_root), m.SourceFile, "sources", "source")
    kb.sources = {s.id: s for s in sources}
    kb.rules = list(r.entries(_globbed(root, "rules", r.errors, project_root), m.RuleFile, "rules", "rule"))
    kb.terms = list(r.entries(required("glossary.yaml"), m.GlossaryFile, "terms", "term"))
    kb.presets = list(r.entries(optional("presets.yaml"), m.PresetFile, "presets", "preset"))  # the designer's
    kb.changes = list(r.entries(optional("changes.yaml"), m.ChangeFile, "changes", "change"))  # content changes
    _read_egress(r, root / "egress.yaml")
    _read_network(r, root / "network.yaml")
    _read_detect(r, root / "detect.yaml")
    _read_diagrams(r, root / "diagrams.yaml")
    kb.shared_ok = not r.errors  # categories, sources, rules, glossary, presets, changes, egress all read
    _read_options(r, root)
    kb.trees = {t.id: t for t, _, _ in r.per_file(sorted(root.glob("trees/*.yaml")), m.Tree, "tree")}
    return kb, r.errors
