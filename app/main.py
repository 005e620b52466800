"""The ASGI app: the JSON API under /api/v1 and the screens, sharing one set of domain services."""

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.routing import Route

from app.api import router as api_router
from app.config import check_production, get_settings
from app.domain.errors import Conflict, DomainError, InvalidTransition, NotAllowed, NotFound, ValidationError
from app.security import InputGuard, safe_request_id, security_headers
from app.web import nav
from app.web import router as web_router
from app.web.deps import CsrfFailed, LoginRequired, PasswordChangeRequired, is_htmx, render
from app.web.templating import env


def create_app() -> FastAPI:
    settings = get_settings()
    # Refuses to start in production with a development secret or COOKIE_SECURE=false.
    check_production(settings)
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
        request.state.request_id = safe_request_id(request.headers.get("X-Request-ID"))
        response = await call_next(request)
        response.headers["X-Request-ID"] = request.state.request_id
        security_headers(request, response, settings)
        return response

    # Outermost: refuses NUL bytes, oversized bodies and headers before anything parses them.
    app.add_middleware(InputGuard)

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

    @app.exception_handler(RequestValidationError)
    async def _request_validation(request: Request, exc: RequestValidationError):  # type: ignore[no-untyped-def]
        from app.api.errors import request_validation_response

        if request.url.path.startswith("/api/"):
            return request_validation_response(exc)
        # A path id that cannot exist (not a number, or beyond 2^31-1) is simply not found.
        if any(e.get("loc", ("",))[0] == "path" for e in exc.errors()):
            return render(
                request,
                "errors/error.html",
                {"title": "Niet gevonden of geen toegang", "message": "Deze pagina bestaat niet."},
                status=404,
            )
        from app.domain.validation import field_errors_from_list

        return render(
            request,
            "errors/error.html",
            {
                "title": "Controleer uw invoer",
                "message": ValidationError.message,
                "errors": field_errors_from_list(exc.errors()),
            },
            status=422,
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

    _dutch_422_in_openapi(app)
    names = {r.name for r in app.routes if isinstance(r, Route) or hasattr(r, "name")}
    nav.register_routes({n for n in names if n})
    env.globals["nav_items"] = nav.nav_items
    return app


def _dutch_422_in_openapi(app: FastAPI) -> None:
    """Every 422 in the OpenAPI document is our Dutch shape (ValidationErrorOut), never FastAPI's
    English HTTPValidationError, because that is what every route answers."""
    from app.api.errors import ValidationErrorOut

    base = app.openapi

    def openapi() -> dict:  # type: ignore[type-arg]
        if app.openapi_schema:
            return app.openapi_schema
        schema = base()
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        if "ValidationErrorOut" not in components:
            components.update(
                ValidationErrorOut.model_json_schema(ref_template="#/components/schemas/{model}").pop("$defs", {})
            )
            components["ValidationErrorOut"] = ValidationErrorOut.model_json_schema(
                ref_template="#/components/schemas/{model}"
            )
        ref = {"$ref": "#/components/schemas/ValidationErrorOut"}
        for ops in schema.get("paths", {}).values():
            for op in ops.values():
                resp = op.get("responses", {}).get("422") if isinstance(op, dict) else None
                if resp is not None:
                    resp["description"] = "Ongeldige invoer per veld (Nederlandse meldingen); niets opgeslagen"
                    resp["content"] = {"application/json": {"schema": ref}}
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


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
