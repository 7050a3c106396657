/* Plan Atlas: activities side by side (/compare/activities/?ids=a,b,c), drawn from the JSON files of the chosen
   activities' plans (<plan id>.json beside the page). Every text is set with textContent: data never becomes markup. */
(function () {
  "use strict";
  var FIELDS = [  // label, key in the JSON, what an empty cell says
    ["Activity", "t", "not printed"], ["Tasks", "k", "none"], ["Indicators", "i", "not printed"],
    ["Expected results", "e", "not printed"], ["Timeframe or deadline", "d", "not printed"],
    ["Responsible", "b", "not printed"], ["Budget", "m", "not printed"]
  ];

  function el(name, text, attrs) {
    var node = document.createElement(name);
    if (text !== undefined && text !== null) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    return node;
  }

  /** One cell: a list for several texts, a paragraph for one, `empty` ("not printed", "none") for none. */
  function cell(value, label, empty) {
    var td = el("td", null, { "data-label": label });
    if (value === undefined || value === null || (Array.isArray(value) && !value.length)) {
      td.appendChild(el("span", empty, { "class": "atlas-none" }));
    } else if (Array.isArray(value)) {
      var ul = el("ul", null, { "class": "atlas-items" });
      value.forEach(function (text) { ul.appendChild(el("li", text)); });
      td.appendChild(ul);
    } else {
      td.appendChild(el("p", value));
    }
    return td;
  }

  window.atlasSideBySide = function (box) {
    var empty = document.querySelector(".atlas-side-by-side-empty");
    var ids = (new URLSearchParams(location.search).get("ids") || "").split(",").filter(Boolean);
    if (!ids.length) { empty.hidden = false; return Promise.resolve(); }
    // An activity id begins with its plan's id (xk-2011-2014/protection/2-2-2): fetch each chosen plan once.
    var planIds = ids.map(function (id) { return id.split("/")[0]; }).filter(function (id, i, all) {
      return /^[a-z]{2}-[0-9]{4}-[0-9]{4}(-[a-z0-9]+)*$/.test(id) && all.indexOf(id) === i;
    });
    return Promise.all(planIds.map(function (id) {
      return fetch(new URL(id + ".json", new URL(box.dataset.src, location.href)).href).then(function (r) {
        return r.ok ? r.json() : null;
      }).catch(function () { return null; });
    })).then(function (files) {
      var data = { plans: {}, activities: {} };
      files.forEach(function (file, i) {
        if (!file) return;
        data.plans[planIds[i]] = file.plan;
        Object.keys(file.activities).forEach(function (id) {
          data.activities[id] = Object.assign({ p: planIds[i] }, file.activities[id]);
        });
      });
      var root = new URL(box.dataset.root, location.href);
      var chosen = ids.filter(function (id) { return Object.prototype.hasOwnProperty.call(data.activities, id); });
      if (!chosen.length) { empty.hidden = false; return; }
      var head = box.querySelector("thead tr"), body = box.querySelector("tbody");
      var labels = chosen.map(function (id) {
        var a = data.activities[id], plan = data.plans[a.p];
        var th = el("th", null, { scope: "col" });
        th.appendChild(el("a", plan.title, { href: new URL(plan.u, root).href }));
        th.appendChild(el("small", a.l));
        head.appendChild(th);
        return plan.title + " · " + plan.label + " " + a.r;
      });
      var refRow = el("tr");
      refRow.appendChild(el("th", "Reference", { scope: "row", "class": "atlas-matrix-question" }));
      chosen.forEach(function (id, i) {
        var a = data.activities[id], td = el("td", null, { "data-label": labels[i] });
        td.appendChild(el("a", data.plans[a.p].label + " " + a.r, { href: new URL(a.u, root).href }));
        if (i === 0) td.appendChild(el("small", " (this activity)"));
        refRow.appendChild(td);
      });
      body.appendChild(refRow);
      FIELDS.forEach(function (field) {
        if (!chosen.some(function (id) { return data.activities[id][field[1]]; })) return;
        var tr = el("tr");
        tr.appendChild(el("th", field[0], { scope: "row", "class": "atlas-matrix-question" }));
        chosen.forEach(function (id, i) { tr.appendChild(cell(data.activities[id][field[1]], labels[i], field[2])); });
        body.appendChild(tr);
      });
      box.hidden = false;
    });
  };
})();
