"""What a design deploys: the merged settings of its options (``evaluate.combine``) with every value
that is the user's own taken from the design's IP plan or left as a named parameter, formatted as a
complete az script, Bicep file and Terraform configuration by ``site.snippets``.

``cores/design.js`` mirrors ``plan_values`` and ``settings`` from the tables below (shipped as
``deploy`` in ``api/design.json``); tests/test_js_cores.py holds the two to the same text.
Nothing is added that the user did not choose: the plan's values replace the examples of the
options' select data, and a parameter stands where a value can only be the user's (a subnet or
identity resource ID). A design with errors, or an IP plan with errors, deploys nothing
(``blockers``).

Longer than most modules because of its tables (the parameters a design may need, and which
settings the plan's values replace), which are shipped to the browser as they are; the functions
after them are short. A later split: the tables into data, as the egress rules already are.
"""

from __future__ import annotations

import re
from typing import Any

from ...core import model as m
from ...core.read import KnowledgeBase
from ...site import design_files, firewall
from ..ipplan.addresses import make_range, parse_cidr
from ..ipplan.calc import plan
from ..ipplan.inputs import clean
from ..ipplan.params import limit_ranges, planner_params
from . import option_inputs
from .evaluate import combine, evaluate
from .network import network_data, resolve

#: The pinned versions the generated files are written for (and the oracles test against).
AKS_API_VERSION = "2026-06-01"
AZURERM_VERSION = "4.55.0"

#: Settings whose value comes from the IP plan: (plan value, az flag, Bicep path, Terraform path,
#: only where a chosen option already sets it). The pod CIDR is only written for the pod
#: networking options that use one (their select data names it).
PLAN_SETTINGS: list[dict[str, Any]] = [
    {
        "value": "node_count",
        "az": "--node-count",
        "bicep": "properties.agentPoolProfiles[0].count",
        "terraform": "default_node_pool.node_count",
        "only_if_set": False,
    },
    {
        "value": "max_pods",
        "az": "--max-pods",
        "bicep": "properties.agentPoolProfiles[0].maxPods",
        "terraform": "default_node_pool.max_pods",
        "only_if_set": False,
    },
    {
        "value": "pod_cidr",
        "az": "--pod-cidr",
        "bicep": "properties.networkProfile.podCidr",
        "terraform": "network_profile.pod_cidr",
        "only_if_set": True,
    },
    {
        "value": "service_cidr",
        "az": "--service-cidr",
        "bicep": "properties.networkProfile.serviceCidr",
        "terraform": "network_profile.service_cidr",
        "only_if_set": False,
    },
    {
        "value": "dns_ip",
        "az": "--dns-service-ip",
        "bicep": "properties.networkProfile.dnsServiceIP",
        "terraform": "network_profile.dns_service_ip",
        "only_if_set": False,
    },
    # A dual-stack plan: one range per family, IPv4 first, in place of the single-range settings
    # (``replaces``); az takes the list as one comma-separated word.
    {
        "value": "pod_cidrs",
        "az": "--pod-cidrs",
        "bicep": "properties.networkProfile.podCidrs",
        "terraform": "network_profile.pod_cidrs",
        "only_if_set": False,
        "replaces": "pod_cidr",
    },
    {
        "value": "service_cidrs",
        "az": "--service-cidrs",
        "bicep": "properties.networkProfile.serviceCidrs",
        "terraform": "network_profile.service_cidrs",
        "only_if_set": False,
        "replaces": "service_cidr",
    },
]

#: Values only the user can give, written as parameters: a shell variable, a Bicep ``param``, a
#: Terraform ``variable``. When an option sets one of them in any of the three forms, all three
#: get it (Bring your own VNet names the node subnet for az only in its select data). With
#: ``only_with``, the setting is dropped unless that option is chosen: a subnet ID that an option
#: calls optional is left out on an AKS-managed network. With ``placeholder_only``, only a
#: placeholder value becomes the parameter (the DNS zone's ``system`` and ``none`` stay as they are).
PARAMETERS: list[dict[str, Any]] = [
    {
        "id": "node_subnet_id",
        "az": "--vnet-subnet-id",
        "bicep": "properties.agentPoolProfiles[0].vnetSubnetID",
        "terraform": "default_node_pool.vnet_subnet_id",
        "what": "Resource ID of the node subnet",
        "only_with": "byo-vnet",
    },
    {
        "id": "pod_subnet_id",
        "az": "--pod-subnet-id",
        "bicep": "properties.agentPoolProfiles[0].podSubnetID",
        "terraform": "default_node_pool.pod_subnet_id",
        "what": "Resource ID of the pod subnet",
        "only_with": "byo-vnet",
    },
    {
        "id": "apiserver_subnet_id",
        "az": "--apiserver-subnet-id",
        "bicep": "properties.apiServerAccessProfile.subnetId",
        "terraform": "api_server_access_profile.subnet_id",
        "what": "Resource ID of the delegated API server subnet",
        "only_with": "byo-vnet",
    },
    {
        "id": "appgw_subnet_id",
        "az": "--appgw-subnet-id",
        "bicep": "properties.addonProfiles.ingressApplicationGateway.config.subnetId",
        "terraform": "ingress_application_gateway.subnet_id",
        "what": "Resource ID of the Application Gateway subnet",
        "only_with": "byo-vnet",
    },
    {
        "id": "private_dns_zone_id",
        "az": "--private-dns-zone",
        "bicep": "properties.apiServerAccessProfile.privateDNSZone",
        "terraform": "private_dns_zone_id",
        "what": "Resource ID of your private DNS zone for the API server",
        "only_with": None,
        "placeholder_only": True,
    },
    {
        "id": "node_public_ip_prefix_id",
        "az": "--node-public-ip-prefix-id",
        "bicep": "properties.agentPoolProfiles[0].nodePublicIPPrefixID",
        "terraform": "default_node_pool.node_public_ip_prefix_id",
        "what": "Resource ID of the public IP prefix the node public IPs come from",
        "only_with": None,
    },
    {
        "id": "identity_id",
        "az": "--assign-identity",
        "bicep": None,
        "terraform": None,
        "what": "Resource ID of the user-assigned managed identity of the cluster",
        "only_with": None,
    },
]

#: A subnet of the IP plan that an option's own resource goes in (AGIC's Application Gateway), where
#: the option's select data writes an example range: with Bring your own VNet the subnet's ID (the
#: ``param``, which data/network.yaml's subnet provides); else a range of the plan's size in the
#: AKS-managed VNet, the first after its node subnet (``managed``: the option and the limits that
#: give both ranges; ``plan_subnets`` reads them).
PLAN_SUBNETS: list[dict[str, Any]] = [
    {
        "subnet": "appgw",
        "az": "--appgw-subnet-cidr",
        "bicep": "properties.addonProfiles.ingressApplicationGateway.config.subnetCIDR",
        "terraform": "ingress_application_gateway.subnet_cidr",
        "param": "appgw_subnet_id",
        "byo": "byo-vnet",
        "managed": ("agic", "managed-vnet-address-space", "managed-vnet-node-subnet"),
    },
]


def plan_subnets(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """``PLAN_SUBNETS`` with the managed VNet's ranges from the option's limits (``None`` if absent)."""
    out = []
    for s in PLAN_SUBNETS:
        oid, space, taken = s["managed"]
        ranges = [limit_ranges(kb, oid, space), limit_ranges(kb, oid, taken)]
        out.append({**{k: v for k, v in s.items() if k != "managed"},
                    "space": ranges[0][0] if ranges[0] else None, "taken": ranges[1][0] if ranges[1] else None})
    return out


def managed_cidr(s: dict[str, Any], cidr: str) -> str | None:
    """The first range of ``cidr``'s size in the managed VNet's space after its node subnet."""
    prefix = int(cidr.split("/")[1])
    space, taken = parse_cidr(s["space"] or "")[0], parse_cidr(s["taken"] or "")[0]
    if space is None or taken is None:
        return None
    size = 2 ** (32 - prefix)
    start = -(-(taken["end"] + 1) // size) * size
    return make_range(start, prefix)["cidr"] if start + size - 1 <= space["end"] else None


#: The pre-flight checklist: what must exist or be allowed before the files run, for the chosen
#: options (``if``; none: always). ``{subnet:ID}`` is the range the IP plan proposes for that
#: subnet, ``{value}`` a plan value. Facts from each option's select notes and limits.
CHECKLIST: list[dict[str, Any]] = [
    {
        "if": "byo-vnet",
        "text": "The files create the VNet, its subnets{subnet:nodes}, the cluster identity and its Network "
        "Contributor role assignments: the account that runs them needs to create role assignments (Owner or "
        "User Access Administrator on the resource group). To use a VNet you already have, replace the VNet "
        "and subnet resources with references to yours.",
    },
    {
        "if": "user-defined-routing",
        "text": "Deploy your Azure Firewall (or appliance) in AzureFirewallSubnet{subnet:firewall} and set its "
        "private IP as the route's next hop before creating the cluster: the route table sends 0.0.0.0/0 there.",
    },
    {
        "if": "user-defined-routing",
        "text": "Allow the cluster's required outbound FQDNs and ports on the firewall before creating the "
        "cluster: without them the nodes cannot bootstrap.",
    },
    {
        "if": "application-gateway-for-containers",
        "text": "The files create the ALB Controller's identity (azure-alb-identity), its roles on the Application "
        "Gateway for Containers resource and subnet{subnet:agc} and, once the cluster exists, its federated credential "
        "and Reader on the node resource group (the Bicep file leaves that role out: it needs a module scoped to that "
        "group). Then install the controller with Helm, passing the identity's client ID.",
    },
    {
        "if": "agic",
        "text": "The AGIC add-on creates its Application Gateway in a subnet that holds nothing else: with your own "
        "VNet the IP plan's Application Gateway subnet{subnet:appgw}, which the identity that creates the gateway "
        "needs to join (Network Contributor can); without it, a range of that size in the AKS-managed VNet after its "
        "node subnet, as the files give.",
    },
    {
        "if": "private-cluster",
        "text": "Give operators and pipelines a network path and DNS resolution to the private API server "
        "endpoint.",
    },
    {
        "if": "outbound-none",
        "text": "Make sure everything the cluster pulls comes from the artifact cache or private endpoints: "
        "there is no outbound internet path.",
    },
    {
        "if": "node-public-ip-prefix",
        "text": "Create the Standard public IP prefix for the node public IPs in the cluster's region, large enough "
        "for the most nodes the pool may reach; add it to the API server's authorized IP ranges if you use them.",
    },
    {
        "if": "node-http-proxy",
        "text": "Write aks-proxy-config.json (httpProxy, httpsProxy, noProxy, and trustedCa if your proxy "
        "inspects TLS) and make sure the proxy itself has a way out.",
    },
    {
        "if": "custom-dns-servers",
        "text": "Set the VNet's DNS servers to your forwarders, and have them forward Azure private DNS zones "
        "(privatelink.*) to 168.63.129.16 from a VNet linked to those zones.",
    },
    {
        "if": "static-egress-gateway",
        "text": "After the cluster exists, add a node pool in gateway mode (--mode gateway --gateway-prefix-size "
        "28 to 31) and a StaticGatewayConfiguration per namespace before annotating pods.",
    },
    {
        "if": "localdns",
        "text": "The az command cannot set LocalDNS: after creation, run az aks nodepool update --localdns-config "
        "with mode Required on each pool below Kubernetes 1.36 (from 1.36 AKS turns it on for most pools), which "
        "reimages the pool; the Bicep file sets it on the first pool.",
    },
    {
        "if": None,
        "text": "Check the regional vCPU quota of your VM size for {node_count} nodes plus surge, and register "
        "the Microsoft.ContainerService resource provider.",
    },
]


def checklist(kb: KnowledgeBase, choices: dict[str, str], result: dict[str, Any] | None,
              values: dict[str, Any] | None) -> list[str]:
    """The pre-flight checklist of a design, with the IP plan's ranges filled in."""
    chosen = set(choices.values())
    cidrs = {s["id"]: s["cidr"] for s in (result or {}).get("subnets", []) if s.get("cidr")}
    out = []
    for item in CHECKLIST:
        if item["if"] is not None and item["if"] not in chosen:
            continue
        text = re.sub(r"\{subnet:([a-z]+)\}", lambda x: f" ({cidrs[x.group(1)]})" if x.group(1) in cidrs else "",
                      item["text"])
        text = text.replace("{node_count}", str(values["node_count"]) if values else "your")
        out.append(text)
    return out


def design_plan(kb: KnowledgeBase, choices: dict[str, str], inputs: dict[str, Any]) -> dict[str, Any] | None:
    """The IP plan of a design: ``inputs`` as the planner reads them, with the pod networking
    model and the extra subnets taken from the choices (``None`` when the chosen pod networking
    option has no planner model)."""
    params = planner_params(kb)
    chosen = set(choices.values())
    model = next((oid for oid in choices.values() if oid in params["models"]), None)
    if model is None:
        return None
    full = {**inputs, "model": model}
    family = next((oid for oid in choices.values() if oid in params["families"]), None)
    if family is not None:
        full["ip_family"] = family
    for extra in params["extras"]:
        full[f"{extra['id']}_subnet"] = extra["option"] in chosen
    return plan(params, full)


def plan_values(inputs: dict[str, Any], result: dict[str, Any] | None) -> dict[str, Any] | None:
    """The values the deployment takes from a plan that has no errors: the first pool's node
    count and max pods, the pod CIDR (``None`` for models without one), service CIDR, DNS IP, the
    VNet ranges and subnets (for the network resources) and the further pools. A dual-stack plan
    adds both families' pod and service CIDRs, its IPv6 VNet prefixes and subnet ranges."""
    if not result or not result["ok"]:
        return None
    ranges = {r["id"]: r["cidr"] for r in result["ranges"]}
    dual = "pod-cidr-ipv6" in ranges
    first = inputs["pools"][0]
    subnets = {s["id"]: s["cidr"] for s in result["subnets"] if s.get("cidr")}
    return {
        "node_count": int(clean(first["nodes"])),
        "max_pods": int(clean(first["max_pods"])),
        "pod_cidr": ranges.get("pod-cidr"),
        "service_cidr": ranges.get("service-cidr"),
        "dns_ip": ranges.get("dns-service-ip"),
        "pod_cidrs": [ranges.get("pod-cidr"), ranges["pod-cidr-ipv6"]] if dual else None,
        "service_cidrs": [ranges.get("service-cidr"), ranges["service-cidr-ipv6"]] if dual else None,
        "egress_sources": [subnets[k] for k in ("nodes", "pods") if k in subnets],
        "vnet": list(result["vnet"]) + list(result["vnet6"]),
        "subnets": subnets,
        "subnets6": {s["id"]: s["cidr6"] for s in result["subnets"] if s.get("cidr6")},
        "pools": [
            {"name": f"pool{i + 1}", "nodes": int(clean(p["nodes"])), "max_pods": int(clean(p["max_pods"]))}
            for i, p in enumerate(inputs["pools"])
            if i
        ],
    }


def settings(
    kb: KnowledgeBase, choices: dict[str, str], values: dict[str, Any] | None, given: dict[str, str] | None = None
) -> dict[str, Any]:
    """``combine`` with the plan's values and the parameters applied (see ``apply``), then the
    user's own inputs (``option_inputs.entries``)."""
    chosen = {o for o in choices.values() if o in kb.options}
    preview = {o for o in chosen if kb.options[o].select.requires}
    inputs = option_inputs.data(kb)
    combined = combine(kb, choices)
    option_inputs.merge_variants(inputs, choices, given, combined)
    option_inputs.drop_examples(inputs, choices, combined)
    out = apply(combined, values, chosen, preview, plan_subnets(kb))
    for kind, extra in option_inputs.entries(inputs, choices, given).items():
        out[kind] += extra
    return out


def apply(
    combined: dict[str, Any], values: dict[str, Any] | None, chosen: set[str], preview: set[str],
    subnets: list[dict[str, Any]],
) -> dict[str, Any]:
    """The plan's values in place of the examples, parameters for the user's own values; the Bicep
    of ``preview`` options (whose az commands need aks-preview) is left out: the pinned GA API
    version does not accept it (``unexpressed`` says so in the file)."""
    out = {k: [dict(e) for e in v] for k, v in combined.items()}
    out["bicep"] = [e for e in out["bicep"] if e["option"] not in preview]
    _plan_subnets(out, values, chosen, subnets)
    for s in PLAN_SETTINGS if values else []:
        for kind in ("az", "bicep", "terraform"):
            value = values[s["value"]] if values else None
            if value is not None and s.get("replaces"):
                old = next(p[kind] for p in PLAN_SETTINGS if p["value"] == s["replaces"])
                out[kind] = [e for e in out[kind] if e["key"] != old]
            if kind == "az" and isinstance(value, list):
                value = ",".join(value)
            entries = out[kind]
            hit = next((e for e in entries if e["key"] == s[kind]), None)
            if hit is not None and value is not None:
                hit["value"] = value
            elif hit is None and value is not None and not s["only_if_set"]:
                entries.append({"key": s[kind], "value": value, "option": None, "why": "From the IP plan."})
    used = []
    for p in PARAMETERS:
        kinds = [k for k in ("az", "bicep", "terraform") if p[k] and any(e["key"] == p[k] for e in out[k])]
        if p.get("placeholder_only"):
            kinds = [k for k in kinds if any(e["key"] == p[k] and _placeholder(e["value"]) for e in out[k])]
        if not kinds:
            continue
        if p["only_with"] and p["only_with"] not in chosen:
            for kind in kinds:
                out[kind] = [e for e in out[kind] if e["key"] != p[kind]]
            continue
        used.append(p["id"])
        origin = next(e for e in out[kinds[0]] if e["key"] == p[kinds[0]])
        for kind in ("az", "bicep", "terraform"):
            if not p[kind]:
                continue
            hit = next((e for e in out[kind] if e["key"] == p[kind]), None)
            if hit is None:
                out[kind].append({"key": p[kind], "value": None, "option": origin["option"], "why": ""})
                hit = out[kind][-1]
            hit["value"] = {"param": p["id"]}
    # What no parameter stands for is optional in the data (a variant's subdomain): never a placeholder.
    for kind in ("az", "bicep", "terraform"):
        out[kind] = [e for e in out[kind] if not _placeholder(e["value"])]
    out["parameters"] = used
    return out


def _placeholder(v: Any) -> bool:
    return isinstance(v, str) and "<" in v


def _plan_subnets(out: dict[str, Any], values: dict[str, Any] | None, chosen: set[str],
                  subnets: list[dict[str, Any]]) -> None:
    """``plan_subnets``: the key of the subnet ID parameter with Bring your own VNet (``PARAMETERS``
    then makes it a parameter), else a range in the managed VNet in place of the option's example;
    without a plan range the entry goes, never the example."""
    for s in subnets:
        cidr = (values or {}).get("subnets", {}).get(s["subnet"])
        if cidr and s["byo"] not in chosen:
            cidr = managed_cidr(s, cidr)
        param = next(p for p in PARAMETERS if p["id"] == s["param"])
        for kind in ("az", "bicep", "terraform"):
            for e in [e for e in out[kind] if e["key"] == s[kind]]:
                if s["byo"] in chosen and cidr:
                    e.update(key=param[kind], value={"param": param["id"]})
                elif cidr:
                    e["value"] = cidr
                else:
                    out[kind].remove(e)


def blockers(
    kb: KnowledgeBase, choices: dict[str, str], result: dict[str, Any] | None, given: dict[str, str] | None = None
) -> list[str]:
    """Why no command is shown: the design's errors, the IP plan's errors and the inputs' problems
    (empty: show it)."""
    out = [f["text"] for f in evaluate(kb, choices) if f["severity"] == "error"]
    if result is not None and not result["ok"]:
        out += [e["message"] for e in result["errors"]]
    return out + option_inputs.problems(option_inputs.data(kb), choices, given, result)


def requires(kb: KnowledgeBase, choices: dict[str, str]) -> list[str]:
    """The CLI extensions the design's az command needs (from chosen options that add az flags)."""
    out = []
    for cat in (c.id for layer in kb.layers for c in layer.categories):
        opt = kb.options.get(choices.get(cat, ""))
        if opt is not None and opt.select.az_aks_create and opt.select.requires and opt.select.requires not in out:
            out.append(opt.select.requires)
    return out


def egress_rules(kb: KnowledgeBase, choices: dict[str, str]) -> list[dict[str, Any]]:
    """The outbound rules a firewall must allow for this design (``data/egress.yaml``): none unless
    an option whose page lists them (``shown_on``, the firewall egress option) is chosen."""
    chosen = set(choices.values())
    if not chosen & set(kb.egress_shown_on):
        return []
    return [
        r.model_dump(mode="json", include=EGRESS_FIELDS)
        for r in kb.egress
        if (not r.needed_with or chosen & set(r.needed_with)) and not chosen & set(r.not_needed_with)
    ]


EGRESS_FIELDS = {"id", "kind", "destinations", "protocol", "port", "why", "required", "condition", "sources"}


def firewall_rules(rules: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rules written into the Bicep and Terraform: required ones whose destinations need no
    value of yours (the region is a parameter already)."""
    own = [r for r in rules if any("<" in d.replace(firewall.REGION["placeholder"], "") for d in r["destinations"])]
    return [r for r in rules if r["required"] and r not in own]


def unexpressed(kb: KnowledgeBase, choices: dict[str, str]) -> dict[str, list[str]]:
    """Chosen options whose az flags have no Bicep or Terraform form in the data, and chosen
    previews: said in a comment of that output instead of being dropped silently."""
    out: dict[str, list[str]] = {"bicep": [], "terraform": []}
    for cat in (c.id for layer in kb.layers for c in layer.categories):
        opt = kb.options.get(choices.get(cat, ""))
        if opt is None:
            continue
        flags = " ".join(f.flag for f in opt.select.az_aks_create if f.flag not in _PARAM_FLAGS)
        paths = ", ".join(".".join(p.property.split(".")[-2:]) for p in opt.select.bicep)
        for kind in ("bicep", "terraform"):
            # With no az flag (set on node pools after creation), name the Bicep properties Terraform lacks.
            what = flags or (paths if kind == "terraform" else "")
            if what and not getattr(opt.select, kind):
                out[kind].append(f"{opt.name}: no property here for {what}; see the option's page.")
        if opt.select.requires and opt.select.bicep:
            props = ", ".join(p.property.rsplit(".", 1)[-1] for p in opt.select.bicep)
            out["bicep"].append(
                f"{opt.name}: {props} need a preview API version, not {AKS_API_VERSION}; not set here."
            )
        if kb.state(opt).level is m.Status.preview:
            out["bicep"].append(f"{opt.name} is in preview: it may need a preview API version.")
            out["terraform"].append(f"{opt.name} is in preview: the azurerm provider may not support it yet.")
    return out


_PARAM_FLAGS = {p["az"] for p in PARAMETERS}


def texts(
    kb: KnowledgeBase, choices: dict[str, str], values: dict[str, Any] | None, given: dict[str, str] | None = None
) -> dict[str, Any]:
    """The az script, Bicep file and Terraform configuration of a design (no checks: see ``blockers``)."""
    s = settings(kb, choices, values, given)
    picked = [v["id"] for v in option_inputs.variants(option_inputs.data(kb), choices, given)]
    net = resolve(network_data(kb), list(choices.values()) + picked, values)
    spec = {
        "entries": s,
        "parameters": s["parameters"],
        "table": PARAMETERS + network_data(kb)["parameters"],
        "net": net,
        "pools": (values or {}).get("pools", []),
        "identity": "identity_id" in s["parameters"],
        "notes": unexpressed(kb, choices),
        "egress": firewall_rules(egress_rules(kb, choices)),
        "sources": (values or {}).get("egress_sources") or ["*"],
        "api": AKS_API_VERSION,
        "version": AZURERM_VERSION,
    }
    return {
        "az": design_files.design_az(spec),
        "bicep": design_files.design_bicep(spec),
        "terraform": design_files.design_terraform(spec),
        "settings": s,
        "requires": requires(kb, choices) + [r for r in net["requires"] if r not in requires(kb, choices)],
    }


def default_inputs(kb: KnowledgeBase, choices: dict[str, str]) -> dict[str, Any]:
    """The planner inputs a design starts from (``ui/planner.js:readState`` with no URL
    parameters): the example plan, with the chosen model's default max pods."""
    params = planner_params(kb)
    model = next((params["models"][o] for o in choices.values() if o in params["models"]), {})
    pods = str(model.get("default_pods") or model.get("max_pods") or "")
    ex = params["example"]
    return {
        "pools": [{"nodes": str(p["nodes"]), "surge": str(p["surge"]), "max_pods": pods} for p in ex["pools"]],
        "vnet": ", ".join(ex["vnet"]),
        "pod_cidr": ex["pod_cidr"],
        "service_cidr": ex["service_cidr"],
        "dns_ip": ex["dns_ip"],
        "in_use": ", ".join(ex["in_use"]),
        "vnet6": ", ".join(ex["vnet6"]),
        "pod_cidr6": ex["pod_cidr6"],
        "service_cidr6": ex["service_cidr6"],
    }


def preset_texts(kb: KnowledgeBase, choices: dict[str, str]) -> dict[str, Any]:
    """A preset's files, with the plan of ``default_inputs`` (what the designer first shows)."""
    inputs = default_inputs(kb, choices)
    return texts(kb, choices, plan_values(inputs, design_plan(kb, choices, inputs)))


def golden_text(kb: KnowledgeBase, choices: dict[str, str]) -> str:
    t = preset_texts(kb, choices)
    return f"# az\n{t['az']}\n\n# bicep\n{t['bicep']}\n\n# terraform\n{t['terraform']}\n"


def deploy_data(kb: KnowledgeBase) -> dict[str, Any]:
    """The tables ``cores/design.js`` applies (shipped in ``api/design.json``)."""
    inputs = option_inputs.data(kb)
    return {
        "plan": PLAN_SETTINGS,
        "plan_subnets": plan_subnets(kb),
        "parameters": PARAMETERS,
        "api_version": AKS_API_VERSION,
        "azurerm_version": AZURERM_VERSION,
        "base_parameters": [list(x) for x in design_files.BASE_PARAMETERS],
        "checklist": CHECKLIST,
        "region": firewall.REGION,
        "inputs": inputs["inputs"],
        "ports_per_ip": inputs["ports_per_ip"],
    }
