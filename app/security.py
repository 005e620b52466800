"""HTTP hardening shared by the API and the screens: the input guard and the security headers.

The input guard runs before routing, so no route, form parser or database driver ever sees:
- a NUL byte (raw or percent/JSON-escaped) in the path, the query or a form/JSON body: PostgreSQL
  refuses NUL in text (a 500 deep inside a transaction), and no legitimate Dutch text holds one;
- a body above `MAX_BODY_BYTES` (the app takes no uploads; the largest form is a plan of a few KB);
- an `X-Forwarded-For` longer than `MAX_FORWARDED_FOR` characters (a proxy chain of a few hops).
An `X-Request-ID` that is not 1-64 printable ASCII characters is replaced by a fresh id rather than
refused: it only correlates log lines, and it lands in the audit trail (String(64)).

Refusals answer in Dutch: our structured 422 on /api/, an error page elsewhere.
"""

import re
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from app.config import Settings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY_BYTES = 1_000_000
MAX_FORWARDED_FOR = 100
REQUEST_ID = re.compile(r"^[\x21-\x7e]{1,64}$")

NUL_MELDING = "De invoer bevat een ongeldig teken (NUL-byte). Verwijder het en probeer opnieuw."
TE_GROOT_MELDING = "Het verzonden formulier is te groot."
FORWARDED_MELDING = "De header X-Forwarded-For is te lang."

_NUL_RAW = b"\x00"
_NUL_ENCODED = re.compile(rb"%00|\\u0000", re.IGNORECASE)


def safe_request_id(sent: str | None) -> str:
    """The caller's request id when it is 1-64 printable ASCII characters, else a fresh one."""
    if sent and REQUEST_ID.match(sent):
        return sent
    return uuid.uuid4().hex


def has_nul(data: bytes) -> bool:
    return _NUL_RAW in data or _NUL_ENCODED.search(data) is not None


class InputGuard:
    """Pure ASGI middleware: buffers the body (bounded), refuses NUL bytes and oversized headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v for k, v in scope.get("headers", [])}
        if len(headers.get("x-forwarded-for", b"")) > MAX_FORWARDED_FOR:
            await _refuse(scope, receive, send, 400, "header", FORWARDED_MELDING)
            return
        raw_path = scope.get("raw_path") or scope.get("path", "").encode("utf-8", "surrogateescape")
        if has_nul(raw_path) or has_nul(scope.get("query_string", b"")) or "\x00" in scope.get("path", ""):
            await _refuse(scope, receive, send, 422, "query", NUL_MELDING)
            return
        if scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        body = b""
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > MAX_BODY_BYTES:
                await _refuse(scope, receive, send, 413, "body", TE_GROOT_MELDING)
                return
        if has_nul(body):
            await _refuse(scope, receive, send, 422, "body", NUL_MELDING)
            return

        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _refuse(scope: Scope, receive: Receive, send: Send, status: int, where: str, melding: str) -> None:
    response: Response
    if scope.get("path", "").startswith("/api/"):
        response = JSONResponse(
            {"detail": [{"loc": [where], "msg": melding, "type": "value_error"}], "message": melding},
            status_code=status,
        )
    else:
        response = _error_page(scope, receive, status, melding)
    response.headers["Cache-Control"] = "no-store"
    await response(scope, receive, send)


def _error_page(scope: Scope, receive: Receive, status: int, melding: str) -> Response:
    from app.web.deps import render

    request = Request(scope, receive)
    try:
        return render(
            request, "errors/error.html", {"title": "Controleer uw invoer", "message": melding}, status=status
        )
    except Exception:  # the page shell needs the router; a plain page still says what went wrong
        return HTMLResponse(f"<!doctype html><html lang=nl><title>Fout</title><p>{melding}</p>", status_code=status)


# ---- response headers -------------------------------------------------------------------------------


def content_security_policy(settings: Settings) -> str:
    """Scripts from this origin and exactly the configured htmx file (not all of its CDN)."""
    scripts = ["'self'"]
    if settings.htmx_url.startswith(("https://", "http://")):
        scripts.append(settings.htmx_url)
    return (
        f"default-src 'self'; script-src {' '.join(scripts)}; "
        "style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
        "form-action 'self'; base-uri 'self'; object-src 'none'"
    )


HSTS = "max-age=31536000; includeSubDomains"


def security_headers(request: Request, response: Response, settings: Settings) -> None:
    """Headers on every response. Everything but the static assets may carry personal data (pages,
    JSON, CSV, PDF), so it is never stored by a browser or proxy cache."""
    path = request.url.path
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if not path.startswith("/api/docs"):
        response.headers.setdefault("Content-Security-Policy", content_security_policy(settings))
    if not path.startswith("/static/"):
        response.headers["Cache-Control"] = "no-store"
        response.headers.setdefault("Pragma", "no-cache")
    if settings.is_production or settings.cookie_secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
