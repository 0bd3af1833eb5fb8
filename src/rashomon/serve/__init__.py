"""``rashomon serve``: the web app and REST API over a store (FastAPI + uvicorn).

Pages are rendered on the server with autoescaping Jinja templates; the only
script is a static file (the CSP forbids inline scripts) and nothing is loaded
from a CDN. The API is read-only unless the server was given a token.
"""

from __future__ import annotations

import ipaddress
import logging
import os

from rashomon.errors import UsageError
from rashomon.serve.app import create_app

__all__ = ["create_app", "serve"]

logger = logging.getLogger(__name__)


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Serve the store at ``db`` on ``host:port`` until interrupted (uvicorn)."""
    import uvicorn

    if not os.path.isfile(db) and not token:
        raise UsageError(f"no store at {db}: create one with `rashomon ingest INPUT --db {db}`")
    if not 0 < port < 65536:
        raise UsageError(f"port must be between 1 and 65535, not {port}")
    if not _is_loopback(host):
        logger.warning("serving on %s: the pages and API are readable from the network", host)
    if token:
        logger.info("POST /api/v1/ingest is enabled (token required)")
    app = create_app(db, token=token)
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False)
