"""Diagrams: ``api/diagrams.json``, every option's traffic diagram for the designer, which
stacks the chosen options' pictures and writes the user's own IP plan into them. The option
pages draw the same pictures directly (site/diagram/), so this feature has no pages."""

from __future__ import annotations

from typing import Any

from ...core.read import KnowledgeBase
from ...core.settings import Settings
from . import data


class Diagrams:
    name = "diagrams"

    def checks(self, kb: KnowledgeBase, settings: Settings):
        return []  # core/diagram_checks.py checks diagrams.yaml with the other data

    def pages(self, kb: KnowledgeBase, settings: Settings):
        return []

    def nav(self, kb: KnowledgeBase) -> list[Any]:
        return []

    def assets(self, kb: KnowledgeBase, settings: Settings) -> dict[str, str]:
        return data.assets(kb)


FEATURE = Diagrams()
