/* Plan Atlas activity explorer: filters every activity of every plan in the browser; the state lives in the URL.
   Loaded by atlas.js only on the explorer page. Data text is only ever set as textContent. */
(function () {
  "use strict";
  var SHOW = 200;
  var COLLATOR = new Intl.Collator(undefined, { numeric: true });
  var FILTERS = ["text", "country", "plan", "pillar", "theme", "body", "year", "budget", "status"];
  var COLUMNS = [
    { key: "plan", label: "Plan" }, { key: "pillar", label: "Pillar" }, { key: "ref", label: "Ref" },
    { key: "text", label: "Activity" }, { key: "body", label: "Responsible" }, { key: "year", label: "Deadline" },
    { key: "budget", label: "Budget" }, { key: "theme", label: "Themes" }
  ];

  /** Lower case without diacritics, so that "shqiperise" finds "Shqipërisë". */
  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function option(select, value, label) {
    var el = document.createElement("option");
    el.value = value;
    el.textContent = label;
    select.appendChild(el);
  }

  function Explorer(form, data) {
    this.form = form;
    this.data = data;
    this.base = form.dataset.base;
    this.table = document.querySelector(".atlas-explore table");
    this.count = form.querySelector(".atlas-count");
    this.limit = SHOW;
    this.sort = { key: "", dir: 1 };
    var d = data;
    this.rows = d.rows.map(function (r, i) {
      var plan = d.plans[r.p];
      var bodies = r.b.map(function (b) { return d.bodies[b]; });
      return {
        i: i, row: r, plan: plan, pillar: d.pillars[r.l],
        bodyLabels: bodies.map(function (b) { return b.label; }).join(", "),
        themeNames: r.h.map(function (h) { return d.themes[h].name; }).join(", "),
        haystack: fold([r.r, r.t, r.x || "", plan.title, d.pillars[r.l].title, r.d || ""].concat(
          bodies.map(function (b) { return b.label + " " + b.name; })).join(" "))
      };
    });
    this.fill();
    this.headers();
  }

  Explorer.prototype.fill = function () {
    var d = this.data, f = this.form.elements;
    d.countries.forEach(function (c) { option(f.country, c.id, c.name); });
    d.plans.forEach(function (p) { option(f.plan, p.id, p.title); });
    d.pillars.forEach(function (p, i) { option(f.pillar, String(i), d.plans[p.plan].title + " · " + p.title); });
    d.themes.forEach(function (t) { option(f.theme, t.id, t.name); });
    d.bodies.map(function (b, i) { return [b, i]; })
      .sort(function (a, b) { return a[0].name.localeCompare(b[0].name); })
      .forEach(function (e) { option(f.body, String(e[1]), e[0].name + (e[0].label !== e[0].name ? " (" + e[0].label + ")" : "") + " – " + e[0].country.toUpperCase()); });
    var years = {};
    d.rows.forEach(function (r) { if (r.y) years[r.y] = 1; });
    Object.keys(years).sort().forEach(function (y) { option(f.year, y, y); });
    option(f.year, "none", "None printed");
    d.statuses.forEach(function (s) { option(f.status, s, s.replace(/-/g, " ")); });
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
        self.sort = { key: COLUMNS[i].key, dir: self.sort.key === COLUMNS[i].key ? -self.sort.dir : 1 };
        self.update();
      });
      th.textContent = "";
      th.appendChild(button);
    });
  };

  Explorer.prototype.state = function () {
    var f = this.form.elements, state = {};
    FILTERS.forEach(function (name) { if (f[name].value) state[name] = f[name].value; });
    if (this.sort.key) state.sort = (this.sort.dir < 0 ? "-" : "") + this.sort.key;
    return state;
  };

  Explorer.prototype.restore = function (params) {
    var f = this.form.elements;
    FILTERS.forEach(function (name) { f[name].value = params.get(name) || ""; });
    var sort = params.get("sort") || "";
    this.sort = { key: sort.replace(/^-/, ""), dir: sort.charAt(0) === "-" ? -1 : 1 };
  };

  /** The rows matching a filter state, sorted; pure, so that it can be timed. */
  Explorer.prototype.filter = function (s) {
    var d = this.data, words = s.text ? fold(s.text).split(/\s+/).filter(Boolean) : [];
    var plan = s.plan, country = s.country, pillar = s.pillar ? Number(s.pillar) : -1;
    var theme = s.theme ? d.themes.findIndex(function (t) { return t.id === s.theme; }) : -1;
    var body = s.body ? Number(s.body) : -1, year = s.year, budget = s.budget, status = s.status;
    var out = this.rows.filter(function (e) {
      var r = e.row;
      if (country && e.plan.country !== country) return false;
      if (plan && e.plan.id !== plan) return false;
      if (pillar >= 0 && r.l !== pillar) return false;
      if (theme >= 0 && r.h.indexOf(theme) < 0) return false;
      if (body >= 0 && r.b.indexOf(body) < 0) return false;
      if (year && (year === "none" ? r.y : String(r.y) !== year)) return false;
      if (budget && (budget === "yes") !== r.m) return false;
      if (status && r.s !== status) return false;
      for (var w = 0; w < words.length; w++) if (e.haystack.indexOf(words[w]) < 0) return false;
      return true;
    });
    var key = (s.sort || "").replace(/^-/, ""), dir = (s.sort || "").charAt(0) === "-" ? -1 : 1;
    var value = {
      plan: function (e) { return e.plan.title; }, pillar: function (e) { return e.pillar.title; },
      ref: function (e) { return e.row.r; }, text: function (e) { return e.row.t; },
      body: function (e) { return e.bodyLabels; }, year: function (e) { return e.row.y || 9999; },
      budget: function (e) { return e.row.m ? 0 : 1; }, theme: function (e) { return e.themeNames; }
    }[key];
    if (value) {
      var keyed = out.map(function (e) { return { e: e, k: value(e) }; });
      keyed.sort(function (a, b) {
        var c = typeof a.k === "number" ? a.k - b.k : COLLATOR.compare(a.k, b.k);
        return (c || a.e.i - b.e.i) * dir;
      });
      out = keyed.map(function (x) { return x.e; });
    }
    return out;
  };

  Explorer.prototype.cell = function (tr, text, href) {
    var td = document.createElement("td");
    if (href) {
      var a = document.createElement("a");
      a.href = this.base + href;
      a.textContent = text;
      td.appendChild(a);
    } else {
      td.textContent = text;
    }
    tr.appendChild(td);
  };

  Explorer.prototype.render = function (rows) {
    var body = document.createElement("tbody"), self = this;
    rows.slice(0, this.limit).forEach(function (e) {
      var r = e.row, tr = document.createElement("tr");
      self.cell(tr, e.plan.title);
      self.cell(tr, e.pillar.title);
      self.cell(tr, r.r, r.u);
      self.cell(tr, r.t.length > 200 ? r.t.slice(0, 199) + "…" : r.t);
      self.cell(tr, e.bodyLabels);
      self.cell(tr, r.d || "");
      self.cell(tr, r.m ? "yes" : "—");
      self.cell(tr, e.themeNames);
      body.appendChild(tr);
    });
    this.table.replaceChild(body, this.table.tBodies[0]);
    this.table.querySelectorAll("thead th").forEach(function (th, i) {
      var on = self.sort.key === COLUMNS[i].key;
      if (on) th.setAttribute("aria-sort", self.sort.dir < 0 ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    });
    var shown = Math.min(rows.length, this.limit);
    this.count.textContent = rows.length + " of " + this.rows.length + " activities match" +
      (shown < rows.length ? "; showing the first " + shown : "") + ".";
    var more = this.form.parentNode.querySelector(".atlas-more");
    if (more) more.hidden = shown >= rows.length;
  };

  Explorer.prototype.update = function () {
    var state = this.state();
    var started = performance.now();
    var rows = this.filter(state);
    this.render(rows);
    this.lastMs = performance.now() - started;
    var query = Object.keys(state).map(function (k) { return k + "=" + encodeURIComponent(state[k]); }).join("&");
    var url = new URL(location.href);
    url.search = query ? "?" + query : "";
    history.replaceState(history.state, "", url.href);
  };

  /** Set up the explorer on the current page (called by atlas.js after every page load). */
  window.atlasExplorer = function (form) {
    if (form.atlasReady) return Promise.resolve(form.atlasExplorer);
    form.atlasReady = true;
    return fetch(form.dataset.src).then(function (response) { return response.json(); }).then(function (data) {
      var explorer = new Explorer(form, data);
      form.atlasExplorer = explorer;
      explorer.restore(new URLSearchParams(location.search));
      var more = document.createElement("button");
      more.type = "button";
      more.className = "md-button atlas-more";
      more.textContent = "Show more";
      more.addEventListener("click", function () { explorer.limit += SHOW; explorer.update(); });
      document.querySelector(".atlas-explore").after(more);
      var pages = document.querySelector(".atlas-pages");
      if (pages) pages.hidden = true;
      form.addEventListener("input", function () { explorer.limit = SHOW; explorer.update(); });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      form.addEventListener("reset", function () {
        setTimeout(function () { explorer.sort = { key: "", dir: 1 }; explorer.update(); }, 0);
      });
      form.hidden = false;
      explorer.update();
      form.dataset.ready = "1";
      return explorer;
    });
  };
})();
