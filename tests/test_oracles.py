"""Oracles: what the site prints is checked with the real tools' own parsers, pinned in the
``oracles`` extra (``make test`` installs it), with no network and no login.

- Every ``az`` command the site can print (option and variant pages: the create flags and the
  commands for an existing cluster; migration steps; the designer for every preset and for a
  seeded sample of valid designs) goes through azure-cli's argument parser: with a fresh
  ``AZURE_CONFIG_DIR`` a valid command stops at "Please run 'az login'", a bad flag or value fails
  earlier. Commands whose data says ``requires: aks-preview >= ...`` are checked for structure
  only (core az does not know them), and core az must indeed reject at least one of them, so the
  requirement is not stale.
- The designer's Bicep is checked against the ARM models of the same API version
  (``azure-mgmt-containerservice``) and its Terraform against the azurerm provider schema (see
  tests/test_oracles_iac.py).

Outside CI these tests skip when the oracles extra is missing; in CI they fail instead.
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
import re
import shlex
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from generator.core import model as m
from generator.features.design import deploy
from generator.site import snippets

pytestmark = pytest.mark.oracle

SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers"
#: Realistic stand-ins for placeholders and parameters, by a word in their name (first match wins).
FAKES = [
    ("principal", "00000000-0000-0000-0000-000000000001"),
    ("route-table", f"{SUB}/Microsoft.Network/routeTables/rt"),
    ("nsg", f"{SUB}/Microsoft.Network/networkSecurityGroups/nsg"),
    ("nat-gateway", f"{SUB}/Microsoft.Network/natGateways/nat"),
    ("subnet", f"{SUB}/Microsoft.Network/virtualNetworks/vnet/subnets/snet"),
    ("identity", f"{SUB}/Microsoft.ManagedIdentity/userAssignedIdentities/uami"),
    ("dns-zone", f"{SUB}/Microsoft.Network/dnszones/contoso.com"),
    ("key-vault", f"{SUB}/Microsoft.KeyVault/vaults/kv"),
    ("application-gateway", f"{SUB}/Microsoft.Network/applicationGateways/agw"),
    ("cidr", "20.1.2.0/24"),
    ("ip", "10.0.0.4"),
]
#: Placeholders that are one segment of a resource ID (``/subscriptions/<sub>/...``).
SEGMENTS = {"sub": "00000000-0000-0000-0000-000000000000", "rg": "rg", "vnet": "vnet", "subnet": "snet"}
LOGIN = "Please run 'az login'"


@pytest.fixture(scope="module")
def az():
    if importlib.util.find_spec("azure.cli") is None:
        if os.environ.get("CI"):
            pytest.fail("azure-cli is required in CI (pip install -e '.[oracles]')")
        pytest.skip("azure-cli is not installed (make oracles)")
    return [sys.executable]


def fake(name: str) -> str:
    name = name.strip("<>$").lower().replace("_", "-")
    if name in SEGMENTS:
        return SEGMENTS[name]
    return next((value for word, value in FAKES if word in name), "x" + re.sub(r"[^a-z0-9]", "", name)[:20])


def argv(text: str) -> list[str]:
    """The words of one command (or of a designer script: variable lines, then the command), with
    every placeholder and variable replaced by a realistic value."""
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    lines = [line for line in lines if not re.match(r"^[A-Z_]+=", line)]
    words = shlex.split(" ".join(line.rstrip("\\").strip() for line in lines))
    return [
        fake(w) if re.fullmatch(r"<[^<>]+>|\$[A-Z_]+", w) else re.sub(r"<([^<>]+)>", lambda x: fake(x.group(1)), w)
        for w in words
    ]


def commands(kb) -> list[tuple[str, str, str | None]]:
    """(where, command, requires) for every az command the reference pages print."""
    out = []
    for opt in kb.options.values():
        sels = [(opt.id, opt.select)] + [(f"{opt.id} / {v.id}", v.select) for v in opt.variants if v.select]
        for where, sel in sels:
            if sel.az_aks_create:
                out.append((f"{where}: create", snippets.az_command(sel.az_aks_create), sel.requires))
            for line in sel.enable_on_existing:
                if line.startswith("az "):
                    out.append((f"{where}: existing", line, sel.requires))
        for mig in opt.migrations:
            for step in mig.steps:
                spans = re.findall(r"`(az [^`]+)`", step) if isinstance(step, str) else [step.command or ""]
                for span in filter(None, spans):
                    out.append((f"{opt.id} -> {mig.to}: migration", span, mig.requires))
    return [c for c in out if not c[1].startswith("az extension ")]


def design_requires(kb, choices: dict[str, str]) -> str | None:
    needs = [kb.options[o].select.requires for o in choices.values() if kb.options[o].select.az_aks_create]
    return next((r for r in needs if r), None)


def dual_stack_presets(kb) -> list:
    """Two presets with dual-stack chosen (their Overlay pod networking supports it): an AKS-managed
    VNet, and a VNet of your own whose node subnet takes an IPv6 /64 too."""
    return [p for p in kb.presets if p.id in ("recommended-default", "locked-down-enterprise")]


def designs(kb) -> list[tuple[str, str, str | None]]:
    """The designer's az script for every preset and a seeded sample of valid designs."""
    rnd = random.Random(3)
    cats = [c.id for layer in kb.layers for c in layer.categories]
    sample = [(p.id, dict(p.choices)) for p in kb.presets]
    sample += [(f"{p.id} dual-stack", {**p.choices, "ip-family": "dual-stack"}) for p in dual_stack_presets(kb)]
    tries = 0
    while len(sample) < len(kb.presets) + 40 and tries < 5000:
        tries += 1
        d = {c: rnd.choice(kb.options_in(c)).id for c in cats}
        if not deploy.blockers(kb, d, None):
            sample.append((f"design {deploy_query(kb, d)}", d))
    sample += [(f"design {deploy_query(kb, d)}", d) for d in agic_designs(kb)]
    out = []
    for where, d in sample:
        inputs = deploy.default_inputs(kb, d)
        if rnd.random() < 0.5:
            inputs.update(pod_cidr="192.168.0.0/16", service_cidr="172.16.0.0/16", dns_ip="172.16.0.10")
        if rnd.random() < 0.5:  # a second pool: az aks nodepool add
            inputs["pools"] = inputs["pools"] + [{**inputs["pools"][0], "nodes": "4"}]
        given = OWN if rnd.random() < 0.5 else {}  # the load balancer's sizing, where it is chosen
        result = deploy.design_plan(kb, d, inputs)
        assert not deploy.blockers(kb, d, result, given), where
        script = deploy.texts(kb, d, deploy.plan_values(inputs, result), given)["az"]
        for command in script_commands(script):
            out.append((where, command, command_requires(kb, d, command)))
    return out


#: The designer's own inputs, as a user may give them (each option's ``inputs:``).
OWN = {"lb-ips": "3", "lb-ports": "8000", "appgw-name": "aks-appgw", "dns": "private-dns-custom"}


def agic_designs(kb) -> list[dict[str, str]]:
    """AGIC on your own VNet (the subnet ID) and on an AKS-managed one (the plan's range); both are
    private clusters, so with ``OWN`` they get your own private DNS zone too."""
    locked = next(p for p in kb.presets if p.id == "locked-down-enterprise").choices
    managed = {**locked, "app-exposure": "agic", "vnet": "managed-vnet", "egress": "outbound-load-balancer"}
    return [{**locked, "app-exposure": "agic"}, managed] * 2


def script_commands(script: str) -> list[str]:
    """The commands of a designer script: each starts with ``az`` (or ``VAR=$(az``, whose capture
    is taken off) and goes on over lines that end in a backslash; comments and own-value lines
    are not commands."""
    out: list[str] = []
    current: list[str] = []
    for line in script.splitlines():
        if not current and not re.match(r"^([A-Z_]+=\$\()?az ", line):
            continue
        current.append(line)
        if not line.endswith("\\"):
            text = "\n".join(current)
            capture = re.match(r"^[A-Z_]+=\$\((.*)\)$", text, re.S)
            out.append(capture.group(1) if capture else text)
            current = []
    return out


def command_requires(kb, choices: dict[str, str], command: str) -> str | None:
    """What a command of a designer script needs: the alb extension for AGC's commands (the data
    says so: ``requires`` of the resource), aks-preview for a create with a preview option."""
    if command.startswith("az aks create"):
        return design_requires(kb, choices)
    for res in kb.network.resources:
        if res.requires and any(command.startswith(step.command + " ") for step in res.az):
            return res.requires
    return None


def deploy_query(kb, d: dict[str, str]) -> str:
    return ",".join(d[c.id] for layer in kb.layers for c in layer.categories)


WORKERS = max(1, min(4, os.cpu_count() or 1))
RUNNER = Path(__file__).with_name("oracle_az.py")


def run_batch(az: list[str], batch: list[list[str]], folder: Path) -> list[tuple[int, str]]:
    """Run ``batch`` (argument lists without ``az``) in one process with an empty configuration."""
    (folder / "config").mkdir(parents=True)
    cases = folder / "cases.json"
    cases.write_text(json.dumps(batch), encoding="utf-8")
    env = {
        **os.environ,
        "AZURE_CONFIG_DIR": str(folder / "config"),
        "AZURE_CORE_COLLECT_TELEMETRY": "no",
        "AZURE_CORE_NO_COLOR": "true",
        "AZURE_CORE_SURVEY_MESSAGE": "no",
    }
    proc = subprocess.run(
        [az[0], str(RUNNER), str(cases)], capture_output=True, text=True, timeout=900, env=env, stdin=subprocess.DEVNULL
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return [(code, output) for code, output in json.loads(proc.stdout)]


def verdicts(az, cases, tmp_path) -> list[tuple[str, str, str | None, bool, str]]:
    """Each case with whether core az accepted it (it stopped at the login message)."""
    words = [argv(text)[1:] for _, text, _ in cases]
    chunks = [list(range(i, len(cases), WORKERS)) for i in range(WORKERS)]
    with ThreadPoolExecutor(WORKERS) as pool:
        runs = list(pool.map(lambda ic: run_batch(az, [words[j] for j in ic[1]], tmp_path / f"batch{ic[0]}"),
                             enumerate(chunks)))
    found: dict[int, tuple[int, str]] = {}
    for chunk, run in zip(chunks, runs):
        found.update(zip(chunk, run))
    out = []
    for i, (where, text, requires) in enumerate(cases):
        code, output = found[i]
        first = next((line for line in output.splitlines() if line.strip()), str(code))
        out.append((where, text, requires, LOGIN in output, first))
    return out


FLAG = re.compile(r"^(--[a-z0-9][a-z0-9-]*|-[a-z])$")


def structure_ok(text: str) -> bool:
    words = argv(text)
    return words[0] == "az" and len(words) > 2 and all(FLAG.match(w) for w in words if w.startswith("-"))


def check(az, cases, tmp_path) -> None:
    results = verdicts(az, cases, tmp_path)
    rejected = [f"{where}: {first}\n    {text}" for where, text, req, ok, first in results if not req and not ok]
    assert not rejected, "core az rejects commands the site prints without an aks-preview note:\n" + "\n".join(rejected)
    for where, text, req, _, _ in results:
        if req:
            assert structure_ok(text), (where, text)
    by_req: dict[tuple[str, str], list[bool]] = {}
    for where, _, req, ok, _ in results:
        if req:
            by_req.setdefault((where.split(":")[0], req), []).append(ok)
    stale = [k for k, oks in by_req.items() if all(oks)]
    assert not stale, f"core az accepts every command of these, so 'requires' is stale: {stale}"


def test_every_az_command_of_the_reference_pages_parses(kb, az, tmp_path):
    cases = commands(kb)
    assert len(cases) > 30
    check(az, cases, tmp_path)


def test_designer_scripts_split_into_their_commands(kb):
    locked = next(p for p in kb.presets if p.id == "locked-down-enterprise").choices
    inputs = deploy.default_inputs(kb, locked)
    script = deploy.texts(kb, locked, deploy.plan_values(inputs, deploy.design_plan(kb, locked, inputs)))["az"]
    commands = script_commands(script)
    assert commands[0].startswith("az identity create")
    # What reads the cluster (the ALB Controller's federated credential and Reader role) follows its creation.
    create = next(i for i, c in enumerate(commands) if c.startswith("az aks create"))
    after = commands[create + 1:]
    assert after[0].startswith("az aks show") and "--query oidcIssuerProfile.issuerUrl" in after[0]
    assert after[1].startswith("az identity federated-credential create") and '--issuer "$AKS_OIDC_ISSUER"' in after[1]
    assert after[-1].startswith("az role assignment create") and "--role Reader" in after[-1]
    assert any("--name azure-alb-identity" in c for c in commands[:create] if c.startswith("az identity create"))
    assert any(c.startswith("az network vnet subnet create") and "--query id --output tsv" in c for c in commands)
    assert [command_requires(kb, locked, c) for c in commands if c.startswith("az network alb")] == ["alb"] * 3


def test_every_designer_command_parses(kb, az, tmp_path):
    cases = designs(kb)
    assert len(cases) > 30
    assert any("--load-balancer-outbound-ports 8000" in text for _, text, _ in cases)
    assert any("--appgw-subnet-id" in text for _, text, _ in cases)  # AGIC on your own VNet
    assert any("--private-dns-zone \"$PRIVATE_DNS_ZONE_ID\"" in text for _, text, _ in cases)  # your own zone
    for kind in ("az network vnet subnet create", "az network nsg rule create", "az network route-table route create",
                 "az network nat gateway create", "az role assignment create", "az aks nodepool add",
                 "az network private-dns zone create", "az network private-dns link vnet create"):
        assert any(text.startswith(kind) for _, text, _ in cases), kind
    check(az, [c for c in cases if not c[2]], tmp_path)
    for where, text, req in cases:
        if req:
            assert structure_ok(text), (where, text)


def plan_commands(kb) -> list[tuple[str, str, str | None]]:
    """Every command of the migration plans for the cluster fixtures (tests/fixtures/clusters),
    to the default target and to every option of every category, filled with the clusters' names."""
    from generator.features.migrate.audit import audit
    from generator.features.migrate.cluster import parse

    out = set()
    for path in sorted(Path(__file__).parent.glob("fixtures/clusters/*.json")):
        for cluster in parse(path.read_text()):
            targets = [{}] + [{c: o.id} for c in kb.categories for o in kb.options_in(c)]
            for target in targets:
                for move in audit(kb, cluster, target)["plan"]["moves"]:
                    for step in move["steps"]:
                        if step["command"]:
                            out.add((f"{path.name}: {move['from']} -> {move['to']}", step["command"], move["requires"]))
    return sorted(out, key=lambda c: (c[0], c[1]))


def test_every_command_of_the_migration_plans_parses(kb, az, tmp_path):
    cases = plan_commands(kb)
    assert len(cases) > 30
    assert not [c for c in cases if "<rg>" in c[1] or "<cluster>" in c[1]]  # filled with the cluster's names
    check(az, cases, tmp_path)


def test_the_oracle_rejects_a_bad_flag_and_a_bad_value(az, tmp_path):
    bad = [
        ("bad flag", "az aks create --resource-group rg --name x --no-such-flag", None),
        ("bad value", "az aks create --resource-group rg --name x --outbound-type nowhere", None),
    ]
    assert [ok for *_, ok, _ in verdicts(az, bad, tmp_path / "bad")] == [False, False]
    good = [("good", "az aks create --resource-group rg --name x --network-plugin azure", None)]
    assert [ok for *_, ok, _ in verdicts(az, good, tmp_path / "good")] == [True]


def test_requires_names_an_extension_with_a_version():
    assert "requires" in m.Selection.model_fields and "requires" in m.Migration.model_fields
