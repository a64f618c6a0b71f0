"""Graphviz's SVG made fit to inline in a page.

- a ``<title>`` and ``<desc>`` with ids unique on the page, named by ``aria-labelledby``;
- no fixed size (the viewBox scales; CSS sets the width), no white background;
- colours, fonts and fills left to CSS classes (light and dark schemes, print), line styles
  (dashes) kept, so a flow's kind never rests on colour alone;
- Graphviz's own ids and tooltips removed (several diagrams share a page);
- links keep ``xlink:href``: a plain ``href`` would match Material's ``a[href]`` handlers,
  which assign ``.href`` and fail on SVG anchors (whose ``href`` is read-only);
- slot values marked ``data-slot`` for the designer.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET

NS = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
ET.register_namespace("", NS)
ET.register_namespace("xlink", XLINK)

_STYLE_ATTRS = ("fill", "stroke", "font-family")
_DROP_ATTRS = ("id", f"{{{XLINK}}}title", "target")


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _drop_background(root: ET.Element) -> None:
    graph = root.find(_q("g"))
    if graph is None:
        return
    for child in list(graph):
        if child.tag == _q("polygon"):  # the page background Graphviz always paints
            graph.remove(child)
            break


def _clean(el: ET.Element, slots: dict[str, str]) -> None:
    for child in list(el):
        if child.tag == _q("title"):
            el.remove(child)
            continue
        _clean(child, slots)
    for attr in _DROP_ATTRS:
        el.attrib.pop(attr, None)
    if el.tag != _q("svg"):
        for attr in _STYLE_ATTRS:
            el.attrib.pop(attr, None)
    if el.tag == _q("text") and el.text in slots:
        el.set("data-slot", slots[el.text])


def width(svg: str) -> float:
    """The width of Graphviz's picture, in points (its viewBox)."""
    found = re.search(r'viewBox="[-0-9.]+ [-0-9.]+ ([0-9.]+) ', svg)
    return float(found.group(1)) if found else 0.0


def inline(
    svg: str,
    *,
    uid: str,
    title: str,
    desc: str,
    css_class: str,
    slots: dict[str, str] | None = None,
    role: str | None = "img",
) -> str:
    """``svg`` (Graphviz output) as an element to paste into HTML. ``slots`` maps a value shown
    in a text line to the slot id the designer replaces it by."""
    return _inline(svg, uid, title, desc, css_class, tuple(sorted((slots or {}).items())), role)


# Why cached: every rebuild under `mkdocs serve` inlines the same pictures again, and parsing
# and writing each one's XML is a tenth of the generator's work.
@functools.lru_cache(maxsize=1024)
def _inline(
    svg: str, uid: str, title: str, desc: str, css_class: str, slots: tuple[tuple[str, str], ...], role: str | None
) -> str:
    root = ET.fromstring(svg)
    _drop_background(root)
    _clean(root, dict(slots))
    for attr in ("width", "height"):
        root.attrib.pop(attr, None)
    # Graphviz measures in points; shown at 4/3 px per point, its 11 pt text reads at about 15 px.
    width = float(root.get("viewBox", "0 0 0 0").split()[2]) * 4 / 3
    root.set("class", css_class)
    root.set("style", f"--atlas-dg-width:{round(width)}px")
    if role:
        root.set("role", role)
    root.set("aria-labelledby", f"{uid}-t {uid}-d")
    t = ET.Element(_q("title"), {"id": f"{uid}-t"})
    t.text = title
    d = ET.Element(_q("desc"), {"id": f"{uid}-d"})
    d.text = desc
    root.insert(0, d)
    root.insert(0, t)
    text = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    # Markdown must not see blank lines (it would end the HTML block) or leading spaces.
    return re.sub(r">\s+<", "><", text)
