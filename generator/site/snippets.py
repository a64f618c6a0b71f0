"""Deployment snippets from selection data: ``az aks create`` lines, Bicep and Terraform blocks.

One implementation for the option pages, the designer and the CLI, so a flag is only ever
written in the data (``select`` of an option) and formatted here.

The designer's complete files are written by ``design_files`` with the helpers here.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..core import model as m

AZ_PREFIX = ["az aks create", "--resource-group myResourceGroup", "--name myAKSCluster"]


def _shell_word(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return _shell_word(",".join(str(v) for v in value))
    s = str(value)
    if s == "" or any(c in s for c in " \t\"'$`\\;&|<>()*?[]{}!#"):
        return "'" + s.replace("'", "'\"'\"'") + "'"
    return s


def az_words(flags: list[m.CliFlag]) -> list[str]:
    """Each flag with its value, in the order given, without repeating a flag twice."""
    words: list[str] = []
    seen: set[str] = set()
    for f in flags:
        if f.flag in seen:
            continue
        seen.add(f.flag)
        words.append(f.flag if f.value is None or f.value is True else f"{f.flag} {_shell_word(f.value)}")
    return words


def az_command(flags: list[m.CliFlag]) -> str:
    """A multi-line ``az aks create`` command."""
    return " \\\n  ".join(AZ_PREFIX + az_words(flags))


_INDEXED = re.compile(r"^(\w+)\[(\d+)\]$")


def _nest(props: list[m.Property]) -> dict[str, Any]:
    return _nest_pairs([(p.property, p.value) for p in props])


def _nest_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Dotted paths to nested dicts; ``name[i]`` segments become lists of dicts (Bicep arrays)."""
    root: dict[str, Any] = {}
    for path, value in pairs:
        node = root
        *parents, leaf = path.split(".")
        for part in parents:
            indexed = _INDEXED.match(part)
            if indexed:
                items = node.setdefault(indexed.group(1), [])
                while len(items) <= int(indexed.group(2)):
                    items.append({})
                node = items[int(indexed.group(2))]
            else:
                node = node.setdefault(part, {})
        node[leaf] = value
    return root


def _literal(value: Any) -> str | None:
    """Booleans, numbers and null, written the same way in Bicep and HCL; None for anything else."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return "null" if value is None else None


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(w[:1].upper() + w[1:] for w in rest)


def _bicep_value(value: Any) -> str:
    if isinstance(value, dict):  # a parameter, an expression, or an empty object
        return _camel(value["param"]) if "param" in value else value.get("expr", "{}")
    if (literal := _literal(value)) is not None:
        return literal
    if isinstance(value, list):
        return "[ " + ", ".join(_bicep_value(v) for v in value) + " ]"
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"


def _node(item: Any) -> bool:
    """A nested object (not a parameter ``{"param": id}`` or an empty object, which are values)."""
    return isinstance(item, dict) and bool(item) and "param" not in item and "expr" not in item


def _blocks(tree: dict[str, Any], indent: int, opener: str, assign: str, value: Any) -> list[str]:
    """Nested blocks, one line per scalar: Bicep (`key: {` / `key: v`) and HCL (`key {` / `key = v`).
    A list of dicts is a Bicep array of objects, or repeated HCL blocks."""
    lines: list[str] = []
    pad = "  " * indent
    for key, item in tree.items():
        if _node(item):
            lines += [f"{pad}{key}{opener}", *_blocks(item, indent + 1, opener, assign, value), f"{pad}}}"]
        elif isinstance(item, list) and item and all(_node(i) for i in item):
            if opener == " {":  # HCL: a block per element
                for element in item:
                    lines += [f"{pad}{key}{opener}", *_blocks(element, indent + 1, opener, assign, value), f"{pad}}}"]
            else:
                lines.append(f"{pad}{key}{assign}[")
                for element in item:
                    lines += [f"{pad}  {{", *_blocks(element, indent + 2, opener, assign, value), f"{pad}  }}"]
                lines.append(f"{pad}]")
        else:
            lines.append(f"{pad}{key}{assign}{value(item)}")
    return lines


def bicep(props: list[m.Property]) -> str:
    """The properties as a Bicep object fragment of a ``Microsoft.ContainerService/managedClusters`` resource."""
    return "\n".join(_blocks(_nest(props), 0, ": {", ": ", _bicep_value))


def _hcl_value(value: Any) -> str:
    if isinstance(value, dict):  # a parameter or an expression
        return "var." + value["param"] if "param" in value else value["expr"]
    if (literal := _literal(value)) is not None:
        return literal
    if isinstance(value, list):
        return "[" + ", ".join(_hcl_value(v) for v in value) + "]"
    return json.dumps(str(value))


def terraform(props: list[m.Property]) -> str:
    """The properties as blocks and arguments inside ``resource "azurerm_kubernetes_cluster"``."""
    body = _blocks(_nest(props), 1, " {", " = ", _hcl_value)
    return "\n".join(['resource "azurerm_kubernetes_cluster" "aks" {', *body, "}"])
