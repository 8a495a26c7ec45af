/* graphbuild view: side panel, search, neighbourhood highlight, filters, readable labels.
   Inlined into the page after the DATA block. Article text only ever reaches the DOM
   through textContent (never innerHTML); links get an href only when it is http(s).
   Exposes gb* functions for tests and console use. */
(function () {
  "use strict";
  var DATA = window.DATA;
  var has = function (obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); };
  var $ = function (id) { return document.getElementById(id); };
  var titleEl = $("gb-panel-title"), bodyEl = $("gb-panel-body");
  var HINT = "Click an edge to see the sentences it comes from, or a node to see what it said and its strongest relations. Double-click a node to show its hidden neighbours.";
  var DIM_NODE = "#e3e7ea", DIM_FONT = "#c3cad1", DIM_EDGE = "rgba(220,225,230,0.5)";
  var TOP_LABELS = 30, LABEL_PX = 14;
  var PALETTE = ["#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6",
    "#9a6324", "#469990", "#800000", "#808000", "#000075", "#bfef45", "#ffd8b1", "#dcbeff"];

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
  function link(text, url) {
    var safe = typeof url === "string" && /^https?:\/\//i.test(url);
    var a = el(safe ? "a" : "span", text, "gb-meta gb-headline");
    if (safe) { a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer"; }
    return a;
  }
  function fmtConf(c) { return (c === null || c === undefined) ? "" : Number(c).toFixed(2); }
  function meta(box, item) {
    if (item.headline || item.url) { box.appendChild(link(item.headline || item.url, item.url)); }
    var bits = [];
    if (item.date || item.dateline) { bits.push(item.date || item.dateline); }
    if (item.confidence !== undefined && item.confidence !== null) { bits.push("confidence " + fmtConf(item.confidence)); }
    if (item.hedges && item.hedges.length) { bits.push("hedges: " + item.hedges.join(", ")); }
    if (item.modality) { bits.push("modality: " + item.modality); }
    if (item.negated) { bits.push("negated"); }
    if (item.source && (item.kind === "action" || item.kind === "relation")) { bits.push("claimed by " + item.source); }
    else if (item.source) { bits.push("source: " + item.source); }
    if (item.role) { bits.push("role: " + item.role); }
    if (bits.length) { box.appendChild(el("div", bits.join(" \u00b7 "), "gb-meta gb-hedges")); }
  }
  function sentenceBlock(item) {
    var q = el("blockquote", null, "gb-sentence");
    if (item.marked && !item.sentence) { item.sentence = item.marked.map(function (p) { return p[0]; }).join(""); }
    if (item.marked && item.marked.length) {
      item.marked.forEach(function (part) {
        var role = part[1];
        var span = el(role ? "mark" : "span", part[0], role ? "gb-" + role : null);
        if (role) { span.title = role === "s" ? "subject" : role === "v" ? "verb" : "object"; }
        q.appendChild(span);
      });
    } else {
      q.textContent = item.sentence || item.text || "(no sentence recorded)";
    }
    return q;
  }

  var edgeIndex = {}, edgeById = {};  /* node id -> edge ids; edge id -> vis edge */
  var labelOf = function (id) { return has(DATA.details.nodes, id) ? DATA.details.nodes[id].label : id; };
  DATA.edges.forEach(function (e) {
    edgeById[e.id] = e;
    var d = DATA.details.edges[e.id];
    if (d) { d.id = e.id; d.from = e.from; d.to = e.to; d.source = labelOf(e.from); d.target = labelOf(e.to); }
    (edgeIndex[e.from] = edgeIndex[e.from] || []).push(e.id);
    (edgeIndex[e.to] = edgeIndex[e.to] || []).push(e.id);
  });

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
    if (d.first) { field(dl, "dates", d.first === d.last ? d.first : d.first + " \u2013 " + d.last); }
    field(dl, "quotes", d.quotes + " quotation(s)/claim(s)");
    field(dl, "links", (edgeIndex[id] || []).length + " edge(s)");
    field(dl, "IRI", d.id);
    bodyEl.appendChild(dl);
    var strongest = (edgeIndex[id] || []).map(function (eid) { return DATA.details.edges[eid]; })
      .sort(function (a, b) { return b.count - a.count || (a.id < b.id ? -1 : 1); }).slice(0, 8);
    if (strongest.length) {
      bodyEl.appendChild(el("h3", "Strongest relations"));
      var ul = el("ul", null, "gb-rels");
      strongest.forEach(function (e) {
        var li = el("li"), btn = el("button", e.source + " \u2192 " + e.label + " \u2192 " + e.target);
        btn.type = "button";
        btn.addEventListener("click", function () { showEdge(e.id); });
        li.appendChild(btn);
        li.appendChild(el("span", " \u00d7" + e.count, "gb-count"));
        ul.appendChild(li);
      });
      bodyEl.appendChild(ul);
    }
    if (d.said && d.said.length) {
      bodyEl.appendChild(el("h3", "Said (" + d.quotes + ")"));
      d.said.forEach(function (item) {
        var box = el("div", null, "gb-evidence gb-said");
        box.appendChild(el("div", item.kind === "claim" ? "claim" : "quotation", "gb-meta gb-kind"));
        box.appendChild(el("blockquote", item.text || "(no text recorded)", "gb-quote"));
        if (item.about && item.about.length) { box.appendChild(el("div", "about: " + item.about.join(", "), "gb-meta")); }
        meta(box, { headline: item.headline, url: item.url, date: item.date, dateline: item.dateline,
                    confidence: item.confidence, hedges: item.hedges, kind: item.kind });
        bodyEl.appendChild(box);
      });
    }
    return true;
  }

  function showEdge(id) {
    if (!has(DATA.details.edges, id)) { return false; }
    var d = DATA.details.edges[id];
    reset(d.source + " \u2192 " + d.label + " \u2192 " + d.target);
    var dl = el("dl");
    field(dl, "relation", d.label);
    field(dl, "evidence", d.total + " item(s)" + (d.total > d.evidence.length ? " (first " + d.evidence.length + " shown)" : ""));
    field(dl, "confidence", fmtConf(d.confidence));
    var flags = [];
    if (d.hedged) { flags.push("hedged"); }
    if (d.reported) { flags.push("reported by a speaker"); }
    field(dl, "style", flags.length ? flags.join(", ") : "");
    if (d.first) { field(dl, "dates", d.first === d.last ? d.first : d.first + " \u2013 " + d.last); }
    field(dl, "IRI", d.predicate);
    bodyEl.appendChild(dl);
    if (d.evidence.length === 0) { bodyEl.appendChild(el("p", "No evidence recorded.", "gb-hint")); }
    d.evidence.forEach(function (item) {
      var box = el("div", null, "gb-evidence");
      if (item.kind === "quote" || item.kind === "claim") {
        box.appendChild(el("div", item.kind === "claim" ? "claim" : "quotation", "gb-meta gb-kind"));
        box.appendChild(el("blockquote", item.text || item.sentence || "(no text recorded)", "gb-quote"));
      } else {
        box.appendChild(sentenceBlock(item));
      }
      meta(box, item);
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
  var nodeColor = {}, nodeById = {}, edgeColor = {};
  DATA.nodes.forEach(function (n) { nodeColor[n.id] = n.color; nodeById[n.id] = n; });
  DATA.edges.forEach(function (e) { edgeColor[e.id] = e.color; });
  network.on("beforeDrawing", function (ctx) {  /* white background: PNGs are not transparent */
    ctx.save(); ctx.setTransform(1, 0, 0, 1, 0, 0); ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height); ctx.restore();
  });

  /* ---------------------------------------------------------------- visibility */
  var state = { concepts: false, expanded: {}, hiddenRel: {}, minConf: 0, from: "", to: "",
                community: false };
  function nodeVisible(n) {
    return n.gbShown || has(state.expanded, n.id) || (state.concepts && !n.gbEntity);
  }
  function edgeVisible(e) {
    if (has(state.hiddenRel, e.label)) { return false; }
    if (e.gbConf !== null && e.gbConf !== undefined && e.gbConf < state.minConf) { return false; }
    if (state.from && e.gbLast && e.gbLast < state.from) { return false; }
    if (state.to && e.gbFirst && e.gbFirst > state.to) { return false; }
    if ((state.from || state.to) && !e.gbFirst) { return false; }
    return nodeVisible(nodeById[e.from]) && nodeVisible(nodeById[e.to]);
  }
  function applyVisibility() {
    nodes.update(DATA.nodes.map(function (n) { return { id: n.id, hidden: !nodeVisible(n) }; }));
    var changes = DATA.edges.map(function (e) { return { id: e.id, hidden: !edgeVisible(e) }; });
    edges.update(changes);
    return changes.filter(function (c) { return !c.hidden; }).length;
  }
  window.gbApplyVisibility = applyVisibility;
  function showConcepts(on) { state.concepts = !!on; return applyVisibility(); }
  window.gbShowConcepts = showConcepts;
  function expand(id) {
    if (!has(nodeById, id)) { return 0; }
    var added = 0;
    DATA.edges.forEach(function (e) {
      var other = e.from === id ? e.to : e.to === id ? e.from : null;
      if (other !== null && !nodeVisible(nodeById[other])) { state.expanded[other] = true; added += 1; }
    });
    applyVisibility();
    return added;
  }
  window.gbExpand = expand;
  function setMinConfidence(v) { state.minConf = Number(v) || 0; return applyVisibility(); }
  window.gbSetMinConfidence = setMinConfidence;
  function setDates(from, to) { state.from = from || ""; state.to = to || ""; return applyVisibility(); }
  window.gbSetDates = setDates;

  /* ---------------------------------------------------------------- colours */
  function baseColor(n) {
    return state.community && n.gbCommunity >= 0 ? PALETTE[n.gbCommunity % PALETTE.length] : nodeColor[n.id];
  }
  function colourByCommunity(on) {
    state.community = !!on;
    nodes.update(DATA.nodes.map(function (n) { return { id: n.id, color: baseColor(n) }; }));
  }
  window.gbColourByCommunity = colourByCommunity;

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
      return { id: n.id, gbDim: !on, color: on ? baseColor(n) : DIM_NODE,
               font: { color: on ? "#1d2733" : DIM_FONT } };
    }));
    edges.update(DATA.edges.map(function (e) {
      var on = has(nearEdges, e.id);
      return { id: e.id, gbDim: !on, color: on ? { color: "#e4572e" } : { color: DIM_EDGE },
               font: on ? { color: "#34495e", strokeWidth: 3, size: Math.max(11, 12 / network.getScale()) } : { color: "rgba(0,0,0,0)", strokeWidth: 0 } };
    }));
    highlighted = id;
    return true;
  }
  function clearHighlight() {
    if (highlighted === null) { return; }
    nodes.update(DATA.nodes.map(function (n) {
      return { id: n.id, gbDim: false, color: baseColor(n), font: { color: "#1d2733" } };
    }));
    edges.update(DATA.edges.map(function (e) {
      return { id: e.id, gbDim: false, color: edgeColor[e.id], font: { color: "#34495e", strokeWidth: 3, size: 11 } };
    }));
    highlighted = null;
  }
  window.gbHighlight = highlight;
  window.gbClearHighlight = clearHighlight;

  function pick(id) {
    if (!has(nodeColor, id)) { return false; }
    if (!nodeVisible(nodeById[id])) { state.expanded[id] = true; applyVisibility(); }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    if (window.gbGiveLabels) { window.gbGiveLabels(); }
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
  network.on("doubleClick", function (params) {
    if (params.nodes.length) { expand(params.nodes[0]); highlight(params.nodes[0]); }
  });

  /* ---------------------------------------------------------------- search */
  var index = DATA.nodes.map(function (n) {
    var d = DATA.details.nodes[n.id] || {};
    var names = [String(d.label || n.label)].concat(d.aliases || []);
    return { id: n.id, label: String(d.label || n.label || n.gbLabel), weight: d.mentions || 0,
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
  function setRelation(label, on) {
    if (on) { delete state.hiddenRel[label]; } else { state.hiddenRel[label] = true; }
    applyVisibility();
    return DATA.edges.filter(function (e) { return e.label === label; }).length;
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
    state.hiddenRel = {};
    if (!on) { labels.forEach(function (l) { state.hiddenRel[l] = true; }); }
    applyVisibility();
  }
  $("gb-filter-all").addEventListener("click", function () { setAll(true); });
  $("gb-filter-none").addEventListener("click", function () { setAll(false); });
  if (!labels.length) { $("gb-filter").hidden = true; }

  /* ---------------------------------------------------------------- controls */
  var conceptsBox = $("gb-concepts"), communityBox = $("gb-community");
  var nOthers = DATA.nodes.filter(function (n) { return !n.gbEntity; }).length;
  if (!nOthers) { conceptsBox.disabled = true; }
  $("gb-concepts-count").textContent = nOthers ? "(" + nOthers + ")" : "(none)";
  conceptsBox.addEventListener("change", function () { showConcepts(conceptsBox.checked); });
  communityBox.addEventListener("change", function () { colourByCommunity(communityBox.checked); });
  var conf = $("gb-conf"), confOut = $("gb-conf-value");
  conf.addEventListener("input", function () {
    confOut.textContent = Number(conf.value).toFixed(2);
    setMinConfidence(conf.value);
  });
  var dates = DATA.dates || [];
  if (dates.length > 1) {
    var lo = $("gb-date-from"), hi = $("gb-date-to"), out = $("gb-date-value");
    lo.max = hi.max = String(dates.length - 1);
    lo.value = "0"; hi.value = String(dates.length - 1);
    var onDates = function () {
      var a = Math.min(Number(lo.value), Number(hi.value)), b = Math.max(Number(lo.value), Number(hi.value));
      out.textContent = dates[a] + " \u2013 " + dates[b];
      setDates(a === 0 ? "" : dates[a], b === dates.length - 1 ? "" : dates[b]);
    };
    lo.addEventListener("input", onDates); hi.addEventListener("input", onDates);
    out.textContent = dates[0] + " \u2013 " + dates[dates.length - 1];
  } else { $("gb-dates").hidden = true; }
  $("gb-png").addEventListener("click", function () {
    var canvas = container.querySelector("canvas");
    var a = document.createElement("a");
    a.href = canvas.toDataURL("image/png");
    a.download = "graph.png";
    document.body.appendChild(a); a.click(); document.body.removeChild(a);
  });

  /* ---------------------------------------------------------------- readable labels */
  function labelBoxes(ids) {
    return ids.map(function (id) {
      var n = network.body.nodes[id], s = n.labelModule.size;
      return { id: id, left: s.left, top: s.top, width: s.width, height: s.height };
    });
  }
  window.gbLabelBoxes = labelBoxes;
  function topIds() {
    return DATA.nodes.filter(function (n) { return n.gbShown && n.gbRank < TOP_LABELS; })
      .map(function (n) { return n.id; });
  }
  window.gbTopIds = topIds;
  function overlap(a, b, pad) {
    return a.left < b.left + b.width + pad && b.left < a.left + a.width + pad &&
           a.top < b.top + b.height + pad && b.top < a.top + a.height + pad;
  }
  function sizeLabels() {
    var scale = network.getScale(), top = {};
    var big = Math.max(LABEL_PX, LABEL_PX / scale);
    topIds().forEach(function (id) { top[id] = true; });
    /* the others keep the default 12: drawn once zoomed in enough (drawThreshold) */
    nodes.update(Object.keys(top).map(function (id) {
      return { id: id, font: { size: big, background: "rgba(255,255,255,0.78)" },
               scaling: { label: { drawThreshold: 1, maxVisible: 26 } } };
    }));
    network.redraw();
    /* push apart top labels that overlap (the lower-ranked one moves most): the label
       box keeps its offset from its node, so this runs on numbers, then one update */
    var ids = topIds(), pad = 3 / scale, boxes = labelBoxes(ids);
    var pos = network.getPositions(ids);
    boxes.forEach(function (b) { b.dx = b.left - pos[b.id].x; b.dy = b.top - pos[b.id].y;
                                 b.x = pos[b.id].x; b.y = pos[b.id].y; });
    var place = function (b) { b.left = b.x + b.dx; b.top = b.y + b.dy; };
    for (var pass = 0; pass < 3000; pass += 1) {
      var moved = false;
      for (var i = 0; i < boxes.length; i += 1) {
        for (var j = i + 1; j < boxes.length; j += 1) {
          var a = boxes[i], b = boxes[j];
          if (!overlap(a, b, pad)) { continue; }
          /* smallest move that separates them, along x or y; b (lower rank) moves most */
          var ox = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left) + pad + 1 / scale;
          var oy = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top) + pad + 1 / scale;
          if (oy <= ox) {
            var dy = (b.top + b.height / 2) >= (a.top + a.height / 2) ? 1 : -1;
            b.y += dy * oy * 0.7; a.y -= dy * oy * 0.3;
          } else {
            var dx = (b.left + b.width / 2) >= (a.left + a.width / 2) ? 1 : -1;
            b.x += dx * ox * 0.7; a.x -= dx * ox * 0.3;
          }
          place(a); place(b);
          moved = true;
        }
      }
      if (!moved) { break; }
    }
    nodes.update(boxes.filter(function (b) { return b.x !== pos[b.id].x || b.y !== pos[b.id].y; })
      .map(function (b) { return { id: b.id, x: b.x, y: b.y }; }));
  }
  window.gbSizeLabels = sizeLabels;

  /* big pages carry the other labels aside (gbLabel) and hand them over on zoom-in */
  var lazyLabels = DATA.nodes.some(function (n) { return n.gbLabel !== undefined; });
  function giveLabels() {
    if (!lazyLabels) { return 0; }
    lazyLabels = false;
    var changes = DATA.nodes.filter(function (n) { return n.gbLabel !== undefined; })
      .map(function (n) { return { id: n.id, label: n.gbLabel }; });
    nodes.update(changes);
    network.setOptions({ edges: { arrows: { to: { enabled: true } } } });
    return changes.length;
  }
  window.gbGiveLabels = giveLabels;
  network.on("zoom", function () { if (lazyLabels && network.getScale() * 12 >= 8) { giveLabels(); } });

  /* ---------------------------------------------------------------- ready */
  /* Right away (no waiting for a first frame): fit, size and separate the top labels
     (one synchronous draw measures them), then flag ready after the next frame. */
  function ready() {
    if (window.gbReady) { return; }
    network.fit({ nodes: DATA.nodes.filter(nodeVisible).map(function (n) { return n.id; }),
                  animation: false });
    sizeLabels();
    network.once("afterDrawing", function () {
      window.gbReady = true;
      document.body.setAttribute("data-gb-ready", "1");
    });
    network.redraw();
  }
  if (!DATA.nodes.length) {
    window.gbReady = true;
    document.body.setAttribute("data-gb-ready", "1");
  } else { ready(); }
})();
