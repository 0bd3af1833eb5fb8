"""The FastAPI application: pages, the JSON API, static files, errors and security headers."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from rashomon import __version__
from rashomon.catalog import SIDE_NAMES
from rashomon.errors import (
    ExtractionError,
    IngestError,
    NotFound,
    RashomonError,
    StoreError,
    UsageError,
)

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
STATUS = {UsageError: 400, NotFound: 404, ExtractionError: 422, IngestError: 422, StoreError: 503}


def make_templates() -> Environment:
    """The Jinja environment: every variable is HTML-escaped (autoescape on for all files)."""
    env = Environment(loader=FileSystemLoader(HERE / "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(side_names=SIDE_NAMES, version=__version__)
    from rashomon.serve import filters

    env.filters.update(filters.FILTERS)
    env.globals.update(filters.GLOBALS)
    return env


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render a page template with the request in its context."""
    env: Environment = request.app.state.templates
    html = env.get_template(name).render(request=request, **context)
    return HTMLResponse(html, status_code=status)


def wants_json(request: Request) -> bool:
    """API paths answer errors in JSON; pages answer them as an HTML page."""
    return request.url.path.startswith(("/api/", "/openapi"))


def error_response(request: Request, status: int, kind: str, message: str,
                   details: Any = None, headers: dict[str, str] | None = None) -> Response:
    """A clear error: ``{"error", "message", "status"}`` for the API, a page otherwise."""
    if wants_json(request):
        body: dict[str, Any] = {"error": kind, "message": message, "status": status}
        if details:
            body["details"] = details
        return JSONResponse(body, status_code=status, headers=headers)
    return render(request, "error.html", status=status, status_code=status, kind=kind,
                  message=message)


def _validation_message(exc: RequestValidationError) -> tuple[str, list[dict[str, Any]]]:
    """One readable line ("limit: Input should be less than or equal to 1000") and the list."""
    details = []
    for err in exc.errors():
        loc = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body"))
        details.append({"parameter": loc or "body", "problem": str(err.get("msg", "invalid"))})
    line = "; ".join(f"{d['parameter']}: {d['problem']}" for d in details) or "invalid request"
    return f"bad parameter: {line}", details


def install_error_handlers(app: FastAPI) -> None:
    """Library errors, bad parameters and unknown routes become clear 4xx answers."""

    @app.exception_handler(RashomonError)
    async def _rashomon(request: Request, exc: RashomonError) -> Response:
        status = next((code for cls, code in STATUS.items() if isinstance(exc, cls)), 400)
        return error_response(request, status, type(exc).__name__, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        message, details = _validation_message(exc)
        return error_response(request, 400, "BadRequest", message, details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = str(exc.detail) if exc.detail else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page or endpoint at {request.url.path}"
        kind = {401: "Unauthorized", 403: "Forbidden", 404: "NotFound",
                405: "MethodNotAllowed"}.get(exc.status_code, "HTTPError")
        return error_response(request, exc.status_code, kind, message,
                              headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        logger.exception("unexpected error on %s", request.url.path)
        return error_response(request, 500, "InternalError",
                              f"unexpected error ({type(exc).__name__}); see the server log")


def install_security_headers(app: FastAPI) -> None:
    """Every response carries the CSP (no inline scripts), nosniff and framing headers."""

    @app.middleware("http")
    async def _headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        if request.url.path.startswith("/api/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response


def create_app(db_path: str, *, token: str | None = None) -> FastAPI:
    """The web app and REST API over the store at ``db_path``; ingest only with ``token``."""
    from rashomon.serve import api, pages

    app = FastAPI(title="rashomon", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json",
                  description="Conflict news from every side, lined up claim by claim. "
                              "Read-only JSON under /api/v1/; POST /api/v1/ingest needs the "
                              "server's token (Authorization: Bearer TOKEN).")
    app.state.db = str(db_path)
    app.state.token = token or None
    app.state.templates = make_templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    install_error_handlers(app)
    install_security_headers(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    return app
