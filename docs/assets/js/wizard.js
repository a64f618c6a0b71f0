// Decision-tree wizard: one question at a time, answers kept in the address (?path=a.b.c) so a
// link restores the exact state and the browser's Back button steps back through answers.
// The tree's structure comes from api/trees/<id>.json; the prose it shows (why a question
// matters, an outcome's reason, lifecycle warnings, why-not) is copied from the outline that
// the same page already renders, so no HTML is ever assembled from data here: text goes in
// through textContent, and the copied nodes are the site's own Markdown output.

const trees = new Map();

// One fetch per tree, shared by the wizard and the flowchart.
export function loadTree(url) {
  if (!trees.has(url)) {
    trees.set(url, fetch(url).then((r) => {
      if (!r.ok) throw new Error("cannot load " + url + ": " + r.status);
      return r.json();
    }));
  }
  return trees.get(url);
}

const PARAM = "path";
const FOCUS_NOTE = "atlas-wizard-focus";

function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

// A copy of a block of the outline without its ids (ids must stay unique on the page).
function borrow(scope, selector) {
  const source = scope.querySelector(selector);
  if (!source) return null;
  const copy = source.cloneNode(true);
  copy.removeAttribute("id");
  copy.querySelectorAll("[id]").forEach((n) => n.removeAttribute("id"));
  return copy;
}

// Walk the answers from the start; stop at the first one that does not fit the tree.
export function walk(tree, ids) {
  const steps = [];
  let node = tree.start;
  for (const id of ids) {
    const q = tree.questions[node];
    const answer = q && q.answers.find((a) => a.id === id);
    if (!answer) return { steps, node, valid: false };
    steps.push({ question: node, text: q.question, answer });
    node = answer.next;
  }
  return { steps, node, valid: true };
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

export function mount(root) {
  const src = new URL(root.getAttribute("data-tree-src"), location.href).href;
  const scope = root.closest("article") || document;
  return loadTree(src).then((tree) => {
    const uid = "atlas-wizard-" + tree.id;
    root.replaceChildren();
    root.classList.add("atlas-wizard--live");
    const live = el("p", { class: "atlas-sr-only", "aria-live": "polite", role: "status" });
    const notice = el("p", { class: "atlas-wizard__notice", hidden: "" });
    const trail = el("ol", { class: "atlas-wizard__trail", "aria-label": "Your answers so far" });
    const panel = el("section", { class: "atlas-wizard__panel", "aria-labelledby": uid + "-h" });
    const controls = el("div", { class: "atlas-wizard__controls" });
    const back = el("button", { type: "button", class: "md-button" }, "Back");
    const restart = el("button", { type: "button", class: "md-button" }, "Start over");
    const copy = el("button", { type: "button", class: "md-button" }, "Copy link to this result");
    controls.append(back, restart, copy);
    root.append(notice, trail, panel, controls, live);

    let ids = [];
    let shown = null; // the query string the wizard shows

    function go(next, focus) {
      history.pushState(null, "", urlFor(next));
      render(next, focus);
    }

    function render(requested, focus) {
      const state = walk(tree, requested);
      ids = state.steps.map((s) => s.answer.id);
      // A link whose answers do not all fit the tree still lands on the last step that does.
      notice.hidden = state.valid;
      notice.textContent = state.valid ? "" : "Part of this link's answers did not match the tree, so it shows the last step that did.";
      if (!state.valid) history.replaceState(null, "", urlFor(ids));

      trail.replaceChildren();
      state.steps.forEach((step, i) => {
        const li = el("li");
        li.append(el("span", { class: "atlas-wizard__asked" }, step.text + " "), el("strong", {}, step.answer.label));
        const change = el("button", { type: "button", class: "atlas-wizard__change", "aria-label": "Change the answer to: " + step.text }, "Change");
        change.addEventListener("click", () => go(ids.slice(0, i), true));
        li.append(" ", change);
        trail.append(li);
      });
      trail.hidden = state.steps.length === 0;

      panel.replaceChildren();
      const outcome = tree.outcomes[state.node];
      const heading = el("h3", { id: uid + "-h", tabindex: "-1", class: "atlas-wizard__heading" });
      panel.append(heading);
      if (outcome) {
        heading.textContent = "Result: " + outcome.title;
        panel.dataset.shows = "outcome:" + state.node;
        const card = borrow(scope, '.atlas-outcome[data-outcome="' + CSS.escape(state.node) + '"]');
        if (card) {
          annotate(card, state.steps);
          panel.append(card);
        }
        live.textContent = "Result: " + outcome.title + ". Recommended: " + outcome.recommend.map((r) => r.name).join(", ") + ".";
      } else {
        const q = tree.questions[state.node];
        heading.textContent = q.question;
        panel.dataset.shows = "question:" + state.node;
        panel.prepend(el("p", { class: "atlas-wizard__step" }, "Question " + (state.steps.length + 1)));
        const why = borrow(scope, '.atlas-why[data-why="' + CSS.escape(state.node) + '"]');
        if (why) panel.append(why);
        const group = el("div", { class: "atlas-wizard__answers", role: "group", "aria-labelledby": uid + "-h" });
        q.answers.forEach((a) => {
          const b = el("button", { type: "button", class: "md-button atlas-wizard__answer", "data-answer": a.id }, a.label);
          b.addEventListener("click", () => go(ids.concat(a.id), true));
          group.append(b);
        });
        panel.append(group);
        live.textContent = "Question " + (state.steps.length + 1) + ": " + q.question;
      }
      back.disabled = ids.length === 0;
      restart.disabled = ids.length === 0;
      copy.hidden = !outcome;
      shown = location.search;
      if (focus) heading.focus();
    }

    // Say, next to each ruled-out option, which of the reader's own answers ruled it out.
    function annotate(card, steps) {
      card.querySelectorAll("[data-by]").forEach((li) => {
        const step = steps.find((s) => s.question === li.getAttribute("data-by"));
        if (!step) return;
        const see = li.querySelector(".atlas-by");
        const note = el("span", { class: "atlas-by" }, "(you answered \u201c" + step.answer.label + "\u201d)");
        if (see) see.replaceWith(note);
        else li.append(" ", note);
      });
    }

    back.addEventListener("click", () => go(ids.slice(0, -1), true));
    restart.addEventListener("click", () => go([], true));
    copy.addEventListener("click", () => {
      const done = () => { live.textContent = "Link copied."; };
      if (navigator.clipboard) navigator.clipboard.writeText(location.href).then(done, () => {});
    });

    // Back and Forward in the browser re-read the address. On the first Back after a full
    // page load, Material's instant navigation also fetches the page and swaps the article
    // (its location stream has no previous value to compare with); the wizard then mounts
    // again from the address, and a short-lived note in sessionStorage tells it to move focus
    // as this listener would have. Once the article is gone, the listener removes itself.
    function onPop() {
      if (!root.isConnected) {
        window.removeEventListener("popstate", onPop);
        return;
      }
      if (location.search === shown) return; // an anchor in the outline, not an answer
      try { sessionStorage.setItem(FOCUS_NOTE, JSON.stringify({ url: location.href, at: Date.now() })); } catch (e) { /* storage off */ }
      render(readPath(), true);
    }
    window.addEventListener("popstate", onPop);
    let refocus = false;
    try {
      const note = JSON.parse(sessionStorage.getItem(FOCUS_NOTE) || "null");
      refocus = !!note && note.url === location.href && Date.now() - note.at < 5000;
      sessionStorage.removeItem(FOCUS_NOTE);
    } catch (e) { /* storage off */ }
    render(readPath(), refocus);
  });
}
