"""Step 2: which option the cluster runs in each category, and the fields that say so.

Reads ``data/detect.yaml``: each entry's ``from_select`` paths take their values from the
option's own ``select.bicep`` (the property the designer writes is the property read back), and
``match`` adds tests the select block cannot express. ``cores/detect.js`` mirrors this.
"""

from __future__ import annotations

import re
from typing import Any

from ...core import model as m
from ...core.read import KnowledgeBase

_MISSING = object()


def values(props: Any, path: str) -> list[Any]:
    """Every value at ``path`` (``a.b[].c``: any item of the list ``b``); keys match in any case."""
    found = [props]
    for part in path.split("."):
        name, many = re.sub(r"\[[0-9]*\]$", "", part), part.endswith("]")
        step = []
        for node in found:
            if not isinstance(node, dict):
                continue
            value = next((v for k, v in node.items() if k.lower() == name.lower()), _MISSING)
            if value is _MISSING:
                continue
            if many:
                step.extend(value if isinstance(value, list) else [])
            else:
                step.append(value)
        found = step
    return found


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return a.lower() == b.lower()
    return type(a) is type(b) and a == b


def _set(v: Any) -> bool:
    return v is not None and v != "" and v != [] and v != {}


def holds(props: dict[str, Any], test: m.FieldTest) -> bool:
    """Whether any value at the test's path passes it (``present: false``: none is set)."""
    found = values(props, test.path)
    if test.present is not None:
        return any(_set(v) for v in found) == test.present
    if test.one_of:
        return any(_same(v, w) for v in found for w in test.one_of)
    if test.none_of:
        return not any(_same(v, w) for v in found for w in test.none_of)
    return any(_same(v, test.equals) for v in found)


def entry_tests(kb: KnowledgeBase, entry: m.DetectEntry) -> list[m.FieldTest]:
    """The entry's tests: its ``from_select`` paths with the values the select block writes."""
    opt = kb.options[entry.option]
    select = next(v.select for v in opt.variants if v.id == entry.variant) if entry.variant else opt.select
    written = {p.property.removeprefix("properties."): p.value for p in (select.bicep if select else [])}
    tests = [m.FieldTest(path=path, equals=written[path]) for path in entry.from_select]
    return tests + list(entry.match)


def _found(kb: KnowledgeBase, props: dict[str, Any], entry: m.DetectEntry) -> dict[str, Any]:
    tests = entry_tests(kb, entry)
    return {
        "option": entry.option,
        "fields": [{"path": t.path, "values": values(props, t.path)} for t in tests],
        "note": entry.note or "",
    }


def detect(kb: KnowledgeBase, props: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Category id -> the options found (one, or several for a ``multiple`` category), each
    with the fields it was read from; an empty list where no entry matched and no default applies."""
    assert kb.detect is not None
    out: dict[str, list[dict[str, Any]]] = {}
    for cat in kb.detect.categories:
        hits = [e for e in cat.entries if all(holds(props, t) for t in entry_tests(kb, e))]
        hits = hits if cat.multiple else hits[:1]
        out[cat.category] = [_found(kb, props, e) for e in hits]
        if not hits and cat.otherwise:
            read = sorted({t.path for e in cat.entries for t in entry_tests(kb, e)})
            shown = [{"path": p, "values": values(props, p)} for p in read]
            out[cat.category] = [{"option": cat.otherwise, "fields": shown, "note": "", "default": True}]
    return out


def unknown_values(kb: KnowledgeBase, props: dict[str, Any], found: dict[str, list[dict[str, Any]]]) -> list[str]:
    """Values of the fields detection reads that no entry knows (a newer API version): reported,
    not fatal. Pool fields are left out: an option there is told by whether a field is set."""
    assert kb.detect is not None
    out = []
    for cat in kb.detect.categories:
        known: dict[str, list[Any]] = {}
        for e in cat.entries:
            for t in entry_tests(kb, e):
                if t.present is None and not t.none_of and "[" not in t.path:
                    known.setdefault(t.path, []).extend([t.equals] if not t.one_of else t.one_of)
        for path, allowed in known.items():
            for v in values(props, path):
                if isinstance(v, str) and v and not any(_same(v, a) for a in allowed):
                    out.append(f"{path} = '{v}' ({cat.category}): a value the atlas does not know")
    return sorted(set(out))


def facts(kb: KnowledgeBase, props: dict[str, Any]) -> list[str]:
    """The ids of the facts (``detect.yaml``) that hold for the cluster."""
    assert kb.detect is not None
    return [f.id for f in kb.detect.facts if all(holds(props, t) for t in f.match)]
