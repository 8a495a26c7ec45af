"""Timelines: what an entity said, what was said about it, what it did and what was done to
it, in date order with sources; and a narrative's appearances over time (issue 16).

>>> from graphbuild import store as stores
>>> from graphbuild.timeline import entity_timeline, resolve_entity
>>> store = stores.open("store/", "r").store                           # doctest: +SKIP
>>> rows = entity_timeline(store, resolve_entity(store, "Maria Zakharova"))  # doctest: +SKIP
"""

from graphbuild.timeline.events import (
    Event,
    entity_timeline,
    narrative_timeline,
    resolve_entity,
)
from graphbuild.timeline.page import timeline_html

__all__ = ["Event", "entity_timeline", "narrative_timeline", "resolve_entity",
           "timeline_html"]
