"""Decision trees: the checks reject each kind of bad tree with its position; the
real trees render as an outline, a flowchart and a wizard; and the wizard, driven in Chromium,
reaches the right outcome on every path of every tree, by mouse, by shared link, by the
browser's Back button and by keyboard alone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from mkdocs.exceptions import Abort
from selectolax.lexbor import LexborHTMLParser

from generator.adapters.cli import main as cli_main
from generator.app import load_kb
from generator.core import model as m

from .conftest import FIXTURES, ROOT, build_site, open_tab, write_config
from .conftest import page as html

TREES = FIXTURES / "trees"
K = "kb/trees/"

# One fixture per kind of bad tree (tests/fixtures/trees/bad-*.yaml), with every line that
# `aks-atlas validate` must print for it.
BAD = {
    "bad-dangling": [f"{K}bad-dangling.yaml:27:15: answer 'fast' leads to unknown node 'fats'; did you mean 'fast'?"],
    "bad-cycle": [f"{K}bad-cycle.yaml:24:15: answer 'slow' of 'q2' leads back to 'q1', making a loop: q1 -> q2 -> q1"],
    "bad-unreachable": [f"{K}bad-unreachable.yaml:28:9: question 'q3' is not reachable from the start question 'q1'"],
    "bad-dead-end": [
        f"{K}bad-dead-end.yaml:18:9: question 'q2' has no path to an outcome: every answer leads into a loop or to an "
        "unknown node",
        f"{K}bad-dead-end.yaml:28:9: question 'q3' has no path to an outcome: every answer leads into a loop or to an "
        "unknown node",
        f"{K}bad-dead-end.yaml:34:15: answer 'back' of 'q3' leads back to 'q2', making a loop: q2 -> q3 -> q2",
        f"{K}bad-dead-end.yaml:37:15: answer 'again' of 'q3' leads back to 'q2', making a loop: q2 -> q3 -> q2",
    ],
    "bad-duplicate-answer": [
        f"{K}bad-duplicate-answer.yaml:25:13: duplicate answer id 'slow' in question 'q2'",
        f"{K}bad-duplicate-answer.yaml:26:16: answer 'slow' has the same label as answer 'slow' in question 'q2'",
    ],
    "bad-unknown-option": [f"{K}bad-unknown-option.yaml:31:17: unknown option 'fast-on'; did you mean 'fast-one'?"],
    "bad-conflict": [
        f"{K}bad-conflict.yaml:37:27: 'private-one' conflicts with 'slow-one' (rule 'slow-conflicts-private')"
    ],
    "bad-wrong-category": [
        f"{K}bad-wrong-category.yaml:38:17: 'private-one' is a beta option, but this tree decides alpha"
    ],
    "bad-coverage": [
        f"{K}bad-coverage.yaml:37:16: outcome 'slow' recommends no option for beta; each outcome of a cross-category "
        "tree covers the same categories"
    ],
    "bad-references": [
        f"{K}bad-references.yaml:5:11: unknown category 'alfa'; did you mean 'alpha'?",
        f"{K}bad-references.yaml:6:8: start 'q0' is not a question of this tree",
        f"{K}bad-references.yaml:24:15: answer 'slow' leads to unknown node 'slow'",
        f"{K}bad-references.yaml:36:9: 'wizard' is reserved for a section of the tree page; choose another id",
        f"{K}bad-references.yaml:43:13: 'q9' is not a question on any path to outcome 'wizard'",
        f"{K}bad-references.yaml:44:11: unknown source 'doc-c'; did you mean 'doc-b'?",
    ],
}


def mini_kb(root: Path, *trees: str) -> Path:
    """kb-mini with the given fixture trees in its trees/ folder."""
    shutil.copytree(FIXTURES / "kb-mini", root)
    (root / "trees").mkdir()
    for name in trees:
        shutil.copy(TREES / f"{name}.yaml", root / "trees" / f"{name}.yaml")
    return root


def validate(tmp_path: Path, capsys, monkeypatch) -> tuple[int, list[str]]:
    monkeypatch.chdir(tmp_path)
    code = cli_main(["--data", "kb", "validate"])
    lines = [x for x in capsys.readouterr().err.splitlines() if not x.endswith("error(s)") and ": warning: " not in x]
    return code, lines


# --- checks -------------------------------------------------------------------------------------


def test_the_good_fixture_tree_is_valid(tmp_path, capsys, monkeypatch):
    mini_kb(tmp_path / "kb", "good")
    assert validate(tmp_path, capsys, monkeypatch) == (0, [])


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_kind_of_bad_tree_is_rejected_with_its_position(name, tmp_path, capsys, monkeypatch):
    mini_kb(tmp_path / "kb", name)
    assert validate(tmp_path, capsys, monkeypatch) == (1, BAD[name])


def test_recommending_an_option_after_its_end_is_a_warning_not_an_error(tmp_path, capsys, monkeypatch):
    """The day a support window closes must not break the build; the build says so instead."""
    kb = mini_kb(tmp_path / "kb", "good")
    path = kb / "options/alpha/slow-one.yaml"
    path.write_text(path.read_text().replace("date: 2028-03-31", "date: 2026-01-31"))
    monkeypatch.chdir(tmp_path)
    assert cli_main(["--data", "kb", "validate"]) == 0
    err = capsys.readouterr().err
    assert f"{K}good.yaml:38:17: warning: 'slow-one' is retired (its lifecycle events say so on 2026-11-29)" in err


def test_a_combination_that_breaks_a_requires_rule_is_rejected(tmp_path, capsys, monkeypatch):
    """On the real data: swap the NAT gateway of a bring-your-own-VNet design for the managed one."""
    shutil.copytree(ROOT / "data", tmp_path / "kb")
    tree = tmp_path / "kb/trees/design-my-cluster-network.yaml"
    text = tree.read_text()
    old = (
        "recommend: [api-server-vnet-integration, byo-vnet, user-assigned-nat-gateway, azure-cni-overlay, "
        "cilium-dataplane"
    )
    assert old in text
    text = text.replace(old, old.replace("user-assigned-nat-gateway", "managed-nat-gateway"), 1)
    tree.write_text(text)
    at = text.index(old.replace("user-assigned-nat-gateway", "managed-nat-gateway"))
    line = text[:at].count("\n") + 1
    col = at - text.rfind("\n", 0, at) + len("recommend: [api-server-vnet-integration, byo-vnet, ")
    kb, _ = load_kb(ROOT / "data")
    rule = next(r for r in kb.rules if (r.kind.value, r.a, r.b) == ("requires", "managed-nat-gateway", "managed-vnet"))
    code, lines = validate(tmp_path, capsys, monkeypatch)
    assert code == 1
    assert lines == [
        f"kb/trees/design-my-cluster-network.yaml:{line}:{col}: 'managed-nat-gateway' requires 'managed-vnet' (rule "
        f"'{rule.id}'), but this outcome recommends 'byo-vnet'"
    ]


def test_a_bad_tree_fails_the_mkdocs_build(tmp_path, caplog):
    # MkDocs logs a plugin's error and aborts; the log carries the data error with its position.
    kb = mini_kb(tmp_path / "kb", "bad-cycle")
    with pytest.raises(Abort):
        build_site(write_config(tmp_path, kb), tmp_path / "site")
    assert "kb/trees/bad-cycle.yaml:24:15: answer 'slow' of 'q2' leads back to 'q1'" in caplog.text
    assert not (tmp_path / "site").exists()


# --- the real trees -----------------------------------------------------------------------------


def paths(tree: m.Tree) -> list[tuple[list[str], str]]:
    """Every path through the tree: the answer ids in order, and the outcome it ends in."""
    questions = {q.id: q for q in tree.questions}
    out: list[tuple[list[str], str]] = []

    def walk(node: str, answers: list[str]) -> None:
        if node not in questions:
            out.append((answers, node))
            return
        for a in questions[node].answers:
            walk(a.next, answers + [a.id])

    walk(tree.start, [])
    return out


def test_there_is_a_tree_per_decision_category_and_an_end_to_end_tree(kb):
    assert {
        "api-server-access",
        "egress",
        "pod-networking",
        "dataplane-and-policy",
        "app-exposure",
        "design-my-cluster-network",
    } <= set(kb.trees)
    for tid in ("api-server-access", "egress", "pod-networking", "app-exposure"):
        assert kb.trees[tid].category == tid
    for tid in ("dataplane-and-policy", "design-my-cluster-network"):
        assert kb.trees[tid].category is None
    assert {kb.options[o].category for oc in kb.trees["dataplane-and-policy"].outcomes for o in oc.recommend} == {
        "dataplane",
        "network-policy",
    }
    for oc in kb.trees["design-my-cluster-network"].outcomes:
        assert sorted(kb.options[o].category for o in oc.recommend) == sorted(kb.categories), oc.id


def test_every_outcome_is_reached_and_every_path_is_short(kb):
    for tree in kb.trees.values():
        found = paths(tree)
        assert {o for _, o in found} == {oc.id for oc in tree.outcomes}, tree.id
        assert max(len(a) for a, _ in found) <= 6, tree.id


def test_index_lists_each_tree_with_its_first_question(real_site, kb):
    doc = html(real_site, "decide")
    links = {a.attributes.get("href"): a.text() for a in doc.css("article a")}
    for tree in kb.trees.values():
        start = next(q for q in tree.questions if q.id == tree.start)
        assert links.get(f"{tree.id}/#{tree.start}") == start.question, tree.id


def test_outline_has_every_node_with_an_anchor_and_working_links(real_site, kb):
    for tree in kb.trees.values():
        doc = html(real_site, f"decide/{tree.id}")
        ids = {n.attributes["id"] for n in doc.css("[id]")}
        nodes = [q.id for q in tree.questions] + [oc.id for oc in tree.outcomes]
        assert set(nodes) <= ids, tree.id
        for q in tree.questions:
            heading = doc.css_first(f"h3#{q.id}")
            assert q.question in heading.text()
            answers = heading.next
            while answers is not None and answers.tag != "ul":
                answers = answers.next
            targets = [a.attributes["href"] for a in answers.css("a")]
            assert targets == [f"#{a.next}" for a in q.answers], q.id
        for oc in tree.outcomes:
            card = doc.css_first(f'.atlas-outcome[data-outcome="{oc.id}"]')
            shown = [li.attributes["data-option"] for li in card.css(".atlas-outcome__options li")]
            assert shown == oc.recommend
            for li in card.css(".atlas-outcome__options li"):
                href = [a.attributes["href"] for a in li.css("a") if "options/" in a.attributes["href"]][0]
                assert href == f"../../options/{li.attributes['data-option']}/"
                assert (real_site / "decide" / tree.id / href / "index.html").resolve().is_file()
            assert [li.attributes["data-option"] for li in card.css(".atlas-outcome__ruled-out li")] == [
                r.option for r in oc.ruled_out
            ]
        wizard = doc.css_first('[data-atlas-module="wizard"]')
        data = (real_site / "decide" / tree.id / wizard.attributes["data-tree-src"]).resolve()
        assert data.is_file() and json.loads(data.read_text())["start"] == tree.start
        assert wizard.css_first(f'a[href="#{tree.start}"]') is not None  # the no-JavaScript way in
        assert doc.css_first('[data-atlas-module="flowchart"]') is not None


def test_lifecycle_warnings_come_from_the_option_status(real_site, kb):
    """Every recommended preview, legacy or retiring option gets a warning with its status."""
    for tree in kb.trees.values():
        doc = html(real_site, f"decide/{tree.id}")
        for oc in tree.outcomes:
            card = doc.css_first(f'.atlas-outcome[data-outcome="{oc.id}"]')
            titles = [" ".join(t.text().split()) for t in card.css(".admonition-title")]
            for oid in oc.recommend:
                opt = kb.options[oid]
                warned = any(t.startswith(opt.name) for t in titles)
                assert warned == (kb.state(opt).level in (m.Status.preview, m.Status.legacy, m.Status.retiring)), (
                    tree.id,
                    oc.id,
                    oid,
                )


def test_end_to_end_outcomes_link_comparisons_and_the_designer(real_site, kb):
    tree = kb.trees["design-my-cluster-network"]
    doc = html(real_site, f"decide/{tree.id}")
    for oc in tree.outcomes:
        card = doc.css_first(f'.atlas-outcome[data-outcome="{oc.id}"]')
        cats = [a.attributes["href"] for a in card.css("a.atlas-outcome__cat")]
        assert len(cats) == len(kb.categories)
        for href in cats:
            assert (real_site / "decide" / tree.id / href / "index.html").resolve().is_file()
        design = card.css_first(".atlas-outcome__design a").attributes["href"]
        url = urlsplit(design)
        assert url.path == "../../design/"
        query = parse_qs(url.query)
        assert list(query) == list(kb.categories)
        assert {v[0] for v in query.values()} == set(oc.recommend)


def test_tree_data_escapes_and_matches_the_page(tmp_path):
    """A mini site with the good fixture tree: markup in titles and labels shows as text."""
    kb = mini_kb(tmp_path / "kb", "good")
    site = build_site(write_config(tmp_path, kb), tmp_path / "site")
    page = (site / "decide/good/index.html").read_text()
    assert "<script>alert(1)" not in page
    assert (
        "Fast wins &quot;quotes&quot; &amp; &lt;script&gt;alert(1)&lt;/script&gt;" in page
        or 'Fast wins "quotes" &amp; &lt;script&gt;alert(1)&lt;/script&gt;' in page
    )
    assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    data = json.loads((site / "api/trees/good.json").read_text())
    assert data["outcomes"]["fast"]["title"] == 'Fast wins "quotes" & <script>alert(1)</script>'
    assert "mermaid" not in data  # the flowchart is SVG in the page (tests/test_flowchart.py)
    # A retiring option recommended by an outcome carries its lifecycle warning.
    card = LexborHTMLParser(page).css_first('.atlas-outcome[data-outcome="slow"]')
    assert "Retiring 2028-03-31" in card.css_first(".admonition-title").text()


# --- in the browser -------------------------------------------------------------------------------


def wait_ready(tab) -> None:
    tab.page.wait_for_selector(".atlas-wizard__panel h3")
    tab.page.wait_for_selector(".atlas-flowchart svg")


def shown(tab) -> dict:
    """What the wizard shows now, read from the page."""
    return tab.page.evaluate("""() => {
        const panel = document.querySelector('.atlas-wizard__panel');
        const ids = (sel) => [...panel.querySelectorAll(sel)].map((li) => li.getAttribute('data-option'));
        return {
            heading: panel.querySelector('h3').textContent,
            shows: panel.dataset.shows,
            recommend: ids('.atlas-outcome__options li'),
            ruled_out: ids('.atlas-outcome__ruled-out li'),
            answers: [...panel.querySelectorAll('[data-answer]')].map((b) => b.getAttribute('data-answer')),
            trail: document.querySelectorAll('.atlas-wizard__trail li').length,
            path: new URLSearchParams(location.search).get('path'),
            focused: document.activeElement === panel.querySelector('h3'),
        };
    }""")


def test_wizard_walks_every_path_of_every_tree(tab, kb):
    walked = 0
    for tree in kb.trees.values():
        tab.goto(f"/decide/{tree.id}/")
        wait_ready(tab)
        outcomes = {oc.id: oc for oc in tree.outcomes}
        for answers, end in paths(tree):
            if answers and shown(tab)["path"]:
                tab.page.click(".atlas-wizard__controls button:has-text('Start over')")
            assert shown(tab)["shows"] == f"question:{tree.start}"
            for aid in answers:
                tab.page.click(f'.atlas-wizard__panel [data-answer="{aid}"]')
            now = shown(tab)
            oc = outcomes[end]
            assert now["shows"] == f"outcome:{end}", (tree.id, answers)
            assert now["heading"] == f"Result: {oc.title}"
            assert now["recommend"] == oc.recommend
            assert now["ruled_out"] == [r.option for r in oc.ruled_out]
            assert now["path"] == ".".join(answers)
            assert now["trail"] == len(answers)
            assert now["focused"]
            walked += 1
    assert walked == sum(len(paths(t)) for t in kb.trees.values()) >= 40
    assert tab.outside == []
    assert tab.console_errors == []


def test_a_shared_link_lands_on_the_same_state(tab, kb):
    tree = kb.trees["design-my-cluster-network"]
    answers, end = paths(tree)[-1]
    tab.goto(f"/decide/{tree.id}/?path={'.'.join(answers)}")
    wait_ready(tab)
    now = shown(tab)
    assert now["shows"] == f"outcome:{end}" and now["trail"] == len(answers)
    assert not now["focused"]  # opening a link does not steal the reader's place
    # The ruled-out options say which of the reader's answers ruled them out.
    by = next(r for oc in tree.outcomes if oc.id == end for r in oc.ruled_out if r.by)
    q = next(q for q in tree.questions if q.id == by.by)
    label = next(a.label for a in q.answers if a.id in answers)
    text = tab.page.inner_text(f'.atlas-wizard__panel .atlas-outcome__ruled-out li[data-option="{by.option}"]')
    assert f"you answered \u201c{label}\u201d" in text
    tab.page.click(".atlas-wizard__controls button:has-text('Copy link')")
    tab.page.wait_for_function("document.querySelector('.atlas-wizard [aria-live]').textContent === 'Link copied.'")
    assert tab.page.evaluate("navigator.clipboard.readText()") == tab.page.url
    # A half-valid link keeps the valid part, says so, and corrects the address.
    tab.goto(f"/decide/{tree.id}/?path={answers[0]}.no-such-answer.x")
    wait_ready(tab)
    now = shown(tab)
    assert now["path"] == answers[0] and now["trail"] == 1
    assert tab.page.is_visible(".atlas-wizard__notice")
    assert tab.outside == [] and tab.console_errors == []


def wait_path(tab, answers: list[str]) -> dict:
    """Wait until the wizard shows the state of these answers (Material may swap the article
    on the first Back after a full load; the wizard then mounts again from the address)."""
    ready = """(want) => {
        const panel = document.querySelector('.atlas-wizard__panel');
        const path = new URLSearchParams(location.search).get('path') || '';
        return !!(panel && panel.querySelector('h3') && path === want
            && document.querySelectorAll('.atlas-wizard__trail li').length === (want ? want.split('.').length : 0));
    }"""
    want = ".".join(answers)
    steady = 0
    for _ in range(100):  # the state must hold for 0.3 s, so that a pending swap is over
        steady = steady + 1 if tab.page.evaluate(ready, want) else 0
        if steady == 4:
            return shown(tab)
        tab.page.wait_for_timeout(100)
    pytest.fail(f"the wizard never settled on {want!r}")


def test_browser_back_and_forward_step_through_answers(tab, kb):
    tree = kb.trees["egress"]
    answers, end = next((a, e) for a, e in paths(tree) if len(a) >= 3)
    tab.goto(f"/decide/{tree.id}/")
    wait_ready(tab)
    for aid in answers:
        tab.page.click(f'.atlas-wizard__panel [data-answer="{aid}"]')
    assert shown(tab)["shows"] == f"outcome:{end}"
    tab.page.go_back()
    now = wait_path(tab, answers[:-1])
    assert now["shows"].startswith("question:") and now["focused"]
    tab.page.go_back()
    now = wait_path(tab, answers[:-2])
    assert now["focused"]
    tab.page.go_forward()
    wait_path(tab, answers[:-1])
    # An anchor in the outline and Back again leave the wizard's state alone.
    target = next(q for q in tree.questions if q.id == tree.start).answers[-1].next
    tab.page.click(f"#questions ~ ul a[href$='#{target}']")
    assert tab.page.url.endswith(f"#{target}")
    tab.page.go_back()
    assert wait_path(tab, answers[:-1])["shows"] == shown(tab)["shows"]
    # The wizard's own Back button and a "Change" button in the trail also step back.
    tab.page.click(".atlas-wizard__controls button:has-text('Back')")
    assert wait_path(tab, answers[:-2])["focused"]
    tab.page.click(".atlas-wizard__trail li:first-child button")
    now = wait_path(tab, [])
    assert now["shows"] == f"question:{tree.start}" and now["focused"]
    assert tab.page.url.endswith(f"/decide/{tree.id}/")
    assert tab.outside == [] and tab.console_errors == []


def test_one_full_path_by_keyboard_alone(tab, kb):
    tree = kb.trees["app-exposure"]
    answers, end = max(paths(tree), key=lambda p: len(p[0]))
    tab.goto(f"/decide/{tree.id}/")
    wait_ready(tab)
    page = tab.page
    active = "document.activeElement && document.activeElement.getAttribute('data-answer')"
    for i, aid in enumerate(answers):
        for _ in range(300):
            if page.evaluate(active) == aid:
                break
            page.keyboard.press("Tab")
        else:
            pytest.fail(f"Tab never reached answer {aid}")
        page.keyboard.press("Enter" if i % 2 == 0 else "Space")
        assert shown(tab)["focused"], "focus moves to the new question or result"
    now = shown(tab)
    assert now["shows"] == f"outcome:{end}" and now["path"] == ".".join(answers)
    assert page.inner_text(".atlas-wizard [aria-live]").startswith("Result:")
    assert tab.outside == [] and tab.console_errors == []


def test_flowchart_nodes_link_to_the_outline_and_options(tab, kb):
    tree = kb.trees["pod-networking"]
    tab.goto(f"/decide/{tree.id}/")
    wait_ready(tab)
    hrefs = tab.page.eval_on_selector_all(
        ".atlas-flowchart svg a", "els => els.map(a => a.getAttribute('href') || a.getAttribute('xlink:href'))"
    )
    expected = [f"#{q.id}" for q in tree.questions]
    expected += [f"../../options/{oc.recommend[0]}/" if len(oc.recommend) == 1 else f"#{oc.id}" for oc in tree.outcomes]
    # Every node is a link; a tree drawn in parts repeats the questions that lead into a part.
    assert set(hrefs) == set(expected) and len(hrefs) >= len(expected)
    labels = tab.page.eval_on_selector_all(".atlas-flowchart svg text", "els => els.map(t => t.textContent).join(' ')")
    for q in tree.questions:
        assert " ".join(q.question.split()[:3]) in " ".join(labels.split())
    assert tab.outside == [] and tab.console_errors == []


def test_no_page_downloads_a_diagram_library(browser, site_url):
    """Flowcharts and diagrams are drawn at build time: no page fetches Mermaid or any vendor
    script for them, and the tree page's chart is there before any script runs."""
    tab = open_tab(browser, site_url)
    requested: list[str] = []
    tab.page.on("request", lambda r: requested.append(r.url))
    try:
        for path in ("/", "/options/azure-cni-overlay/", "/decide/"):
            tab.goto(path)
            tab.page.wait_for_timeout(300)
        tab.page.click("article a[href$='egress/#internet']")
        tab.page.wait_for_selector(".atlas-flowchart svg")
        assert not [u for u in requested if "mermaid" in u or "/vendor/" in u and "tablesort" not in u]
        assert tab.outside == [] and tab.console_errors == []
    finally:
        tab.page.context.close()


def test_outline_reads_without_javascript(browser, site_url, kb):
    tab = open_tab(browser, site_url, java_script_enabled=False)
    try:
        tab.goto("/decide/egress/")
        text = tab.page.inner_text("article")
        for q in kb.trees["egress"].questions:
            assert q.question in text
        tab.page.click(f"article a[href$='#{kb.trees['egress'].start}']")
        assert tab.page.url.endswith("#internet")
        assert tab.outside == []
    finally:
        tab.page.context.close()


@pytest.mark.parametrize(
    "path",
    ["/decide/", "/decide/design-my-cluster-network/?path=firewall.linux-only.not-routable.waf", "/decide/egress/"],
)
def test_axe_finds_no_violations(tab, path):
    from axe_playwright_python.sync_playwright import Axe

    tab.goto(path)
    if path != "/decide/":
        wait_ready(tab)
    results = Axe().run(tab.page)
    assert results.violations_count == 0, results.generate_report()
    assert tab.outside == [] and tab.console_errors == []
