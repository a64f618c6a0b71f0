"""The cluster fixtures and the detection paths against the ARM models of the pinned API version
(``azure-mgmt-containerservice``): every field of every fixture and every path detect.yaml reads
exists in the ManagedCluster model, and enum values are the model's. Keys and enum values compare
case-insensitively, because azure-cli writes ``vnetSubnetId`` where ARM has ``vnetSubnetID``."""

from __future__ import annotations

import json
import re
import typing
from pathlib import Path

import pytest

from .test_oracles_iac import _is_dict, _parts, arm, fields  # noqa: F401  (arm is a fixture)

pytestmark = pytest.mark.oracle

CLUSTERS = Path(__file__).parent / "fixtures" / "clusters"
#: Resource-level keys outside ``properties`` (ARM envelope) and what azure-cli adds.
ENVELOPE = {"id", "name", "type", "location", "tags", "identity", "sku", "apiVersion", "resourceGroup",
            "systemData", "extendedLocation", "kind", "eTag"}


def problem(arm, path: str, value: typing.Any) -> str | None:  # noqa: F811
    models = arm[0]
    cls, hint, key_next = models.ManagedCluster, None, False
    for part in path.split("."):
        name = re.sub(r"\[[0-9]*\]$", "", part)
        if key_next:
            key_next = False
            continue
        if cls is None:
            return f"{path}: '{name}' is inside a value that has no properties"
        known = {k.lower(): v for k, v in fields(arm, cls).items()}
        if name.lower() not in known:
            return f"{path}: no property '{name}' in {cls.__name__}"
        hint = known[name.lower()]
        cls, _ = _parts(hint)
        key_next = _is_dict(hint)
    _, enums = _parts(hint)
    if enums and isinstance(value, str):
        allowed = {str(m.value).lower() for e in enums for m in e}
        if value.lower() not in allowed:
            return f"{path}: '{value}' is not one of the model's values"
    return None


def leaves(doc: typing.Any, prefix: str = "") -> list[tuple[str, typing.Any]]:
    if isinstance(doc, dict) and doc:
        # a free-form dictionary key (a resource ID in userAssignedIdentities) is one path part
        named = {("key" if "/" in k or "." in k else k): v for k, v in doc.items()}
        return [leaf for k, v in named.items() for leaf in leaves(v, f"{prefix}.{k}" if prefix else k)]
    if isinstance(doc, list) and doc and isinstance(doc[0], dict):
        return [leaf for i, v in enumerate(doc) for leaf in leaves(v, f"{prefix}[{i}]")]
    return [(prefix, doc)]


def fixture_leaves(doc: dict) -> list[tuple[str, typing.Any]]:
    if "properties" in doc:
        return [(p, v) for p, v in leaves(doc) if p.split(".")[0] not in {"apiVersion"}]
    out = []
    for k, v in doc.items():
        for p, value in leaves(v, k):
            out.append((p if k in ENVELOPE else "properties." + p, value))
    return [(p, v) for p, v in out if not p.startswith(("resourceGroup", "apiVersion"))]


@pytest.mark.parametrize("name", sorted(p.name for p in CLUSTERS.glob("*.json")))
def test_every_fixture_field_is_in_the_arm_model(arm, name):  # noqa: F811
    docs = json.loads((CLUSTERS / name).read_text())
    problems = []
    for doc in docs if isinstance(docs, list) else [docs]:
        # ARM models keep identity.userAssignedIdentities keys free-form; addonProfiles too
        problems += [p for path, v in fixture_leaves(doc) if (p := problem(arm, path, v))]
    assert not problems, "\n".join(problems)


def preview_property(kb, entry, path: str) -> bool:
    """A select property the data marks as needing a preview API version (not in the GA models)."""
    opt = kb.options[entry.option]
    select = next(v.select for v in opt.variants if v.id == entry.variant) if entry.variant else opt.select
    notes = [p.note or "" for p in select.bicep if p.property == "properties." + path] + [entry.note or ""]
    return any("preview" in n.lower() for n in notes)


def test_every_detection_path_is_in_the_arm_model(arm, kb):  # noqa: F811
    from generator.features.migrate.detect import entry_tests

    tests = [t for c in kb.detect.categories for e in c.entries for t in entry_tests(kb, e)
             if not preview_property(kb, e, t.path)]
    tests += [t for f in kb.detect.facts for t in f.match]
    problems = [p for t in tests for p in [problem(arm, "properties." + t.path if not t.path.startswith("identity")
                                                   else t.path, t.equals)] if p]
    assert not problems, "\n".join(problems)


def test_the_model_check_rejects_a_wrong_name(arm):  # noqa: F811
    assert problem(arm, "properties.networkProfile.networkPlugn", "azure")
    assert problem(arm, "properties.networkProfile.outboundType", "quantumTunnel")
