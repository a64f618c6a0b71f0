"""The cluster's own names and IDs in a step's command: ``<rg>``, ``<cluster>`` and the IDs the
cluster resource holds. Placeholders it cannot know (a new subnet, an identity to create) stay,
and the plan lists them as values to supply. ``cores/migrate.js:fill`` is the same."""

from __future__ import annotations

import re
from typing import Any

from .cluster import Cluster
from .detect import values


def known(cluster: Cluster) -> dict[str, str]:
    """Placeholder -> the cluster's value, for those the cluster resource holds."""
    subnets = [str(v) for v in values(cluster.properties, "agentPoolProfiles[].vnetSubnetID") if v]
    out = {"rg": cluster.resource_group, "cluster": cluster.name, "cluster-id": cluster.id}
    if subnets:
        out["node-subnet-id"] = subnets[0]
        out["vnet-id"] = subnets[0].rsplit("/subnets/", 1)[0]
    return {k: v for k, v in out.items() if v}


def fill(text: str, given: dict[str, str]) -> str:
    return re.sub(r"<([a-z0-9-]+)>", lambda m: quoted(given[m.group(1)]) if m.group(1) in given else m.group(0), text)


def unfilled(text: str) -> list[str]:
    return re.findall(r"<[a-z0-9-]+>", text)


def quoted(value: Any) -> str:
    """A value safe as one shell word (resource IDs and names have no spaces, but be sure)."""
    text = str(value)
    return text if re.fullmatch(r"[A-Za-z0-9_./:@=<>-]+", text) else "'" + text.replace("'", "'\\''") + "'"
