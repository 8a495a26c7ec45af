"""The CSS and JavaScript of the server's pages, inlined into them (no CDN, no files).

The script builds every result cell with ``createElement``/``textContent``; no data from
the store or from a response ever goes through ``innerHTML``. Links are made only for
IRIs of this server's entities (to ``/id/…``) and for ``http(s):`` IRIs.
"""

from __future__ import annotations

from markupsafe import Markup

__all__ = ["CSS", "INDEX_JS"]

CSS = Markup("""
:root { --fg: #1d2228; --muted: #5f6b76; --line: #d8dee4; --accent: #0b5cad; --bad: #a4161a; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif;
       color: var(--fg); background: #fbfcfd; }
header { display: flex; gap: 1rem; align-items: baseline; padding: .6rem 1.2rem;
         border-bottom: 1px solid var(--line); background: #fff; }
header h1 { font-size: 1.15rem; margin: 0; }
header h1 a { color: inherit; text-decoration: none; }
header nav { margin-left: auto; }
main { padding: 1rem 1.2rem; max-width: 1400px; }
a { color: var(--accent); }
textarea { width: 100%; font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace;
           padding: .5rem; border: 1px solid var(--line); border-radius: 4px; }
select, button { font: inherit; padding: .25rem .5rem; }
.controls { display: flex; gap: 1rem; align-items: center; margin: .5rem 0; flex-wrap: wrap; }
button { background: var(--accent); color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
#gb-example { max-width: 100%; margin-bottom: .5rem; }
.muted, .hint, #gb-status { color: var(--muted); }
.error { color: var(--bad); white-space: pre-wrap; }
table { border-collapse: collapse; margin: .5rem 0 1rem; width: 100%; }
th, td { border: 1px solid var(--line); padding: .25rem .45rem; text-align: left;
         vertical-align: top; overflow-wrap: break-word; }
th { background: #f0f3f6; }
td .lang, td .dt { color: var(--muted); font-size: .8em; margin-left: .3em; }
pre { background: #fff; border: 1px solid var(--line); padding: .6rem; overflow: auto;
      max-height: 28rem; font-size: 12.5px; }
iframe { width: 100%; height: 640px; border: 1px solid var(--line); background: #fff; }
iframe.entity-graph { height: 860px; }  /* the view's legend and relation list fit */
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
blockquote { margin: .4rem 0; padding: .3rem .8rem; border-left: 3px solid var(--line); }
h2 { font-size: 1.05rem; margin-top: 1.6rem; }
.iri { font-family: ui-monospace, monospace; font-size: .85em; color: var(--muted);
       overflow-wrap: anywhere; }
""")

INDEX_JS = Markup(r"""
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var data = JSON.parse($("gb-data").textContent);
  var form = $("gb-form"), query = $("gb-query"), pick = $("gb-example"), fmt = $("gb-format");
  var statusLine = $("gb-status"), errorBox = $("gb-error"), results = $("gb-results");
  var raw = $("gb-raw"), view = $("gb-view");
  var prefixes = Object.keys(data.prefixes).map(function (p) { return [p, data.prefixes[p]]; })
    .sort(function (a, b) { return b[1].length - a[1].length; });

  function shorten(iri) {
    for (var i = 0; i < prefixes.length; i++) {
      var ns = prefixes[i][1];
      if (iri.indexOf(ns) === 0 && iri.length > ns.length) {
        return prefixes[i][0] + ":" + iri.slice(ns.length);
      }
    }
    return iri;
  }
  function iriNode(iri) {
    var a = document.createElement("a");
    a.textContent = shorten(iri);
    a.title = iri;
    if (iri.indexOf(data.idBase) === 0) {
      a.setAttribute("href", "/id/" + iri.slice(data.idBase.length));
    } else if (/^https?:\/\//i.test(iri)) {
      a.setAttribute("href", iri);
      a.rel = "noopener noreferrer";
      a.target = "_blank";
    } else {
      var span = document.createElement("span");
      span.textContent = shorten(iri);
      return span;
    }
    return a;
  }
  function note(cls, text) {
    var s = document.createElement("span");
    s.className = cls;
    s.textContent = text;
    return s;
  }
  function termText(t) {
    if (t.type === "triple") {
      return "<< " + [t.value.subject, t.value.predicate, t.value.object].map(termText)
        .join(" ") + " >>";
    }
    return t.type === "bnode" ? "_:" + t.value : t.value;
  }
  function cell(term) {
    var td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      td.appendChild(iriNode(term.value));
    } else if (term.type === "literal") {
      td.appendChild(document.createTextNode(term.value));
      if (term["xml:lang"]) td.appendChild(note("lang", "@" + term["xml:lang"]));
      else if (term.datatype) td.appendChild(note("dt", shorten(term.datatype)));
    } else {
      td.textContent = termText(term);
    }
    return td;
  }
  function table(json) {
    var t = document.createElement("table");
    var head = t.createTHead().insertRow();
    json.head.vars.forEach(function (v) {
      var th = document.createElement("th");
      th.textContent = v;
      head.appendChild(th);
    });
    var body = t.createTBody();
    json.results.bindings.forEach(function (b) {
      var tr = body.insertRow();
      json.head.vars.forEach(function (v) { tr.appendChild(cell(b[v])); });
    });
    return t;
  }
  function reset() {
    results.replaceChildren();
    raw.textContent = "";
    raw.hidden = true;
    view.hidden = true;
    view.removeAttribute("src");
    errorBox.textContent = "";
    errorBox.hidden = true;
  }
  function showError(text) {
    errorBox.textContent = text;
    errorBox.hidden = false;
    statusLine.textContent = "";
  }
  function run(ev) {
    if (ev) ev.preventDefault();
    reset();
    var text = query.value;
    var accept = (fmt.value === "table" ? "application/sparql-results+json" : fmt.value) +
      ", text/turtle;q=0.9";
    statusLine.textContent = "running…";
    var started = performance.now();
    fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query", "Accept": accept },
      body: text
    }).then(function (resp) {
      return resp.text().then(function (body) { show(resp, body, text, started); });
    }).catch(function (err) { showError("request failed: " + err); });
  }
  function show(resp, body, text, started) {
    if (!resp.ok) { showError(resp.status + " " + resp.statusText + ": " + body); return; }
    var secs = ((performance.now() - started) / 1000).toFixed(2);
    var type = (resp.headers.get("Content-Type") || "").split(";")[0].trim();
    var rows = resp.headers.get("X-Graphbuild-Rows");
    var line = (rows === null ? "" : rows + (rows === "1" ? " result" : " results")) +
      " in " + secs + " s";
    if (resp.headers.get("X-Graphbuild-Truncated") === "true") {
      line += " (truncated: at most " + resp.headers.get("X-Graphbuild-Max-Rows") + " rows)";
    }
    statusLine.textContent = line;
    if (type === "application/sparql-results+json") {
      var json = JSON.parse(body);
      if (typeof json.boolean === "boolean") {
        var p = document.createElement("p");
        p.className = "ask";
        p.textContent = json.boolean ? "true" : "false";
        results.appendChild(p);
      } else {
        results.appendChild(table(json));
      }
    } else {
      raw.textContent = body;
      raw.hidden = false;
      if (type === "text/turtle") {
        view.setAttribute("src", "/view?" + new URLSearchParams({ query: text }).toString());
        view.hidden = false;
      }
    }
    try { history.replaceState(null, "", "?" + new URLSearchParams({ query: text }).toString()); }
    catch (e) { /* a very long query: keep the old address */ }
  }
  function exampleText(name) {
    return Object.prototype.hasOwnProperty.call(data.examples, name) ? data.examples[name] : null;
  }
  pick.addEventListener("change", function () {
    var text = exampleText(pick.value);
    if (text !== null) query.value = text;
  });
  form.addEventListener("submit", run);
  query.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) run(ev);
  });
  var params = new URLSearchParams(location.search);
  if (params.get("query")) {
    query.value = params.get("query");
  } else {
    var name = exampleText(params.get("example")) !== null ? params.get("example") : data.initial;
    pick.value = name;
    query.value = exampleText(name) || "";
  }
  if (params.get("run") === "1") run();
})();
""")
