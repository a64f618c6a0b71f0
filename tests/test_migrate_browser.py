"""/migrate/ in Chromium: paste a fixture, see the options, findings and plan a person would act
on, change a target, export the runbook (the same text as ``aks-atlas audit``), follow the link
(no cluster data unless asked), bad input; at 1280 and 390 px, light and dark, axe clean, no
console errors, no request leaving the site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.features.migrate import report
from generator.features.migrate.audit import audit
from generator.features.migrate.cluster import parse

from .conftest import open_tab

CLUSTERS = Path(__file__).parent / "fixtures" / "clusters"
KUBENET = (CLUSTERS / "kubenet-calico-agic-nginx.json").read_text()
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
SCHEMES = {"light": "default", "dark": "slate"}


def _open(browser, site_url, size=DESKTOP, scheme="light"):
    tab = open_tab(browser, site_url, color_scheme=scheme, permissions=["clipboard-read", "clipboard-write"], **size)
    tab.page.add_init_script(
        "localStorage.setItem('/.__palette', "
        f"JSON.stringify({{index: {0 if scheme == 'light' else 1}, color: {{scheme: '{SCHEMES[scheme]}'}}}}))"
    )
    return tab


def _paste(tab, text: str) -> None:
    tab.page.fill(".atlas-migrate textarea", text)
    tab.page.get_by_role("button", name="Read the cluster").click()


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_paste_to_plan_fits_and_passes_axe(browser, site_url, tmp_path, size, scheme):
    from axe_playwright_python.sync_playwright import Axe

    tab = _open(browser, site_url, PHONE if size == "phone" else DESKTOP, scheme)
    tab.goto("/migrate/")
    _paste(tab, KUBENET)
    tab.page.wait_for_selector(".atlas-migrate__moves")
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= tab.page.viewport_size["width"]
    tab.page.screenshot(path=str(tmp_path / f"migrate-{size}-{scheme}.png"), full_page=True)
    results = Axe().run(tab.page)
    assert results.violations_count == 0, results.generate_report()
    assert tab.console_errors == [] and tab.outside == []
    tab.page.context.close()


def test_a_person_goes_from_paste_to_the_runbook(browser, site_url, kb):
    tab = _open(browser, site_url)
    tab.goto("/migrate/")
    _paste(tab, KUBENET)
    page = tab.page
    options = page.locator(".atlas-migrate__options tbody").inner_text()
    assert "kubenet" in options and "networkProfile.networkPlugin" in options and "Calico" in options
    findings = page.locator(".atlas-migrate__findings").inner_text()
    assert "Retiring: kubenet" in findings and "2028-03-31" in findings
    moves = page.locator(".atlas-migrate__moves > li > h3").all_inner_texts()
    assert moves[:2] == ["Calico network policy → No network policy engine", "kubenet → Azure CNI Overlay"]
    assert "az aks update -g rg-shop -n aks-shop --network-plugin azure --network-plugin-mode overlay" in (
        page.locator(".atlas-migrate__moves").inner_text())
    # change a target: the Cilium dataplane comes after Overlay
    page.select_option("select[data-category='dataplane']", "cilium-dataplane")
    moves = page.locator(".atlas-migrate__moves > li > h3").all_inner_texts()
    assert moves.index("kubenet → Azure CNI Overlay") < moves.index(
        "Azure dataplane (kube-proxy and iptables) → Azure CNI Powered by Cilium")
    assert page.url.endswith("/migrate/?dataplane=cilium-dataplane") and "#" not in page.url  # no cluster data
    # the runbook is the CLI's text
    page.get_by_role("button", name="Copy the runbook").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    expected = report.markdown(kb, audit(kb, parse(KUBENET)[0], {"dataplane": "cilium-dataplane"}))
    assert copied == expected
    with page.expect_download() as dl:
        page.get_by_role("button", name="Download the runbook (.md)").click()
    assert Path(dl.value.path()).read_text(encoding="utf-8") == expected
    # the link with the cluster, when asked for, reproduces the page
    page.get_by_label("Put the cluster JSON in the link too", exact=False).check()
    assert "#cluster=" in page.url
    again = _open(browser, site_url)
    again.page.goto(page.url, wait_until="networkidle")
    again.page.wait_for_selector(".atlas-migrate__moves")
    assert again.page.locator(".atlas-migrate__moves > li > h3").all_inner_texts() == moves
    assert tab.console_errors == [] and tab.outside == [] and again.outside == []
    again.page.context.close()
    tab.page.context.close()


def test_bad_input_and_a_list_of_clusters(browser, site_url):
    tab = _open(browser, site_url)
    tab.goto("/migrate/")
    status = tab.page.locator(".atlas-migrate__status")
    _paste(tab, "{not json")
    assert "Cannot read this: not JSON" in status.inner_text()
    _paste(tab, json.dumps({"type": "Microsoft.Storage/storageAccounts", "name": "x"}))
    assert "not an AKS managed cluster" in status.inner_text()
    _paste(tab, (CLUSTERS / "aks-list.json").read_text())
    tab.page.get_by_label("2 clusters in the list: audit").select_option(label="aks-batch")
    assert "Options found in aks-batch" in tab.page.locator(".atlas-migrate__out h2").first.inner_text()
    assert tab.console_errors == [] and tab.outside == []
    tab.page.context.close()


def test_a_chosen_file_is_read_and_a_huge_paste_is_refused(browser, site_url):
    tab = _open(browser, site_url)
    tab.goto("/migrate/")
    windows = CLUSTERS / "node-subnet-npm-udr-private-windows.json"
    tab.page.set_input_files(".atlas-migrate input[type=file]", str(windows))
    tab.page.wait_for_selector(".atlas-migrate__findings")
    findings = tab.page.locator(".atlas-migrate__findings").inner_text()
    assert "Past its end of support: Azure Network Policy Manager on Windows pools (win22)" in findings
    tab.page.evaluate("document.querySelector('.atlas-migrate textarea').value = 'x'.repeat(6000000)")
    tab.page.get_by_role("button", name="Read the cluster").click()
    assert "larger than 5 MB" in tab.page.locator(".atlas-migrate__status").inner_text()
    assert tab.page.locator(".atlas-migrate__out").is_hidden()
    assert tab.console_errors == [] and tab.outside == []
    tab.page.context.close()
