// Decision-tree wizard: one question at a time, answers kept in the address (?path=a.b.c) so a
// link restores the exact state and the browser's Back button steps back through answers.
// The tree's structure comes from api/trees/<id>.json; the prose it shows (why a question
// matters, an outcome's reason, lifecycle warnings, why-not) is copied from the outline that
// the same page already renders, so no HTML is ever assembled from data here: text goes in
// through textContent, and the copied nodes are the site's own Markdown output.
import { h } from "./lib/dom.js";
import { loadTree } from "./lib/tree.js";
import { copyButton, resetCopyStatus } from "./lib/clipboard.js";
import { resolve } from "./lib/url.js";
import { walk } from "./cores/tree.js";

const PARAM = "path";
const FOCUS_NOTE = "atlas-wizard-focus";

// A copy of a block of the outline without its ids (ids must stay unique on the page).
function borrow(scope, selector) {
  const source = scope.querySelector(selector);
  if (!source) return null;
  const copy = source.cloneNode(true);
  copy.removeAttribute("id");
  copy.querySelectorAll("[id]").forEach((n) => n.removeAttribute("id"));
  return copy;
}

function readPath() {
  const raw = new URLSearchParams(location.search).get(PARAM) || "";
  return raw.split(".").filter(Boolean);
}

function urlFor(ids) {
  const url = new URL(location.href);
  if (ids.length) url.searchParams.set(PARAM, ids.join("."));
  else url.searchParams.delete(PARAM);
  url.hash = "";
  return url.pathname + url.search;
}

// Say, next to each ruled-out option, which of the reader's own answers ruled it out.
function annotate(card, steps) {
  card.querySelectorAll("[data-by]").forEach((li) => {
    const step = steps.find((s) => s.question === li.getAttribute("data-by"));
    if (!step) return;
    const see = li.querySelector(".atlas-by");
    const note = h("span", { class: "atlas-by" }, "(you answered \u201c" + step.answer.label + "\u201d)");
    if (see) see.replaceWith(note);
    else li.append(" ", note);
  });
}

function drawTrail(trail, steps, go) {
  trail.replaceChildren(...steps.map((step, i) => h("li", {},
    h("span", { class: "atlas-wizard__asked" }, step.text + " "), h("strong", {}, step.answer.label), " ",
    h("button", { type: "button", class: "atlas-wizard__change", "aria-label": "Change the answer to: " + step.text,
      onclick: () => go(steps.slice(0, i).map((s) => s.answer.id), true) }, "Change"))));
  trail.hidden = steps.length === 0;
}

// The panel for an outcome; returns what the live region says.
function drawOutcome(w, state, heading) {
  const outcome = w.tree.outcomes[state.node];
  heading.textContent = "Result: " + outcome.title;
  w.panel.dataset.shows = "outcome:" + state.node;
  const card = borrow(w.scope, '.atlas-outcome[data-outcome="' + CSS.escape(state.node) + '"]');
  if (card) {
    annotate(card, state.steps);
    w.panel.append(card);
  }
  return "Result: " + outcome.title + ". Recommended: " + outcome.recommend.map((r) => r.name).join(", ") + ".";
}

// The panel for a question with its answer buttons; returns what the live region says.
function drawQuestion(w, state, heading, ids) {
  const q = w.tree.questions[state.node];
  heading.textContent = q.question;
  w.panel.dataset.shows = "question:" + state.node;
  w.panel.prepend(h("p", { class: "atlas-wizard__step" }, "Question " + (state.steps.length + 1)));
  const why = borrow(w.scope, '.atlas-why[data-why="' + CSS.escape(state.node) + '"]');
  if (why) w.panel.append(why);
  w.panel.append(h("div", { class: "atlas-wizard__answers", role: "group", "aria-labelledby": w.uid + "-h" }, q.answers.map((a) =>
    h("button", { type: "button", class: "md-button atlas-wizard__answer", "data-answer": a.id, onclick: () => w.go(ids.concat(a.id), true) }, a.label))));
  return "Question " + (state.steps.length + 1) + ": " + q.question;
}

function build(root, tree) {
  const w = { tree, root, uid: "atlas-wizard-" + tree.id, scope: root.closest("article") || document };
  w.live = h("p", { class: "atlas-sr-only", "aria-live": "polite", role: "status" });
  w.notice = h("p", { class: "atlas-wizard__notice", hidden: true });
  w.trail = h("ol", { class: "atlas-wizard__trail", "aria-label": "Your answers so far" });
  w.panel = h("section", { class: "atlas-wizard__panel", "aria-labelledby": w.uid + "-h" });
  w.back = h("button", { type: "button", class: "md-button" }, "Back");
  w.restart = h("button", { type: "button", class: "md-button" }, "Start over");
  // Visible feedback next to the button (and a field to copy from when the clipboard is blocked),
  // announced through the wizard's one live region.
  w.copyStatus = h("span", { class: "atlas-copy-status" });
  w.copy = copyButton("Copy link to this result", () => location.href, { status: w.copyStatus, live: w.live, class: "md-button", what: "Link" });
  root.replaceChildren(w.notice, w.trail, w.panel, h("div", { class: "atlas-wizard__controls" }, w.back, w.restart, w.copy, w.copyStatus), w.live);
  root.classList.add("atlas-wizard--live");
  return w;
}

// Back and Forward in the browser re-read the address. On the first Back after a full page
// load, Material's instant navigation also fetches the page and swaps the article (its
// location stream has no previous value to compare with); the wizard then mounts again from
// the address, and a short-lived note in sessionStorage tells it to move focus as this
// listener would have. Once the article is gone, the listener removes itself.
function watchHistory(root, shown, rerender) {
  function onPop() {
    if (!root.isConnected) {
      window.removeEventListener("popstate", onPop);
      return;
    }
    if (location.search === shown()) return; // an anchor in the outline, not an answer
    try { sessionStorage.setItem(FOCUS_NOTE, JSON.stringify({ url: location.href, at: Date.now() })); } catch (e) { /* storage off */ }
    rerender();
  }
  window.addEventListener("popstate", onPop);
}

// Whether a note from the listener above asks this fresh mount to move focus.
function takeFocusNote() {
  try {
    const note = JSON.parse(sessionStorage.getItem(FOCUS_NOTE) || "null");
    sessionStorage.removeItem(FOCUS_NOTE);
    return !!note && note.url === location.href && Date.now() - note.at < 5000;
  } catch (e) {
    return false; // storage off
  }
}

export function mount(root) {
  const src = resolve(root.getAttribute("data-tree-src"));
  return loadTree(src).then((tree) => {
    const w = build(root, tree);
    let ids = [];
    let shown = null; // the query string the wizard shows

    w.go = (next, focus) => {
      history.pushState(null, "", urlFor(next));
      render(next, focus);
    };

    function render(requested, focus) {
      const state = walk(tree, requested);
      ids = state.steps.map((s) => s.answer.id);
      // A link whose answers do not all fit the tree still lands on the last step that does.
      w.notice.hidden = state.valid;
      w.notice.textContent = state.valid ? "" : "Part of this link's answers did not match the tree, so it shows the last step that did.";
      if (!state.valid) history.replaceState(null, "", urlFor(ids));
      drawTrail(w.trail, state.steps, w.go);
      const heading = h("h3", { id: w.uid + "-h", tabindex: "-1", class: "atlas-wizard__heading" });
      w.panel.replaceChildren(heading);
      const isOutcome = !!tree.outcomes[state.node];
      w.live.textContent = isOutcome ? drawOutcome(w, state, heading) : drawQuestion(w, state, heading, ids);
      w.back.disabled = ids.length === 0;
      w.restart.disabled = ids.length === 0;
      w.copy.hidden = !isOutcome;
      resetCopyStatus(w.copyStatus);
      shown = location.search;
      // The flowchart highlights the path (flowchart.js listens).
      root.dispatchEvent(new CustomEvent("atlas:path", { detail: { steps: state.steps, node: state.node }, bubbles: true }));
      if (focus) heading.focus();
    }

    // The in-page Back replaces the address instead of adding one: the browser's Back then leaves
    // the steps already undone here instead of replaying them.
    w.back.addEventListener("click", () => {
      const prev = ids.slice(0, -1);
      history.replaceState(null, "", urlFor(prev));
      render(prev, true);
    });
    w.restart.addEventListener("click", () => w.go([], true));

    watchHistory(root, () => shown, () => render(readPath(), true));
    const refocus = takeFocusNote();
    render(readPath(), refocus);
  });
}
