"""Werkvoorraad items of the message traffic (DESIGN §6): computed by queries each time.

- A provider's verzoek om toewijzing (315) waits in the team queue of the household (or of the
  receiving gemeente for an unknown resident) until it is honoured with a 301 or refused with a 316.
- A 301 the provider refused (302 with rejection codes) or that failed the XSD and never left is a
  signal for whoever may read the household.
"""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import authz
from app.domain.actor import Actor
from app.domain.authz import Handeling
from app.domain.berichten.models import Bericht
from app.domain.households.models import Huishouden
from app.domain.werkvoorraad import Werkitem


def items(session: Session, actor: Actor, today: date) -> list[Werkitem]:
    if not actor.heeft(*authz.CASEWORK_ROLES) or actor.gebruiker_id is None:
        return []
    out: list[Werkitem] = []
    if actor.team_ids:
        rows = session.execute(
            select(Bericht, Huishouden)
            .outerjoin(Huishouden, Huishouden.id == Bericht.huishouden_id)
            .where(Bericht.status == "te_behandelen", Bericht.team_id.in_(actor.team_ids))
            .order_by(Bericht.id)
        ).all()
        for b, hh in rows:
            ontvangen = (b.ontvangen_op or b.created_at).date()
            out.append(
                Werkitem(
                    soort="verzoek_om_toewijzing",
                    tekst=f"Verzoek om toewijzing ({b.soort}) van aanbieder {b.afzender}, ontvangen "
                    f"{ontvangen:%d-%m-%Y}: honoreer met een toewijzing of wijs af",
                    huishouden_id=hh.id if hh else None,
                    huishouden_naam=hh.naam if hh else "Onbekende cliënt",
                    vervaldatum=None,
                    status="binnenkort",
                    urgentie=3,
                    wet="Jeugdwet" if b.soort.startswith("JW") else "Wmo",
                    team_id=b.team_id,
                    gemeente_id=hh.gemeente_id if hh else None,
                    toegewezen_aan=None,
                    route="berichten_verzoek",
                    route_params={"bericht_id": b.id},
                    object_type="bericht",
                    object_id=b.id,
                )
            )
    lezen = authz.visible_households(actor, Handeling.LEZEN)
    rows = session.execute(
        select(Bericht, Huishouden)
        .join(Huishouden, Huishouden.id == Bericht.huishouden_id)
        .where(
            Bericht.richting == "uit",
            Bericht.status.in_(("afgekeurd", "ongeldig")),
            Bericht.huishouden_id.in_(lezen),
        )
        .order_by(Bericht.id)
    ).all()
    for b, hh in rows:
        reden = (
            f"afgekeurd door de aanbieder ({', '.join(b.retourcodes)})"
            if b.status == "afgekeurd"
            else "niet verzonden: voldoet niet aan de XSD"
        )
        out.append(
            Werkitem(
                soort="bericht_afgekeurd",
                tekst=f"{b.soort} {b.samenvatting or ''} {reden}".replace("  ", " "),
                huishouden_id=hh.id,
                huishouden_naam=hh.naam,
                vervaldatum=None,
                status="verlopen",
                urgentie=4,
                wet="Jeugdwet" if b.soort.startswith("JW") else "Wmo",
                team_id=hh.team_id,
                gemeente_id=hh.gemeente_id,
                toegewezen_aan=None,
                route="berichten_bericht",
                route_params={"bericht_id": b.id},
                object_type="bericht",
                object_id=b.id,
            )
        )
    return out
