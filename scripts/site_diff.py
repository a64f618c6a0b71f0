"""Compare two built sites: files only in one, files that differ, and for JSON the changed keys."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def json_changes(a: object, b: object, path: str = "") -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        out: list[str] = []
        for k in sorted(set(a) | set(b)):
            if k not in a:
                out.append(f"+{path}/{k}")
            elif k not in b:
                out.append(f"-{path}/{k}")
            else:
                out += json_changes(a[k], b[k], f"{path}/{k}")
        return out
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [c for i, (x, y) in enumerate(zip(a, b)) for c in json_changes(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"~{path}"]


def main(before: Path, after: Path) -> int:
    files = {p.relative_to(before).as_posix() for p in before.rglob("*") if p.is_file()}
    files |= {p.relative_to(after).as_posix() for p in after.rglob("*") if p.is_file()}
    same = differ = 0
    for name in sorted(files):
        a, b = before / name, after / name
        if not a.exists() or not b.exists():
            print(f"{'only after ' if b.exists() else 'only before'} {name}")
            differ += 1
        elif a.read_bytes() == b.read_bytes():
            same += 1
        else:
            differ += 1
            keys = ""
            if name.endswith(".json"):
                changes = json_changes(json.loads(a.read_text()), json.loads(b.read_text()))
                keys = ": " + ", ".join(changes[:8]) + (f" (+{len(changes) - 8} more)" if len(changes) > 8 else "")
            print(f"differs     {name}{keys}")
    html = sum(1 for n in files if n.endswith(".html"))
    html_differ = sum(1 for n in files if n.endswith(".html") and not ((before / n).exists() and (after / n).exists()
                      and (before / n).read_bytes() == (after / n).read_bytes()))
    print(f"{same} identical, {differ} different; HTML pages: {html - html_differ} of {html} identical")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
