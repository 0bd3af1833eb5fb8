"""Read models over a store for the web app and the REST API.

Every function returns plain JSON-ready dicts and lists, so that a route (page
or API) only pages, renders or serialises them. The store is read once into a
``Snapshot`` (all articles with their analysis, incidents clustered by
``compare``) that is cached by the database files' modification stamps: a
write (ingest) makes the next request rebuild it. That is fine at the scale
of a newsroom archive of a few thousand articles; a larger store wants the
incidents persisted and these views answered by queries instead.
"""

from __future__ import annotations

from rashomon.catalog.entities import (
                                       actor_profile,
                                       article_detail,
                                       list_actors,
                                       list_articles,
                                       list_claims,
                                       list_outlets,
                                       list_quotes,
                                       outlet_profile,
)
from rashomon.catalog.incidents import (
                                       IncidentFilter,
                                       coverage,
                                       export_dossier,
                                       incident_dossier,
                                       incident_summary,
                                       list_incidents,
)
from rashomon.catalog.rows import (
                                       article_summary,
                                       claim_row,
                                       event_row,
                                       frame_row,
                                       outlet_ref,
                                       quote_row,
)
from rashomon.catalog.search import ingest_request, search
from rashomon.catalog.snapshot import SIDE_NAMES, SIDES, Snapshot, side_group, snapshot, store_stamp

__all__ = [
    "SIDES", "SIDE_NAMES", "IncidentFilter", "Snapshot", "actor_profile", "article_detail",
    "article_summary", "claim_row", "coverage", "event_row", "export_dossier", "frame_row",
    "incident_dossier", "incident_summary", "ingest_request", "list_actors", "list_articles",
    "list_claims", "list_incidents", "list_outlets", "list_quotes", "outlet_profile",
    "outlet_ref", "quote_row", "search", "side_group", "snapshot", "store_stamp",
]
