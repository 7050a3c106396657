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
      document.querySelectorAll(".atlas-compare table, .atlas-matrix table").forEach(function (table) {
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
      clamps();
    }
    form.addEventListener("change", apply);
    apply();
  }

  /** Long texts in comparison cells show their first lines; a "more" button shows the rest. A button shows only where
      the text is cut at the current width (measured again when the window or the chosen plans change). */
  function clamps() {
    var matrices = document.querySelectorAll(".atlas-matrix");
    if (!matrices.length) return;
    matrices.forEach(function (matrix) { matrix.classList.add("atlas-clamped"); });
    document.querySelectorAll(".atlas-matrix .atlas-clamp").forEach(function (text) {
      var button = text.nextElementSibling;
      if (!button || !button.classList.contains("atlas-more-toggle")) {
        if (text.textContent.length <= 90) return;  // a short text is never cut
        button = document.createElement("button");
        button.type = "button";
        button.className = "atlas-link-button atlas-more-toggle";
        button.setAttribute("aria-expanded", "false");
        button.textContent = "more";
        text.after(button);
      }
      if (!button.dataset.atlasMore) {
        button.dataset.atlasMore = "1";
        button.addEventListener("click", function () {
          var open = text.classList.toggle("atlas-open");
          button.textContent = open ? "less" : "more";
          button.setAttribute("aria-expanded", String(open));
        });
      }
      if (!text.classList.contains("atlas-open")) button.hidden = text.scrollHeight <= text.clientHeight + 1;
    });
  }
  var resizing;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(clamps, 150);
  });

  /** Site colours of the current palette (light or dark), read from Material's CSS variables. */
  function palette() {
    var style = getComputedStyle(document.body);
    var get = function (name) { return style.getPropertyValue(name).trim(); };
    return { fg: get("--md-default-fg-color"), grid: get("--md-default-fg-color--lightest"),
             font: get("--md-text-font-family") || "sans-serif" };
  }

  /** Unique category names of a figure's traces along one axis ("x" or "y"). */
  function categories(data, axis) {
    var seen = [];
    data.forEach(function (trace) {
      (trace[axis] || []).forEach(function (v) { if (typeof v === "string" && seen.indexOf(v) < 0) seen.push(v); });
    });
    return seen;
  }

  /** The layout for the chart's width. The title is the figure caption's (under the chart), so plotly.js draws none
      and the legend sits above the plot where the title was. Below 600 px: at most 4 value ticks, category names cut to
      26 characters (the full name is in the tooltip and the table), and upright plan names under a heatmap. */
  function fitted(spec, width) {
    var layout = Object.assign({}, spec.layout, { title: { text: "" } });
    layout.margin = Object.assign({}, layout.margin, { t: 10 });
    if (width >= 600 || !spec.data.length) return layout;
    var first = spec.data[0], horizontal = first.orientation === "h";
    if (first.type === "heatmap") {
      layout.xaxis = Object.assign({}, layout.xaxis, { tickangle: 90 });
      return layout;
    }
    var names = horizontal ? "yaxis" : "xaxis", values = horizontal ? "xaxis" : "yaxis";
    layout[values] = Object.assign({}, layout[values], { nticks: 4 });
    var cats = categories(spec.data, horizontal ? "y" : "x");
    if (horizontal && cats.length) {
      layout[names] = Object.assign({}, layout[names], {
        tickmode: "array", tickvals: cats,
        ticktext: cats.map(function (c) { return c.length > 26 ? c.slice(0, 25).trim() + "…" : c; })
      });
    }
    return layout;
  }

  /** A figure's layout in the site's colours. */
  function themed(layout) {
    var c = palette();
    var axis = function (a) {
      return Object.assign({}, a, { gridcolor: c.grid, zerolinecolor: c.grid, linecolor: c.grid });
    };
    return Object.assign({}, layout, {
      paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)",
      font: { color: c.fg, family: c.font }, xaxis: axis(layout.xaxis), yaxis: axis(layout.yaxis),
      autosize: true
    });
  }

  /** Draw one chart. The chart div is an image (role="img" with the chart's title as its name; the numbers follow as
      a table and a CSV), so it holds no controls: without the mode bar there are no buttons inside the image
      (axe: nested-interactive). Zoom by dragging and hover labels stay for the mouse. */
  function draw(plot) {
    var spec = JSON.parse(plot.dataset.figure);
    plot.atlasFigure = spec;
    return window.Plotly.react(plot, spec.data, themed(fitted(spec, plot.clientWidth)),
      { responsive: true, displaylogo: false, displayModeBar: false });
  }

  /** The chart as a PNG file, in dark colours on white whatever the palette, so that it prints and pastes well, with
      the address of the chart on this site under its title, so that a copy passed around still says where it is from. */
  function downloadPng(plot, name) {
    var spec = plot.atlasFigure, width = Math.max(plot.offsetWidth, 800), extra = 24;
    var margin = Object.assign({ l: 80, r: 80, t: 100, b: 80 }, spec.layout.margin);
    var where = (location.origin + location.pathname + "#" + plot.parentNode.id).replace(/[&<>]/g, function (c) {
      return "&#" + c.charCodeAt(0) + ";";
    });
    var layout = Object.assign({}, spec.layout, {
      paper_bgcolor: "#fff", plot_bgcolor: "#fff", font: { color: "#222", family: palette().font },
      title: Object.assign({}, spec.layout.title, {
        text: spec.layout.title.text + '<br><span style="font-size:11px;color:#555">Plan Atlas · ' + where + "</span>"
      }),
      height: (spec.layout.height || 400) + extra, margin: Object.assign({}, margin, { t: margin.t + extra })
    });
    return window.Plotly.toImage({ data: spec.data, layout: layout },
      { format: "png", width: width, height: layout.height, scale: 2 }).then(function (url) {
      var a = document.createElement("a");
      a.href = url;
      a.download = name + ".png";
      document.body.appendChild(a);
      a.click();
      a.remove();
    });
  }

  /** A viewBox on the chart's SVG layers, so that print.css can scale the chart to the paper's width. */
  function scalable(plot) {
    plot.querySelectorAll("svg.main-svg").forEach(function (svg) {
      var w = svg.getAttribute("width"), h = svg.getAttribute("height");
      if (w && h) svg.setAttribute("viewBox", "0 0 " + w + " " + h);
    });
  }

  /** Draw every chart of the page; plotly.js is loaded only when the page has one. */
  function charts() {
    var plots = document.querySelectorAll(".atlas-plot");
    if (!plots.length) return;
    load("vendor/plotly/plotly-atlas.min.js").then(function () {
      plots.forEach(function (plot) {
        if (plot.atlasFigure) return;
        draw(plot).then(function () {
          plot.dataset.atlasDrawn = "1";
          scalable(plot);
          plot.on("plotly_afterplot", function () { scalable(plot); });
          var button = plot.parentNode.querySelector("button[data-png]");
          if (!button) return;
          button.hidden = false;
          button.onclick = function () { downloadPng(plot, button.dataset.png); };
        });
      });
    });
  }

  /** Redraw the charts in the new colours when the reader switches between light and dark. */
  new MutationObserver(function () {
    if (!window.Plotly) return;
    document.querySelectorAll(".atlas-plot").forEach(function (plot) {
      if (plot.atlasFigure) window.Plotly.relayout(plot, themed(fitted(plot.atlasFigure, plot.clientWidth)));
    });
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

  /** The activity explorer, on the explorer's pages only. */
  function explorer() {
    var form = document.getElementById("atlas-explorer");
    if (form) load("explorer.js").then(function () { window.atlasExplorer(form); });
  }

  /** Activities side by side, on /compare/activities/ only. */
  function sideBySide() {
    var box = document.getElementById("atlas-side-by-side");
    if (box && !box.dataset.atlasDrawn) {
      box.dataset.atlasDrawn = "1";
      load("side-by-side.js").then(function () { return window.atlasSideBySide(box); }).then(function () {
        box.dataset.ready = "1";
      });
    }
  }

  /** The page's permanent address: SITE_URL's when the build knew it (data-url is absolute), else where it is served. */
  function permanent(element) {
    var url = element && element.dataset.url;
    return url && /^https?:/.test(url) ? url : location.origin + location.pathname;
  }

  /** Copy buttons: the page's link, or the text of an element; citations get the address and today's date. The
      confirmation shows in the status line next to the button. */
  function copying() {
    var cite = document.querySelector(".atlas-cite");
    if (cite && !/^https?:/.test(cite.dataset.url)) {
      var url = permanent(cite);
      cite.querySelectorAll("code").forEach(function (code) {
        code.textContent = code.textContent.split(cite.dataset.url).join(url);
      });
    }
    if (cite) {
      var today = new Date();
      var iso = today.toISOString().slice(0, 10);
      var long = today.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
      cite.querySelectorAll("code").forEach(function (code) {
        code.textContent = code.textContent.split("[date accessed]").join(code.id === "cite-bibtex" ? iso : long);
      });
    }
    document.querySelectorAll(".atlas-copy").forEach(function (button) {
      button.hidden = false;
      button.onclick = function () {
        var what = button.dataset.copy;
        var box = button.closest("[data-url]");
        var text = what === "link" ? permanent(box) : document.querySelector(what).textContent;
        var status = (box || document).querySelector(".atlas-copied");
        var done = function () {
          button.dataset.copied = "1";
          if (status) status.textContent = what === "link" ? "Link copied" : "Copied.";
        };
        copyText(text, done);
      };
    });
    document.querySelectorAll(".atlas-share-native").forEach(function (button) {
      if (!navigator.share) return;
      button.hidden = false;
      button.onclick = function () {
        navigator.share({ title: document.title, url: permanent(button.closest("[data-url]")) })
          .catch(function () { /* the reader closed the share sheet */ });
      };
    });
    document.querySelectorAll("[data-atlas-address]").forEach(function (span) {
      span.textContent = permanent(span.closest("[data-url]"));
    });
    document.querySelectorAll("[data-atlas-today]").forEach(function (span) {
      span.textContent = "printed " + new Date().toLocaleDateString("en-GB",
        { day: "numeric", month: "long", year: "numeric" });
    });
  }

  // A filter box over grouped tables (the countries page): rows whose text lacks the query are hidden, and so are
  // groups with no row left. Without JavaScript every row shows.
  function listFilter() {
    document.querySelectorAll("input[data-filter-target]").forEach(function (input) {
      var root = document.getElementById(input.dataset.filterTarget);
      var box = input.closest(".atlas-list-filter"), status = box && box.querySelector("[role=status]");
      if (!root) return;
      var fold = function (text) { return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); };
      input.oninput = function () {
        var query = fold(input.value.trim()), shown = 0;
        root.querySelectorAll("[data-filter-group]").forEach(function (group) {
          var left = 0;
          group.querySelectorAll("tbody tr").forEach(function (row) {
            row.hidden = query !== "" && fold(row.textContent).indexOf(query) < 0;
            if (!row.hidden) left += 1;
          });
          group.hidden = left === 0;
          shown += left;
        });
        if (status) status.textContent = query ? shown + (shown === 1 ? " country matches." : " countries match.") : "";
      };
    });
  }
  /** On paper: each link of the text is followed by its full address (print.css), folded sections print open. */
  function printing() {
    document.querySelectorAll(".md-content a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (href.charAt(0) !== "#" && !a.classList.contains("headerlink")) a.dataset.printHref = a.href;
    });
  }
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll(".md-content details:not([open])").forEach(function (d) {
      d.open = true;
      d.dataset.printOpened = "1";
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details[data-print-opened]").forEach(function (d) {
      d.open = false;
      delete d.dataset.printOpened;
    });
  });
  /** On a source text page, highlight the lines named in the address: #L750 or #L750-L752 (one item's lines). */
  function highlightLines() {
    var source = document.querySelector(".atlas-source");
    if (!source) return;
    source.querySelectorAll(".atlas-hl").forEach(function (line) { line.classList.remove("atlas-hl"); });
    var match = /^#L(\d+)(?:-L(\d+))?$/.exec(location.hash);
    if (!match) return;
    var first = +match[1], last = match[2] ? +match[2] : first, shown = null;
    for (var n = first; n <= last && n - first < 500; n++) {
      var line = document.getElementById("L" + n);
      if (line) {
        line.classList.add("atlas-hl");
        shown = shown || line;
      }
    }
    if (shown && match[2]) shown.scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", highlightLines);

  /** Search: the header button and the keys / and s open the dialog of search.js, loaded then and not before;
      arriving from a search result (?pagefind-highlight=…), the words found are marked on the page. */
  var typedAhead = null; // keys typed while search.js loads: the dialog starts with them, none is lost
  function typeAhead(event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (event.key.length === 1) typedAhead += event.key;
    else if (event.key === "Backspace") typedAhead = typedAhead.slice(0, -1);
    else return;
    event.preventDefault();
  }
  function openSearch() {
    if (typedAhead !== null) return;
    typedAhead = "";
    document.addEventListener("keydown", typeAhead, true);
    load("search.js").finally(function () {
      document.removeEventListener("keydown", typeAhead, true);
    }).then(function () {
      var typed = typedAhead;
      typedAhead = null;
      window.atlasSearch.open(typed, true);
    }, function () { typedAhead = null; });
  }
  function searchBoot() {
    var form = document.querySelector("[data-atlas-search]");
    var button = document.querySelector("[data-atlas-search-open]");
    if (!form || !button || button.dataset.ready) return;
    button.dataset.ready = "1";
    form.hidden = true;
    button.hidden = false;
    button.addEventListener("click", openSearch);
    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (event.key !== "/" && event.key !== "s") return;
      var target = event.target;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      if (document.querySelector("dialog[open]")) return;
      event.preventDefault();
      openSearch();
    });
  }
  function searchHighlight() {
    if (new URLSearchParams(location.search).has("pagefind-highlight")) {
      load("search.js").then(function () { window.atlasSearch.highlight(); });
    }
  }

  /** Put text on the clipboard, then call done; also used by the explorer (window.atlasCopy). */
  function copyText(text, done) {
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done);
    else {
      var area = document.createElement("textarea");
      area.value = text;
      document.body.appendChild(area);
      area.select();
      document.execCommand("copy");
      area.remove();
      done();
    }
  }
  window.atlasCopy = copyText;

  function setup() {
    printing();
    highlightLines();
    searchBoot();
    searchHighlight();
    copying();
    clamps();
    picker();
    sortable();
    charts();
    explorer();
    listFilter();
    sideBySide();
  }

  if (window.document$) window.document$.subscribe(setup);
  else document.addEventListener("DOMContentLoaded", setup);
})();
