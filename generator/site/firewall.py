"""Azure Firewall policy rule collections for the outbound rules a design needs (``data/egress.yaml``),
as property pairs in Bicep or Terraform (``design_files`` writes them; cores/snippets.js mirrors)."""

from __future__ import annotations

from typing import Any

FIREWALL_API = "2026-03-01"
#: Where a rule's destination says ``<location>``: the region, in each language.
REGION = {"placeholder": "<location>", "bicep": "${location}", "terraform": "${var.location}"}


def _is_fqdn(d: str) -> bool:
    return not d.startswith("AzureCloud") and not d[:1].isdigit() and "." in d


def firewall_pairs(rules: list[dict[str, Any]], sources: list[str], kind: str) -> list[tuple[str, Any]]:
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


FIREWALL_POLICY = "Azure Firewall policy that the cluster's egress goes through"
