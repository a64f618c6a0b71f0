"""Step 1 of an audit: the pasted text -> one managed cluster's properties, or a plain error.

Two shapes are accepted: ``az aks show -o json`` (the properties at the top level, camelCase as
azure-cli writes them) and the ARM resource (portal export, ``az resource show``: the properties
under ``properties``). ``az aks list`` output (a list) yields several clusters to pick from.
``cores/cluster.js`` is the same in the browser.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

#: A pasted document larger than this is refused before parsing (a cluster is a few tens of kB).
MAX_BYTES = 5_000_000
TYPE = "microsoft.containerservice/managedclusters"
#: Fields only a managed cluster has; one of them is enough when ``type`` is missing.
MARKERS = ("agentPoolProfiles", "networkProfile", "kubernetesVersion")


class InputError(Exception):
    """Input the audit cannot use (exit code 2 in the CLI)."""


@dataclass
class Cluster:
    name: str
    resource_group: str
    id: str
    shape: str  # "az" or "arm"
    properties: dict[str, Any] = field(default_factory=dict)


def _key(d: dict[str, Any], name: str) -> Any:
    low = name.lower()
    return next((v for k, v in d.items() if k.lower() == low), None)


def _group(cluster_id: str) -> str:
    m = re.search(r"/resourceGroups/([^/]+)/", cluster_id, re.IGNORECASE)
    return m.group(1) if m else ""


def one(doc: Any) -> Cluster:
    """A cluster from one JSON object, or ``InputError`` saying why it is not one."""
    if not isinstance(doc, dict):
        raise InputError("the JSON is not an object: paste the output of az aks show -g RG -n NAME -o json")
    kind = str(_key(doc, "type") or "")
    props = _key(doc, "properties")
    shape = "arm" if isinstance(props, dict) else "az"
    props = props if isinstance(props, dict) else doc
    if kind.lower() != TYPE and not any(_key(props, m) is not None for m in MARKERS):
        what = f"a resource of type '{kind}'" if kind else "JSON without agentPoolProfiles or networkProfile"
        raise InputError(f"this is {what}, not an AKS managed cluster")
    cluster_id = str(_key(doc, "id") or "")
    group = str(_key(doc, "resourceGroup") or "") or _group(cluster_id)
    return Cluster(str(_key(doc, "name") or ""), group, cluster_id, shape, props)


def parse(text: str) -> list[Cluster]:
    """Every cluster in ``text`` (one, or several for ``az aks list``)."""
    if len(text.encode("utf-8", "replace")) > MAX_BYTES:
        raise InputError(f"the text is larger than {MAX_BYTES // 1_000_000} MB; paste one cluster's JSON")
    if not text.strip():
        raise InputError("nothing to read: paste the output of az aks show -g RG -n NAME -o json")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    listed = _key(doc, "value") if isinstance(doc, dict) else doc  # az aks list, or the ARM list response
    if not isinstance(listed, list):
        return [one(doc)]
    if not listed:
        raise InputError("an empty list: no clusters to read")
    return [one(d) for d in listed]
