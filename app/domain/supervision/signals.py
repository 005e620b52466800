"""Werkvoorraad items of the supervision area: break-the-glass accesses awaiting a supervisor's review."""

from datetime import date

from sqlalchemy.orm import Session

from app.domain.actor import Actor
from app.domain.households.service import open_break_the_glass_reviews
from app.domain.organisation.models import Rol
from app.domain.werkvoorraad import Werkitem

# A review is due within this many days of the access; after that it shows as overdue.
REVIEW_DAYS = 5


def items(session: Session, actor: Actor, today: date) -> list[Werkitem]:
    if not actor.heeft(Rol.SUPERVISOR):
        return []
    out = []
    for b in open_break_the_glass_reviews(session, actor):
        if b.gebruiker_id == actor.gebruiker_id:
            continue  # nobody reviews their own access
        opened = b.created_at.date()
        due = date.fromordinal(opened.toordinal() + REVIEW_DAYS)
        out.append(
            Werkitem(
                soort="break_the_glass",
                tekst=f"Inzage buiten de relatie door {b.gebruiker.naam} beoordelen",
                huishouden_id=b.huishouden_id,
                huishouden_naam=b.huishouden.naam,
                vervaldatum=due,
                status="verlopen" if today > due else "binnenkort",
                urgentie=3,
                team_id=b.huishouden.team_id,
                gemeente_id=b.huishouden.gemeente_id,
                toegewezen_aan=actor.gebruiker_id,
                route="goedkeuringen",
                object_type="break_the_glass",
                object_id=b.id,
            )
        )
    return out
