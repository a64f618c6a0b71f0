"""How each kind of flow is drawn and named. The line style and arrowhead carry the kind
(colour only repeats it), so a diagram reads the same in greyscale, in print and for
colour-blind readers."""

from __future__ import annotations

from typing import NamedTuple

from ...core.model import FlowKind


class FlowStyle(NamedTuple):
    name: str  # the legend's words
    line: str  # Graphviz edge style
    pen: float
    arrow: str  # Graphviz arrowhead


FLOW_STYLES: dict[FlowKind, FlowStyle] = {
    FlowKind.control_plane: FlowStyle("Control plane", "solid", 2.2, "normal"),
    FlowKind.egress: FlowStyle("Egress", "dashed", 1.6, "vee"),
    FlowKind.ingress: FlowStyle("Ingress", "solid", 1.2, "empty"),
    FlowKind.pods: FlowStyle("Pod addressing and pod traffic", "dotted", 1.8, "normal"),
}
#: A path that does not exist or is denied ends in a bar.
BLOCKED_ARROW = "tee"
FONT = "DejaVu Sans"
