"""``aks-atlas ipplan``: the IP planner on the command line, over the same ``ipplan.plan``.

Exit codes follow the rest of the CLI: 0 for a plan without errors, 1 for invalid plan inputs
or a plan with errors (overlaps, limits), 2 for usage errors (an option written wrongly).
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from typing import Any

from ..core.read import KnowledgeBase
from ..features.ipplan import calc, report
from ..features.ipplan.params import planner_params

POOL_KEYS = {"nodes": "nodes", "surge": "surge", "max-pods": "max_pods"}


class UsageError(Exception):
    pass


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "ipplan",
        help="size the subnets and ranges of a cluster and lay them out in a VNet",
        description="Size the node subnet, pod subnet or pod CIDR, and the extra subnets of an AKS cluster; "
        "lay them out in the VNet address space; report overlaps and limits.",
    )
    p.add_argument("--pod-networking", metavar="ID", help="pod networking option id (default: the recommended one)")
    p.add_argument(
        "--pool",
        action="append",
        metavar="nodes=N,surge=N,max-pods=N",
        help="a node pool; repeat for several (default: nodes=3,surge=1 and the model's default max pods)",
    )
    p.add_argument("--vnet", action="append", metavar="CIDR", help="VNet address space; repeat or separate with commas")
    p.add_argument("--pod-cidr", metavar="CIDR", help="pod CIDR, for Overlay, kubenet and BYO CNI")
    p.add_argument("--service-cidr", metavar="CIDR", help="Kubernetes service CIDR")
    p.add_argument("--dns-service-ip", metavar="IP", help="cluster DNS service IP, inside the service CIDR")
    p.add_argument(
        "--in-use",
        action="append",
        metavar="CIDR",
        default=[],
        help="a range already used on-premises or in a peered VNet (IPv6 too with dual-stack); repeatable",
    )
    p.add_argument("--ip-family", metavar="ID", help="IP family option id: ipv4-only (default) or dual-stack")
    p.add_argument("--vnet-ipv6", action="append", metavar="CIDR", help="dual-stack: the VNet's IPv6 address space")
    p.add_argument("--pod-cidr-ipv6", metavar="CIDR", help="dual-stack: the IPv6 pod CIDR")
    p.add_argument("--service-cidr-ipv6", metavar="CIDR", help="dual-stack: the IPv6 service CIDR (a /108 or smaller)")
    p.add_argument("--apiserver-subnet", action="store_true", help="add a subnet for API Server VNet Integration")
    p.add_argument("--firewall-subnet", action="store_true", help="add an AzureFirewallSubnet for firewall egress")
    p.add_argument("--agc-subnet", action="store_true", help="add a subnet for Application Gateway for Containers")
    p.add_argument("--json", action="store_true", help="print the plan as JSON")


def parse_pool(text: str) -> dict[str, str]:
    """``nodes=50,surge=1,max-pods=30`` -> ``{"nodes": "50", "surge": "1", "max_pods": "30"}``.

    The values are checked later, by the plan itself."""
    pool: dict[str, str] = {}
    for part in (p.strip() for p in text.split(",")):
        key, sep, value = part.partition("=")
        key = key.strip()
        if not sep:
            raise UsageError(f"--pool '{text}': write each setting as key=value (nodes=, surge=, max-pods=)")
        if key not in POOL_KEYS:
            close = difflib.get_close_matches(key, list(POOL_KEYS), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else " (use nodes, surge, max-pods)"
            raise UsageError(f"--pool '{text}': unknown setting '{key}'{hint}")
        pool[POOL_KEYS[key]] = value.strip()
    return pool


def inputs_from(args: argparse.Namespace, params: dict[str, Any]) -> dict[str, Any]:
    example = params["example"]
    model_id = args.pod_networking or params["default_model"] or ""
    model = params["models"].get(model_id, {})
    default_pool = {
        "nodes": "3",
        "surge": "1",
        "max_pods": str(model.get("default_pods") or model.get("max_pods") or ""),
    }
    pools = []
    for text in args.pool or []:
        pool = dict(default_pool)
        pool.update(parse_pool(text))
        pools.append(pool)
    return {
        "model": model_id,
        "pools": pools or [default_pool],
        "vnet": args.vnet or example["vnet"],
        "pod_cidr": args.pod_cidr if args.pod_cidr is not None else example["pod_cidr"],
        "service_cidr": args.service_cidr if args.service_cidr is not None else example["service_cidr"],
        "dns_ip": args.dns_service_ip if args.dns_service_ip is not None else example["dns_ip"],
        "in_use": args.in_use,
        "ip_family": args.ip_family or "",
        "vnet6": args.vnet_ipv6 or example["vnet6"],
        "pod_cidr6": args.pod_cidr_ipv6 if args.pod_cidr_ipv6 is not None else example["pod_cidr6"],
        "service_cidr6": args.service_cidr_ipv6 if args.service_cidr_ipv6 is not None else example["service_cidr6"],
        "apiserver_subnet": args.apiserver_subnet,
        "firewall_subnet": args.firewall_subnet,
        "agc_subnet": args.agc_subnet,
    }


def run(args: argparse.Namespace, kb: KnowledgeBase) -> int:
    params = planner_params(kb)
    try:
        inputs = inputs_from(args, params)
    except UsageError as exc:
        print(f"aks-atlas: error: {exc}", file=sys.stderr)
        return 2
    result = calc.plan(params, inputs)
    if args.json:
        sys.stdout.write(
            json.dumps({"inputs": inputs, "plan": result}, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        )
    bad_inputs = [e for e in result["errors"] if e["code"] == "input"]
    if bad_inputs:
        for e in bad_inputs:
            print(f"aks-atlas: error: {e['message']}", file=sys.stderr)
        return 1
    if not args.json:
        sys.stdout.write(report.render_text(params, result))
    return 0 if result["ok"] else 1
