"""Domain errors as JSON: 404, 403, 409 and a structured 422 with field errors."""

from fastapi.responses import JSONResponse

from app.domain.errors import Conflict, DomainError, InvalidTransition, NotAllowed, NotFound, ValidationError


def domain_error_response(exc: DomainError) -> JSONResponse:
    if isinstance(exc, ValidationError):
        detail = [
            {"loc": ["body", *k.split(".")] if k != "__root__" else ["body"], "msg": v, "type": "value_error"}
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
