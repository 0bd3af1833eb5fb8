"""Dossier renderers (Markdown, HTML, JSON) and writers."""

from __future__ import annotations

from rashomon.report.render import (
    FORMATS,
    dossier_filename,
    render_dossier,
    render_index,
    write_dossiers,
)

__all__ = ["FORMATS", "dossier_filename", "render_dossier", "render_index", "write_dossiers"]
