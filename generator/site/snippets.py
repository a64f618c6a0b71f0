"""Deployment snippets from selection data: ``az aks create`` lines, Bicep and Terraform blocks.

One implementation for the option pages, the designer and the CLI, so a flag is only ever
written in the data (``select`` of an option) and formatted here.

Longer than most modules: one formatter per output (az, Bicep, HCL), each for a fragment (option
pages) and for a complete file (the designer). A later split: the complete files into
``features/design``, where only the designer uses them.
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


# --- a design's complete files ------------------------------------------------------------------
# ``entries`` are a design's merged settings ({key, value}); a value ``{"param": id}`` stands for
# a value only the user can give (``parameters``: the ids used, ``table``: their descriptions).
# cores/snippets.js writes the same text.

#: Parameters every file has, with a default: (id, default as Bicep, default as HCL, description).
BASE_PARAMETERS = [
    ("location", "resourceGroup().location", None, "Azure region of the cluster"),
    ("cluster_name", "'myAKSCluster'", '"myAKSCluster"', "Name of the cluster (also its DNS prefix)"),
    ("vm_size", "'Standard_D4ds_v5'", '"Standard_D4ds_v5"', "VM size of the first node pool"),
]
ATLAS_NOTE = "Generated by the AKS Networking Atlas network designer; the IP plan's values are filled in."


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(w[:1].upper() + w[1:] for w in rest)


def _describe(table: list[dict[str, Any]], pid: str) -> str:
    return next(p["what"] for p in table if p["id"] == pid)


def design_az(entries: list[dict[str, Any]], parameters: list[str], table: list[dict[str, Any]]) -> str:
    """Shell variables for the user's own values, then the ``az aks create`` command."""
    lines = [f"{pid.upper()}={_shell_word('<' + _describe(table, pid) + '>')}" for pid in parameters]
    if lines:
        lines.insert(0, "# Your own values:")
    words = []
    for e in entries:
        value = e["value"]
        if isinstance(value, dict):
            words.append(f'{e["key"]} "${value["param"].upper()}"')
        else:
            words.append(e["key"] if value is None or value is True else f"{e['key']} {_shell_word(value)}")
    return "\n".join(lines + [" \\\n  ".join(AZ_PREFIX + words)])


#: Network Contributor, the role the cluster identity needs on the subnets it uses.
NETWORK_CONTRIBUTOR = "4d97b98b-1d4f-4787-a291-c67834d212e7"
#: Subnet parameters that get a role assignment for the cluster identity: (parameter, resource name).
ROLE_SCOPES = [
    ("node_subnet_id", "node_subnet"),
    ("pod_subnet_id", "pod_subnet"),
    ("apiserver_subnet_id", "apiserver_subnet"),
]


def _identity(parameters: list[str], kind: str) -> list[tuple[str, Any]]:
    """The cluster's identity; where the design names a user-assigned one, the files create it
    (and its role assignments), so it is no parameter there, only in the az script."""
    if "identity_id" not in parameters:
        return [("identity.type", "SystemAssigned")]
    scopes = [name for pid, name in ROLE_SCOPES if pid in parameters]
    if kind == "bicep":
        deps = [("dependsOn", [{"param": f"{name}_role"} for name in scopes])] if scopes else []
        return [("identity.type", "UserAssigned"), ("identity.userAssignedIdentities.'${identityId}'", {})] + deps
    deps = [("depends_on", [{"expr": f"azurerm_role_assignment.{name}"} for name in scopes])] if scopes else []
    return [
        ("identity.type", "UserAssigned"),
        ("identity.identity_ids", [{"expr": "azurerm_user_assigned_identity.aks.id"}]),
    ] + deps


def _identity_bicep(parameters: list[str]) -> list[str]:
    """The user-assigned identity and its Network Contributor role on each subnet the design uses."""
    if "identity_id" not in parameters:
        return []
    lines = ["", "resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {"]
    lines += ["  name: '${clusterName}-identity'", "  location: location", "}", "", "var identityId = identity.id"]
    scopes = [(pid, name) for pid, name in ROLE_SCOPES if pid in parameters]
    if scopes:
        lines += [
            "",
            "// The subnets are taken to be in this resource group; for a VNet elsewhere, assign the roles there.",
        ]
    for pid, name in scopes:
        p, s, r = _camel(pid), _camel(name), _camel(name + "_role")
        lines += ["", f"resource {s} 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' existing = {{"]
        lines += [f"  name: '${{split({p}, '/')[8]}}/${{split({p}, '/')[10]}}'", "}", ""]
        lines += [f"resource {r} 'Microsoft.Authorization/roleAssignments@2022-04-01' = {{"]
        lines += [f"  name: guid({p}, identity.id, 'Network Contributor')", f"  scope: {s}", "  properties: {"]
        lines += [
            "    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', "
            f"'{NETWORK_CONTRIBUTOR}')"
        ]
        lines += [
            "    principalId: identity.properties.principalId",
            "    principalType: 'ServicePrincipal'",
            "  }",
            "}",
        ]
    return lines


def _identity_terraform(parameters: list[str]) -> list[str]:
    if "identity_id" not in parameters:
        return []
    lines = ['resource "azurerm_user_assigned_identity" "aks" {', '  name = "${var.cluster_name}-identity"']
    lines += ["  location = var.location", "  resource_group_name = var.resource_group_name", "}", ""]
    for pid, name in ROLE_SCOPES:
        if pid in parameters:
            lines += [f'resource "azurerm_role_assignment" "{name}" {{', f"  scope = var.{pid}"]
            lines += ['  role_definition_name = "Network Contributor"']
            lines += ["  principal_id = azurerm_user_assigned_identity.aks.principal_id", "}", ""]
    return lines


FIREWALL_API = "2024-05-01"
#: Where a rule's destination says ``<location>``: the region, in each language.
REGION = {"placeholder": "<location>", "bicep": "${location}", "terraform": "${var.location}"}


def _is_fqdn(d: str) -> bool:
    return not d.startswith("AzureCloud") and not d[:1].isdigit() and "." in d


def _firewall_pairs(rules: list[dict[str, Any]], sources: list[str], kind: str) -> list[tuple[str, Any]]:
    """Azure Firewall policy rule collections for ``rules`` (network, then application), from ``sources``."""
    region = REGION[kind]
    groups = [
        ("network", [r for r in rules if r["kind"] == "network"]),
        ("application", [r for r in rules if r["kind"] == "application"]),
    ]
    pairs: list[tuple[str, Any]] = []
    for gi, (group, members) in enumerate(g for g in groups if g[1]):
        dest = [[d.replace(REGION["placeholder"], region) for d in r["destinations"]] for r in members]
        if kind == "bicep":
            c = f"properties.ruleCollections[{gi}]"
            pairs += [(f"{c}.ruleCollectionType", "FirewallPolicyFilterRuleCollection"), (f"{c}.name", f"aks-{group}")]
            pairs += [(f"{c}.priority", 210 + 10 * gi), (f"{c}.action.type", "Allow")]
            for ri, (r, ds) in enumerate(zip(members, dest)):
                x = f"{c}.rules[{ri}]"
                pairs += [
                    (f"{x}.ruleType", "NetworkRule" if group == "network" else "ApplicationRule"),
                    (f"{x}.name", r["id"]),
                ]
                if group == "network":
                    fq = [d for d in ds if _is_fqdn(d)]
                    pairs += [(f"{x}.ipProtocols", [r["protocol"]]), (f"{x}.sourceAddresses", sources)]
                    pairs += [(f"{x}.destinationFqdns" if fq else f"{x}.destinationAddresses", ds)]
                    pairs += [(f"{x}.destinationPorts", [str(r["port"])])]
                else:
                    pairs += [
                        (f"{x}.protocols[0].protocolType", r["protocol"].title()),
                        (f"{x}.protocols[0].port", r["port"]),
                    ]
                    pairs += [(f"{x}.sourceAddresses", sources), (f"{x}.targetFqdns", ds)]
        else:
            c = f"{group}_rule_collection[0]"
            pairs += [(f"{c}.name", f"aks-{group}"), (f"{c}.priority", 210 + 10 * gi), (f"{c}.action", "Allow")]
            for ri, (r, ds) in enumerate(zip(members, dest)):
                x = f"{c}.rule[{ri}]"
                pairs.append((f"{x}.name", r["id"]))
                if group == "network":
                    fq = [d for d in ds if _is_fqdn(d)]
                    pairs += [(f"{x}.protocols", [r["protocol"]]), (f"{x}.source_addresses", sources)]
                    pairs += [(f"{x}.destination_fqdns" if fq else f"{x}.destination_addresses", ds)]
                    pairs += [(f"{x}.destination_ports", [str(r["port"])])]
                else:
                    pairs += [(f"{x}.source_addresses", sources), (f"{x}.destination_fqdns", ds)]
                    pairs += [(f"{x}.protocols[0].type", r["protocol"].title()), (f"{x}.protocols[0].port", r["port"])]
    return pairs


def design_bicep(
    entries: list[dict[str, Any]],
    parameters: list[str],
    table: list[dict[str, Any]],
    api: str,
    notes: list[str],
    egress: list[dict[str, Any]] | None = None,
    egress_sources: list[str] | None = None,
) -> str:
    """A Bicep file: parameters, the ``managedClusters`` resource with the design's properties, and
    (``egress``) the Azure Firewall policy rule collection group the cluster's egress needs."""
    p = {"param": "cluster_name"}
    base = [("name", p), ("location", {"param": "location"}), *_identity(parameters, "bicep")]
    base += [("properties.dnsPrefix", p), ("properties.agentPoolProfiles[0].name", "system")]
    base += [("properties.agentPoolProfiles[0].mode", "System")]
    base += [("properties.agentPoolProfiles[0].vmSize", {"param": "vm_size"})]
    tree = _nest_pairs(base + [(e["key"], e["value"]) for e in entries])
    lines = [f"// {ATLAS_NOTE}", *(f"// {n}" for n in notes), ""]
    for pid, default, _, what in BASE_PARAMETERS:
        lines += [f"@description({_bicep_value(what)})", f"param {_camel(pid)} string = {default}"]
    for pid in (x for x in parameters if x != "identity_id"):
        lines += [f"@description({_bicep_value(_describe(table, pid))})", f"param {_camel(pid)} string"]
    if egress:
        lines += [f"@description({_bicep_value('Name of the ' + FIREWALL_POLICY)})", "param firewallPolicyName string"]
    lines += _identity_bicep(parameters)
    lines += ["", f"resource aks 'Microsoft.ContainerService/managedClusters@{api}' = {{"]
    lines += _blocks(tree, 1, ": {", ": ", _bicep_value)
    lines.append("}")
    if egress:
        fw = _nest_pairs(
            [("parent", {"param": "firewall_policy"}), ("name", "aks-egress"), ("properties.priority", 200)]
            + _firewall_pairs(egress, egress_sources or ["*"], "bicep")
        )
        lines += ["", f"resource firewallPolicy 'Microsoft.Network/firewallPolicies@{FIREWALL_API}' existing = {{"]
        lines += ["  name: firewallPolicyName", "}", ""]
        lines.append(
            f"resource aksEgress 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@{FIREWALL_API}' = {{"
        )
        lines += _blocks(fw, 1, ": {", ": ", _bicep_value) + ["}"]
    return "\n".join(lines)


FIREWALL_POLICY = "Azure Firewall policy that the cluster's egress goes through"


def design_terraform(
    entries: list[dict[str, Any]],
    parameters: list[str],
    table: list[dict[str, Any]],
    version: str,
    notes: list[str],
    egress: list[dict[str, Any]] | None = None,
    egress_sources: list[str] | None = None,
) -> str:
    """A Terraform configuration: the pinned provider, variables, ``azurerm_kubernetes_cluster``
    and (``egress``) the firewall policy rule collection group its egress needs."""
    p = {"param": "cluster_name"}
    base = [("name", p), ("location", {"param": "location"}), ("resource_group_name", {"param": "resource_group_name"})]
    base += [
        ("dns_prefix", p),
        ("default_node_pool.name", "system"),
        ("default_node_pool.vm_size", {"param": "vm_size"}),
    ]
    base += _identity(parameters, "terraform")
    tree = _nest_pairs(base + [(e["key"], e["value"]) for e in entries])
    lines = [f"# {ATLAS_NOTE}", *(f"# {n}" for n in notes), ""]
    lines += ["terraform {", "  required_providers {", "    azurerm = {", '      source  = "hashicorp/azurerm"']
    lines += [f'      version = "{version}"', "    }", "  }", "}", "", 'provider "azurerm" {', "  features {}", "}", ""]
    variables = [("resource_group_name", None, "Resource group of the cluster")]
    variables += [(pid, hcl, what) for pid, _, hcl, what in BASE_PARAMETERS]
    variables += [(pid, None, _describe(table, pid)) for pid in parameters if pid != "identity_id"]
    variables += [("firewall_policy_id", None, "Resource ID of the " + FIREWALL_POLICY)] if egress else []
    for pid, default, what in variables:
        lines += [f'variable "{pid}" {{', "  type = string", f"  description = {_hcl_value(what)}"]
        lines += ([f"  default = {default}"] if default else []) + ["}", ""]
    lines += _identity_terraform(parameters)
    lines.append('resource "azurerm_kubernetes_cluster" "aks" {')
    lines += _blocks(tree, 1, " {", " = ", _hcl_value)
    lines.append("}")
    if egress:
        fw = _nest_pairs(
            [("name", "aks-egress"), ("firewall_policy_id", {"param": "firewall_policy_id"}), ("priority", 200)]
            + _firewall_pairs(egress, egress_sources or ["*"], "terraform")
        )
        lines += ["", 'resource "azurerm_firewall_policy_rule_collection_group" "aks_egress" {']
        lines += _blocks(fw, 1, " {", " = ", _hcl_value) + ["}"]
    return "\n".join(lines)
