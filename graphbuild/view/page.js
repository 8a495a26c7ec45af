/* graphbuild view: side panel, search, neighbourhood highlight, relation filter.
   Inlined into the page after the DATA block. Article text only ever reaches the DOM
   through textContent (never innerHTML). Exposes gb* functions for tests and console use. */
(function () {
  "use strict";
  var DATA = window.DATA;
  var has = function (obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); };
  var $ = function (id) { return document.getElementById(id); };
  var titleEl = $("gb-panel-title"), bodyEl = $("gb-panel-body");
  var HINT = "Click an edge to see the sentences it comes from, or a node to see its type, aliases and roles.";
  var DIM_NODE = "#e3e7ea", DIM_FONT = "#c3cad1", DIM_EDGE = "#eef1f3";

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function reset(title) {
    titleEl.textContent = title;
    while (bodyEl.firstChild) { bodyEl.removeChild(bodyEl.firstChild); }
  }
  function field(dl, name, value) {
    if (value === undefined || value === null || value === "" ||
        (Array.isArray(value) && value.length === 0)) { return; }
    dl.appendChild(el("dt", name));
    dl.appendChild(el("dd", Array.isArray(value) ? value.join(", ") : value));
  }

  function showNode(id) {
    if (!has(DATA.details.nodes, id)) { return false; }
    var d = DATA.details.nodes[id];
    reset(d.label);
    var dl = el("dl");
    field(dl, "type", d.type_label);
    field(dl, "types", (d.types || []).length > 1 ? d.types : null);
    field(dl, "kind", d.kind);
    field(dl, "aliases", d.aliases);
    field(dl, "roles", d.roles);
    field(dl, "mentions", d.mentions + " article(s)");
    field(dl, "quotes", d.quotes + " quotation(s)");
    if (window.gbNetwork) { field(dl, "links", gbNetwork.getConnectedEdges(id).length + " edge(s)"); }
    field(dl, "IRI", d.id);
    bodyEl.appendChild(dl);
    return true;
  }

  function showEdge(id) {
    if (!has(DATA.details.edges, id)) { return false; }
    var d = DATA.details.edges[id];
    reset(d.source + " \u2192 " + d.label + " \u2192 " + d.target);
    var dl = el("dl");
    field(dl, "predicate", d.predicate);
    field(dl, "evidence", d.evidence.length + " item(s)");
    bodyEl.appendChild(dl);
    if (d.evidence.length === 0) { bodyEl.appendChild(el("p", "No evidence recorded.", "gb-hint")); }
    d.evidence.forEach(function (item) {
      var box = el("div", null, "gb-evidence");
      box.appendChild(el("blockquote", item.sentence || "(no sentence recorded)", "gb-sentence"));
      if (item.headline) { box.appendChild(el("div", item.headline, "gb-meta gb-headline")); }
      if (item.date) { box.appendChild(el("div", item.date, "gb-meta gb-date")); }
      var extras = [];
      if (item.hedges && item.hedges.length) { extras.push("hedges: " + item.hedges.join(", ")); }
      if (item.negated) { extras.push("negated"); }
      if (item.claimed_by) { extras.push("claimed by " + item.claimed_by); }
      if (item.role) { extras.push("role: " + item.role); }
      if (extras.length) { box.appendChild(el("div", extras.join("; "), "gb-meta gb-hedges")); }
      bodyEl.appendChild(box);
    });
    return true;
  }

  function clearPanel() { reset(""); bodyEl.appendChild(el("p", HINT, "gb-hint")); }

  window.gbShowNode = showNode;
  window.gbShowEdge = showEdge;
  window.gbClearPanel = clearPanel;
  window.gbReady = false;

  var container = $("gb-network");
  var nodes = new vis.DataSet(DATA.nodes);
  var edges = new vis.DataSet(DATA.edges);
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, DATA.options);
  window.gbNetwork = network;
  var nodeColor = {};
  DATA.nodes.forEach(function (n) { nodeColor[n.id] = n.color; });

  /* ---------------------------------------------------------------- highlight */
  var highlighted = null;
  function highlight(id) {
    if (!has(nodeColor, id)) { return false; }
    var near = {}, nearEdges = {};
    near[id] = true;
    network.getConnectedNodes(id).forEach(function (n) { near[n] = true; });
    network.getConnectedEdges(id).forEach(function (e) { nearEdges[e] = true; });
    nodes.update(DATA.nodes.map(function (n) {
      var on = has(near, n.id);
      return { id: n.id, gbDim: !on, color: on ? nodeColor[n.id] : DIM_NODE,
               font: { color: on ? "#1d2733" : DIM_FONT } };
    }));
    edges.update(DATA.edges.map(function (e) {
      var on = has(nearEdges, e.id);
      return { id: e.id, gbDim: !on, color: on ? { color: "#e4572e" } : { color: DIM_EDGE },
               font: on ? { color: "#34495e", strokeWidth: 3 } : { color: "rgba(0,0,0,0)", strokeWidth: 0 } };
    }));
    highlighted = id;
    return true;
  }
  function clearHighlight() {
    if (highlighted === null) { return; }
    nodes.update(DATA.nodes.map(function (n) {
      return { id: n.id, gbDim: false, color: nodeColor[n.id], font: { color: "#1d2733" } };
    }));
    edges.update(DATA.edges.map(function (e) {
      return { id: e.id, gbDim: false, color: { color: "#8795a1" }, font: { color: "#34495e", strokeWidth: 3 } };
    }));
    highlighted = null;
  }
  window.gbHighlight = highlight;
  window.gbClearHighlight = clearHighlight;

  function pick(id) {
    if (!has(nodeColor, id)) { return false; }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    highlight(id);
    showNode(id);
    return true;
  }
  window.gbPick = pick;

  network.on("click", function (params) {
    if (params.nodes.length) { highlight(params.nodes[0]); showNode(params.nodes[0]); }
    else if (params.edges.length) { clearHighlight(); showEdge(params.edges[0]); }
    else { clearHighlight(); clearPanel(); }
  });

  /* ---------------------------------------------------------------- search */
  var index = DATA.nodes.map(function (n) {
    var d = DATA.details.nodes[n.id] || {};
    var names = [String(d.label || n.label)].concat(d.aliases || []);
    return { id: n.id, label: String(d.label || n.label), weight: d.mentions || 0,
             names: names.map(function (s) { return String(s).toLowerCase(); }), raw: names };
  });
  function search(query) {
    var q = String(query || "").trim().toLowerCase();
    if (!q) { return []; }
    var hits = [];
    index.forEach(function (item) {
      var best = 9, via = null;
      item.names.forEach(function (name, i) {
        var rank = name === q ? 0 : name.indexOf(q) === 0 ? 1 :
          name.indexOf(" " + q) >= 0 ? 2 : name.indexOf(q) >= 0 ? 3 : 9;
        if (rank < best) { best = rank; via = item.raw[i]; }
      });
      if (best < 9) { hits.push({ id: item.id, label: item.label, via: via, rank: best, weight: item.weight }); }
    });
    hits.sort(function (a, b) {
      return a.rank - b.rank || b.weight - a.weight || a.label.length - b.label.length ||
        (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
    });
    return hits.slice(0, 12);
  }
  window.gbSearch = search;
  var input = $("gb-search"), results = $("gb-results");
  function renderResults() {
    while (results.firstChild) { results.removeChild(results.firstChild); }
    var hits = search(input.value);
    hits.forEach(function (hit) {
      var li = el("li"), btn = el("button", hit.label);
      btn.type = "button";
      btn.setAttribute("data-id", hit.id);
      if (hit.via && hit.via !== hit.label) { btn.appendChild(el("span", " (" + hit.via + ")", "gb-via")); }
      btn.addEventListener("click", function () { pick(hit.id); results.hidden = true; });
      li.appendChild(btn);
      results.appendChild(li);
    });
    if (!hits.length && input.value.trim()) { results.appendChild(el("li", "no match", "gb-hint")); }
    results.hidden = !input.value.trim();
    return hits;
  }
  input.addEventListener("input", renderResults);
  input.addEventListener("focus", function () { if (input.value.trim()) { renderResults(); } });
  document.addEventListener("pointerdown", function (ev) {
    if (!$("gb-find").contains(ev.target)) { results.hidden = true; }
  });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var hits = renderResults();
      if (hits.length) { pick(hits[0].id); results.hidden = true; }
      ev.preventDefault();
    } else if (ev.key === "Escape") { input.value = ""; renderResults(); }
  });

  /* ---------------------------------------------------------------- relation filter */
  var counts = {};
  DATA.edges.forEach(function (e) { counts[e.label] = (counts[e.label] || 0) + 1; });
  var labels = Object.keys(counts).sort(function (a, b) {
    return counts[b] - counts[a] || (a < b ? -1 : a > b ? 1 : 0);
  });
  var hidden = {};
  function setRelation(label, on) {
    if (on) { delete hidden[label]; } else { hidden[label] = true; }
    var changes = [];
    DATA.edges.forEach(function (e) {
      if (e.label === label) { changes.push({ id: e.id, hidden: !on }); }
    });
    edges.update(changes);
    return changes.length;
  }
  window.gbSetRelation = setRelation;
  var list = $("gb-filter-list");
  labels.forEach(function (label) {
    var li = el("li"), lab = el("label"), box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-relation", label);
    box.addEventListener("change", function () { setRelation(label, box.checked); });
    lab.appendChild(box);
    lab.appendChild(el("span", label || "(unnamed)", "gb-rel"));
    lab.appendChild(el("span", counts[label], "gb-count"));
    li.appendChild(lab);
    list.appendChild(li);
  });
  function setAll(on) {
    Array.prototype.forEach.call(list.querySelectorAll("input"), function (box) { box.checked = on; });
    hidden = {};
    if (!on) { labels.forEach(function (l) { hidden[l] = true; }); }
    edges.update(DATA.edges.map(function (e) { return { id: e.id, hidden: !on }; }));
  }
  $("gb-filter-all").addEventListener("click", function () { setAll(true); });
  $("gb-filter-none").addEventListener("click", function () { setAll(false); });
  if (!labels.length) { $("gb-filter").hidden = true; }

  /* ---------------------------------------------------------------- ready */
  function ready() {
    if (window.gbReady) { return; }
    network.setOptions({ physics: { enabled: false } });
    window.gbReady = true;
    document.body.setAttribute("data-gb-ready", "1");
  }
  if (DATA.options.physics && DATA.options.physics.enabled) {
    network.once("stabilizationIterationsDone", ready);
    setTimeout(ready, 4000);
  } else {
    network.once("afterDrawing", function () { ready(); });
    network.fit({ animation: false });
    if (!DATA.nodes.length) { ready(); }
  }
})();
