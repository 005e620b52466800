"""The werkvoorraad: what needs a user, most urgent first, with the reason in words (DESIGN §6).

Items are computed by queries from the data each time (never stored), so they cannot go stale.
Each area contributes a provider module exposing `items(session, actor, today) -> list[Werkitem]`;
providers apply authorization themselves (only households the actor may see).
"""

import importlib
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from sqlalchemy.orm import Session

from app.domain.actor import Actor

Status = Literal["ok", "binnenkort", "verlopen"]

PROVIDERS = (
    "app.domain.toegang.signals",
    "app.domain.plans.signals",
    "app.domain.supervision.signals",
    "app.domain.berichten.signals",
)


@dataclass(frozen=True)
class Werkitem:
    soort: str  # machine key, e.g. "termijn_onderzoek", "evaluatie", "mantelzorg"
    tekst: str  # the reason in Dutch words
    huishouden_id: int | None
    huishouden_naam: str | None
    vervaldatum: date | None
    status: Status = "ok"
    urgentie: int = 1  # higher is more urgent
    wet: str | None = None
    team_id: int | None = None
    gemeente_id: int | None = None
    toegewezen_aan: int | None = None  # gebruiker id; None = the team queue
    route: str | None = None  # named route to act on it
    route_params: dict = field(default_factory=dict)
    object_type: str | None = None
    object_id: int | None = None


_STATUS_RANK = {"verlopen": 0, "binnenkort": 1, "ok": 2}


def sort_key(item: Werkitem) -> tuple:
    return (_STATUS_RANK[item.status], -item.urgentie, item.vervaldatum or date.max, item.huishouden_naam or "")


def collect(session: Session, actor: Actor, today: date) -> list[Werkitem]:
    out: list[Werkitem] = []
    for path in PROVIDERS:
        try:
            mod = importlib.import_module(path)
        except ModuleNotFoundError as exc:
            if exc.name == path:
                continue  # that area is not installed
            raise
        out.extend(mod.items(session, actor, today))
    return sorted(out, key=sort_key)
