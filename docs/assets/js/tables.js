// Comparison tables: sorting (vendored tablesort, loaded only on pages that have a table),
// a filter box, and copy-link controls. Runs again after each instant navigation.
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src;
  var tablesortUrl = new URL("../vendor/tablesort-5.7.1/tablesort.min.js", here || location.href).href;
  var loading = null;

  function loadTablesort() {
    if (window.Tablesort) return Promise.resolve(window.Tablesort);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = tablesortUrl;
        s.onload = function () { resolve(window.Tablesort); };
        s.onerror = reject;
        document.head.appendChild(s);
      });
    }
    return loading;
  }

  function addFilter(table) {
    var slot = document.querySelector('[data-atlas-filter-for="' + table.id + '"]');
    if (!slot || slot.querySelector("input")) return;
    var label = document.createElement("label");
    label.textContent = "Filter rows ";
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = "Type to filter, e.g. windows or 5,000";
    input.setAttribute("aria-controls", table.id);
    label.appendChild(input);
    var status = document.createElement("span");
    status.className = "atlas-filter-status";
    status.setAttribute("aria-live", "polite");
    slot.appendChild(label);
    slot.appendChild(status);
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      var rows = table.tBodies[0].rows, shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var match = !q || rows[i].textContent.toLowerCase().indexOf(q) !== -1;
        rows[i].hidden = !match;
        if (match) shown++;
      }
      status.textContent = q ? " " + shown + " of " + rows.length + " options" : "";
    });
  }

  function init() {
    var tables = document.querySelectorAll("table[data-atlas-sortable]:not([data-atlas-ready])");
    if (!tables.length) return;
    loadTablesort().then(function (Tablesort) {
      tables.forEach(function (table) {
        table.setAttribute("data-atlas-ready", "");
        new Tablesort(table);
        addFilter(table);
      });
    });
  }

  // Copy-link controls: put the absolute URL of the anchor in the clipboard, and move there.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-atlas-copy]");
    if (!link) return;
    var url = new URL(link.getAttribute("href"), location.href).href;
    if (navigator.clipboard) {
      navigator.clipboard.writeText(url).then(function () { toast("Link copied"); }, function () {});
    }
  });

  function toast(text) {
    var el = document.createElement("div");
    el.className = "atlas-copied";
    el.setAttribute("role", "status");
    el.textContent = text;
    document.body.appendChild(el);
    setTimeout(function () { el.remove(); }, 1500);
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
