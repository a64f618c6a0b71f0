// Page-specific modules, loaded only where a page asks for them and re-mounted after each
// instant navigation: an element `<div data-atlas-module="wizard">` makes this file import
// `assets/js/wizard.js` (an ES module exporting `mount(element)`) and call it once per element.
(function () {
  "use strict";
  var base = new URL(".", (document.currentScript && document.currentScript.src) || location.href);

  function mountAll() {
    document.querySelectorAll("[data-atlas-module]:not([data-atlas-mounted])").forEach(function (el) {
      el.setAttribute("data-atlas-mounted", "");
      var name = el.getAttribute("data-atlas-module");
      if (!/^[a-z0-9-]+$/.test(name)) return;
      import(new URL(name + ".js", base).href)
        .then(function (mod) { return mod.mount(el); })
        .catch(function (err) { console.error("atlas: module " + name + " failed", err); });
    });
  }

  // Material's code-copy toolbar is an unnamed <nav> per code block; several unnamed navs on one
  // page are not unique landmarks (axe: landmark-unique). Name each one after it appears.
  function nameCodeNavs() {
    document.querySelectorAll(".md-code__nav").forEach(function (nav, i) {
      if (!nav.hasAttribute("aria-label")) nav.setAttribute("aria-label", "Code block actions " + (i + 1));
    });
  }
  new MutationObserver(nameCodeNavs).observe(document.documentElement, { childList: true, subtree: true });

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(mountAll);
  } else {
    document.addEventListener("DOMContentLoaded", mountAll);
  }
})();
