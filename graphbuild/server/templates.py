"""HTML templates of the server's pages (Jinja2 with autoescape: every value is escaped
unless it is one of our own constants wrapped in ``Markup``)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import DictLoader, Environment, select_autoescape

__all__ = ["render"]

_BASE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>{% block title %}graphbuild{% endblock %}</title>
<style nonce="{{ nonce }}">{{ css }}</style>
</head>
<body>
<header>
  <h1><a href="/">graphbuild</a></h1>
  <span class="muted">{{ subtitle }}</span>
  <nav><a href="/">query</a> · <a href="/service-description">service description</a></nav>
</header>
<main>
{% block main %}{% endblock %}
</main>
{% block scripts %}{% endblock %}
</body>
</html>
"""

_INDEX = """{% extends "base" %}
{% block title %}graphbuild SPARQL{% endblock %}
{% block main %}
<form id="gb-form">
  <select id="gb-example" aria-label="example queries">
    <option value="">choose an example query…</option>
    {% for ex in examples %}
    <option value="{{ ex.name }}">{{ ex.name }}: {{ ex.description }}</option>
    {% endfor %}
  </select>
  <textarea id="gb-query" name="query" rows="16" spellcheck="false"
            aria-label="SPARQL query"></textarea>
  <div class="controls">
    <button type="submit" id="gb-run">Run query</button>
    <label>Results as
      <select id="gb-format">
        <option value="table">table</option>
        <option value="text/csv">CSV</option>
        <option value="text/tab-separated-values">TSV</option>
        <option value="application/sparql-results+xml">XML</option>
        <option value="application/sparql-results+json">JSON</option>
      </select>
    </label>
    <span id="gb-status" role="status"></span>
  </div>
</form>
<p id="gb-error" class="error" role="alert" hidden></p>
<div id="gb-results"></div>
<pre id="gb-raw" hidden></pre>
<iframe id="gb-view" title="graph view of the CONSTRUCT result" sandbox="allow-scripts"
        hidden></iframe>
<p class="hint">Ctrl+Enter runs the query. Prefixes {{ prefixes }} are pre-declared.
CONSTRUCT and DESCRIBE results are shown as Turtle and drawn as a graph.
Each query may run {{ timeout }} s and returns at most {{ max_rows }} rows.
Endpoint for SPARQL clients: <code>{{ endpoint }}</code>.</p>
{% endblock %}
{% block scripts %}
<script type="application/json" id="gb-data">{{ data_json }}</script>
<script nonce="{{ nonce }}">{{ js }}</script>
{% endblock %}
"""

_SERVICE = """{% extends "base" %}
{% block title %}graphbuild SPARQL endpoint{% endblock %}
{% block main %}
<h2>SPARQL endpoint</h2>
<p>This is a SPARQL 1.1 Protocol endpoint ({{ mode }}).
Send a query as <code>GET {{ endpoint }}?query=…</code> or <code>POST</code>
(form or <code>application/sparql-query</code>).</p>
<p>Its <a href="/service-description">service description</a> is Turtle
(SPARQL Service Description vocabulary). The <a href="/">query page</a> runs queries in the
browser.</p>
{% endblock %}
"""

_ENTITY = """{% extends "base" %}
{% block title %}{{ e.title }} · graphbuild{% endblock %}
{% block main %}
<h2 id="title">{{ e.title }}</h2>
<p class="iri">{{ e.iri }} · <a href="{{ e.path }}" type="text/turtle">Turtle</a></p>
<dl class="facts">
  {% if e.types %}<dt>type</dt><dd>{{ e.types|join(", ") }}</dd>{% endif %}
  {% if e.labels|length > 1 %}<dt>labels</dt><dd>{{ e.labels|join(", ") }}</dd>{% endif %}
  {% if e.aliases %}<dt>also called</dt><dd>{{ e.aliases|join(", ") }}</dd>{% endif %}
  {% if e.job_titles %}<dt>job title</dt><dd>{{ e.job_titles|join(", ") }}</dd>{% endif %}
</dl>
{% if e.graph %}
<h2>Neighbourhood</h2>
<iframe id="gb-entity-graph" class="entity-graph" src="{{ e.graph }}" sandbox="allow-scripts"
        title="graph view: {{ e.title }} and its strongest neighbours"></iframe>
<p class="muted"><a href="{{ e.graph }}">open the graph view</a> (a page of its own)</p>
{% endif %}
{% macro node(n) %}
{% if n.href %}<a href="{{ n.href }}" rel="noopener noreferrer">{{ n.text }}</a>
{%- else %}{{ n.text }}{% endif %}
{% endmacro %}
{% if e.roles %}
<h2>Roles</h2>
<table><tr><th>who</th><th>role</th><th>organization</th><th>sentence</th></tr>
{% for r in e.roles %}
<tr><td>{{ node(r.holder) }}</td><td>{{ r.name }}</td><td>{{ node(r.org) }}</td>
<td>{{ r.sentence }}</td></tr>
{% endfor %}</table>
{% endif %}
{% for group in e.statement_groups %}
<h2>{{ group.heading }}</h2>
<table><tr><th>subject</th><th>verb</th><th>object</th><th>hedges</th><th>sentence</th>
<th>article</th></tr>
{% for s in group.rows %}
<tr><td>{{ node(s.subject) }}</td><td><a href="{{ s.href }}">{{ s.verb }}</a></td>
<td>{{ node(s.object) }}</td><td>{{ s.hedges }}</td><td>{{ s.sentence }}</td>
<td>{{ node(s.article) }}</td></tr>
{% endfor %}</table>
{% endfor %}
{% if e.quotes %}
<h2>Quotations</h2>
{% for q in e.quotes %}
<blockquote><p>“{{ q.text }}”</p>
<p class="muted">{{ q.cue }} · {{ node(q.article) }} · <a href="{{ q.href }}">quotation</a></p>
</blockquote>
{% endfor %}
{% endif %}
{% if e.articles %}
<h2>Mentioned in</h2>
<ul>{% for a in e.articles %}<li>{{ node(a) }}</li>{% endfor %}</ul>
{% endif %}
<h2>Properties</h2>
<table><tr><th>property</th><th>value</th></tr>
{% for p in e.outgoing %}<tr><td>{{ p.prop }}</td><td>{{ node(p.value) }}</td></tr>
{% endfor %}</table>
{% if e.incoming %}
<h2>Links to it</h2>
<table><tr><th>from</th><th>property</th></tr>
{% for p in e.incoming %}<tr><td>{{ node(p.value) }}</td><td>{{ p.prop }}</td></tr>
{% endfor %}</table>
{% endif %}
{% if e.truncated %}<p class="muted">Some lists were cut at {{ e.limit }} rows; query
<code>{{ e.iri }}</code> at the SPARQL endpoint for all of them.</p>{% endif %}
{% endblock %}
"""


@lru_cache(maxsize=1)
def _env() -> Environment:
    loader = DictLoader({"base": _BASE, "index": _INDEX, "service": _SERVICE,
                         "entity": _ENTITY})
    return Environment(loader=loader, autoescape=select_autoescape(default=True,
                       default_for_string=True), trim_blocks=True, lstrip_blocks=True)


def render(name: str, **context: Any) -> str:
    """Render template ``name`` (index, service, entity) with ``context``."""
    return _env().get_template(name).render(**context)
