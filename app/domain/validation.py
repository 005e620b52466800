"""Turn Pydantic validation errors into {field: Dutch message}, shared by the web and the API."""

from typing import Any, TypeVar

from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from app.domain.errors import ValidationError

M = TypeVar("M", bound=BaseModel)

_MESSAGES = {
    "missing": "Dit veld is verplicht.",
    "string_too_short": "Dit veld is verplicht.",
    "string_too_long": "Deze tekst is te lang.",
    "int_parsing": "Vul een geheel getal in.",
    "int_type": "Vul een geheel getal in.",
    "float_parsing": "Vul een getal in.",
    "decimal_parsing": "Vul een getal in.",
    "date_from_datetime_parsing": "Vul een geldige datum in (dd-mm-jjjj).",
    "date_parsing": "Vul een geldige datum in (dd-mm-jjjj).",
    "date_type": "Vul een geldige datum in (dd-mm-jjjj).",
    "bool_parsing": "Kies ja of nee.",
    "literal_error": "Kies een van de mogelijke waarden.",
    "enum": "Kies een van de mogelijke waarden.",
    "greater_than": "De waarde moet groter zijn dan {gt}.",
    "greater_than_equal": "De waarde moet minimaal {ge} zijn.",
    "less_than_equal": "De waarde mag hoogstens {le} zijn.",
    "less_than": "De waarde moet kleiner zijn dan {lt}.",
    "email": "Vul een geldig e-mailadres in.",
}


def field_errors(exc: PydanticValidationError) -> dict[str, str]:
    out: dict[str, str] = {}
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body",)]
        field = ".".join(loc) or "__root__"
        if err["type"] == "value_error":
            msg = str(err.get("ctx", {}).get("error", err["msg"]))
        else:
            tpl = _MESSAGES.get(err["type"], "Deze waarde is ongeldig.")
            try:
                msg = tpl.format(**err.get("ctx", {}))
            except (KeyError, IndexError):
                msg = tpl
        out.setdefault(field, msg)
    return out


def parse(model: type[M], data: Any) -> M:
    """Validate input into a schema or raise our ValidationError with Dutch field messages."""
    try:
        return model.model_validate(data)
    except PydanticValidationError as exc:
        raise ValidationError(field_errors(exc)) from None
