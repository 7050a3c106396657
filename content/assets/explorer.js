/* Plan Atlas activity explorer: filters every activity of every plan in the browser; the state lives in the URL,
   with the stable ids of plans, pillars, themes and bodies. Loaded by atlas.js only on the explorer page.
   Data text is only ever set as textContent. */
(function () {
  "use strict";
  var SHOW = 50;
  var SHORT_LIST = 50;  // menus of up to this many options are filled at once, longer ones when first opened
  var COLLATOR = new Intl.Collator(undefined, { numeric: true });
  var NUMBER = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });
  var FILTERS = ["text", "country", "plan", "pillar", "theme", "body", "role", "year", "budget", "status"];
  var PARAMS = FILTERS.concat(["sort"]);
  var NAMES = { country: "country", plan: "plan", pillar: "pillar", theme: "theme", body: "body", role: "role",
    year: "deadline year", budget: "budget figure", status: "status", sort: "sort order" };
  var COLUMNS = [
    { key: "plan", label: "Plan" }, { key: "pillar", label: "Pillar" }, { key: "ref", label: "Ref" },
    { key: "text", label: "Activity" }, { key: "body", label: "Responsible" }, { key: "year", label: "Deadline" },
    { key: "amount", label: "Budget" }, { key: "theme", label: "Themes" }
  ];
  /* Which roles a role filter accepts: 0 lead, 1 shares responsibility, 2 partner (as on institution pages). */
  var ROLES = { "": [0, 1, 2], any: [0, 1, 2], lead: [0], responsible: [0, 1], partner: [2] };

  /** Lower case without diacritics, so that "shqiperise" finds "Shqipërisë". */
  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function option(select, value, label) {
    var el = document.createElement("option");
    el.value = value;
    el.textContent = label;
    select.appendChild(el);
    return el;
  }

  function money(currency, value) {
    return currency + " " + NUMBER.format(value);
  }

  function Explorer(form, data) {
    this.form = form;
    this.data = data;
    this.base = form.dataset.base;
    this.table = document.querySelector(".atlas-explore table");
    this.count = form.querySelector(".atlas-count");
    this.limit = SHOW;
    this.details = null;
    this.unknown = {};
    this.extra = [];
    var d = data;
    this.rows = d.rows.map(function (r, i) {
      var plan = d.plans[r.p];
      var bodies = r.b.map(function (b) { return { body: d.bodies[b[0]], role: b[1], goal: b[2] || "" }; });
      var own = [], partners = [];
      bodies.forEach(function (b) {
        var label = b.body.label + (b.goal ? " (set at goal level: " + b.goal + ")" : "");
        (b.role === 2 ? partners : own).push(label);
      });
      var amounts = (r.a || []).map(function (a) {
        return { currency: d.currencies[a[0]], value: a[1], year: a[2], duplicate: a[3] === 1 };
      });
      return {
        i: i, row: r, plan: plan, pillar: d.pillars[r.l], bodies: bodies, amounts: amounts,
        themes: r.h.map(function (h) { return d.themes[h].id; }),
        bodyText: own.join(", ") + (partners.length ? (own.length ? " · " : "") + "partners: " + partners.join(", ") : ""),
        themeNames: r.h.map(function (h) { return d.themes[h].name; }).join(", "),
        haystack: null  // the folded words a text filter searches: made at the first text filter (haystack())
      };
    });
    this.fill();
    this.headers();
  }

  /** What a text filter searches in a row, lower case without diacritics: its reference, text, plan, pillar,
      deadline, budget as printed, bodies, and its tasks and indicators once they have arrived. Made when those
      arrive, after the first screen (folding every row's words took a tenth of a second of it at 30× the data), or
      by a text filter before that. */
  Explorer.prototype.haystack = function (e) {
    var r = e.row, details = this.details;
    e.haystack = fold([r.r, r.t, e.plan.title, e.pillar.title, r.d || "", r.bp || ""].concat(
      e.bodies.map(function (b) { return b.body.label + " " + b.body.name; }),
      details && details[e.i] ? [details[e.i]] : []).join(" "));
    return e.haystack;
  };

  /** Task and indicator texts arrive in a second file; the text filter reads them once they are there. */
  Explorer.prototype.addDetails = function (details) {
    var self = this;
    this.details = details;
    this.rows.forEach(function (e) { self.haystack(e); });  // after the first screen, ready for the first text filter
  };

  Explorer.prototype.fill = function () {
    var d = this.data, f = this.form.elements, rows = this.rows;
    d.themes.forEach(function (t) { option(f.theme, t.id, t.name); });
    /* Countries, plans, pillars and bodies grow with the atlas (6,660 bodies at 30× the data): thousands of options
       cost the first screen about half a second of style and layout work, so long lists are made when the reader
       first opens the menu. Until then such a menu holds only the value the address sets. */
    this.labels = { country: {}, plan: {}, pillar: {}, body: {} };
    var labels = this.labels;
    d.countries.forEach(function (c) { labels.country[c.id] = c.name; });
    d.plans.forEach(function (p) { labels.plan[p.id] = p.title; });
    d.pillars.forEach(function (p) { labels.pillar[p.id] = d.plans[p.plan].title + " · " + p.title; });
    d.bodies.forEach(function (b) {
      labels.body[b.id] = b.name + (b.label !== b.name ? " (" + b.label + ")" : "") + " – " + b.country.toUpperCase();
    });
    this.lists = {
      country: function () { return d.countries.map(function (c) { return c.id; }); },
      plan: function () { return d.plans.map(function (p) { return p.id; }); },
      pillar: function () { return d.pillars.map(function (p) { return p.id; }); },
      body: function () {
        return d.bodies.slice().sort(function (a, b) { return COLLATOR.compare(a.name, b.name); })
          .map(function (b) { return b.id; });
      }
    };
    var self = this;
    Object.keys(this.lists).forEach(function (name) {
      if (Object.keys(labels[name]).length <= SHORT_LIST) return self.fillList(name);  // a short menu costs nothing
      var fill = function () { self.fillList(name); };
      f[name].addEventListener("focus", fill);
      f[name].addEventListener("mousedown", fill);
    });
    var years = {};
    d.rows.forEach(function (r) { if (r.y) years[r.y] = 1; });
    Object.keys(years).sort().forEach(function (y) { option(f.year, y, y); });
    option(f.year, "none", "None printed");
    var none = f.budget.querySelector("option[value=no]");
    d.currencies.forEach(function (c) { f.budget.insertBefore(option(f.budget, c, "Printed in " + c), none); });
    d.statuses.forEach(function (s) { option(f.status, s, s.replace(/-/g, " ")); });
    /* A filter with one value for every activity tells nothing: hidden (shown again if the address sets it). */
    var values = {
      country: function (e) { return e.plan.country; }, plan: function (e) { return e.plan.id; },
      pillar: function (e) { return e.pillar.id; }, theme: function (e) { return e.themes.join(); },
      year: function (e) { return e.row.y; }, budget: function (e) { return e.amounts.length > 0; },
      status: function (e) { return e.row.s; }
    };
    this.single = {};
    var single = this.single;
    Object.keys(values).forEach(function (name) {
      var seen = {};
      rows.forEach(function (e) { seen[values[name](e)] = 1; });
      single[name] = Object.keys(seen).length < 2;
    });
  };

  /** Put every option into a long menu, once, keeping the chosen value (and an unknown one from the address). */
  Explorer.prototype.fillList = function (name) {
    var el = this.form.elements[name], labels = this.labels[name];
    if (el.dataset.filled) return;
    el.dataset.filled = "1";
    var value = el.value, fragment = document.createDocumentFragment();
    el.querySelectorAll("option[value]:not([value='']):not([data-unknown])").forEach(function (o) { o.remove(); });
    this.lists[name]().forEach(function (id) { option(fragment, id, labels[id]); });
    el.appendChild(fragment);
    el.value = value;
  };

  /** Column headers become sort buttons. */
  Explorer.prototype.headers = function () {
    var self = this;
    this.table.querySelectorAll("thead th").forEach(function (th, i) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "atlas-sort";
      button.textContent = COLUMNS[i].label;
      button.addEventListener("click", function () {
        var key = COLUMNS[i].key, now = self.form.elements.sort.value;
        var first = key === "amount" ? "-amount" : key;
        self.setSort(now === first ? (first.charAt(0) === "-" ? key : "-" + key) : first);
        self.update();
      });
      th.textContent = "";
      th.appendChild(button);
    });
  };

  Explorer.prototype.setSort = function (value) {
    var select = this.form.elements.sort;
    if (value && !select.querySelector('option[value="' + CSS.escape(value) + '"]')) {
      option(select, value, value.replace(/^-/, "") + (value.charAt(0) === "-" ? ", descending" : ""));
    }
    select.value = value;
  };

  Explorer.prototype.state = function () {
    var f = this.form.elements, state = {};
    PARAMS.forEach(function (name) { if (f[name].value) state[name] = f[name].value; });
    return state;
  };

  /** Set the form from the address. A value that no option has is kept (and reported), never dropped. */
  Explorer.prototype.restore = function (params) {
    var f = this.form.elements, unknown = {}, extra = [], self = this;
    FILTERS.forEach(function (name) {
      var value = params.get(name) || "";
      var el = f[name];
      if (name === "role" && value === "any") value = "";
      var labels = self.labels[name];
      if (value && labels && labels[value] !== undefined && !el.dataset.filled &&
          !el.querySelector('option[value="' + CSS.escape(value) + '"]')) {
        option(el, value, labels[value]);  // a long menu not yet filled: its chosen value only
      }
      if (value && el.tagName === "SELECT" && !el.querySelector('option[value="' + CSS.escape(value) + '"]')) {
        option(el, value, "“" + value + "”: matches nothing").dataset.unknown = "1";
        unknown[name] = value;
      }
      el.value = value;
    });
    var sort = params.get("sort") || "";
    if (sort && !f.sort.querySelector('option[value="' + CSS.escape(sort) + '"]') &&
        !COLUMNS.some(function (c) { return c.key === sort.replace(/^-/, ""); })) {
      option(f.sort, sort, "“" + sort + "”: unknown").dataset.unknown = "1";
      unknown.sort = sort;
    }
    this.setSort(sort);
    params.forEach(function (value, name) { if (PARAMS.indexOf(name) < 0) extra.push([name, value]); });
    this.unknown = unknown;
    this.extra = extra;
    Object.keys(this.single).forEach(function (name) {
      f[name].closest("label").hidden = self.single[name] && !f[name].value;
    });
  };

  /** Which currency an activity sorts under: the chosen one, else its first printed; its sum there (as shown). */
  function sortAmount(e, currency) {
    var cur = currency || (e.amounts.length ? e.amounts[0].currency : null), sum = 0, any = false;
    e.amounts.forEach(function (a) {
      if (a.currency === cur) { sum += a.value; any = true; }
    });
    return any ? { currency: cur, value: sum } : null;
  }

  /** The rows matching a filter state, sorted; pure, so that it can be timed. */
  Explorer.prototype.filter = function (s) {
    var self = this;
    var words = s.text ? fold(s.text).split(/\s+/).filter(Boolean) : [];
    var plan = s.plan, country = s.country, pillar = s.pillar, theme = s.theme, body = s.body;
    var roles = ROLES[s.role || ""] || [], year = s.year, budget = s.budget, status = s.status;
    var out = this.rows.filter(function (e) {
      var r = e.row;
      if (country && e.plan.country !== country) return false;
      if (plan && e.plan.id !== plan) return false;
      if (pillar && e.pillar.id !== pillar) return false;
      if (theme && e.themes.indexOf(theme) < 0) return false;
      if (body || s.role) {
        var found = false;
        for (var b = 0; b < e.bodies.length; b++) {
          if ((!body || e.bodies[b].body.id === body) && roles.indexOf(e.bodies[b].role) >= 0) { found = true; break; }
        }
        if (!found) return false;
      }
      if (year && (year === "none" ? r.y : String(r.y) !== year)) return false;
      if (budget) {
        if (budget === "yes" || budget === "no") {
          if ((budget === "yes") !== (e.amounts.length > 0)) return false;
        } else if (!e.amounts.some(function (a) { return a.currency === budget; })) return false;
      }
      if (status && r.s !== status) return false;
      var hay = e.haystack || self.haystack(e);
      for (var w = 0; w < words.length; w++) if (hay.indexOf(words[w]) < 0) return false;
      return true;
    });
    var key = (s.sort || "").replace(/^-/, ""), dir = (s.sort || "").charAt(0) === "-" ? -1 : 1;
    if (key === "amount") {
      /* Currencies in alphabetical order of their codes, each in order of amount; never compared across
         currencies. Activities without a figure (in the chosen currency) come last, in the order of the plans. */
      var chosen = budget && budget !== "yes" && budget !== "no" ? budget : null;
      var keyed = out.map(function (e) { return { e: e, k: sortAmount(e, chosen) }; });
      keyed.sort(function (a, b) {
        if (!a.k || !b.k) return a.k ? -1 : b.k ? 1 : a.e.i - b.e.i;
        if (a.k.currency !== b.k.currency) return a.k.currency < b.k.currency ? -1 : 1;
        return (a.k.value - b.k.value) * dir || a.e.i - b.e.i;
      });
      return keyed.map(function (x) { return x.e; });
    }
    var value = {
      plan: function (e) { return e.plan.title; }, pillar: function (e) { return e.pillar.title; },
      ref: function (e) { return e.row.r; }, text: function (e) { return e.row.t; },
      body: function (e) { return e.bodyText; }, year: function (e) { return e.row.y || 9999; },
      theme: function (e) { return e.themeNames; }
    }[key];
    if (value) {
      var rank = this.rank(key, value);
      out = out.slice().sort(function (a, b) { return (rank[a.i] - rank[b.i]) * dir || a.i - b.i; });
    }
    return out;
  };

  /** Every row's place in the order of one column, computed once per column: later sorts compare numbers only. */
  Explorer.prototype.rank = function (key, value) {
    this.ranks = this.ranks || {};
    if (!this.ranks[key]) {
      var pairs = this.rows.map(function (e) { return { i: e.i, k: value(e) }; });
      pairs.sort(function (a, b) {
        return (typeof a.k === "number" ? a.k - b.k : COLLATOR.compare(a.k, b.k)) || a.i - b.i;
      });
      var rank = new Array(pairs.length), place = 0;
      pairs.forEach(function (p, n) {
        if (n && (typeof p.k === "number" ? p.k !== pairs[n - 1].k : COLLATOR.compare(p.k, pairs[n - 1].k))) place = n;
        rank[p.i] = place;
      });
      this.ranks[key] = rank;
    }
    return this.ranks[key];
  };

  /** Sum of the figures of some rows per currency, with and without figures flagged as printed twice. */
  Explorer.prototype.totals = function (rows) {
    var sums = {};
    rows.forEach(function (e) {
      e.amounts.forEach(function (a) {
        var t = sums[a.currency] || (sums[a.currency] = { all: 0, unique: 0, duplicates: 0, rows: {} });
        t.all += a.value;
        t.rows[e.i] = 1;
        if (a.duplicate) t.duplicates += 1; else t.unique += a.value;
      });
    });
    return sums;
  };

  Explorer.prototype.cell = function (tr, label, text, href) {
    var td = document.createElement("td");
    td.dataset.label = label;
    if (href) {
      var a = document.createElement("a");
      a.href = this.base + href;
      a.textContent = text;
      td.appendChild(a);
    } else {
      td.textContent = text;
    }
    tr.appendChild(td);
    return td;
  };

  /** Sums of an activity's figures per currency, in the order the currencies are first printed. */
  function sums(e) {
    var out = [], at = {};
    e.amounts.forEach(function (a) {
      if (!(a.currency in at)) { at[a.currency] = out.length; out.push({ currency: a.currency, value: 0 }); }
      out[at[a.currency]].value += a.value;
    });
    return out;
  }

  function span(parent, className, text) {
    var el = document.createElement("span");
    el.className = className;
    el.textContent = text;
    parent.appendChild(el);
    return el;
  }

  /** The budget: its sum per currency, the figures it is made of, and the cell as printed. */
  Explorer.prototype.budgetCell = function (tr, e) {
    var td = this.cell(tr, "Budget", "");
    if (e.amounts.length) {
      var line = span(td, "atlas-amounts", "");
      sums(e).forEach(function (s, n) {
        if (n) line.appendChild(document.createTextNode(" · "));
        span(line, "atlas-sum", money(s.currency, s.value));
      });
      if (e.amounts.length > 1 || e.amounts.some(function (a) { return a.year || a.duplicate; })) {
        span(td, "atlas-figures", (e.amounts.length > 1 ? "figures: " : "") + e.amounts.map(function (a) {
          return money(a.currency, a.value) + (a.year ? " (" + a.year + ")" : "") +
            (a.duplicate ? " (probably printed twice)" : "");
        }).join("; "));
      }
      var key = sortAmount(e, null);
      if (key) { td.dataset.currency = key.currency; td.dataset.amount = String(key.value); }
    }
    if (e.row.bp) {
      span(td, "atlas-printed", "as printed: " + (e.row.bp.length > 160 ? e.row.bp.slice(0, 159) + "…" : e.row.bp));
    } else if (!e.amounts.length) {
      td.appendChild(document.createTextNode("—"));
    }
  };

  Explorer.prototype.render = function (rows) {
    var body = document.createElement("tbody"), self = this;
    rows.slice(0, this.limit).forEach(function (e) {
      var r = e.row, tr = document.createElement("tr");
      self.cell(tr, "Plan", e.plan.title);
      self.cell(tr, "Pillar", e.pillar.title);
      self.cell(tr, "Ref", r.r, r.u);
      self.cell(tr, "Activity", r.t.length > 200 ? r.t.slice(0, 199) + "…" : r.t);
      self.cell(tr, "Responsible", e.bodyText);
      self.cell(tr, "Deadline", r.d || "");
      self.budgetCell(tr, e);
      self.cell(tr, "Themes", e.themeNames);
      body.appendChild(tr);
    });
    this.table.replaceChild(body, this.table.tBodies[0]);
    var sort = this.form.elements.sort.value, key = sort.replace(/^-/, "");
    this.table.querySelectorAll("thead th").forEach(function (th, i) {
      if (COLUMNS[i].key === key) th.setAttribute("aria-sort", sort.charAt(0) === "-" ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    });
    var shown = Math.min(rows.length, this.limit);
    this.count.textContent = rows.length + " of " + this.rows.length + " activities match" +
      (shown < rows.length ? "; showing the first " + shown : "") + ".";
    this.showTotals(rows);
    this.showProblems();
    var more = this.form.parentNode.querySelector(".atlas-more");
    if (more) more.hidden = shown >= rows.length;
  };

  Explorer.prototype.showTotals = function (rows) {
    var out = this.form.querySelector(".atlas-totals"), sums = this.totals(rows);
    var currencies = Object.keys(sums).sort();
    out.textContent = "";
    if (!rows.length) return;
    if (!currencies.length) {
      out.textContent = "None of these activities prints a budget figure.";
      return;
    }
    out.appendChild(document.createTextNode("Budget figures of these " + rows.length + " activities, per currency: "));
    currencies.forEach(function (c, n) {
      var t = sums[c], item = document.createElement("span");
      item.className = "atlas-total";
      item.dataset.currency = c;
      item.dataset.total = String(t.all);
      item.textContent = money(c, t.all) + " (" + Object.keys(t.rows).length + " activities" +
        (t.duplicates ? "; " + money(c, t.unique) + " without the " + t.duplicates +
          (t.duplicates > 1 ? " figures" : " figure") + " probably printed twice" : "") + ")";
      if (n) out.appendChild(document.createTextNode(" · "));
      out.appendChild(item);
    });
    out.appendChild(document.createTextNode(". Each currency is summed on its own, never converted." +
      (this.form.elements.sort.value.replace(/^-/, "") === "amount"
        ? " Sorted by amount within each currency (currencies in alphabetical order), activities without a figure last."
        : "")));
  };

  /** Say plainly which value of the address matched nothing. */
  Explorer.prototype.showProblems = function () {
    var f = this.form.elements, unknown = this.unknown, lines = [];
    Object.keys(unknown).forEach(function (name) {
      if (f[name].value !== unknown[name]) return;
      lines.push(name === "sort"
        ? "The sort order “" + unknown[name] + "” in the page address is not one this page knows; rows keep the order of the plans."
        : "No " + NAMES[name] + " has the id “" + unknown[name] + "” given in the page address, so nothing matches it. " +
          "Choose another " + NAMES[name] + " or clear the filter.");
    });
    this.extra.forEach(function (pair) {
      lines.push("The page address has “" + pair[0] + "=" + pair[1] + "”, which is not a filter of this page; it filters nothing.");
    });
    var out = this.form.querySelector(".atlas-problems");
    var text = lines.join(" ");
    if (out.textContent !== text) out.textContent = text;
    out.hidden = !text;
  };

  /** The toggle that folds the filters on narrow screens says how many are set. */
  Explorer.prototype.showActive = function (state) {
    var active = FILTERS.filter(function (name) { return state[name]; }).length;
    this.toggle.textContent = "Filters" + (active ? " (" + active + " active)" : "");
  };

  Explorer.prototype.address = function (state) {
    var pairs = PARAMS.filter(function (k) { return state[k]; }).map(function (k) { return [k, state[k]]; });
    var query = pairs.concat(this.extra).map(function (p) {
      return encodeURIComponent(p[0]) + "=" + encodeURIComponent(p[1]);
    }).join("&");
    var url = new URL(location.href);
    url.search = query ? "?" + query : "";
    return url.href;
  };

  Explorer.prototype.update = function () {
    var state = this.state();
    var started = performance.now();
    var rows = this.filter(state);
    this.render(rows);
    this.lastMs = performance.now() - started;
    this.matches = rows;
    this.showActive(state);
    history.replaceState(history.state, "", this.address(state));
  };

  /** The matching rows (all of them, in the order shown) as lines of the activities.csv download: the lines are
      written at build time by the downloads' own CSV writer (quoting, formula-safe cells), so the two never differ. */
  Explorer.prototype.csv = function (table) {
    var lines = [table.header];
    (this.matches || []).forEach(function (e) { lines.push(table.rows[e.i]); });
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  };

  function say(form, text) {
    var status = form.querySelector(".atlas-action-status");
    status.textContent = text;
  }

  function download(explorer, form) {
    var table = explorer.csvTable ? Promise.resolve(explorer.csvTable)
      : fetch(form.dataset.csv).then(function (r) { return r.json(); });
    return table.then(function (t) {
      explorer.csvTable = t;
      var blob = new Blob([explorer.csv(t)], { type: "text/csv;charset=utf-8" });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "plan-atlas-activities-filtered.csv";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
      say(form, "Downloaded " + explorer.matches.length + " rows as CSV, with the columns of activities.csv.");
    });
  }

  function copyLink(form) {
    var text = location.href;
    var done = function () { say(form, "Link to this view copied: " + text); };
    window.atlasCopy(text, done);  // content/assets/atlas.js, which loads this file
  }

  /** Set up the explorer on the current page (called by atlas.js after every page load). */
  window.atlasExplorer = function (form) {
    if (form.atlasReady) return Promise.resolve(form.atlasExplorer);
    form.atlasReady = true;
    var params = new URLSearchParams(location.search);
    var json = function (r) { return r.json(); };
    /* The table's data first (the page preloads it); the task and indicator texts only once it has arrived, so
       they do not share the connection with it, unless a text filter in the address needs them for the first count. */
    var details = params.get("text") ? fetch(form.dataset.details).then(json) : null;
    return fetch(form.dataset.src).then(json).then(function (data) {
      if (!details) details = fetch(form.dataset.details).then(json);
      var explorer = new Explorer(form, data);
      form.atlasExplorer = explorer;
      explorer.toggle = form.querySelector(".atlas-filters-toggle");
      explorer.restore(params);
      /* With a text filter in the address, wait for the task and indicator texts, so the first count is right. */
      return (params.get("text") ? details : Promise.resolve(null)).then(function (first) {
        if (first) explorer.addDetails(first);
        else details.then(function (d) {
          explorer.addDetails(d);
          if (explorer.form.elements.text.value) explorer.update();
        });
        return explorer;
      });
    }).then(function (explorer) {
      var more = document.createElement("button");
      more.type = "button";
      more.className = "md-button atlas-more";
      more.textContent = "Show more";
      more.addEventListener("click", function () { explorer.limit += SHOW; explorer.update(); });
      document.querySelector(".atlas-explore").after(more);
      var pages = document.querySelector(".atlas-pages");
      if (pages) pages.hidden = true;
      var status = document.createElement("span");
      status.className = "atlas-action-status";
      status.setAttribute("role", "status");
      form.querySelector(".atlas-actions").appendChild(status);
      form.addEventListener("input", function () { explorer.limit = SHOW; explorer.update(); });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      form.addEventListener("reset", function () {
        setTimeout(function () {
          explorer.extra = [];
          explorer.setSort("");
          explorer.update();
        }, 0);
      });
      explorer.toggle.addEventListener("click", function () {
        var open = explorer.toggle.getAttribute("aria-expanded") !== "true";
        explorer.toggle.setAttribute("aria-expanded", String(open));
        form.classList.toggle("atlas-open", open);
      });
      form.querySelector(".atlas-view-link").addEventListener("click", function () { copyLink(form); });
      form.querySelector(".atlas-csv").addEventListener("click", function () { download(explorer, form); });
      form.hidden = false;
      explorer.update();
      form.dataset.ready = "1";
      return explorer;
    });
  };
})();
