"""Turn Pydantic validation errors into {field: Dutch message}, shared by the web and the API."""

from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, Field
from pydantic import ValidationError as PydanticValidationError

from app.domain.errors import ValidationError

M = TypeVar("M", bound=BaseModel)

# ---- bounded input types (issue 9, hole 10) ----------------------------------------------------------
# Every text field of an input schema has a documented maximum length, every integer a range that fits
# the database (ids and versions are 32-bit in SQLite and PostgreSQL alike), and every list a maximum
# size with duplicates removed. Input outside these bounds is a Dutch 422, never a driver error.

MAX_ID = 2**31 - 1
KORT = 200  # names, codes, short labels
TEKST = 10_000  # free text: a reason, a motivering, a verslag section (about four pages)
MAX_LIJST = 100  # ids picked in one form


def uniek(value: Any) -> Any:
    """Drop repeated list items, keeping the first occurrence (a form may send a box twice)."""
    if isinstance(value, list):
        try:
            return list(dict.fromkeys(value))
        except TypeError:  # unhashable items (objects): leave them to the schema
            return value
    return value


Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Version = Annotated[int, Field(ge=0, le=MAX_ID)]
Kort = Annotated[str, Field(max_length=KORT)]
Tekst = Annotated[str, Field(max_length=TEKST)]
IdLijst = Annotated[list[Id], BeforeValidator(uniek), Field(max_length=MAX_LIJST)]

_MESSAGES = {
    "missing": "Dit veld is verplicht.",
    "string_too_short": "Dit veld is verplicht.",
    "string_too_long": "Deze tekst is te lang (hoogstens {max_length} tekens).",
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
    "json_invalid": "De inhoud is geen geldige JSON.",
    "json_type": "De inhoud is geen geldige JSON.",
    "too_long": "Deze lijst is te lang (hoogstens {max_length}).",
    "list_type": "Geef een lijst.",
    "string_type": "Vul tekst in.",
    "int_from_float": "Vul een geheel getal in.",
    "model_attributes_type": "Geef een object met velden.",
    "dict_type": "Geef een object met velden.",
    "extra_forbidden": "Dit veld is onbekend.",
    "decimal_max_digits": "Dit getal is te groot.",
    "decimal_max_places": "Gebruik hoogstens {decimal_places} decimalen.",
    "decimal_whole_digits": "Dit getal is te groot.",
    "finite_number": "Vul een eindig getal in.",
    "bool_type": "Kies ja of nee.",
    "datetime_parsing": "Vul een geldig tijdstip in.",
    "datetime_from_date_parsing": "Vul een geldig tijdstip in.",
    "uuid_parsing": "Vul een geldige id in.",
    "int_too_big": "Dit getal is te groot.",
}


def field_errors(exc: PydanticValidationError) -> dict[str, str]:
    return field_errors_from_list(exc.errors())


def field_errors_from_list(errors: Any) -> dict[str, str]:
    """{field: Dutch message} from pydantic's (or FastAPI's) list of error dicts."""
    out: dict[str, str] = {}
    for err in errors:
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
