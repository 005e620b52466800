"""Form parsing shared by every screen: empty fields become absent, dotted names become nested dicts.

Every field is text: an uploaded file where text is expected is refused (it would otherwise be stored
as the text "UploadFile(...)"), and so is a field repeated where one value is expected.
"""

from typing import Any

from starlette.datastructures import FormData, UploadFile

from app.domain.errors import ValidationError

BESTAND_MELDING = "Hier hoort tekst, geen bestand."

LIST_FIELDS_SUFFIX = "[]"


def form_to_dict(form: FormData) -> dict[str, Any]:
    """`a.b=1` → {"a": {"b": "1"}}; `x[]` repeated → list; blank values are dropped (None)."""
    out: dict[str, Any] = {}
    refuse_files(form)
    for key in form:
        if key in ("csrf_token",):
            continue
        if key.endswith(LIST_FIELDS_SUFFIX):
            values = [str(v).strip() for v in form.getlist(key) if str(v).strip()]
            _put(out, key[: -len(LIST_FIELDS_SUFFIX)], values)
            continue
        raw = form.get(key)
        value = str(raw).strip() if raw is not None else ""
        if value == "":
            continue
        _put(out, key, value)
    return out


def refuse_files(form: FormData) -> None:
    """A ValidationError (Dutch, per field) when any field holds an uploaded file instead of text."""
    files = {
        k.removesuffix(LIST_FIELDS_SUFFIX): BESTAND_MELDING for k, v in form.multi_items() if isinstance(v, UploadFile)
    }
    if files:
        raise ValidationError(files)


def _put(out: dict[str, Any], dotted: str, value: Any) -> None:
    parts = dotted.split(".")
    cur = out
    for p in parts[:-1]:
        cur = cur.setdefault(p, {})
    cur[parts[-1]] = value


def checkbox(form: dict[str, Any], *names: str) -> dict[str, Any]:
    """Unchecked boxes send nothing; make them an explicit False."""
    for n in names:
        form[n] = form.get(n) in ("on", "true", "1", "ja", True)
    return form
