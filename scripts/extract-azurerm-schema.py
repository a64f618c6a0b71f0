"""Extract the attribute and block names of a few azurerm resources from the npm package
``@cdktf/provider-azurerm`` (generated from the provider's own schema), into the small fixture
tests/fixtures/oracles/azurerm-schema.json that tests/test_oracles_iac.py checks Terraform with.

Run once per provider version (needs network only here, never in the tests):

    npm pack @cdktf/provider-azurerm@14.23.1   # azurerm 4.55.0, the newest cdktf build
    python scripts/extract-azurerm-schema.py cdktf-provider-azurerm-14.23.1.tgz

Each resource's ``synthesizeHclAttributes`` lists its arguments (``isBlock`` marks a nested
block, whose own ``...ToHclTerraform`` function lists its arguments in turn).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import tarfile
from pathlib import Path

RESOURCES = [
    "kubernetes-cluster", "virtual-network", "subnet", "route-table", "route", "subnet-route-table-association",
    "nat-gateway", "nat-gateway-public-ip-association", "subnet-nat-gateway-association", "public-ip",
    "firewall", "firewall-policy", "firewall-policy-rule-collection-group", "user-assigned-identity",
    "role-assignment", "private-dns-zone", "network-security-group", "subnet-network-security-group-association",
    "kubernetes-cluster-node-pool", "application-load-balancer", "application-load-balancer-frontend",
    "application-load-balancer-subnet-association", "private-dns-zone-virtual-network-link",
    "federated-identity-credential",
]
OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "oracles" / "azurerm-schema.json"

ENTRY = re.compile(r"^ {8,16}(\w+): \{\n\s+value: (.*?),\n\s+isBlock: (true|false),", re.M)


def body(js: str, start: int) -> str:
    """The text of the ``attrs = {...}`` object starting at ``start`` (braces balanced)."""
    depth, i = 0, js.index("{", start)
    for j in range(i, len(js)):
        depth += {"{": 1, "}": -1}.get(js[j], 0)
        if depth == 0:
            return js[i : j + 1]
    raise ValueError("unbalanced")


def attrs(js: str, start: int, seen: set[str]) -> dict:
    out = {}
    text = body(js, js.index("const attrs = {", start))
    for name, value, is_block in ENTRY.findall(text):
        if is_block == "true":
            fn = re.search(r"(\w+)ToHclTerraform\b", value).group(1)
            if fn in seen:
                out[name] = {}
                continue
            at = js.index(f"function {fn}ToHclTerraform(struct)")
            out[name] = attrs(js, at, seen | {fn})
        else:
            out[name] = None
    return out


def main(tgz: str) -> None:
    schema: dict = {}
    with tarfile.open(tgz) as tar:
        pkg = json.load(tar.extractfile("package/package.json"))
        for res in RESOURCES:
            js = tar.extractfile(f"package/lib/{res}/index.js").read().decode()
            rtype = re.search(r'tfResourceType = "(\w+)"', js).group(1)
            schema[rtype] = attrs(js, js.index("synthesizeHclAttributes() {"), set())
    digest = hashlib.sha256(Path(tgz).read_bytes()).hexdigest()
    provenance = {
        "source": f"npm {pkg['name']}@{pkg['version']} ({Path(tgz).name}, sha256 {digest})",
        "provider": pkg["cdktf"]["provider"],
        "how": "scripts/extract-azurerm-schema.py: arguments (null) and nested blocks (objects) per resource",
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"provenance": provenance, "resources": schema}, indent=1, sort_keys=True) + "\n")
    print(f"wrote {OUT} ({len(schema)} resources)")


if __name__ == "__main__":
    main(sys.argv[1])
