/* Plan Atlas: plan picker and sortable tables on comparison pages; re-run after Material's instant navigation.
   Libraries are self-hosted and loaded only on pages that need them. */
(function () {
  "use strict";
  var here = document.currentScript ? document.currentScript.src : location.href;
  var loading = {};

  /** Load a script from the site itself, once. */
  function load(path) {
    if (!loading[path]) {
      loading[path] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL(path, here).href;
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return loading[path];
  }
  window.atlasLoad = load;

  /** Make comparison tables sortable by any column. */
  function sortable() {
    var tables = document.querySelectorAll(".atlas-sortable table");
    if (!tables.length) return;
    load("vendor/tablesort/tablesort.min.js")
      .then(function () { return load("vendor/tablesort/tablesort.number.min.js"); })
      .then(function () {
        tables.forEach(function (table) {
          if (!table.dataset.atlasSortable) {
            table.dataset.atlasSortable = "1";
            new window.Tablesort(table);
          }
        });
      });
  }

  /** The plans chosen in ?plans=a,b (all when absent). */
  function chosenPlans(all) {
    var value = new URLSearchParams(location.search).get("plans");
    if (value === null) return all;
    var wanted = value.split(",");
    return all.filter(function (id) { return wanted.indexOf(id) >= 0; });
  }

  /** Show only the chosen plans' columns and sections, and keep the choice in the URL. */
  function picker() {
    var form = document.querySelector("[data-atlas-picker]");
    if (!form) return;
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=plans]"));
    var all = boxes.map(function (box) { return box.value; });
    var start = chosenPlans(all);
    boxes.forEach(function (box) { box.checked = start.indexOf(box.value) >= 0; });
    form.hidden = false;

    function apply() {
      var on = boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
      document.querySelectorAll(".atlas-compare table").forEach(function (table) {
        var hide = [];
        table.querySelectorAll("thead th").forEach(function (th, i) {
          var plan = th.querySelector("[data-plan]");
          if (plan && on.indexOf(plan.dataset.plan) < 0) hide.push(i);
        });
        table.querySelectorAll("tr").forEach(function (row) {
          Array.prototype.forEach.call(row.children, function (cell, i) { cell.hidden = hide.indexOf(i) >= 0; });
        });
      });
      document.querySelectorAll("section[data-plan]").forEach(function (section) {
        section.hidden = on.indexOf(section.dataset.plan) < 0;
      });
      var url = new URL(location.href);
      url.search = on.length === all.length ? "" : "?plans=" + on.join(",");
      history.replaceState(history.state, "", url.href);
    }
    form.addEventListener("change", apply);
    apply();
  }

  function setup() {
    picker();
    sortable();
  }

  if (window.document$) window.document$.subscribe(setup);
  else document.addEventListener("DOMContentLoaded", setup);
})();
