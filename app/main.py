"""The ASGI app: the JSON API under /api/v1 and the screens, sharing one set of domain services."""

import uuid

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.routing import Route

from app.api import router as api_router
from app.domain.errors import Conflict, DomainError, InvalidTransition, NotAllowed, NotFound, ValidationError
from app.web import nav
from app.web import router as web_router
from app.web.deps import CsrfFailed, LoginRequired, PasswordChangeRequired, is_htmx, render
from app.web.templating import env

CSP = (
    "default-src 'self'; script-src 'self' https://cdn.jsdelivr.net https://cdn.jsdelivr.net/npm/; "
    "style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
    "form-action 'self'; base-uri 'self'"
)


def create_app() -> FastAPI:
    app = FastAPI(
        title="Toegang sociaal domein API",
        version="1.0",
        description="Households, toegang and plans for the social domain. Bearer tokens; every call is audited.",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )

    @app.middleware("http")
    async def request_context(request: Request, call_next):  # type: ignore[no-untyped-def]
        request.state.request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex
        response = await call_next(request)
        response.headers["X-Request-ID"] = request.state.request_id
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if not request.url.path.startswith("/api/docs"):
            response.headers.setdefault("Content-Security-Policy", CSP)
        if response.headers.get("content-type", "").startswith("text/html"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    app.include_router(api_router)
    app.include_router(web_router)
    app.mount(
        "/static",
        StaticFiles(directory=str(__import__("pathlib").Path(__file__).parent / "web" / "static")),
        name="static",
    )

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, exc: LoginRequired):  # type: ignore[no-untyped-def]
        target = request.url_for("login").include_query_params(next=request.url.path)
        if is_htmx(request):
            return HTMLResponse("", status_code=401, headers={"HX-Redirect": str(target)})
        return RedirectResponse(str(target), status_code=303)

    @app.exception_handler(PasswordChangeRequired)
    async def _password(request: Request, exc: PasswordChangeRequired):  # type: ignore[no-untyped-def]
        target = str(request.url_for("wachtwoord"))
        if is_htmx(request):
            return HTMLResponse("", status_code=403, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)

    @app.exception_handler(CsrfFailed)
    async def _csrf(request: Request, exc: CsrfFailed):  # type: ignore[no-untyped-def]
        return render(
            request,
            "errors/error.html",
            {
                "title": "Formulier verlopen",
                "message": "Uw formulier was verlopen of kwam niet van deze applicatie. Laad de pagina opnieuw.",
            },
            status=403,
        )

    @app.exception_handler(DomainError)
    async def _domain(request: Request, exc: DomainError):  # type: ignore[no-untyped-def]
        if request.url.path.startswith("/api/"):
            from app.api.errors import domain_error_response

            return domain_error_response(exc)
        status = _status(exc)
        title = {404: "Niet gevonden of geen toegang", 403: "Geen toegang", 409: "Niet opgeslagen"}.get(
            status, "Controleer uw invoer"
        )
        return render(
            request,
            "errors/error.html",
            {"title": title, "message": exc.message, "errors": getattr(exc, "errors", {})},
            status=status,
        )

    names = {r.name for r in app.routes if isinstance(r, Route) or hasattr(r, "name")}
    nav.register_routes({n for n in names if n})
    env.globals["nav_items"] = nav.nav_items
    return app


def _status(exc: DomainError) -> int:
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, NotAllowed):
        return 403
    if isinstance(exc, Conflict | InvalidTransition):
        return 409
    if isinstance(exc, ValidationError):
        return 422
    return 400


app = create_app()
