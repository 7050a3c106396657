/* Plan Atlas search: a dialog over Pagefind's search API. atlas.js loads this file when the reader opens search (or
   arrives from a result, to mark the words found); Pagefind itself (pagefind.js, its WebAssembly and the index chunks
   a query needs) loads on the first query, from the bundle every build writes to /pagefind/ beside the site. */
(function () {
  "use strict";
  var here = document.currentScript ? document.currentScript.src : location.href;
  var root = new URL("../", here); // the site's root, also when the site is served from a sub-path
  var PARAM = "pagefind-highlight";
  var SHOWN = 8; // results whose page record (fragment) is loaded at once; "More results" loads the next ones
  // Ranking (Pagefind's BM25 with these parameters), tuned on tests/search/queries.yaml (benchmarks/search_eval.py).
  var RANKING = {
    termSimilarity: 4.0, // a word that is the query word (or its stem) counts far more than a longer word it begins
    pageLength: 0.5, // activity pages are short and pillar pages long: length matters, but less than by default
    termSaturation: 1.2,
    termFrequency: 1.0,
    metaWeights: { title: 6.0, ref: 4.0, acronym: 8.0, plan: 0.5, country: 0.5 }
  };
  var KINDS = { activity: "Activity", objective: "Objective", plan: "Plan", institution: "Institution",
    "legal instrument": "Legal instrument", page: "Page" };
  var FILTERS = [["country", "Country"], ["plan", "Plan"], ["kind", "Kind"], ["theme", "Theme"]];

  var engine = null;
  /** The further shards of a large site's index (docs_build/site/search.py), to merge with the first: none when
      the list cannot be read. */
  function shards() {
    return fetch(new URL("pagefind/shards.json", root).href).then(function (response) {
      return response.ok ? response.json() : [];
    }).catch(function () { return []; });
  }

  /** Pagefind's search API, imported and configured once, with every shard of the index merged. */
  function pagefind() {
    if (!engine) {
      var options = { baseUrl: root.pathname, highlightParam: PARAM, excerptLength: 24, ranking: RANKING };
      engine = Promise.all([import(new URL("pagefind/pagefind.js", root).href), shards()]).then(function (loaded) {
        var pf = loaded[0];
        return pf.options(Object.assign({ noWorker: true }, options)).then(function () {
          return Promise.all(loaded[1].map(function (shard) {
            return pf.mergeIndex(new URL("pagefind/" + shard, root).pathname, options);
          }));
        }).then(function () { return pf; });
      });
    }
    return engine;
  }

  /** The words of a query as typed. */
  function words(text) {
    return text.trim().split(/\s+/).filter(Boolean);
  }

  /** Whether a query word must match a whole word: reference numbers (any digit) and acronyms typed in capitals.
      Pagefind matches every word as a prefix, so "TIMS" (stem "tim") would otherwise also find "time". */
  function whole(word) {
    return /\d/.test(word) || /^\p{Lu}[\p{Lu}\p{N}&.\-]+$/u.test(word);
  }

  /** Search: Pagefind's ranked results, keeping only pages where each whole-word query word stands as a word. */
  function query(text, filters) {
    return pagefind().then(function (pf) {
      var options = { filters: filters || {} };
      var strict = words(text).filter(whole);
      return Promise.all([pf.search(text, options)].concat(strict.map(function (word) {
        return pf.search("\"" + word + "\"", options); // quoted: Pagefind's exact search, no prefix matches
      }))).then(function (found) {
        var results = found[0] ? found[0].results : [];
        found.slice(1).forEach(function (exact) {
          var ids = new Set((exact ? exact.results : []).map(function (r) { return r.id; }));
          results = results.filter(function (r) { return ids.has(r.id); });
        });
        return results;
      });
    });
  }

  /** The best place in a result: for an objective, the sub-result (heading) with most matched words. */
  function target(data) {
    var subs = (data.sub_results || []).filter(function (s) { return s.url.indexOf("#") >= 0; });
    if (data.filters && (data.filters.kind || [])[0] === "objective" && subs.length) {
      return subs.slice().sort(function (a, b) { return (b.locations || []).length - (a.locations || []).length; })[0];
    }
    return null;
  }

  /** Results' data (from the first, or from `start`), each with the address to open, for the dialog and for
      benchmarks/search_eval.py. */
  function results(text, filters, count, start) {
    return query(text, filters).then(function (found) {
      var from = start || 0;
      return Promise.all(found.slice(from, from + (count || SHOWN)).map(function (r) { return r.data(); }))
        .then(function (all) {
        return all.map(function (data) {
          var sub = target(data);
          return { data: data, sub: sub, url: sub ? sub.url : data.url, total: found.length };
        });
      });
    });
  }

  // ---- The dialog -------------------------------------------------------------------------------------------------

  var dialog, input, status, list, moreButton, filterBox, selects = {}, timer = 0, sequence = 0, lastInput = 0,
    shownFor = null;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text) node.textContent = text;
    return node;
  }

  function build() {
    dialog = el("dialog", { class: "atlas-search-dialog", "aria-labelledby": "atlas-search-title" });
    var bar = el("form", { class: "atlas-search-dialog__bar", role: "search", method: "dialog" });
    var title = el("h2", { id: "atlas-search-title", class: "atlas-search-dialog__title" }, "Search Plan Atlas");
    var label = el("label", { for: "atlas-search-query", class: "atlas-visually-hidden" },
      "Words, a reference number or an acronym");
    input = el("input", { id: "atlas-search-query", type: "search", autocomplete: "off", spellcheck: "false",
      placeholder: "Words, reference (1.1.3) or acronym", "aria-describedby": "atlas-search-status" });
    var close = el("button", { type: "button", class: "atlas-search-dialog__close", "aria-label": "Close search" }, "×");
    bar.append(label, input, close);
    filterBox = el("details", { class: "atlas-search-filters" });
    filterBox.append(el("summary", {}, "Filters"));
    var grid = el("div", { class: "atlas-search-filters__grid" });
    FILTERS.forEach(function (f) {
      var wrap = el("label", {}, f[1] + " ");
      var select = el("select", { name: f[0] });
      select.append(el("option", { value: "" }, "Any"));
      select.addEventListener("change", schedule);
      selects[f[0]] = select;
      wrap.append(select);
      grid.append(wrap);
    });
    filterBox.append(grid);
    filterBox.addEventListener("toggle", fillFilters);
    status = el("p", { id: "atlas-search-status", class: "atlas-search-dialog__status", role: "status",
      "aria-live": "polite" });
    list = el("ol", { class: "atlas-search-results", "aria-label": "Results" });
    moreButton = el("button", { type: "button", class: "atlas-search-dialog__more", hidden: "" }, "More results");
    moreButton.addEventListener("click", function () { run(true); });
    var note = el("p", { class: "atlas-search-dialog__note" });
    var explore = el("a", { href: new URL("explore/", root).href }, "explorer");
    note.append("Accents are optional. To filter every activity by plan, theme or body, use the ", explore, ".");
    var scroller = el("div", { class: "atlas-search-dialog__scroll" });
    scroller.append(list, moreButton);
    dialog.append(title, bar, filterBox, status, scroller, note);
    document.body.append(dialog);

    close.addEventListener("click", function () { dialog.close(); });
    bar.addEventListener("submit", function (event) {
      event.preventDefault();
      // Enter opens the first result for the words in the box, not one still shown for the words typed before them
      (current() ? Promise.resolve() : run(false)).then(function () {
        var first = current() && list.querySelector("a");
        if (first) first.click();
      });
    });
    input.addEventListener("input", schedule);
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) dialog.close(); // a click on the backdrop
      else if (event.target.closest && event.target.closest("a")) dialog.close();
    });
    dialog.addEventListener("keydown", arrows);
  }

  /** Arrow keys move between the query and the results; Tab works as everywhere; Escape closes. */
  function arrows(event) {
    if (event.key === "Escape") { // closes at once, also from the query box (where it would first empty the box)
      event.preventDefault();
      dialog.close();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    if (!links.length) return;
    var at = links.indexOf(document.activeElement);
    var next = event.key === "ArrowDown" ? at + 1 : at - 1;
    if (document.activeElement === input) next = event.key === "ArrowDown" ? 0 : -1;
    if (next < 0) input.focus();
    else if (next < links.length) links[next].focus();
    event.preventDefault();
  }

  function fillFilters() {
    if (!filterBox.open || filterBox.dataset.filled) return;
    filterBox.dataset.filled = "1";
    pagefind().then(function (pf) { return pf.filters(); }).then(function (all) {
      FILTERS.forEach(function (f) {
        Object.keys(all[f[0]] || {}).sort().forEach(function (value) {
          selects[f[0]].append(el("option", { value: value }, f[0] === "kind" ? KINDS[value] || value : value));
        });
      });
    });
  }

  function chosenFilters() {
    var chosen = {};
    FILTERS.forEach(function (f) { if (selects[f[0]].value) chosen[f[0]] = selects[f[0]].value; });
    return chosen;
  }

  function schedule() {
    lastInput = performance.now();
    clearTimeout(timer);
    var text = input.value;
    if (text.trim()) pagefind().then(function (pf) { pf.preload(text); });
    timer = setTimeout(function () { run(false); }, 50);
  }

  /** What the list would show for the box and filters as they are now. */
  function asked() {
    return input.value + "\n" + JSON.stringify(chosenFilters());
  }

  /** Whether the list shows the results for the words and filters now chosen. */
  function current() {
    return asked() === shownFor;
  }

  function run(more) {
    clearTimeout(timer);
    var text = input.value.trim(), value = input.value, key = asked();
    var mine = ++sequence;
    if (!text) {
      list.replaceChildren();
      moreButton.hidden = true;
      status.textContent = "";
      shownFor = key;
      return Promise.resolve();
    }
    var shown = more ? list.children.length : 0;
    if (!more) status.textContent = "Searching…";
    return results(text, chosenFilters(), SHOWN, shown).then(function (found) {
      if (mine !== sequence) return;
      window.atlasSearch.lastQuery = value;
      shownFor = key;
      var items = found.map(item);
      // A reader who has moved into the results keeps her place when they are replaced (new results for the words)
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var focused = links.indexOf(document.activeElement);
      if (more) list.append.apply(list, items);
      else list.replaceChildren.apply(list, items);
      if (!more && focused >= 0) {
        var same = items[Math.min(focused, items.length - 1)];
        (same ? same.querySelector("a") : input).focus();
      }
      window.atlasSearch.latency = performance.now() - lastInput; // ms from the last keystroke (benchmarks)
      var total = found.length ? found[0].total : shown;
      var now = list.children.length;
      moreButton.hidden = now >= total;
      status.textContent = total === 0 ? "No results for “" + text + "”."
        : total === 1 ? "1 result." : now < total ? total + " results, the first " + now + " shown."
        : total + " results.";
      if (more && items[0]) items[0].querySelector("a").focus();
    }, function () {
      if (mine === sequence) status.textContent = "Search is not available right now.";
    });
  }

  /** One result: its title (an activity's own words), where it stands, and an excerpt with the words marked. */
  function item(result) {
    var data = result.data, meta = data.meta || {}, kind = ((data.filters || {}).kind || ["page"])[0];
    var li = el("li", { class: "atlas-search-result" });
    var link = el("a", { href: result.url, class: "atlas-search-result__link" });
    link.append(el("span", { class: "atlas-search-result__title" }, result.sub ? result.sub.title : meta.title || data.url));
    // An activity's reference and pillar ("Activity 1.1.3 · Prevention"), or the kind of page; then where it is.
    var where = [];
    if (meta.acronym) where.push(meta.acronym);
    if (kind === "objective") where.push(meta.title);
    if (meta.plan) where.push(meta.plan);
    if (meta.country && (!meta.plan || meta.plan.indexOf(meta.country) !== 0)) where.push(meta.country);
    var context = el("span", { class: "atlas-search-result__where" });
    context.append(el("span", { class: "atlas-search-result__kind" }, meta.ref || KINDS[kind] || kind));
    if (where.length) context.append(" · " + where.join(" · "));
    link.append(context);
    var excerpt = el("span", { class: "atlas-search-result__excerpt" });
    excerpt.innerHTML = (result.sub || data).excerpt; // Pagefind escapes the text and adds only <mark>
    link.append(excerpt);
    li.append(link);
    return li;
  }

  /** Open the dialog, with `text` in the box if given: selected, or with the caret after it when the reader typed it
      (`typed`: keys pressed while this file loaded, which the next key must follow, not replace). */
  function open(text, typed) {
    if (!dialog) build();
    if (!dialog.open) dialog.showModal();
    if (text) input.value = text;
    input.focus();
    if (typed && text) input.setSelectionRange(text.length, text.length);
    else input.select();
    // Reopened on the query whose results it shows: nothing to search again (and the list stays as the reader left it).
    // Otherwise the list shows older words' results, which the reader could open by mistake: they go, and the search
    // runs at once.
    if (input.value.trim() && !(current() && list.children.length)) {
      list.replaceChildren();
      moreButton.hidden = true;
      run(false);
    }
  }

  // ---- Marking the words found on the page a result leads to ------------------------------------------------------

  /** Lower case without accents, one character for one, so that positions stay those of the printed text. */
  function fold(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text[i].normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
      out += c.length === 1 ? c : text[i];
    }
    return out;
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /** Mark the searched words on this page (?pagefind-highlight=…): words beginning with a query word (or its stem),
      accents ignored, inside the indexed content only. */
  function highlight() {
    var body = document.querySelector("[data-pagefind-body]");
    var text = new URLSearchParams(location.search).getAll(PARAM).join(" ");
    if (!body || !text || body.querySelector("mark.atlas-hit")) return;
    var alternatives = words(fold(text)).map(function (word) {
      if (/\d/.test(word)) return escapeRegExp(word);
      word = word.replace(/[^\p{L}\p{N}]/gu, "");
      if (word.length < 3) return "";
      var stem = word.length > 4 ? word.replace(/(?:ies|es|s|ing|ed)$/, "") : word;
      return escapeRegExp(stem) + "[\\p{L}\\p{N}]*";
    }).filter(Boolean);
    if (!alternatives.length) return;
    var pattern = new RegExp("(^|[^\\p{L}\\p{N}])(" + alternatives.join("|") + ")", "gu");
    var walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var parent = node.parentElement;
        return parent && !parent.closest("[data-pagefind-ignore], script, style, mark, [hidden]")
          ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    var first = null;
    nodes.forEach(function (node) {
      var folded = fold(node.data), ranges = [], match;
      pattern.lastIndex = 0;
      while ((match = pattern.exec(folded))) {
        var start = match.index + match[1].length;
        ranges.push([start, start + match[2].length]);
        if (pattern.lastIndex === match.index) pattern.lastIndex++;
      }
      for (var i = ranges.length - 1; i >= 0; i--) {
        var hit = node.splitText(ranges[i][0]);
        hit.splitText(ranges[i][1] - ranges[i][0]);
        var mark = el("mark", { class: "atlas-hit" });
        hit.parentNode.replaceChild(mark, hit);
        mark.append(hit);
        first = mark;
      }
    });
    if (first) {
      var first_mark = body.querySelector("mark.atlas-hit");
      var box = first_mark.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) first_mark.scrollIntoView({ block: "center" });
    }
  }

  window.atlasSearch = { open: open, query: query, results: results, highlight: highlight };
})();
