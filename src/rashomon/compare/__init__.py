"""Across articles: incidents, claim alignment, contradictions and dossiers.

``cluster_incidents`` groups articles into incidents and links their items by
sentence; ``incidents_json`` writes the contract form with every contradiction
and revision; ``build_dossier`` gathers one incident for ``rashomon.report``.
"""

from __future__ import annotations

from rashomon.compare.alignment import AlignedTopic, Statement, align_incident
from rashomon.compare.contradictions import (
    Finding,
    Position,
    analyse_incident,
    find_contradictions,
    incidents_json,
)
from rashomon.compare.dossier import Dossier, build_dossier
from rashomon.compare.incidents import (
    ClusterParams,
    Incident,
    ItemLink,
    assign_incidents,
    cluster_incidents,
)
from rashomon.compare.timezones import normalize_clock

__all__ = ["AlignedTopic", "ClusterParams", "Dossier", "Finding", "Incident", "ItemLink",
           "Position", "Statement", "align_incident", "analyse_incident", "assign_incidents",
           "build_dossier", "cluster_incidents", "find_contradictions", "incidents_json",
           "normalize_clock"]
