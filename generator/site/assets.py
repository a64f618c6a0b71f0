"""How data assets are written: deterministic JSON, so builds stay byte-identical."""

from __future__ import annotations

import json
from typing import Any


def compact_json(data: Any) -> str:
    """Sorted keys, no spaces, UTF-8 as is: the JSON the page scripts read."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"
