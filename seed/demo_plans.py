"""Demo plans: ~8 households of the regisseur and the wijkteam with a plan, versions, regie,
schaalbesluiten (one level-5 awaiting approval), evaluations (one overdue) and a consent.

Everything goes through the plan services, as the professional who works on the household. The
meervoudige household of DEMO_FACTS is left without a plan: the browser test builds that one.
"""

import random
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.actor import Actor
from app.domain.households.models import Betrokkenheid, Huishouden
from app.domain.plans import consent, service
from app.domain.plans import schemas as s

DOELEN = [
    ("financien", "We willen weer overzicht over onze rekeningen en geen nieuwe schulden.", "Schuldhulp is nodig."),
    ("huisvesting", "We willen in dit huis blijven wonen.", None),
    ("geestelijke_gezondheid", "Ik wil me minder somber voelen en weer naar buiten gaan.", None),
    ("werk_opleiding", "Ik wil een opleiding afmaken of vrijwilligerswerk doen.", None),
    ("sociaal_netwerk", "Ik wil vaker mensen zien, niet alleen mijn familie.", None),
]


def _hh_of(session: Session, actor: Actor) -> list[Huishouden]:
    ids = select(Betrokkenheid.huishouden_id).where(
        Betrokkenheid.gebruiker_id == actor.gebruiker_id, Betrokkenheid.rol == "behandelaar"
    )
    return list(session.scalars(select(Huishouden).where(Huishouden.id.in_(ids)).order_by(Huishouden.id)))


def load_plans(session: Session, actors: dict, *, rng: random.Random, today: date) -> int:
    from seed.demo_households import DEMO_FACTS

    skip = DEMO_FACTS["meervoudig"]["naam"]
    veilig = DEMO_FACTS["veiligheid"]["naam"]
    kandidaten = [(actors["regisseur"], hh) for hh in _hh_of(session, actors["regisseur"])]
    kandidaten += [(actors["wijkteam"], hh) for hh in _hh_of(session, actors["wijkteam"])][:3]
    n = 0
    for i, (actor, hh) in enumerate(k for k in kandidaten if k[1].naam != skip):
        if n >= 8:
            break
        start = today - timedelta(days=150 - 10 * i)
        service.start_plan(
            session,
            actor,
            huishouden_id=hh.id,
            data=s.PlanCreate(
                startdatum=start,
                situatie="Het huishouden heeft op meerdere leefgebieden tegelijk zorgen; er zijn meerdere hulpverleners.",
                prioriteiten="1. Rust in de financiën. 2. Een veilig en passend huis. 3. Weer meedoen.",
            ),
        )
        for j, (gebied, woorden, oordeel) in enumerate(rng.sample(DOELEN, 2 + i % 2), 1):
            d = service.add_doel(
                session,
                actor,
                huishouden_id=hh.id,
                data=s.DoelIn(
                    leefgebied=gebied, woorden=woorden, prioriteit=j, professioneel_oordeel=oordeel, status="bezig"
                ),
            )
            service.add_actie(
                session,
                actor,
                huishouden_id=hh.id,
                doel_id=d.id,
                data=s.ActieIn(
                    wat="Eerste afspraak maken",
                    wie_soort="professional",
                    gebruiker_id=actor.gebruiker_id,
                    uiterlijk=start + timedelta(days=30),
                ),
            )
        service.create_regie(
            session,
            actor,
            huishouden_id=hh.id,
            data=s.RegieIn(
                houder="professional" if i % 3 != 2 else "huishouden",
                regisseur_id=actor.gebruiker_id,
                begindatum=start,
                betekenis="De regisseur houdt overzicht over alle hulp en is het vaste aanspreekpunt.",
            ),
        )
        service.create_schaalbesluit(
            session, actor, huishouden_id=hh.id, data=s.SchaalbesluitIn(naar=3, reden="Maatwerk nodig.", datum=start)
        )
        if i % 4 != 3:  # most plans are vastgesteld
            plan = service.get_plan(session, actor, huishouden_id=hh.id, audit_view=False)
            service.vaststellen(
                session,
                actor,
                huishouden_id=hh.id,
                data=s.Vaststellen(
                    version=plan.version, vastgesteld_op=start + timedelta(days=7), akkoord_door="De aanvrager"
                ),
            )
            plan = service.get_plan(session, actor, huishouden_id=hh.id, audit_view=False)
            # One overdue evaluation; others due later.
            volgende = today - timedelta(days=10) if i == 1 else today + timedelta(days=30 + 20 * i)
            service.update_plan(
                session,
                actor,
                huishouden_id=hh.id,
                data=s.PlanUpdate(
                    version=plan.version,
                    situatie=plan.situatie,
                    prioriteiten=plan.prioriteiten,
                    veiligheid=plan.veiligheid,
                    startdatum=plan.startdatum,
                    volgende_evaluatie=volgende,
                ),
            )
        if i == 0:  # evaluated, scaled down, and a second version
            service.add_evaluatie(
                session,
                actor,
                huishouden_id=hh.id,
                data=s.EvaluatieIn(
                    datum=today - timedelta(days=5),
                    gehoord=True,
                    schaal_conclusie="af",
                    wat_verandert="Het gaat beter; de budgetcoach blijft.",
                    volgende_evaluatie=today + timedelta(days=90),
                ),
            )
            service.create_schaalbesluit(
                session, actor, huishouden_id=hh.id, data=s.SchaalbesluitIn(naar=2, reden="Na de evaluatie: afschalen.")
            )
        if hh.naam == veilig:
            service.create_schaalbesluit(
                session,
                actor,
                huishouden_id=hh.id,
                data=s.SchaalbesluitIn(
                    naar=5, reden="Zorg over veiligheid; samenwerking stokt. Doorzettingsmacht nodig."
                ),
            )
        n += 1
    # An additional consent, recorded through the service, for a household with a vastgesteld plan.
    ondersteuner = actors["ondersteuner"]
    for actor, hh in [k for k in kandidaten if k[1].naam != skip][:1]:
        if not [t for t in consent.list_toestemmingen(session, actor, huishouden_id=hh.id) if t.actief]:
            consent.create_toestemming(
                session,
                actor,
                huishouden_id=hh.id,
                data=s.ToestemmingIn(
                    partij_soort="clientondersteuner",
                    gebruiker_id=ondersteuner.gebruiker_id,
                    scope_plan=True,
                    scope_verslag=True,
                    toelichting="Toestemming gegeven bij het vaststellen van het plan.",
                ),
            )
    return n
