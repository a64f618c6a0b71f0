"""An option's traffic diagram: the flows ``diagrams.yaml`` lists for it, the components they
join and the zones those sit in, laid out top to bottom by Graphviz (narrow enough for a
phone column) and numbered so that the list under the picture says the same in words."""

from __future__ import annotations

import html
from dataclasses import dataclass

from ...core import model as m
from ...core.read import KnowledgeBase
from . import svg
from .graphviz import dot_string, layout_svgs
from .style import BLOCKED_ARROW, FLOW_STYLES, FONT


@dataclass(frozen=True)
class FlowText:
    """One flow in words: the text equivalent under the diagram."""

    n: int
    kind: str
    kind_name: str
    source: str
    to: str
    tag: str | None
    label: str
    blocked: bool


@dataclass(frozen=True)
class Diagram:
    svg: str
    title: str
    flows: list[FlowText]
    #: slot id -> the value the picture shows (the example, or the user's plan)
    slots: dict[str, str]


def _fill(line: str, values: dict[str, str]) -> str:
    """A label line with its ``{slot}`` replaced by the value to show."""
    return values.get(line[1:-1], line) if line.startswith("{") and line.endswith("}") else line


class _Picture:
    """The components, zones and names one option's diagram uses."""

    def __init__(self, d: m.DiagramFile, od: m.OptionDiagram, values: dict[str, str]):
        self.d, self.od, self.values = d, od, values
        self.comps = {c.id: c for c in d.components}
        self.zones = {z.id: z for z in d.zones}
        flows = {f.id: f for f in d.flows}
        self.flows = [flows[f] for f in od.flows]
        used = [c for f in self.flows for c in (f.source, f.to)] + list(od.components)
        self.used = list(dict.fromkeys(used))
        self.shown_slots: dict[str, str] = {}

    def name(self, ident: str) -> str:
        item = self.comps.get(ident) or self.zones[ident]
        return self.od.names.get(ident, item.name)

    def label(self, ident: str, lines: list[str]) -> str:
        """An HTML-like Graphviz label: the name in bold, then the lines."""
        shown = []
        for line in lines:
            value = _fill(line, self.values)
            if value != line:
                self.shown_slots[value] = line[1:-1]
            shown.append(html.escape(value))
        return "<" + "<BR/>".join([f"<B>{html.escape(self.name(ident))}</B>", *shown]) + ">"

    def zone_chain(self, zone: str) -> list[str]:
        chain = [zone]
        while (parent := self.zones[chain[-1]].parent) is not None:
            chain.append(parent)
        return chain[::-1]


def _zone_dot(p: _Picture, zone: str, children: dict[str, list[str]], members: dict[str, list[str]]) -> list[str]:
    z = p.zones[zone]
    out = [
        f"subgraph cluster_{zone.replace('-', '_')} {{",
        f'class="atlas-dg__zone atlas-dg__zone--{zone}"; label={p.label(zone, z.lines)};',
    ]
    for child in children.get(zone, []):
        out += _zone_dot(p, child, children, members)
    for c in members.get(zone, []):
        comp = p.comps[c]
        out.append(f'"{c}" [label={p.label(c, comp.lines)}, class="atlas-dg__node atlas-dg__node--{c}"];')
    return out + ["}"]


def _flow_dot(n: int, f: m.DiagramFlow, upward: bool) -> str:
    style = FLOW_STYLES[f.kind]
    text = f"{n} {f.tag}" if f.tag else str(n)
    attrs = [
        f"label={dot_string(text)}",
        f'style="{style.line}"',
        f"penwidth={style.pen}",
        f"arrowhead={BLOCKED_ARROW if f.blocked else style.arrow}",
        f'class="atlas-dg__flow atlas-dg__flow--{f.kind.value}{" atlas-dg__flow--blocked" if f.blocked else ""}"',
    ]
    if upward:  # from the cluster out to a zone drawn above it: drawn, but no say in the ranks
        attrs.append("constraint=false")
    return f'"{f.source}" -> "{f.to}" [{", ".join(attrs)}];'


def dot(p: _Picture, newrank: bool = False) -> str:
    children: dict[str, list[str]] = {}
    members: dict[str, list[str]] = {}
    tops: list[str] = []
    for c in p.used:
        chain = p.zone_chain(p.comps[c].zone)
        members.setdefault(chain[-1], []).append(c)
        for parent, child in zip(chain, chain[1:], strict=False):
            if child not in children.setdefault(parent, []):
                children[parent].append(child)
        if chain[0] not in tops:
            tops.append(chain[0])
    order = {z.id: i for i, z in enumerate(p.d.zones)}
    lines = [
        "digraph diagram {",
        f'graph [rankdir=TB, newrank={str(newrank).lower()}, nodesep=0.25, ranksep=0.4, fontname="{FONT}", '
        'fontsize=11, labeljust=l, labelloc=b, margin=0, pad=0.05, style="rounded"];',
        f'node [shape=box, style="rounded", fontname="{FONT}", fontsize=11, margin="0.1,0.05", width=0, height=0];',
        f'edge [fontname="{FONT}", fontsize=10, arrowsize=0.8];',
    ]
    tops.sort(key=order.__getitem__)
    for top in tops:
        lines += _zone_dot(p, top, {k: sorted(v, key=order.__getitem__) for k, v in children.items()}, members)
    # Stack the outer zones one under another in the data's order (outside world first, the
    # cluster's network last) so the picture stays narrow enough for a phone: every component
    # of a zone is ranked below every component of the zone above it.
    level = {c: tops.index(p.zone_chain(p.comps[c].zone)[0]) for c in p.used}
    for upper, lower in zip(tops, tops[1:], strict=False):
        above = [c for c in p.used if tops[level[c]] == upper]
        below = [c for c in p.used if tops[level[c]] == lower]
        lines += [f'"{a}" -> "{b}" [style=invis, weight=0];' for a in above for b in below]
    # Components shown without a flow hang under the one before them, not beside it.
    for c in p.od.components:
        before = [x for x in p.used[: p.used.index(c)] if level[x] == level[c]]
        if before:
            lines.append(f'"{before[-1]}" -> "{c}" [style=invis];')
    lines += [_flow_dot(i, f, level[f.source] > level[f.to]) for i, f in enumerate(p.flows, 1)]
    return "\n".join(lines + ["}"]) + "\n"


def option_diagram(kb: KnowledgeBase, option_id: str, values: dict[str, str] | None = None) -> Diagram | None:
    """The traffic diagram of ``option_id`` (None when ``diagrams.yaml`` has none), showing the
    slots' example addresses unless ``values`` gives others."""
    d = kb.diagrams
    if d is None or option_id not in d.options:
        return None
    shown = {s.id: s.example for s in d.slots} | (values or {})
    p = _Picture(d, d.options[option_id], shown)
    # Two rankings of the same graph; the narrower picture reads better on a phone.
    drawn = min(layout_svgs([dot(p, newrank) for newrank in (False, True)]), key=svg.width)
    opt = kb.options[option_id]
    title = f"Traffic paths with {opt.name}"
    flows = [
        FlowText(i, f.kind.value, FLOW_STYLES[f.kind].name, p.name(f.source), p.name(f.to), f.tag, f.label, f.blocked)
        for i, f in enumerate(p.flows, 1)
    ]
    desc = (
        f"{len(flows)} numbered flows between "
        + ", ".join(p.name(c) for c in p.used)
        + ". The list after the diagram describes each flow in words."
    )
    picture = svg.inline(
        drawn, uid=f"atlas-dg-{option_id}", title=title, desc=desc, css_class="atlas-dg", slots=p.shown_slots
    )
    return Diagram(picture, title, flows, {v: k for k, v in p.shown_slots.items()})
