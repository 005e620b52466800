"""The Jinja2 environment: filters for Dutch dates and masked BSNs, and the per-request context."""

from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.templating import Jinja2Templates

from app.config import get_settings
from app.domain.households.rules import maskeer_bsn, toon_postcode
from app.domain.organisation.models import ROL_LABELS

TZ = ZoneInfo("Europe/Amsterdam")
MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def datum(value: date | datetime | None, lang: bool = False) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        value = value.date()
    if lang:
        return f"{value.day} {MAANDEN[value.month - 1]} {value.year}"
    return value.strftime("%d-%m-%Y")


def tijdstip(value: datetime | None) -> str:
    if value is None:
        return "—"
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo("UTC"))
    return value.astimezone(TZ).strftime("%d-%m-%Y %H:%M")


def iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def _context(request: Request) -> dict[str, Any]:
    cfg = get_settings()
    actor = getattr(request.state, "actor", None)
    return {
        "actor": actor,
        "csrf_token": getattr(request.state, "csrf_token", "") or request.cookies.get("toegang_csrf", ""),
        "htmx_url": cfg.htmx_url,
        "htmx_sri": cfg.htmx_sri,
        "rol_labels": ROL_LABELS,
    }


templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"), context_processors=[_context])
env = templates.env
env.filters.update(datum=datum, tijdstip=tijdstip, iso=iso, bsn=maskeer_bsn, postcode=toon_postcode)
env.globals["ROL_LABELS"] = ROL_LABELS
