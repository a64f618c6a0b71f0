"""The network designer and IP planner pages (issue 6).

A design is one option per category (``choices``: category id -> option id). From it come the
rules that apply (``evaluate``), lifecycle warnings (``lifecycle``) and one merged set of
deployment settings (``combine``) formatted by ``snippets``. ``docs/assets/js/designer.js``
repeats ``evaluate`` and ``combine`` in the browser from ``api/design.json``; a test holds the
two to the same output, and golden files hold each preset's commands still.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from . import ipplan, ipplan_params, snippets, urls
from . import model as m
from .errors import DataError, did_you_mean
from .read import KnowledgeBase
from .settings import Settings
from .views import RULE_LABELS, Page, status_badge

DESIGN_SRC = urls.design()
PLANNER_SRC = urls.ip_planner()
DESIGN_JSON = "api/design.json"
PLANNER_JSON = "api/ipplan.json"

# The order in which the chosen options' settings are merged; the first one to set a flag wins.
# Each option's data sets only its own flags, so clashes should not happen; if the data ever
# repeats a companion's setting, the category that owns it comes first: the network before the
# plugin that lives in it, the plugin before the policy engine and dataplane that run on it.
# The command also reads in this order: network, pods, policy, egress, API server, ingress.
# Categories missing here (test knowledge bases) follow in the knowledge base's own order.
MERGE_ORDER = ("vnet", "pod-networking", "network-policy", "dataplane", "egress", "api-server-access", "app-exposure")
KINDS = (("az", "az_aks_create", "flag"), ("bicep", "bicep", "property"), ("terraform", "terraform", "property"))
SEVERITY = {"error": 0, "warning": 1, "tip": 2, "ok": 3}


def merge_order(kb: KnowledgeBase) -> list[str]:
    cats = [c.id for layer in kb.layers for c in layer.categories]
    return [c for c in MERGE_ORDER if c in cats] + [c for c in cats if c not in MERGE_ORDER]


def combine(kb: KnowledgeBase, choices: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """The settings of every chosen option, merged in ``merge_order``: each flag or property once.

    When two chosen options give one setting different values, the first wins and the other is
    reported in ``overridden``; placeholders such as ``<subnet-resource-id>`` stand for the same
    thing and are not reported.
    """
    out: dict[str, list[dict[str, Any]]] = {"az": [], "bicep": [], "terraform": [], "overridden": []}
    for kind, field, key in KINDS:
        seen: dict[str, dict[str, Any]] = {}
        for cat in merge_order(kb):
            opt = kb.options.get(choices.get(cat, ""))
            if opt is None:
                continue
            for item in getattr(opt.select, field):
                name = getattr(item, key)
                entry = {"key": name, "value": item.value, "option": opt.id, "why": item.why if kind == "az" else (item.note or "")}
                first = seen.get(name)
                if first is None:
                    seen[name] = entry
                    out[kind].append(entry)
                elif first["value"] != item.value and not (_placeholder(first["value"]) and _placeholder(item.value)):
                    out["overridden"].append({**entry, "kind": kind, "by": first["option"], "used": first["value"]})
    return out


def _placeholder(value: Any) -> bool:
    return isinstance(value, str) and "<" in value


def snippet_texts(combined: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
    """The az command, Bicep and Terraform text for merged settings (through ``snippets``)."""
    flags = [m.CliFlag(flag=e["key"], value=e["value"], why=e["why"] or "-") for e in combined["az"]]
    props = {k: [m.Property(property=e["key"], value=e["value"]) for e in combined[k]] for k in ("bicep", "terraform")}
    return {"az": snippets.az_command(flags), "bicep": snippets.bicep(props["bicep"]), "terraform": snippets.terraform(props["terraform"])}


def golden_text(kb: KnowledgeBase, choices: dict[str, str]) -> str:
    texts = snippet_texts(combine(kb, choices))
    return f"# az\n{texts['az']}\n\n# bicep\n{texts['bicep']}\n\n# terraform\n{texts['terraform']}\n"


def evaluate(kb: KnowledgeBase, choices: dict[str, str]) -> list[dict[str, Any]]:
    """Every rule that applies to the design, worst first: conflicts and unmet requirements are
    errors, caveats warnings, missing recommendations tips, met ones ``ok``."""
    chosen = set(choices.values())
    found = []
    for i, rule in enumerate(kb.rules):
        a, b = kb.options.get(rule.a), kb.options.get(rule.b)
        if a is None or b is None or rule.a not in chosen:
            continue
        on = rule.b in chosen
        kind = rule.kind
        if kind is m.RuleKind.conflicts and on:
            severity, change = "error", [a.category, b.category]
        elif kind is m.RuleKind.requires:
            severity, change = ("ok", []) if on else ("error", [b.category, a.category])
        elif kind is m.RuleKind.degrades and on:
            severity, change = "warning", [a.category, b.category]
        elif kind is m.RuleKind.recommended_with:
            severity, change = ("ok", []) if on else ("tip", [b.category])
        else:
            continue
        found.append({"rule": rule.id, "kind": kind.value, "severity": severity, "a": rule.a, "b": rule.b,
                      "text": f"{a.name} {RULE_LABELS[kind][0]} {b.name}", "change": change, "order": i})
    found.sort(key=lambda f: (SEVERITY[f["severity"]], f["order"]))
    for f in found:
        del f["order"]
    return found


def lifecycle(kb: KnowledgeBase, choices: dict[str, str]) -> list[dict[str, Any]]:
    out = []
    for cat in (c.id for layer in kb.layers for c in layer.categories):
        opt = kb.options.get(choices.get(cat, ""))
        if opt is not None and opt.status.level is not m.Status.ga:
            out.append({"option": opt.id, "level": opt.status.level.value, "label": status_badge(opt)["label"], "note": opt.status.note or ""})
    return out


def query(kb: KnowledgeBase, choices: dict[str, str]) -> str:
    """The designer URL's query string for a design (category order, as designer.js writes it)."""
    cats = [c.id for layer in kb.layers for c in layer.categories]
    return "&".join(f"{c}={choices[c]}" for c in cats if c in choices)


# --- checks ---------------------------------------------------------------------------------------


def checks(kb: KnowledgeBase, settings: Settings) -> Iterator[DataError]:
    yield from _check_presets(kb)
    yield from _check_planner_numbers(kb)


def _check_presets(kb: KnowledgeBase) -> Iterator[DataError]:
    cats = kb.categories
    for preset in kb.presets:
        o = kb.origin("preset", preset.id)
        valid = True
        for cat_id, opt_id in preset.choices.items():
            if cat_id not in cats:
                valid = False
                yield DataError(o.key_at("choices", cat_id), f"unknown category '{cat_id}'{did_you_mean(cat_id, cats)}")
                continue
            opt = kb.options.get(opt_id)
            in_cat = [x.id for x in kb.options_in(cat_id)]
            if opt is None:
                valid = False
                yield DataError(o.at("choices", cat_id), f"unknown option '{opt_id}'{did_you_mean(opt_id, in_cat or kb.options)}")
            elif opt.category != cat_id:
                valid = False
                yield DataError(o.at("choices", cat_id), f"option '{opt_id}' belongs to category '{opt.category}', not '{cat_id}'{did_you_mean(opt_id, in_cat)}")
        for cat_id in cats:
            if cat_id not in preset.choices:
                valid = False
                yield DataError(o.at("choices"), f"preset '{preset.id}' has no choice for category '{cat_id}'")
        if not valid:
            continue
        for f in evaluate(kb, preset.choices):
            if f["severity"] == "error":
                where = o.at("choices", kb.options[f["a"]].category)
                yield DataError(where, f"preset '{preset.id}' breaks rule '{f['rule']}': {f['text']}")


def _check_planner_numbers(kb: KnowledgeBase) -> Iterator[DataError]:
    """The IP planner reads numbers from option limits and cells; say where one is missing."""
    needs = list(ipplan_params.NEEDS.values())
    for oid, (_, limits) in ipplan_params.MODEL_KINDS.items():
        needs += [(oid, name) for name in limits.values()]
    for oid, name in needs:
        if oid in kb.options and ipplan_params.limit_value(kb, oid, name) is None:
            yield DataError(kb.origin("option", oid).at("limits"), f"the IP planner needs a limit named '{name}' with a whole-number value on option '{oid}'")
    for oid in ipplan_params.MODEL_KINDS:
        if oid not in kb.options:
            continue
        for dim in ipplan_params.MODEL_CELLS.values():
            if dim in kb.options[oid].cells and ipplan_params.cell_value(kb, oid, dim) is None:
                yield DataError(kb.origin("option", oid).at("cells", dim), f"the IP planner needs a whole-number value in cell '{dim}' of option '{oid}'")


# --- data for the pages ---------------------------------------------------------------------------

_TOKEN = re.compile(r"(`+)(.+?)\1|\[([^\]]+)\]\((https://[^)\s]+)\)|\*\*(.+?)\*\*|(?<![\w*])[*_](?=\S)(.+?)(?<=\S)[*_](?![\w*])")


def md_tokens(text: str) -> list[list[str]]:
    """Inline Markdown as ``[kind, text, href?]`` runs that a script can build with textContent:
    code spans, https links and emphasis; everything else is plain text."""
    text = " ".join(text.split())
    out: list[list[str]] = []
    pos = 0
    for mt in _TOKEN.finditer(text):
        if mt.start() > pos:
            out.append(["text", text[pos:mt.start()]])
        if mt.group(2) is not None:
            out.append(["code", mt.group(2).strip()])
        elif mt.group(3) is not None:
            out.append(["link", mt.group(3), mt.group(4)])
        elif mt.group(5) is not None:
            out.append(["strong", mt.group(5)])
        else:
            out.append(["em", mt.group(6)])
        pos = mt.end()
    if pos < len(text):
        out.append(["text", text[pos:]])
    return out


def design_data(kb: KnowledgeBase) -> dict[str, Any]:
    """What designer.js needs: categories, options with their select data, rules, presets."""
    def sel(opt: m.Option) -> dict[str, Any]:
        return {kind: [{"key": getattr(i, key), "value": i.value, "why": i.why if kind == "az" else (i.note or "")}
                       for i in getattr(opt.select, field)] for kind, field, key in KINDS}

    cited: set[str] = set()
    options = {}
    for opt in kb.options.values():
        badge = status_badge(opt)
        options[opt.id] = {
            "id": opt.id, "name": opt.name, "category": opt.category, "summary": md_tokens(opt.summary), "summary_md": " ".join(opt.summary.split()),
            "status": {"level": badge["level"], "label": badge["label"], "note": md_tokens(opt.status.note or ""),
                       "retires_on": opt.status.retires_on.isoformat() if opt.status.retires_on else None, "sources": opt.status.sources},
            "url": urls.served(urls.option(opt.id)), "select": sel(opt), "sources": opt.sources,
            "cons": opt.cons,
        }
        cited |= set(opt.sources) | set(opt.status.sources)
    rules = []
    for rule in kb.rules:
        rules.append({"id": rule.id, "kind": rule.kind.value, "a": rule.a, "b": rule.b, "reason": md_tokens(rule.reason),
                      "reason_md": " ".join(rule.reason.split()), "sources": rule.sources, "verified_on": rule.verified_on.isoformat()})
        cited |= set(rule.sources)
    return {
        "layers": [{"id": layer.id, "name": layer.name, "categories": [{"id": c.id, "name": c.name, "question": c.question,
                                                                        "options": [o.id for o in kb.options_in(c.id)]}
                                                                       for c in layer.categories]} for layer in kb.layers],
        "merge_order": merge_order(kb),
        "options": options,
        "rules": rules,
        "labels": {k.value: list(v) for k, v in RULE_LABELS.items()},
        "presets": [{"id": p.id, "name": p.name, "summary": p.summary, "choices": p.choices} for p in kb.presets],
        "sources": {sid: {"url": kb.sources[sid].url, "title": kb.sources[sid].title} for sid in sorted(cited) if sid in kb.sources},
        "az_prefix": snippets.AZ_PREFIX,
        "extras": {e["option"]: e["id"] for e in ipplan_params.planner_params(kb)["extras"]},
    }


def _dump(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"


def assets(kb: KnowledgeBase) -> dict[str, str]:
    params = ipplan_params.planner_params(kb)
    params["formula_rows"] = ipplan_params.describe_formulas(params)
    return {DESIGN_JSON: _dump(design_data(kb)), PLANNER_JSON: _dump(params)}


# --- pages ----------------------------------------------------------------------------------------


def _preset_view(kb: KnowledgeBase, preset: m.Preset) -> dict[str, Any]:
    rows = []
    for layer in kb.layers:
        for cat in layer.categories:
            opt = kb.options[preset.choices[cat.id]]
            rows.append({"layer": layer, "cat": cat, "opt": opt, "src": urls.option(opt.id), "status": status_badge(opt)})
    combined = combine(kb, preset.choices)
    names = {o.id: o.name for o in kb.options.values()}
    return {"preset": preset, "rows": rows, "findings": [f for f in evaluate(kb, preset.choices) if f["severity"] != "ok"],
            "lifecycle": lifecycle(kb, preset.choices), "texts": snippet_texts(combined), "flags": combined["az"],
            "overridden": combined["overridden"], "names": names, "query": query(kb, preset.choices),
            "rules": {r.id: r for r in kb.rules}}


def pages(kb: KnowledgeBase, settings: Settings) -> list[Page]:
    presets = [_preset_view(kb, p) for p in kb.presets if all(c in p.choices for c in kb.categories)]
    design = Page(DESIGN_SRC, "design.md.j2", "Network designer",
                  "Pick one option per layer of an AKS network, see which choices conflict and why, and leave with the az aks create command, Bicep, Terraform and an IP plan.",
                  {"presets": presets, "sources": kb.sources, "planner_src": PLANNER_SRC, "meta": {}},
                  edit_path="data/presets.yaml" if kb.presets else None)
    params = ipplan_params.planner_params(kb)
    examples = []
    for ex in ipplan_params.WORKED_EXAMPLES:
        if ex["model"] in params["models"]:
            examples.append({"ex": ex, "result": ipplan_params.describe_example(params, ex)})
    capacity = [{"ex": c, "nodes": ipplan.nodes_in_prefix(params, c["model"], c["prefix"], c["max_pods"]), "model": params["models"][c["model"]]}
                for c in ipplan_params.WORKED_CAPACITY if c["model"] in params["models"]]
    planner = Page(PLANNER_SRC, "ip-planner.md.j2", "IP planner",
                   "Size the node subnet, pod subnet or pod CIDR of an AKS cluster, lay the subnets out in your VNet, and catch overlaps and limits before you deploy.",
                   {"params": params, "formulas": ipplan_params.describe_formulas(params), "examples": examples, "capacity": capacity,
                    "sources": kb.sources, "design_src": DESIGN_SRC, "fmt": ipplan.fmt})
    return [design, planner]


def nav(kb: KnowledgeBase) -> list[Any]:
    return [{"Design": [{"Network designer": DESIGN_SRC}, {"IP planner": PLANNER_SRC}]}]


