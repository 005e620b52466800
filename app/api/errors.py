"""Domain errors as JSON: 404, 403, 409 and a structured 422 with field errors."""

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field

from app.domain.errors import Conflict, DomainError, InvalidTransition, NotAllowed, NotFound, ValidationError
from app.domain.validation import field_errors


def domain_error_response(exc: DomainError, where: str = "body") -> JSONResponse:
    if isinstance(exc, ValidationError):
        detail = [
            {"loc": [where, *k.split(".")] if k != "__root__" else [where], "msg": v, "type": "value_error"}
            for k, v in exc.errors.items()
        ]
        return JSONResponse({"detail": detail, "message": exc.message}, status_code=422)
    status = 400
    code = "error"
    if isinstance(exc, NotFound):
        status, code = 404, "not_found"
    elif isinstance(exc, NotAllowed):
        status, code = 403, "forbidden"
    elif isinstance(exc, Conflict):
        status, code = 409, "conflict"
    elif isinstance(exc, InvalidTransition):
        status, code = 409, "invalid_transition"
    return JSONResponse({"detail": exc.message, "code": code}, status_code=status)


# ---- request validation in Dutch, and the error shapes for the OpenAPI document ------------------------


class FieldError(BaseModel):
    loc: list[str | int] = Field(description="Waar: ['body'|'query'|'path', veld, ...] / where the error is")
    msg: str = Field(description="Nederlandse melding voor de gebruiker / Dutch message for the user")
    type: str


class ValidationErrorOut(BaseModel):
    detail: list[FieldError]
    message: str = "Controleer de gemarkeerde velden."


class ErrorOut(BaseModel):
    detail: str
    code: str


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "Geen geldig token / missing, revoked or expired token"},
    403: {"model": ErrorOut, "description": "Geen toestemming / not allowed for this role"},
    404: {"model": ErrorOut, "description": "Niet gevonden of geen toegang / not found or no access (audited)"},
    409: {"model": ErrorOut, "description": "Intussen gewijzigd (versie) / stale version, nothing saved"},
    422: {"model": ValidationErrorOut, "description": "Ongeldige invoer per veld / field errors, nothing saved"},
}


def request_validation_response(exc: RequestValidationError) -> JSONResponse:
    """FastAPI's input errors in our 422 shape, with the same Dutch messages as the forms."""
    detail = []
    for err in exc.errors():
        loc = list(err.get("loc", ()))
        msg = next(iter(field_errors(_One(err)).values()), "Deze waarde is ongeldig.")
        detail.append({"loc": loc or ["body"], "msg": msg, "type": err.get("type", "value_error")})
    return JSONResponse({"detail": detail, "message": ValidationError.message}, status_code=422)


class _One:
    def __init__(self, err: dict[str, Any]) -> None:
        self._err = err

    def errors(self) -> list[dict[str, Any]]:
        return [self._err]


class DutchValidationRoute(APIRoute):
    """Route class for API routers: body/query validation answers in Dutch (our 422 shape).

    A body that is not JSON at all keeps FastAPI's own answer: there is no field to point at.
    """

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            try:
                return await handler(request)
            except RequestValidationError as exc:
                if any(e.get("type") == "json_invalid" for e in exc.errors()):
                    raise
                return request_validation_response(exc)

        return route
