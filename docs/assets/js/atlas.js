// Page-specific modules, loaded only where a page asks for them and re-mounted after each
// instant navigation: an element `<div data-atlas-module="wizard">` makes this file import
// `assets/js/wizard.js` (an ES module exporting `mount(element)`) and call it once per element.
// Page modules import only from lib/ (browser helpers), cores/ (DOM-free logic) and ui/
// (shared components), never from each other. This file also handles the copy-link anchors
// (`[data-atlas-copy]`) that option and category pages carry.
(function () {
  "use strict";
  var base = new URL(".", (document.currentScript && document.currentScript.src) || location.href);

  function mountAll() {
    if (document.querySelector("[data-atlas-copy]")) loadClipboard();
    // Status badges whose wording changes after the build date: show the words for today.
    if (document.querySelector("[data-atlas-lifecycle]")) {
      import(new URL("lib/lifecycle.js", base).href)
        .then(function (mod) { mod.refineBadges(document); })
        .catch(function (err) { console.error("atlas: lifecycle failed", err); });
    }
    document.querySelectorAll("[data-atlas-module]:not([data-atlas-mounted])").forEach(function (el) {
      el.setAttribute("data-atlas-mounted", "");
      var name = el.getAttribute("data-atlas-module");
      if (!/^[a-z0-9-]+$/.test(name)) return;
      import(new URL(name + ".js", base).href)
        .then(function (mod) { return mod.mount(el); })
        .catch(function (err) { console.error("atlas: module " + name + " failed", err); });
    });
  }

  // Copy-link anchors: put the absolute URL of the anchor in the clipboard (with a visible
  // note, or a field to copy from by hand), and move there as a plain link would. The helper
  // is loaded as soon as a page has such an anchor, so a click copies at once.
  var clipboard = null;
  function loadClipboard() {
    if (!clipboard) {
      clipboard = import(new URL("lib/clipboard.js", base).href);
      clipboard.then(function (mod) { clipboard.mod = mod; }, function () { clipboard = null; });
    }
    return clipboard;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-atlas-copy]");
    if (!link) return;
    var url = new URL(link.getAttribute("href"), location.href).href;
    var ready = loadClipboard();
    if (ready.mod) ready.mod.copyWithToast(url, "Link");
    else ready.then(function (mod) { return mod.copyWithToast(url, "Link"); }).catch(function (err) { console.error("atlas: copy failed", err); });
  });

  // Material's code-copy toolbar is an unnamed <nav> per code block; several unnamed navs on one
  // page are not unique landmarks (axe: landmark-unique). Name each one after it appears.
  function nameCodeNavs() {
    document.querySelectorAll(".md-code__nav").forEach(function (nav, i) {
      if (!nav.hasAttribute("aria-label")) nav.setAttribute("aria-label", "Code block actions " + (i + 1));
    });
  }
  new MutationObserver(nameCodeNavs).observe(document.documentElement, { childList: true, subtree: true });

  // "Did you mean" for a search that finds nothing: loaded the first time a search box (any
  // element with role=search, whichever theme drew it) gets focus.
  document.addEventListener("focusin", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("[role=search] input") || input.hasAttribute("data-atlas-dym")) return;
    import(new URL("search-suggest.js", base).href)
      .then(function (mod) { return mod.watch(input); })
      .catch(function (err) { console.error("atlas: search suggestions failed", err); });
  });

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(mountAll);
  } else {
    document.addEventListener("DOMContentLoaded", mountAll);
  }
})();
