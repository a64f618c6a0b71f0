"""JSON Schema for each kind of data file, for editors (YAML language server) and the site.

Pydantic writes draft 2020-12 (``$defs``); editors read draft-07 best, so the
definitions are moved to ``definitions`` and the dialect is declared as draft-07.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from .model import FILE_MODELS

SCHEMA_DIR = "schema"


def _draft07(schema: dict[str, Any]) -> dict[str, Any]:
    text = json.dumps(schema, sort_keys=True).replace('"#/$defs/', '"#/definitions/')
    out = json.loads(text)
    if "$defs" in out:
        out["definitions"] = out.pop("$defs")
    return {"$schema": "http://json-schema.org/draft-07/schema#", **out}


def schemas() -> dict[str, str]:
    """``{file name: JSON text}`` for every data file kind, deterministic."""
    return dict(_schemas())


# Why cached: the models do not change while the process runs, and pydantic takes 0.1 s to
# describe them, on every rebuild under `mkdocs serve`.
@functools.cache
def _schemas() -> dict[str, str]:
    out = {}
    for name, model in sorted(FILE_MODELS.items()):
        schema = _draft07(model.model_json_schema(mode="validation"))
        out[f"{name}.schema.json"] = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    return out
