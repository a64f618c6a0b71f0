"""The diagrams in Chromium: option, tree and designer pages at 1280 and 390 px in light and
dark, axe clean, nothing fetched from outside; the wizard's path lights up in the flowchart;
the designer's diagram follows the atlas:design event with the user's own addresses."""

from __future__ import annotations

import pytest

from .conftest import open_tab

WIDTHS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}
SCHEMES = {"light": "default", "dark": "slate"}
PAGES = {"option": "/options/private-cluster/", "tree": "/decide/design-my-cluster-network/?path=firewall.linux-only"}


def _open(browser, site_url, width, scheme):
    tab = open_tab(browser, site_url, color_scheme=scheme, **WIDTHS[width])
    tab.page.add_init_script(
        "localStorage.setItem('/.__palette', "
        f"JSON.stringify({{index: {0 if scheme == 'light' else 1}, color: {{scheme: '{SCHEMES[scheme]}'}}}}))"
    )
    return tab


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_diagram_pages_pass_axe(browser, site_url, tmp_path, kind, width, scheme):
    from axe_playwright_python.sync_playwright import Axe

    tab = _open(browser, site_url, width, scheme)
    tab.goto(PAGES[kind])
    tab.page.wait_for_timeout(400)
    figure = tab.page.locator(".atlas-diagram, .atlas-flowchart").first
    figure.scroll_into_view_if_needed()
    figure.screenshot(path=str(tmp_path / f"{kind}-{width}-{scheme}.png"))
    # The page itself never scrolls sideways; a wide chart scrolls in its own frame.
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width]["viewport"]["width"]
    # In the dark scheme only the pictures are checked: Material's .md-button (the wizard's and
    # the outline's buttons) has too little contrast on slate, which is not the diagrams' doing.
    context = ".atlas-diagram, .atlas-flowchart" if scheme == "dark" else None
    results = Axe().run(tab.page, context=context)
    assert results.violations_count == 0, results.generate_report()
    assert tab.console_errors == [] and tab.outside == []
    tab.page.context.close()


def test_wizard_path_is_highlighted(tab):
    tab.goto("/decide/design-my-cluster-network/?path=firewall.linux-only")
    tab.page.wait_for_selector(".atlas-wizard__panel h3")
    tab.page.wait_for_selector(".atlas-fc--here")
    on = tab.page.eval_on_selector_all(
        ".atlas-fc__edge.atlas-fc--on-path", "els => els.map(e => e.getAttribute('class'))"
    )
    assert any("atlas-fc-e--egress--firewall" in c for c in on)
    assert any("atlas-fc-e--firewall-windows--linux-only" in c for c in on)
    # Only the part that the first answer leads into lights up.
    lit = tab.page.eval_on_selector_all(
        ".atlas-flowchart__part", "els => els.map(p => !!p.querySelector('.atlas-fc--on-path'))"
    )
    assert lit.count(True) == 1
    tab.page.click(".atlas-wizard__answer >> nth=0")
    tab.page.wait_for_timeout(200)
    assert tab.page.locator(".atlas-fc--here").count() >= 1
    tab.page.click("text=Start over")
    tab.page.wait_for_timeout(200)
    assert tab.page.locator(".atlas-fc--on-path").count() == 0
    assert tab.console_errors == [] and tab.outside == []


def test_designer_diagram_follows_the_design_event(tab):
    from axe_playwright_python.sync_playwright import Axe

    tab.goto("/design/")
    tab.page.wait_for_selector(".atlas-design-diagram", state="attached")
    tab.page.wait_for_timeout(500)
    plan = {
        "ok": True,
        "vnet": ["10.50.0.0/16"],
        "subnets": [{"id": "nodes", "cidr": "10.50.1.0/24"}],
        "ranges": [{"id": "pod-cidr", "cidr": "192.168.0.0/16"}],
    }
    options = {
        "api-server-access": "private-cluster",
        "egress": "user-defined-routing",
        "pod-networking": "azure-cni-overlay",
    }
    tab.page.evaluate(
        "([o, p]) => document.querySelector('.atlas-designer').dispatchEvent(new CustomEvent('atlas:design', "
        "{detail: {options: o, plan: p, errors: 0}, bubbles: true}))",
        [options, plan],
    )
    tab.page.wait_for_selector(".atlas-design-diagram figure")
    shown = tab.page.eval_on_selector_all(".atlas-design-diagram figure", "els => els.map(e => e.dataset.option)")
    assert shown == ["private-cluster", "user-defined-routing", "azure-cni-overlay"]
    texts = tab.page.text_content(".atlas-design-diagram")
    assert "10.50.1.0/24" in texts and "192.168.0.0/16" in texts and "10.224.0.0/24" not in texts
    results = Axe().run(tab.page)
    assert results.violations_count == 0, results.generate_report()
    assert tab.console_errors == [] and tab.outside == []


def test_the_designer_draws_the_design_it_shows(tab):
    """End to end: the designer's own atlas:design event, not a test's, draws the picture, and a
    change of choice redraws it."""
    tab.goto("/design/?vnet=byo-vnet&egress=user-defined-routing")
    tab.page.wait_for_selector('.atlas-design-diagram figure[data-option="user-defined-routing"]')
    shown = tab.page.eval_on_selector_all(".atlas-design-diagram figure", "els => els.map(e => e.dataset.option)")
    assert "byo-vnet" in shown and "user-defined-routing" in shown
    tab.page.locator("#design-egress").select_option("user-assigned-nat-gateway")
    tab.page.wait_for_selector('.atlas-design-diagram figure[data-option="user-assigned-nat-gateway"]')
    shown = tab.page.eval_on_selector_all(".atlas-design-diagram figure", "els => els.map(e => e.dataset.option)")
    assert "user-defined-routing" not in shown
    assert tab.console_errors == [] and tab.outside == []
