"""The household's consent (Toestemming) and the cliëntondersteuner's read-only view of the shared
plan and verslag, with reactions on behalf of the household (DESIGN §2 sharing, §7).

Without an active consent for the scope, the shared views answer NotFound: not even the household's
existence is revealed. Consent is checked on every view (authz.consent_scope) and every view is
audited.
"""

from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app import clock
from app.domain import audit, authz
from app.domain.actor import Actor
from app.domain.authz import Handeling
from app.domain.errors import NotFound, ValidationError
from app.domain.households.models import Huishouden, Lidmaatschap, Netwerklid, Persoon, Toestemming
from app.domain.households.rules import maskeer_bsn
from app.domain.households.service import check_version
from app.domain.organisation.models import Gebruiker, Rol
from app.domain.plans import schemas as s
from app.domain.plans.models import Plan, PlanVersie, Reactie

PURPOSE = "Gedeeld plan en verslag (toestemming huishouden)"
TOESTEMMING_FIELDS = (
    "partij_soort",
    "gebruiker_id",
    "aanbieder_id",
    "netwerklid_id",
    "scope_plan",
    "scope_verslag",
    "begindatum",
    "einddatum",
    "toelichting",
)


def _partij(session: Session, t: Toestemming) -> str:
    if t.partij_soort == "clientondersteuner" and t.gebruiker_id:
        g = session.get(Gebruiker, t.gebruiker_id)
        return f"{g.naam}{f' ({g.organisatie})' if g and g.organisatie else ''}" if g else ""
    if t.partij_soort == "aanbieder" and t.aanbieder_id:
        from app.domain.catalog.models import Aanbieder

        a = session.get(Aanbieder, t.aanbieder_id)
        return a.naam if a else ""
    if t.partij_soort == "netwerklid" and t.netwerklid_id:
        n = session.get(Netwerklid, t.netwerklid_id)
        return n.naam if n else ""
    return ""


def _read(session: Session, t: Toestemming) -> s.ToestemmingRead:
    return s.ToestemmingRead.model_validate(t).model_copy(
        update={"partij": _partij(session, t), "actief": t.actief_op(clock.today())}
    )


def list_toestemmingen(session: Session, actor: Actor, *, huishouden_id: int) -> list[s.ToestemmingRead]:
    hh = authz.get_household(session, actor, huishouden_id, Handeling.LEZEN)
    rows = session.scalars(
        select(Toestemming).where(Toestemming.huishouden_id == hh.id).order_by(Toestemming.begindatum.desc())
    )
    return [_read(session, t) for t in rows]


def _overlapping(session: Session, huishouden_id: int, data: s.ToestemmingIn, begin: date) -> bool:
    """One consent per party at a time: two overlapping ones would make revocation ambiguous."""
    party = {
        "clientondersteuner": Toestemming.gebruiker_id == data.gebruiker_id,
        "aanbieder": Toestemming.aanbieder_id == data.aanbieder_id,
        "netwerklid": Toestemming.netwerklid_id == data.netwerklid_id,
    }[data.partij_soort]
    q = select(Toestemming.id).where(
        Toestemming.huishouden_id == huishouden_id,
        Toestemming.partij_soort == data.partij_soort,
        party,
        Toestemming.ingetrokken_op.is_(None),
        or_(Toestemming.einddatum.is_(None), Toestemming.einddatum >= begin),
    )
    if data.einddatum is not None:
        q = q.where(Toestemming.begindatum <= data.einddatum)
    return session.scalar(q.limit(1)) is not None


def create_toestemming(
    session: Session, actor: Actor, *, huishouden_id: int, data: s.ToestemmingIn
) -> s.ToestemmingRead:
    """Record the household's consent for a cliëntondersteuner, aanbieder or netwerklid."""
    hh = authz.get_household(session, actor, huishouden_id, Handeling.SCHRIJVEN)
    begin = data.begindatum or clock.today()
    errors: dict[str, str] = {}
    if data.einddatum is not None and data.einddatum < begin:
        errors["einddatum"] = "De einddatum ligt vóór de begindatum."
    if data.partij_soort == "clientondersteuner":
        g = session.get(Gebruiker, data.gebruiker_id) if data.gebruiker_id else None
        if g is None or not g.actief or str(Rol.CLIENTONDERSTEUNER) not in g.rollen:
            errors["gebruiker_id"] = "Kies een cliëntondersteuner: alleen zij kunnen een gedeeld plan inzien."
    elif data.partij_soort == "aanbieder":
        from app.domain.catalog.models import Aanbieder

        a = session.get(Aanbieder, data.aanbieder_id) if data.aanbieder_id else None
        if a is None:
            errors["aanbieder_id"] = "Kies een aanbieder."
    else:
        n = session.get(Netwerklid, data.netwerklid_id) if data.netwerklid_id else None
        if n is None or n.huishouden_id != hh.id:
            errors["netwerklid_id"] = "Kies iemand uit het netwerk van dit huishouden."
    if not errors and _overlapping(session, hh.id, data, begin):
        errors["partij_soort"] = (
            "Deze partij heeft al een lopende toestemming in deze periode. Trek die eerst in of kies een latere begindatum."
        )
    if errors:
        raise ValidationError(errors)
    t = Toestemming(
        huishouden_id=hh.id,
        partij_soort=data.partij_soort,
        gebruiker_id=data.gebruiker_id if data.partij_soort == "clientondersteuner" else None,
        aanbieder_id=data.aanbieder_id if data.partij_soort == "aanbieder" else None,
        netwerklid_id=data.netwerklid_id if data.partij_soort == "netwerklid" else None,
        scope_plan=data.scope_plan,
        scope_verslag=data.scope_verslag,
        begindatum=begin,
        einddatum=data.einddatum,
        toelichting=data.toelichting,
    )
    session.add(t)
    session.flush()
    audit.record(
        session,
        actor,
        action="create",
        object_type="toestemming",
        object_id=t.id,
        huishouden_id=hh.id,
        purpose=PURPOSE,
        changes=audit.diff({}, audit.snapshot(t, TOESTEMMING_FIELDS)),
    )
    return _read(session, t)


def revoke_toestemming(
    session: Session, actor: Actor, *, huishouden_id: int, toestemming_id: int, data: s.ToestemmingIntrekken
) -> s.ToestemmingRead:
    """Revocation takes effect at once: the next shared view is refused."""
    hh = authz.get_household(session, actor, huishouden_id, Handeling.SCHRIJVEN)
    t = session.get(Toestemming, toestemming_id)
    if t is None or t.huishouden_id != hh.id:
        raise NotFound()
    check_version(t, data.version)
    if t.ingetrokken_op is not None:
        raise ValidationError({"__root__": "Deze toestemming is al ingetrokken."})
    t.ingetrokken_op = clock.now()
    t.ingetrokken_door_id = actor.gebruiker_id
    session.flush()
    audit.record(
        session,
        actor,
        action="update",
        object_type="toestemming",
        object_id=t.id,
        huishouden_id=hh.id,
        purpose=PURPOSE,
        reason="toestemming ingetrokken",
        changes={"ingetrokken_op": [None, t.ingetrokken_op]},
    )
    return _read(session, t)


# ---- the cliëntondersteuner's view ---------------------------------------------------------------


def _consented(session: Session, actor: Actor, huishouden_id: int, scope: str, handeling: str) -> Huishouden:
    """The household, only when an active consent covers this scope today; otherwise NotFound."""
    hh = session.get(Huishouden, huishouden_id)
    if hh is None or not actor.heeft(Rol.CLIENTONDERSTEUNER) or not authz.consent_scope(session, actor, hh.id, scope):
        authz.deny(
            session,
            actor,
            huishouden_id=hh.id if hh else None,
            handeling=handeling,
            object_type=scope,
            object_id=huishouden_id,
        )
        raise NotFound()
    return hh


def shared_households(session: Session, actor: Actor) -> list[s.GedeeldHuishouden]:
    """Households that gave this cliëntondersteuner an active consent; nothing else."""
    authz.require_role(actor, Rol.CLIENTONDERSTEUNER)
    dag = clock.today()
    rows = session.execute(
        select(Toestemming, Huishouden)
        .join(Huishouden, Huishouden.id == Toestemming.huishouden_id)
        .where(Toestemming.gebruiker_id == actor.gebruiker_id, Toestemming.ingetrokken_op.is_(None))
        .order_by(Huishouden.naam)
    ).all()
    per_hh: dict[int, s.GedeeldHuishouden] = {}
    for t, hh in rows:
        if not t.actief_op(dag):
            continue
        cur = per_hh.get(hh.id)
        if cur is None:
            per_hh[hh.id] = s.GedeeldHuishouden(
                id=hh.id,
                naam=hh.naam,
                woonplaats=hh.woonplaats,
                plan=t.scope_plan,
                verslag=t.scope_verslag,
                tot=t.einddatum,
            )
        else:
            cur.plan = cur.plan or t.scope_plan
            cur.verslag = cur.verslag or t.scope_verslag
    return list(per_hh.values())


def shared_plan(session: Session, actor: Actor, *, huishouden_id: int) -> s.GedeeldPlan | None:
    """The current vastgestelde plan version, read-only, BSN masked. None when none is vastgesteld."""
    hh = _consented(session, actor, huishouden_id, "plan", Handeling.GEDEELD_LEZEN)
    plan = session.scalars(select(Plan).where(Plan.huishouden_id == hh.id)).first()
    versie = None
    if plan is not None:
        versie = session.scalars(
            select(PlanVersie).where(PlanVersie.plan_id == plan.id).order_by(PlanVersie.versienummer.desc()).limit(1)
        ).first()
    audit.record(
        session,
        actor,
        action="view",
        object_type="plan_versie" if versie else "plan",
        object_id=versie.id if versie else None,
        huishouden_id=hh.id,
        purpose=PURPOSE,
    )
    if versie is None:
        return None
    dag = clock.today()
    leden = session.execute(
        select(Persoon, Lidmaatschap.relatie)
        .join(Lidmaatschap, Lidmaatschap.persoon_id == Persoon.id)
        .where(
            Lidmaatschap.huishouden_id == hh.id,
            (Lidmaatschap.einddatum.is_(None)) | (Lidmaatschap.einddatum >= dag),
        )
        .order_by(Persoon.geboortedatum)
    ).all()
    return s.GedeeldPlan(
        huishouden_id=hh.id,
        huishouden_naam=hh.naam,
        leden=[{"naam": p.naam, "relatie": rel, "bsn": maskeer_bsn(p.bsn)} for p, rel in leden],
        versienummer=versie.versienummer,
        vastgesteld_op=versie.vastgesteld_op,
        akkoord_door=versie.akkoord_door,
        plan=versie.snapshot,
    )


def _laatste_verslag(session: Session, huishouden_id: int) -> Any:
    try:
        from app.domain.toegang.models import Ondersteuningsvraag, Verslag
    except ImportError:
        return None
    return session.scalars(
        select(Verslag)
        .join(Ondersteuningsvraag, Ondersteuningsvraag.id == Verslag.vraag_id)
        .where(Ondersteuningsvraag.huishouden_id == huishouden_id, Verslag.verzonden_op.is_not(None))
        .order_by(Verslag.verzonden_op.desc(), Verslag.id.desc())
        .limit(1)
    ).first()


def shared_verslag(session: Session, actor: Actor, *, huishouden_id: int) -> s.GedeeldVerslag | None:
    """The latest verslag sent to the household, with consent for the scope "verslag"."""
    hh = _consented(session, actor, huishouden_id, "verslag", Handeling.GEDEELD_LEZEN)
    v = _laatste_verslag(session, hh.id)
    audit.record(
        session,
        actor,
        action="view",
        object_type="verslag",
        object_id=v.id if v else None,
        huishouden_id=hh.id,
        purpose=PURPOSE,
    )
    if v is None:
        return None
    return s.GedeeldVerslag(huishouden_id=hh.id, verslag_id=v.id, tekst=v.tekst, verzonden_op=v.verzonden_op)


def may_share(session: Session, actor: Actor, huishouden_id: int, scope: str) -> bool:
    return actor.heeft(Rol.CLIENTONDERSTEUNER) and authz.consent_scope(session, actor, huishouden_id, scope)


def add_reaction(session: Session, actor: Actor, *, huishouden_id: int, data: s.ReactieIn) -> s.ReactieRead:
    """A reaction on behalf of the household on the shared plan or verslag; the regisseur sees it."""
    hh = _consented(session, actor, huishouden_id, data.soort, Handeling.REAGEREN)
    authz.require(session, actor, hh, Handeling.REAGEREN)
    plan_id = verslag_id = None
    if data.soort == "plan":
        plan = session.scalars(select(Plan).where(Plan.huishouden_id == hh.id)).first()
        if plan is None:
            raise ValidationError({"tekst": "Er is nog geen plan om op te reageren."})
        plan_id = plan.id
    else:
        v = _laatste_verslag(session, hh.id)
        if v is None:
            raise ValidationError({"tekst": "Er is nog geen verslag om op te reageren."})
        verslag_id = v.id
    r = Reactie(
        huishouden_id=hh.id,
        plan_id=plan_id,
        verslag_id=verslag_id,
        gebruiker_id=actor.gebruiker_id,
        tekst=data.tekst or "",
        created_at=clock.now(),
    )
    session.add(r)
    session.flush()
    audit.record(
        session,
        actor,
        action="create",
        object_type="reactie",
        object_id=r.id,
        huishouden_id=hh.id,
        purpose=PURPOSE,
        changes={"soort": [None, data.soort]},
    )
    return s.ReactieRead(
        id=r.id,
        huishouden_id=hh.id,
        plan_id=plan_id,
        verslag_id=verslag_id,
        tekst=r.tekst,
        door=actor.naam,
        created_at=r.created_at,
        gelezen_door_regisseur_op=None,
    )


def my_reactions(session: Session, actor: Actor, *, huishouden_id: int) -> list[s.ReactieRead]:
    """The cliëntondersteuner's own reactions on this household (needs any active consent)."""
    if not (may_share(session, actor, huishouden_id, "plan") or may_share(session, actor, huishouden_id, "verslag")):
        raise NotFound()
    return [
        s.ReactieRead(
            id=r.id,
            huishouden_id=r.huishouden_id,
            plan_id=r.plan_id,
            verslag_id=r.verslag_id,
            tekst=r.tekst,
            door=actor.naam,
            created_at=r.created_at,
            gelezen_door_regisseur_op=r.gelezen_door_regisseur_op,
        )
        for r in session.scalars(
            select(Reactie)
            .where(Reactie.huishouden_id == huishouden_id, Reactie.gebruiker_id == actor.gebruiker_id)
            .order_by(Reactie.id.desc())
        )
    ]


def mark_reactions_read(session: Session, actor: Actor, *, huishouden_id: int) -> int:
    """The regisseur has read the new reactions on this household."""
    hh = authz.get_household(session, actor, huishouden_id, Handeling.SCHRIJVEN)
    now = clock.now()
    n = 0
    for r in session.scalars(
        select(Reactie).where(Reactie.huishouden_id == hh.id, Reactie.gelezen_door_regisseur_op.is_(None))
    ):
        r.gelezen_door_regisseur_op = now
        n += 1
    session.flush()
    if n:
        audit.record(
            session,
            actor,
            action="update",
            object_type="reactie",
            huishouden_id=hh.id,
            purpose=PURPOSE,
            changes={"gelezen": [0, n]},
        )
    return n
