"""Diagrams drawn at build time with Graphviz: the traffic diagram of an option (``network``)
and the helpers every diagram shares (``graphviz`` runs ``dot``, ``svg`` makes its output
inline-ready: accessible, themable by CSS, free of ids that would clash on one page)."""
