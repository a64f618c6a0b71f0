"""Oracles for the infrastructure code (see tests/test_oracles.py for the az commands):

- every Bicep property path and enum value the site prints (the designer's files for every
  preset and a seeded sample of valid designs, and each option's Bicep properties) exists in the
  ``Microsoft.ContainerService/managedClusters`` models of ``azure-mgmt-containerservice`` for
  the API version the files pin;
- every Terraform configuration the site prints is parsed with ``python-hcl2`` and its resource
  types, arguments and nested blocks are checked against the azurerm provider schema in
  tests/fixtures/oracles/azurerm-schema.json (extracted once, with its provenance, by
  scripts/extract-azurerm-schema.py), for the provider version the files pin.

Outside CI these tests skip when the oracles extra is missing; in CI they fail instead.
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
import re
import typing
from enum import Enum
from pathlib import Path

import pytest

from generator.features.design import deploy
from generator.site import snippets

from .test_oracles import OWN, agic_designs, dual_stack_presets

pytestmark = pytest.mark.oracle

SCHEMA = Path(__file__).parent / "fixtures" / "oracles" / "azurerm-schema.json"
#: Terraform meta-arguments, valid in every resource.
META = {"count", "for_each", "depends_on", "provider", "lifecycle", "__is_block__"}


def need(module: str):
    if importlib.util.find_spec(module) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{module} is required in CI (pip install -e '.[oracles]')")
        pytest.skip(f"{module} is not installed (make oracles)")
    return importlib.import_module(module)


def valid_designs(kb, n: int = 40) -> list[dict[str, str]]:
    rnd = random.Random(5)
    cats = [c.id for layer in kb.layers for c in layer.categories]
    out = [dict(p.choices) for p in kb.presets]
    out += [{**p.choices, "ip-family": "dual-stack"} for p in dual_stack_presets(kb)]
    while len(out) < len(kb.presets) + 2 + n:
        d = {c: rnd.choice(kb.options_in(c)).id for c in cats}
        if not deploy.blockers(kb, d, None):
            out.append(d)
    return out + agic_designs(kb)


def design_files(kb) -> list[tuple[str, dict]]:
    """The files of every preset and of the sampled designs, every second one with a further pool."""
    out = []
    for i, d in enumerate(valid_designs(kb)):
        inputs = deploy.default_inputs(kb, d)
        given = {}
        if i % 2:
            inputs["pools"] = inputs["pools"] + [{**inputs["pools"][0], "nodes": "5"}]
            given = OWN  # the load balancer's sizing and AGIC's gateway name, where chosen
        values = deploy.plan_values(inputs, deploy.design_plan(kb, d, inputs))
        out.append((",".join(d.values()), deploy.texts(kb, d, values, given)))
    return out


# --- Terraform ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def azurerm():
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def unquote(s: str) -> str:
    return s[1:-1] if s.startswith('"') and s.endswith('"') else s


def hcl_problems(text: str, schema: dict) -> list[str]:
    hcl2 = need("hcl2")
    doc = hcl2.loads(text)
    problems: list[str] = []

    def walk(where: str, body: dict, node: dict) -> None:
        for key, value in body.items():
            if key in META:
                continue
            if key not in node:
                problems.append(f"{where}.{key}: no such argument or block")
            elif isinstance(node[key], dict):
                if not (isinstance(value, list) and all(isinstance(v, dict) for v in value)):
                    problems.append(f"{where}.{key}: is a block, written as an argument")
                for v in value if isinstance(value, list) else []:
                    walk(f"{where}.{key}", v, node[key])
            elif isinstance(value, list) and value and all(isinstance(v, dict) and "__is_block__" in v for v in value):
                problems.append(f"{where}.{key}: is an argument, written as a block")

    for item in doc.get("resource", []):
        for rtype, named in item.items():
            rtype = unquote(rtype)
            if rtype not in schema["resources"]:
                problems.append(f"{rtype}: not a resource of the schema fixture")
                continue
            for name, body in named.items():
                walk(f"{rtype}.{unquote(name)}", body, schema["resources"][rtype])
    return problems


def test_the_pinned_provider_is_the_schema_fixture_version(azurerm):
    assert deploy.AZURERM_VERSION == azurerm["provenance"]["provider"]["version"]
    assert "hashicorp/azurerm" in azurerm["provenance"]["provider"]["name"]


def test_every_designer_terraform_configuration_parses_and_matches_the_azurerm_schema(kb, azurerm):
    types = set()
    for where, texts in design_files(kb):
        assert not hcl_problems(texts["terraform"], azurerm), (where, hcl_problems(texts["terraform"], azurerm))
        types |= set(re.findall(r'^resource "(\w+)"', texts["terraform"], re.M))
    assert types == set(azurerm["resources"]) - UNUSED  # every resource of the fixture is reached


#: Fixture resources the designer does not write (the firewall itself: the user's own).
UNUSED = {"azurerm_firewall", "azurerm_firewall_policy", "azurerm_route"}


def test_every_option_terraform_snippet_matches_the_azurerm_schema(kb, azurerm):
    problems = []
    for opt in kb.options.values():
        sels = [(opt.id, opt.select)] + [(f"{opt.id}/{v.id}", v.select) for v in opt.variants if v.select]
        for where, sel in sels:
            if sel.terraform:
                problems += [f"{where}: {p}" for p in hcl_problems(snippets.terraform(sel.terraform), azurerm)]
    assert not problems, "\n".join(problems)


def test_the_schema_oracle_rejects_a_wrong_name(azurerm):
    bad = 'resource "azurerm_kubernetes_cluster" "aks" {\n  network_profile {\n    outbound = "x"\n  }\n}\n'
    expected = "azurerm_kubernetes_cluster.aks.network_profile.outbound: no such argument or block"
    assert hcl_problems(bad, azurerm) == [expected]


# --- Bicep / ARM ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def arm():
    need("azure.mgmt.containerservice")
    from azure.mgmt.containerservice import _configuration, models
    from azure.mgmt.containerservice._utils.model_base import _RestField

    source = Path(_configuration.__file__).read_text()
    version = re.search(r'api_version: str = kwargs.pop\("api_version", "([^"]+)"\)', source)
    return models, _RestField, version.group(1)


#: The model of each resource type the designer's Bicep deploys: (package, class). The API version
#: the models are for is read from the pinned package (``package_api``) and must be the file's.
ARM_TYPES = {
    "Microsoft.ContainerService/managedClusters": ("azure.mgmt.containerservice", "ManagedCluster"),
    "Microsoft.Network/virtualNetworks": ("azure.mgmt.network", "VirtualNetwork"),
    "Microsoft.Network/virtualNetworks/subnets": ("azure.mgmt.network", "Subnet"),
    "Microsoft.Network/routeTables": ("azure.mgmt.network", "RouteTable"),
    "Microsoft.Network/networkSecurityGroups": ("azure.mgmt.network", "NetworkSecurityGroup"),
    "Microsoft.Network/natGateways": ("azure.mgmt.network", "NatGateway"),
    "Microsoft.Network/publicIPAddresses": ("azure.mgmt.network", "PublicIPAddress"),
    "Microsoft.Network/firewallPolicies": ("azure.mgmt.network", "FirewallPolicy"),
    "Microsoft.Network/firewallPolicies/ruleCollectionGroups": (
        "azure.mgmt.network",
        "FirewallPolicyRuleCollectionGroup",
    ),
    "Microsoft.ServiceNetworking/trafficControllers": ("azure.mgmt.servicenetworking", "TrafficController"),
    "Microsoft.ServiceNetworking/trafficControllers/frontends": ("azure.mgmt.servicenetworking", "Frontend"),
    "Microsoft.ServiceNetworking/trafficControllers/associations": ("azure.mgmt.servicenetworking", "Association"),
    "Microsoft.ManagedIdentity/userAssignedIdentities": ("azure.mgmt.msi.v2024_11_30", "Identity"),
    "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials": (
        "azure.mgmt.msi.v2024_11_30",
        "FederatedIdentityCredential",
    ),
    "Microsoft.Authorization/roleAssignments": ("azure.mgmt.authorization", "RoleAssignmentCreateParameters"),
    "Microsoft.Network/privateDnsZones": ("azure.mgmt.privatedns", "PrivateZone"),
    "Microsoft.Network/privateDnsZones/virtualNetworkLinks": ("azure.mgmt.privatedns", "VirtualNetworkLink"),
}
#: The API version each package's models are for, read from its operations (the most used one).
API_OF_MODULE = {"azure.mgmt.msi.v2024_11_30": "2024-11-30", "azure.mgmt.privatedns": "2018-09-01"}


def package_api(package: str) -> str:
    """The API version a package's operations default to (the most frequent; one per package here)."""
    if package in API_OF_MODULE:
        return API_OF_MODULE[package]
    if package == "azure.mgmt.authorization":  # one version per operation group: roleAssignments'
        ops = importlib.import_module(package + ".operations._operations")
        source = Path(ops.__file__).read_text()
        head = source.index("def build_role_assignments_create_request")
        return re.search(r'"api-version", "([^"]+)"', source[head:]).group(1)
    ops = importlib.import_module(package + ".operations._operations")
    found = re.findall(r'"api-version", "([0-9a-z-]+)"', Path(ops.__file__).read_text())
    return max(set(found), key=found.count)


def model_of(rtype: str):
    package, name = ARM_TYPES[rtype]
    need(package)
    return getattr(importlib.import_module(package + ".models"), name), package


def fields(arm, cls) -> dict[str, typing.Any]:
    """A model's JSON property names and their types (typespec models: ``_RestField``s; msrest
    models: their attribute map, whose flattened keys become nested ``properties`` here)."""
    models = importlib.import_module(cls.__module__.rsplit(".", 1)[0])
    if hasattr(cls, "_attribute_map"):
        out: dict[str, typing.Any] = {}
        for _, spec in cls._attribute_map.items():
            head, _, rest = spec["key"].partition(".")
            out[head] = {"__flat__": True} if rest else spec["type"]
        return out
    hints = typing.get_type_hints(cls, localns={"_models": models})
    out = {}
    for klass in reversed(cls.__mro__):
        for attr, f in vars(klass).items():
            if type(f).__name__ == "_RestField":
                out[f._rest_name_input or attr] = hints.get(attr)
    return out


def _is_dict(hint) -> bool:
    return any(typing.get_origin(a) is dict for a in typing.get_args(hint) or (hint,))


def _parts(hint) -> tuple[type | None, list[type]]:
    """(the model class or None, enum classes) of a type hint; lists and dicts look at their items."""
    args = typing.get_args(hint) or (hint,)
    models, enums = None, []
    for a in args:
        if typing.get_origin(a) in (list, dict):
            inner = typing.get_args(a)[-1]
            m, e = _parts(inner)
            models, enums = models or m, enums + e
        elif isinstance(a, type) and issubclass(a, Enum):
            enums.append(a)
        elif isinstance(a, type) and hasattr(a, "__mro__") and any(k.__name__ == "Model" for k in a.__mro__):
            models = a
    return models, enums


def _variant(arm, cls, name: str):
    """``cls``, or the subtype of a polymorphic model (a firewall rule collection, a rule) that has
    ``name``: the discriminator (``ruleCollectionType``, ``ruleType``) picks it in the JSON."""
    if name in fields(arm, cls):
        return cls
    for sub in cls.__subclasses__():
        found = _variant(arm, sub, name)
        if name in fields(arm, found):
            return found
    return cls


def arm_problem(arm, path: str, value: typing.Any, root=None) -> str | None:
    """Why ``path`` (dotted, with ``[i]`` indexes) and ``value`` are not in the model ``root``
    (the ManagedCluster model when not given)."""
    cls, hint, key_next = root or arm[0].ManagedCluster, None, False
    for part in path.split("."):
        name = re.sub(r"\[\d+\]$", "", part)
        if key_next:  # a key of a dictionary (addonProfiles, userAssignedIdentities): any name
            key_next = False
            continue
        if cls is None:
            return f"{path}: '{name}' is inside a value that has no properties"
        cls = _variant(arm, cls, name)
        known = fields(arm, cls)
        if name not in known:
            return f"{path}: no property '{name}' in {cls.__name__}"
        hint = known[name]
        if isinstance(hint, dict):  # msrest flattened properties: not checked deeper
            return None
        cls, _ = _parts(hint)
        key_next = _is_dict(hint)
    _, enums = _parts(hint)
    if enums and isinstance(value, str) and not value.startswith("$"):
        allowed = {m.value for e in enums for m in e}
        if value not in allowed:
            return f"{path}: '{value}' is not one of {sorted(allowed)}"
    return None


LEAF = re.compile(r"^(\S+): (.+)$")
#: Bicep's own resource keywords, not properties of the resource type.
BICEP_META = {"dependsOn", "parent", "scope", "name"}
HEAD = re.compile(r"^resource (\w+) '([^'@]+)@([0-9a-z-]+)'( existing)? = \{$")


def bicep_resources(text: str) -> list[tuple[str, str, str, list[tuple[str, typing.Any]]]]:
    """(symbol, type, apiVersion, [(path, value)]) of every resource a designer Bicep file declares
    (``existing`` references declare nothing and are left out)."""
    lines = text.splitlines()
    out = []
    for head, line in enumerate(lines):
        match = HEAD.match(line)
        if not match or match.group(4):
            continue
        end = next(i for i in range(head, len(lines)) if lines[i] == "}")
        out.append((match.group(1), match.group(2), match.group(3), _leaves(lines[head + 1 : end])))
    return out


def bicep_leaves(text: str) -> tuple[str, list[tuple[str, typing.Any]]]:
    """(apiVersion, [(path, value)]) of the managedClusters resource in a designer Bicep file."""
    aks = next(r for r in bicep_resources(text) if r[0] == "aks")
    return aks[2], aks[3]


def _leaves(body: list[str]) -> list[tuple[str, typing.Any]]:
    stack: list[str] = []
    counters: list[int] = []
    leaves = []
    for raw in body:
        line = raw.strip()
        if line in ("}", "]"):
            stack.pop()
            if line == "]":
                counters.pop()
        elif line.endswith(": ["):
            stack.append(line[:-3])
            counters.append(0)
        elif line == "{":
            stack[-1] = re.sub(r"\[\d+\]$", "", stack[-1]) + f"[{counters[-1]}]"
            counters[-1] += 1
            stack.append("")
        elif line.endswith(": {"):
            stack.append(line[:-3])
        else:
            key, value = LEAF.match(line).groups()
            leaves.append((".".join(p for p in stack + [key] if p), _bicep_literal(value)))
    return leaves


def _bicep_literal(text: str) -> typing.Any:
    if text.startswith("'"):
        return text[1:-1].replace("\\'", "'")
    if text in ("true", "false"):
        return text == "true"
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    return "$" + text  # a parameter or an expression


def test_the_pinned_api_version_is_the_models_version(arm):
    assert deploy.AKS_API_VERSION == arm[2]


def test_every_designer_bicep_property_and_value_is_in_the_arm_model(kb, arm):
    problems, seen = [], set()
    for where, texts in design_files(kb):
        for symbol, rtype, api, leaves in bicep_resources(texts["bicep"]):
            if rtype not in ARM_TYPES:
                problems.append(f"{where}: {symbol}: no model for {rtype} in the oracle")
                continue
            root, package = model_of(rtype)
            if api != package_api(package):
                problems.append(f"{where}: {symbol}: {rtype}@{api}, but the models are for {package_api(package)}")
            seen.add(rtype)
            checked = [(path, v) for path, v in leaves if path.split(".")[0] not in BICEP_META]
            problems += [f"{where}: {symbol}: {p}" for path, v in checked if (p := arm_problem(arm, path, v, root))]
    assert not problems, "\n".join(sorted(set(problems)))
    assert seen == set(ARM_TYPES) - {"Microsoft.Network/firewallPolicies"}  # every type is reached ('existing' aside)


def test_every_option_bicep_property_is_in_the_arm_model(kb, arm):
    problems = []
    for opt in kb.options.values():
        sels = [(opt.id, opt.select)] + [(f"{opt.id}/{v.id}", v.select) for v in opt.variants if v.select]
        for where, sel in sels:
            for p in sel.bicep:
                problem = arm_problem(arm, p.property, p.value)
                if problem and not sel.requires:
                    problems.append(f"{where}: {problem}")
    assert not problems, "\n".join(problems)


def test_the_arm_oracle_rejects_a_wrong_path_and_value(arm):
    subnet = model_of("Microsoft.Network/virtualNetworks/subnets")[0]
    assert arm_problem(arm, "properties.delegations[0].properties.serviceName", "x", subnet) is None
    assert "no property" in arm_problem(arm, "properties.delegation[0].name", "x", subnet)
    route = model_of("Microsoft.Network/routeTables")[0]
    assert "not one of" in arm_problem(arm, "properties.routes[0].properties.nextHopType", "Firewall", route)
    assert arm_problem(arm, "properties.networkProfile.outboundType", "loadBalancer") is None
    assert "not one of" in arm_problem(arm, "properties.networkProfile.outboundType", "sideways")
    assert "no property" in arm_problem(arm, "properties.networkProfile.outbound", "x")
