"""Use cases of the één plan: the plan with doelen and acties, vaststellen and versions, evaluations,
regie-afspraken, op- en afschaling and the 18-/18+ transition (DESIGN §3, §5).

Every function takes (session, actor, *, ...), checks authorization through authz, validates before
changing anything, and writes the audit event in the same transaction. Consent and the
cliëntondersteuner's view live in `consent.py`.
"""

from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app import clock
from app.domain import audit, authz
from app.domain.actor import Actor
from app.domain.authz import Handeling
from app.domain.codelists import service as codes
from app.domain.errors import Conflict, InvalidTransition, NotAllowed, NotFound, ValidationError
from app.domain.households.models import Betrokkenheid, Huishouden, Lidmaatschap, Netwerklid, Persoon
from app.domain.households.service import check_version
from app.domain.organisation.models import Gebruiker, GebruikerRol, Rol
from app.domain.plans import rules
from app.domain.plans import schemas as s
from app.domain.plans.models import (
    Actie,
    Doel,
    Evaluatie,
    Overgang18,
    Plan,
    PlanVersie,
    Reactie,
    Regieafspraak,
    Schaalbesluit,
)

PURPOSE = "Eén plan per huishouden"
PLAN_FIELDS = ("status", "situatie", "prioriteiten", "veiligheid", "startdatum", "volgende_evaluatie")
DOEL_FIELDS = ("leefgebied", "woorden", "prioriteit", "akkoord_huishouden", "status", "professioneel_oordeel")
ACTIE_FIELDS = (
    "wat",
    "wie_soort",
    "persoon_id",
    "netwerklid_id",
    "gebruiker_id",
    "voorziening_id",
    "uiterlijk",
    "status",
)
REGIE_FIELDS = ("houder", "netwerklid_id", "regisseur_id", "begindatum", "einddatum", "betekenis")
STANDAARD_EVALUATIE_NA = timedelta(days=182)
REGISSEUR_ROLLEN = (Rol.REGISSEUR, Rol.TOEGANGSMEDEWERKER, Rol.SUPERVISOR)


# ---- loading -------------------------------------------------------------------------------------


def _household(session: Session, actor: Actor, huishouden_id: int, handeling: Handeling) -> Huishouden:
    return authz.get_household(session, actor, huishouden_id, handeling)


def _plan_of(session: Session, huishouden_id: int) -> Plan | None:
    return session.scalars(select(Plan).where(Plan.huishouden_id == huishouden_id)).first()


def _require_plan(session: Session, huishouden_id: int) -> Plan:
    plan = _plan_of(session, huishouden_id)
    if plan is None:
        raise NotFound("Dit huishouden heeft nog geen plan.")
    return plan


def _record(session: Session, actor: Actor, hh_id: int, action: str, object_type: str, object_id: Any, **kw: Any):  # type: ignore[no-untyped-def]
    return audit.record(
        session,
        actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        huishouden_id=hh_id,
        purpose=PURPOSE,
        **kw,
    )


def may(session: Session, actor: Actor, huishouden_id: int, handeling: Handeling) -> bool:
    """Policy for templates: may the actor do this on the household (no audit, no raise)."""
    hh = session.get(Huishouden, huishouden_id)
    return hh is not None and authz.decide(session, actor, hh, handeling).ok


# ---- names for the "who" of acties and regie ----------------------------------------------------


def _voorzieningen(session: Session, huishouden_id: int, *, alleen_actief: bool = False) -> list[Any]:
    try:
        from app.domain.toegang.models import Maatwerkvoorziening
    except ImportError:  # the toegang area is optional
        return []
    q = (
        select(Maatwerkvoorziening)
        .where(Maatwerkvoorziening.huishouden_id == huishouden_id)
        .options(selectinload(Maatwerkvoorziening.product))
        .order_by(Maatwerkvoorziening.ingangsdatum, Maatwerkvoorziening.id)
    )
    if alleen_actief:
        q = q.where(Maatwerkvoorziening.status == "actief")
    return list(session.scalars(q))


def keuzes(session: Session, actor: Actor, *, huishouden_id: int) -> dict[str, list[tuple[Any, str]]]:
    """The options of the plan forms: leefgebieden, members, network, professionals, voorzieningen."""
    hh = _household(session, actor, huishouden_id, Handeling.LEZEN)
    dag = clock.today()
    leden = session.execute(
        select(Persoon.id, Persoon.voornamen, Persoon.voorvoegsel, Persoon.achternaam)
        .join(Lidmaatschap, Lidmaatschap.persoon_id == Persoon.id)
        .where(
            Lidmaatschap.huishouden_id == hh.id,
            (Lidmaatschap.einddatum.is_(None)) | (Lidmaatschap.einddatum >= dag),
        )
        .order_by(Persoon.geboortedatum)
    ).all()
    netwerk = session.execute(
        select(Netwerklid.id, Netwerklid.naam, Netwerklid.relatie)
        .where(Netwerklid.huishouden_id == hh.id, Netwerklid.actief.is_(True))
        .order_by(Netwerklid.naam)
    ).all()
    professionals = session.execute(
        select(Gebruiker.id, Gebruiker.naam)
        .join(GebruikerRol, GebruikerRol.gebruiker_id == Gebruiker.id)
        .where(Gebruiker.actief.is_(True), GebruikerRol.rol.in_([str(r) for r in REGISSEUR_ROLLEN]))
        .distinct()
        .order_by(Gebruiker.naam)
    ).all()
    ondersteuners = session.execute(
        select(Gebruiker.id, Gebruiker.naam, Gebruiker.organisatie)
        .join(GebruikerRol, GebruikerRol.gebruiker_id == Gebruiker.id)
        .where(Gebruiker.actief.is_(True), GebruikerRol.rol == str(Rol.CLIENTONDERSTEUNER))
        .order_by(Gebruiker.naam)
    ).all()
    try:
        from app.domain.catalog.models import Aanbieder

        aanbieders = [
            (a.id, a.naam)
            for a in session.scalars(select(Aanbieder).where(Aanbieder.actief.is_(True)).order_by(Aanbieder.naam))
        ]
    except ImportError:
        aanbieders = []
    return {
        "leefgebieden": codes.options(session, "zrm_domein"),
        "leden": [(p.id, " ".join(x for x in (p.voornamen, p.voorvoegsel, p.achternaam) if x)) for p in leden],
        "netwerk": [(n.id, f"{n.naam} ({n.relatie})") for n in netwerk],
        "professionals": [(g.id, g.naam) for g in professionals],
        "ondersteuners": [(g.id, f"{g.naam}{f' ({g.organisatie})' if g.organisatie else ''}") for g in ondersteuners],
        "aanbieders": aanbieders,
        "voorzieningen": [(v.id, f"{v.product.naam} ({v.wet}, {v.status})") for v in _voorzieningen(session, hh.id)],
    }


def _namen(session: Session, huishouden_id: int) -> dict[str, dict[int, str]]:
    k: dict[str, dict[int, str]] = {"persoon": {}, "netwerklid": {}, "gebruiker": {}, "voorziening": {}}
    for p in session.scalars(
        select(Persoon)
        .join(Lidmaatschap, Lidmaatschap.persoon_id == Persoon.id)
        .where(Lidmaatschap.huishouden_id == huishouden_id)
    ):
        k["persoon"][p.id] = p.naam
    for n in session.scalars(select(Netwerklid).where(Netwerklid.huishouden_id == huishouden_id)):
        k["netwerklid"][n.id] = n.naam
    for v in _voorzieningen(session, huishouden_id):
        k["voorziening"][v.id] = f"{v.product.naam} ({v.wet})"
    return k


def _gebruiker_naam(session: Session, gebruiker_id: int | None, cache: dict[int, str] | None = None) -> str | None:
    if gebruiker_id is None:
        return None
    if cache is not None and gebruiker_id in cache:
        return cache[gebruiker_id]
    g = session.get(Gebruiker, gebruiker_id)
    naam = g.naam if g else None
    if cache is not None and naam:
        cache[gebruiker_id] = naam
    return naam


def _wie(session: Session, a: Actie, namen: dict[str, dict[int, str]]) -> str:
    if a.wie_soort == "inwoner":
        return namen["persoon"].get(a.persoon_id or 0, "Het huishouden")
    if a.wie_soort == "netwerklid":
        return namen["netwerklid"].get(a.netwerklid_id or 0, "Iemand uit het netwerk")
    if a.wie_soort == "professional":
        return _gebruiker_naam(session, a.gebruiker_id, namen["gebruiker"]) or "Een professional"
    return namen["voorziening"].get(a.voorziening_id or 0, "Een maatwerkvoorziening")


# ---- plan read -----------------------------------------------------------------------------------


def _doelen(session: Session, plan: Plan) -> list[Doel]:
    return list(
        session.scalars(
            select(Doel)
            .where(Doel.plan_id == plan.id)
            .options(selectinload(Doel.acties))
            .order_by(Doel.prioriteit, Doel.id)
        )
    )


def _doelen_read(session: Session, plan: Plan, namen: dict | None = None) -> list[s.DoelRead]:
    namen = namen or _namen(session, plan.huishouden_id)
    labels = dict(codes.options(session, "zrm_domein"))
    out = []
    for d in _doelen(session, plan):
        acties = [
            s.ActieRead(
                id=a.id,
                wat=a.wat,
                wie_soort=a.wie_soort,
                wie=_wie(session, a, namen),
                persoon_id=a.persoon_id,
                netwerklid_id=a.netwerklid_id,
                gebruiker_id=a.gebruiker_id,
                voorziening_id=a.voorziening_id,
                uiterlijk=a.uiterlijk,
                status=a.status,
                version=a.version,
            )
            for a in d.acties
        ]
        out.append(
            s.DoelRead(
                id=d.id,
                leefgebied=d.leefgebied,
                leefgebied_label=labels.get(d.leefgebied, d.leefgebied),
                woorden=d.woorden,
                prioriteit=d.prioriteit,
                akkoord_huishouden=d.akkoord_huishouden,
                status=d.status,
                professioneel_oordeel=d.professioneel_oordeel,
                version=d.version,
                acties=acties,
            )
        )
    return out


def _snapshot(session: Session, plan: Plan) -> dict[str, Any]:
    """The whole plan as plain data, as the household agreed to it (stored with each version)."""
    doelen = _doelen_read(session, plan)
    return {
        "situatie": plan.situatie,
        "prioriteiten": plan.prioriteiten,
        "veiligheid": plan.veiligheid,
        "startdatum": plan.startdatum.isoformat(),
        "volgende_evaluatie": plan.volgende_evaluatie.isoformat() if plan.volgende_evaluatie else None,
        "doelen": [
            {
                "id": d.id,
                "leefgebied": d.leefgebied_label,
                "woorden": d.woorden,
                "prioriteit": d.prioriteit,
                "akkoord_huishouden": d.akkoord_huishouden,
                "status": d.status,
                "professioneel_oordeel": d.professioneel_oordeel,
                "acties": [
                    {
                        "id": a.id,
                        "wat": a.wat,
                        "wie": a.wie,
                        "uiterlijk": a.uiterlijk.isoformat() if a.uiterlijk else None,
                        "status": a.status,
                    }
                    for a in d.acties
                ],
            }
            for d in doelen
        ],
    }


def _plan_read(session: Session, hh: Huishouden, plan: Plan) -> s.PlanRead:
    cache: dict[int, str] = {}
    versies = session.scalars(
        select(PlanVersie).where(PlanVersie.plan_id == plan.id).order_by(PlanVersie.versienummer.desc())
    ).all()
    evaluaties = session.scalars(
        select(Evaluatie).where(Evaluatie.plan_id == plan.id).order_by(Evaluatie.datum.desc(), Evaluatie.id.desc())
    ).all()
    return s.PlanRead(
        id=plan.id,
        huishouden_id=hh.id,
        huishouden_naam=hh.naam,
        status=plan.status,
        status_label=rules.PLAN_STATUS_LABELS[rules.PlanStatus(plan.status)],
        situatie=plan.situatie,
        prioriteiten=plan.prioriteiten,
        veiligheid=plan.veiligheid,
        veiligheidszorg=hh.veiligheidszorg,
        startdatum=plan.startdatum,
        volgende_evaluatie=plan.volgende_evaluatie,
        version=plan.version,
        doelen=_doelen_read(session, plan),
        versies=[
            s.PlanVersieRead(
                id=v.id,
                versienummer=v.versienummer,
                vastgesteld_op=v.vastgesteld_op,
                akkoord_door=v.akkoord_door,
                vastgesteld_door=_gebruiker_naam(session, v.vastgesteld_door_id, cache),
            )
            for v in versies
        ],
        evaluaties=[
            s.EvaluatieRead(
                id=e.id,
                datum=e.datum,
                voortgang=e.voortgang or {},
                gehoord=e.gehoord,
                wat_verandert=e.wat_verandert,
                schaal_conclusie=e.schaal_conclusie,
                uitgevoerd_door=_gebruiker_naam(session, e.uitgevoerd_door_id, cache),
            )
            for e in evaluaties
        ],
        reacties=_reacties(session, hh.id, cache),
    )


def _reacties(session: Session, huishouden_id: int, cache: dict[int, str]) -> list[s.ReactieRead]:
    rows = session.scalars(
        select(Reactie).where(Reactie.huishouden_id == huishouden_id).order_by(Reactie.id.desc())
    ).all()
    return [
        s.ReactieRead(
            id=r.id,
            huishouden_id=r.huishouden_id,
            plan_id=r.plan_id,
            verslag_id=r.verslag_id,
            tekst=r.tekst,
            door=_gebruiker_naam(session, r.gebruiker_id, cache) or "",
            created_at=r.created_at,
            gelezen_door_regisseur_op=r.gelezen_door_regisseur_op,
        )
        for r in rows
    ]


def get_plan(session: Session, actor: Actor, *, huishouden_id: int, audit_view: bool = True) -> s.PlanRead | None:
    """The household's plan (None when it has none yet); the look is audited."""
    hh = _household(session, actor, huishouden_id, Handeling.LEZEN)
    plan = _plan_of(session, hh.id)
    if plan is None:
        return None
    if audit_view:
        _record(session, actor, hh.id, "view", "plan", plan.id)
    return _plan_read(session, hh, plan)


def plan_status(session: Session, actor: Actor, *, huishouden_id: int) -> dict[str, Any]:
    """Summary for the dossier section: no content beyond status, dates and counts."""
    hh = _household(session, actor, huishouden_id, Handeling.LEZEN)
    plan = _plan_of(session, hh.id)
    if plan is None:
        return {"plan": None}
    n_doelen = session.scalar(select(func.count(Doel.id)).where(Doel.plan_id == plan.id)) or 0
    laatste = session.scalars(
        select(PlanVersie).where(PlanVersie.plan_id == plan.id).order_by(PlanVersie.versienummer.desc()).limit(1)
    ).first()
    return {
        "plan": plan,
        "status_label": rules.PLAN_STATUS_LABELS[rules.PlanStatus(plan.status)],
        "n_doelen": n_doelen,
        "laatste_versie": laatste,
        "evaluatie_signaal": rules.signaal_evaluatie(plan.volgende_evaluatie, clock.today()),
        "nieuwe_reacties": session.scalar(
            select(func.count(Reactie.id)).where(
                Reactie.huishouden_id == hh.id, Reactie.gelezen_door_regisseur_op.is_(None)
            )
        )
        or 0,
    }


# ---- plan changes --------------------------------------------------------------------------------


def _editable(plan: Plan) -> None:
    if plan.status == rules.PlanStatus.AFGESLOTEN:
        raise InvalidTransition("Het plan is afgesloten. Heropen het plan voordat u het wijzigt.")


def _back_to_concept(session: Session, actor: Actor, plan: Plan) -> None:
    """A change to a vastgesteld plan drafts a new version: the plan is concept until agreed again."""
    if plan.status in (rules.PlanStatus.VASTGESTELD, rules.PlanStatus.GEEVALUEERD):
        oud = plan.status
        plan.status = rules.PlanStatus.CONCEPT.value
        session.flush()
        _record(session, actor, plan.huishouden_id, "transition", "plan", plan.id, changes={"status": [oud, "concept"]})


def start_plan(session: Session, actor: Actor, *, huishouden_id: int, data: s.PlanCreate) -> s.PlanRead:
    """Start the household's one plan (across all laws)."""
    hh = _household(session, actor, huishouden_id, Handeling.SCHRIJVEN)
    if _plan_of(session, hh.id) is not None:
        raise Conflict("Dit huishouden heeft al een plan: één huishouden, één plan.")
    plan = Plan(
        huishouden_id=hh.id,
        status=rules.PlanStatus.CONCEPT.value,
        situatie=data.situatie,
        prioriteiten=data.prioriteiten,
        startdatum=data.startdatum or clock.today(),
        aangemaakt_door_id=actor.gebruiker_id,
    )
    session.add(plan)
    session.flush()
    _record(session, actor, hh.id, "create", "plan", plan.id, changes=audit.diff({}, audit.snapshot(plan, PLAN_FIELDS)))
    return _plan_read(session, hh, plan)


def update_plan(session: Session, actor: Actor, *, huishouden_id: int, data: s.PlanUpdate) -> s.PlanRead:
    """Situation overview, the household's priorities, the safety paragraph and the dates."""
    hh = _household(session, actor, huishouden_id, Handeling.SCHRIJVEN)
    plan = _require_plan(session, hh.id)
    check_version(plan, data.version)
    _editable(plan)
    eerste_actie = session.scalar(
        select(func.min(Actie.uiterlijk)).join(Doel, Doel.id == Actie.doel_id).where(Doel.plan_id == plan.id)
    )
    if eerste_actie is not None and data.startdatum > eerste_actie:
        raise ValidationError({"startdatum": "Er zijn acties met een datum vóór deze startdatum."})
    if data.volgende_evaluatie is not None and data.volgende_evaluatie < data.startdatum:
        raise ValidationError({"volgende_evaluatie": "De evaluatiedatum ligt vóór de start van het plan."})
    before = audit.snapshot(plan, PLAN_FIELDS)
    inhoud = ("situatie", "prioriteiten", "veiligheid", "startdatum")
    gewijzigd = any(getattr(plan, f) != getattr(data, f) for f in inhoud)
    for f in (*inhoud, "volgende_evaluatie"):
        setattr(plan, f, getattr(data, f))
    session.flush()
    changes = audit.diff(before, audit.snapshot(plan, PLAN_FIELDS))
    if changes:
        _record(session, actor, hh.id, "update", "plan", plan.id, changes=changes)
    if gewijzigd:
        _back_to_concept(session, actor, plan)
    return _plan_read(session, hh, plan)


def _check_leefgebied(session: Session, code: str) -> None:
    if not codes.is_valid(session, "zrm_domein", code):
        raise ValidationError({"leefgebied": "Kies een leefgebied uit de lijst."})


def add_doel(session: Session, actor: Actor, *, huishouden_id: int, data: s.DoelIn) -> s.DoelRead:
    hh = _household(session, actor, huishouden_id, Handeling.SCHRIJVEN)
    plan = _require_plan(session, hh.id)
    _editable(plan)
    assert data.leefgebied is not None and data.woorden is not None
    _check_leefgebied(session, data.leefgebied)
    d = Doel(plan_id=plan.id, **data.model_dump(include=set(DOEL_FIELDS)))
    session.add(d)
    session.flush()
    _record(session, actor, hh.id, "create", "doel", d.id, changes=audit.diff({}, audit.snapshot(d, DOEL_FIELDS)))
    _back_to_concept(session, actor, plan)
    return next(x for x in _doelen_read(session, plan) if x.id == d.id)


def _doel(session: Session, plan: Plan, doel_id: int) -> Doel:
    d = session.get(Doel, doel_id)
    if d is None or d.plan_id != plan.id:
        raise NotFound()
    return d


def update_doel(session: Session, actor: Actor, *, huishouden_id: int, doel_id: int, data: s.DoelUpdate) -> s.DoelRead:
    hh = _household(session, actor, huishouden_id, Handeling.SCHRIJVEN)
    plan = _require_plan(session, hh.id)
    d = _doel(session, plan, doel_id)
    check_version(d, data.version)
    _editable(plan)
    assert data.leefgebied is not None
    _check_leefgebied(session, data.leefgebied)
    before = audit.snapshot(d, DOEL_FIELDS)
    for f in DOEL_FIELDS:
        setattr(d, f, getattr(data, f))
    session.flush()
    changes = audit.diff(before, audit.snapshot(d, DOEL_FIELDS))
    if changes:
        _record(session, actor, hh.id, "update", "doel", d.id, changes=changes)
        _back_to_concept(session, actor, plan)
    return next(x for x in _doelen_read(session, plan) if x.id == d.id)


def _check_actie(session: Session, hh: Huishouden, plan: Plan, data: s.ActieIn) -> None:
    errors: dict[str, str] = {}
    if data.uiterlijk is not None and data.uiterlijk < plan.startdatum:
        errors["uiterlijk"] = (
            f"De datum ligt vóór de start van het plan ({plan.startdatum.strftime('%d-%m-%Y')}). Kies een latere datum."
        )
    if data.wie_soort == "inwoner" and data.persoon_id is not None:
        lid = session.scalar(
            select(Lidmaatschap.id).where(
                Lidmaatschap.huishouden_id == hh.id, Lidmaatschap.persoon_id == data.persoon_id
            )
        )
        if lid is None:
            errors["persoon_id"] = "Kies iemand uit het huishouden."
    if data.wie_soort == "netwerklid":
        n = session.get(Netwerklid, data.netwerklid_id)
        if n is None or n.huishouden_id != hh.id:
            errors["netwerklid_id"] = "Kies iemand uit het netwerk van dit huishouden."
    if data.wie_soort == "professional":
        g = session.get(Gebruiker, data.gebruiker_id)
        if g is None or not g.actief:
            errors["gebruiker_id"] = "Kies een professional."
    if data.wie_soort == "voorziening" and data.voorziening_id not in {v.id for v in _voorzieningen(session, hh.id)}:
        errors["voorziening_id"] = "Kies een maatwerkvoorziening van dit huishouden."
    if errors:
        raise ValidationError(errors)


def _actie_values(data: s.ActieIn) -> dict[str, Any]:
    v = data.model_dump(include=set(ACTIE_FIELDS))
    # Only the reference that belongs to the chosen kind of "who" is kept.
    keep = {"inwoner": "persoon_id", "netwerklid": "netwerklid_id", "professional": "gebruiker_id"}.get(
        data.wie_soort, "voorziening_id"
    )
    for f in ("persoon_id", "netwerklid_id", "gebruiker_id", "voorziening_id"):
        if f != keep:
            v[f] = None
    return v


def add_actie(session: Session, actor: Actor, *, huishouden_id: int, doel_id: int, data: s.ActieIn) -> s.ActieRead:
    hh = _household(session, actor, huishouden_id, Handeling.SCHRIJVEN)
    plan = _require_plan(session, hh.id)
    d = _doel(session, plan, doel_id)
    _editable(plan)
    _check_actie(session, hh, plan, data)
    a = Actie(doel_id=d.id, **_actie_values(data))
    session.add(a)
    session.flush()
    _record(session, actor, hh.id, "create", "actie", a.id, changes=audit.diff({}, audit.snapshot(a, ACTIE_FIELDS)))
    _back_to_concept(session, actor, plan)
    return s.ActieRead.model_validate(a).model_copy(update={"wie": _wie(session, a, _namen(session, hh.id))})


def update_actie(
    session: Session, actor: Actor, *, huishouden_id: int, actie_id: int, data: s.ActieUpdate
) -> s.ActieRead:
    hh = _household(session, actor, huishouden_id, Handeling.SCHRIJVEN)
    plan = _require_plan(session, hh.id)
    a = session.get(Actie, actie_id)
    if a is None:
        raise NotFound()
    _doel(session, plan, a.doel_id)
    check_version(a, data.version)
    _editable(plan)
    _check_actie(session, hh, plan, data)
    before = audit.snapshot(a, ACTIE_FIELDS)
    for f, value in _actie_values(data).items():
        setattr(a, f, value)
    session.flush()
    changes = audit.diff(before, audit.snapshot(a, ACTIE_FIELDS))
    if changes:
        _record(session, actor, hh.id, "update", "actie", a.id, changes=changes)
        _back_to_concept(session, actor, plan)
    return s.ActieRead.model_validate(a).model_copy(update={"wie": _wie(session, a, _namen(session, hh.id))})


# ---- vaststellen, versions, status ---------------------------------------------------------------


def _transition(session: Session, actor: Actor, plan: Plan, naar: rules.PlanStatus) -> None:
    fout = rules.check_plan_transition(plan.status, naar.value)
    if fout:
        raise InvalidTransition(fout)
    oud = plan.status
    plan.status = naar.value
    session.flush()
    _record(session, actor, plan.huishouden_id, "transition", "plan", plan.id, changes={"status": [oud, naar.value]})


def vaststellen(session: Session, actor: Actor, *, huishouden_id: int, data: s.Vaststellen) -> s.PlanVersieRead:
    """Agree the plan with the household: a new version with a snapshot of the whole plan."""
    hh = _household(session, actor, huishouden_id, Handeling.SCHRIJVEN)
    plan = _require_plan(session, hh.id)
    check_version(plan, data.version)
    dag = data.vastgesteld_op or clock.today()
    if dag > clock.today():
        raise ValidationError({"vastgesteld_op": "De datum van vaststellen ligt in de toekomst."})
    if not session.scalar(select(func.count(Doel.id)).where(Doel.plan_id == plan.id)):
        raise ValidationError(
            {"__root__": "Een plan zonder doelen kan niet worden vastgesteld. Voeg eerst een doel toe."}
        )
    fout = rules.check_plan_transition(plan.status, rules.PlanStatus.VASTGESTELD.value)
    if fout:
        raise InvalidTransition(fout)
    nummer = (session.scalar(select(func.max(PlanVersie.versienummer)).where(PlanVersie.plan_id == plan.id)) or 0) + 1
    if plan.volgende_evaluatie is None:
        plan.volgende_evaluatie = dag + STANDAARD_EVALUATIE_NA
    v = PlanVersie(
        plan_id=plan.id,
        versienummer=nummer,
        vastgesteld_op=dag,
        akkoord_door=data.akkoord_door or "",
        snapshot=_snapshot(session, plan),
        vastgesteld_door_id=actor.gebruiker_id,
    )
    session.add(v)
    _transition(session, actor, plan, rules.PlanStatus.VASTGESTELD)
    _record(
        session,
        actor,
        hh.id,
        "create",
        "plan_versie",
        v.id,
        changes={"versienummer": [None, nummer], "akkoord_door": [None, v.akkoord_door]},
    )
    return s.PlanVersieRead(
        id=v.id,
        versienummer=nummer,
        vastgesteld_op=dag,
        akkoord_door=v.akkoord_door,
        vastgesteld_door=actor.naam,
    )


def afsluiten(session: Session, actor: Actor, *, huishouden_id: int, data: s.Afsluiten) -> None:
    hh = _household(session, actor, huishouden_id, Handeling.SCHRIJVEN)
    plan = _require_plan(session, hh.id)
    check_version(plan, data.version)
    _transition(session, actor, plan, rules.PlanStatus.AFGESLOTEN)


def heropenen(session: Session, actor: Actor, *, huishouden_id: int, data: s.Bijstellen) -> None:
    hh = _household(session, actor, huishouden_id, Handeling.SCHRIJVEN)
    plan = _require_plan(session, hh.id)
    check_version(plan, data.version)
    _transition(session, actor, plan, rules.PlanStatus.CONCEPT)


_VELD_LABELS = {
    "situatie": "Situatie",
    "prioriteiten": "Prioriteiten van het huishouden",
    "veiligheid": "Veiligheid",
    "startdatum": "Startdatum",
    "volgende_evaluatie": "Volgende evaluatie",
    "leefgebied": "leefgebied",
    "woorden": "tekst",
    "prioriteit": "prioriteit",
    "akkoord_huishouden": "akkoord huishouden",
    "status": "status",
    "professioneel_oordeel": "oordeel professional",
    "wat": "wat",
    "wie": "wie",
    "uiterlijk": "uiterlijk",
}


def _beschrijf(pad: str, oud: Any, nieuw: Any, doelen: dict[int, str]) -> str:
    """A Dutch label for a diff path such as doelen[id=3].acties[id=7].status."""
    import re

    delen = []
    for m in re.finditer(r"(doelen|acties)\[id=(\d+)\]|\.?([a-z_]+)", pad):
        if m.group(1) == "doelen":
            delen.append(f"Doel “{doelen.get(int(m.group(2)), m.group(2))}”")
        elif m.group(1) == "acties":
            delen.append("actie")
        elif m.group(3) and m.group(3) not in ("doelen", "acties"):
            delen.append(_VELD_LABELS.get(m.group(3), m.group(3)))
    tekst = ", ".join(delen) or pad
    if oud is None and isinstance(nieuw, dict):
        return f"{tekst} toegevoegd"
    if nieuw is None and isinstance(oud, dict):
        return f"{tekst} verwijderd"
    return tekst


_STATUS_LABELS: dict[str, str] = {
    **{k.value: v for k, v in rules.DOEL_STATUS_LABELS.items()},
    **{k.value: v for k, v in rules.ACTIE_STATUS_LABELS.items()},
}


def _kort(value: Any, pad: str = "") -> str:
    """A value of the snapshot as the household reads it: labels, not codes; dd-mm-jjjj dates."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dict):
        return str(value.get("woorden") or value.get("wat") or "")
    if pad.endswith("status") and isinstance(value, str):
        return _STATUS_LABELS.get(value, value)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value).strftime("%d-%m-%Y")
        except ValueError:
            return value
    return str(value)


def _afgekort(tekst: str, n: int = 60) -> str:
    """Cut at a word boundary, so a goal's words stay readable in the comparison."""
    if len(tekst) <= n:
        return tekst
    return tekst[:n].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


def compare_versions(session: Session, actor: Actor, *, huishouden_id: int, versienummer: int) -> dict[str, Any]:
    """Compare a vastgestelde version with the previous one (rules.diff_plan), in readable rows."""
    hh = _household(session, actor, huishouden_id, Handeling.LEZEN)
    plan = _require_plan(session, hh.id)
    versies = {v.versienummer: v for v in session.scalars(select(PlanVersie).where(PlanVersie.plan_id == plan.id))}
    huidige = versies.get(versienummer)
    if huidige is None:
        raise NotFound()
    vorige = versies.get(versienummer - 1)
    vorig_snap = vorige.snapshot if vorige else {}
    doelen = {
        d["id"]: _afgekort(d["woorden"]) for snap in (vorig_snap, huidige.snapshot) for d in snap.get("doelen", [])
    }
    rijen = [
        {"onderdeel": _beschrijf(pad, oud, nieuw, doelen), "oud": _kort(oud, pad), "nieuw": _kort(nieuw, pad)}
        for pad, oud, nieuw in rules.diff_plan(vorig_snap, huidige.snapshot)
    ]
    _record(session, actor, hh.id, "view", "plan_versie", huidige.id)
    return {"versie": huidige, "vorige": vorige, "rijen": rijen, "snapshot": huidige.snapshot}


# ---- evaluations ---------------------------------------------------------------------------------


def add_evaluatie(session: Session, actor: Actor, *, huishouden_id: int, data: s.EvaluatieIn) -> s.EvaluatieRead:
    """Progress per doel, whether the household felt heard, and the op-/afschaling question."""
    hh = _household(session, actor, huishouden_id, Handeling.SCHRIJVEN)
    plan = _require_plan(session, hh.id)
    _editable(plan)
    dag = data.datum or clock.today()
    errors: dict[str, str] = {}
    if dag > clock.today():
        errors["datum"] = "Een evaluatie kan niet in de toekomst worden vastgelegd."
    if dag < plan.startdatum:
        errors["datum"] = "De evaluatie ligt vóór de start van het plan."
    if not session.scalar(select(func.count(PlanVersie.id)).where(PlanVersie.plan_id == plan.id)):
        errors["__root__"] = "Evalueer een plan nadat het met het huishouden is vastgesteld."
    volgende = data.volgende_evaluatie or dag + STANDAARD_EVALUATIE_NA
    if volgende <= dag:
        errors["volgende_evaluatie"] = "De volgende evaluatie ligt na deze evaluatie."
    doel_ids = {str(i) for i in session.scalars(select(Doel.id).where(Doel.plan_id == plan.id))}
    voortgang = {k: v.strip() for k, v in data.voortgang.items() if k in doel_ids and v and v.strip()}
    if errors:
        raise ValidationError(errors)
    e = Evaluatie(
        plan_id=plan.id,
        datum=dag,
        voortgang=voortgang,
        gehoord=data.gehoord,
        wat_verandert=data.wat_verandert,
        schaal_conclusie=data.schaal_conclusie,
        uitgevoerd_door_id=actor.gebruiker_id,
    )
    session.add(e)
    oude_datum = plan.volgende_evaluatie
    plan.volgende_evaluatie = volgende
    session.flush()
    _record(
        session,
        actor,
        hh.id,
        "create",
        "evaluatie",
        e.id,
        changes={
            "datum": [None, dag],
            "gehoord": [None, e.gehoord],
            "schaal_conclusie": [None, e.schaal_conclusie],
            "volgende_evaluatie": [oude_datum, volgende],
        },
    )
    if plan.status == rules.PlanStatus.VASTGESTELD:
        _transition(session, actor, plan, rules.PlanStatus.GEEVALUEERD)
    return s.EvaluatieRead(
        id=e.id,
        datum=e.datum,
        voortgang=e.voortgang,
        gehoord=e.gehoord,
        wat_verandert=e.wat_verandert,
        schaal_conclusie=e.schaal_conclusie,
        uitgevoerd_door=actor.naam,
    )


# ---- regie ---------------------------------------------------------------------------------------


def _regie_feiten(session: Session, huishouden_id: int) -> list[rules.RegieFeit]:
    return [
        rules.RegieFeit(id=r.id, houder=r.houder, start=r.begindatum, eind=r.einddatum)  # type: ignore[arg-type]
        for r in session.scalars(select(Regieafspraak).where(Regieafspraak.huishouden_id == huishouden_id))
    ]


def heeft_actieve_professionele_regisseur(session: Session, huishouden_id: int, dag: date) -> bool:
    return any(f.houder == "professional" and rules.is_actief(f, dag) for f in _regie_feiten(session, huishouden_id))


def list_regie(session: Session, actor: Actor, *, huishouden_id: int) -> list[s.RegieRead]:
    hh = _household(session, actor, huishouden_id, Handeling.LEZEN)
    return _regie_read(session, hh.id)


def _regie_read(session: Session, huishouden_id: int) -> list[s.RegieRead]:
    dag = clock.today()
    netwerk = {
        n.id: n.naam for n in session.scalars(select(Netwerklid).where(Netwerklid.huishouden_id == huishouden_id))
    }
    out = []
    rows = session.scalars(
        select(Regieafspraak)
        .where(Regieafspraak.huishouden_id == huishouden_id)
        .order_by(Regieafspraak.begindatum.desc(), Regieafspraak.id.desc())
    )
    for r in rows:
        if r.houder == "professional":
            wie = _gebruiker_naam(session, r.regisseur_id) or ""
        elif r.houder == "netwerklid":
            wie = netwerk.get(r.netwerklid_id or 0, "")
        else:
            wie = "Het huishouden"
        feit = rules.RegieFeit(id=r.id, houder=r.houder, start=r.begindatum, eind=r.einddatum)  # type: ignore[arg-type]
        out.append(
            s.RegieRead(
                id=r.id,
                houder=r.houder,
                houder_label=rules.REGIE_HOUDER_LABELS.get(r.houder, r.houder),
                wie=wie,
                netwerklid_id=r.netwerklid_id,
                regisseur_id=r.regisseur_id,
                begindatum=r.begindatum,
                einddatum=r.einddatum,
                betekenis=r.betekenis,
                actief=rules.is_actief(feit, dag),
                version=r.version,
            )
        )
    return out


def create_regie(session: Session, actor: Actor, *, huishouden_id: int, data: s.RegieIn) -> s.RegieRead:
    """Record who holds regie. A second overlapping professional regisseur is refused (Conflict)."""
    hh = _household(session, actor, huishouden_id, Handeling.SCHRIJVEN)
    begin = data.begindatum or clock.today()
    errors: dict[str, str] = {}
    if data.einddatum is not None and data.einddatum < begin:
        errors["einddatum"] = "De einddatum van de regie-afspraak ligt vóór de startdatum."
    if data.houder == "professional":
        g = session.get(Gebruiker, data.regisseur_id)
        if g is None or not g.actief or not set(g.rollen) & {str(r) for r in REGISSEUR_ROLLEN}:
            errors["regisseur_id"] = "Kies een professional (regisseur of consulent) als regisseur."
    if data.houder == "netwerklid":
        n = session.get(Netwerklid, data.netwerklid_id)
        if n is None or n.huishouden_id != hh.id:
            errors["netwerklid_id"] = "Kies iemand uit het netwerk van dit huishouden."
    if errors:
        raise ValidationError(errors)
    nieuw = rules.RegieFeit(id=None, houder=data.houder, start=begin, eind=data.einddatum)
    fout = rules.check_nieuwe_regie(_regie_feiten(session, hh.id), nieuw, clock.today())
    if fout:
        raise Conflict(fout)
    r = Regieafspraak(
        huishouden_id=hh.id,
        houder=data.houder,
        netwerklid_id=data.netwerklid_id if data.houder == "netwerklid" else None,
        regisseur_id=data.regisseur_id if data.houder == "professional" else None,
        begindatum=begin,
        einddatum=data.einddatum,
        betekenis=data.betekenis or "",
        vastgelegd_door_id=actor.gebruiker_id,
    )
    session.add(r)
    if r.regisseur_id is not None:
        # The regisseur works on this household: the 'own household' relation of authz.
        session.add(
            Betrokkenheid(
                huishouden_id=hh.id,
                gebruiker_id=r.regisseur_id,
                rol="regisseur",
                begindatum=begin,
                einddatum=r.einddatum,
            )
        )
    session.flush()
    _record(
        session, actor, hh.id, "create", "regieafspraak", r.id, changes=audit.diff({}, audit.snapshot(r, REGIE_FIELDS))
    )
    return next(x for x in _regie_read(session, hh.id) if x.id == r.id)


def end_regie(session: Session, actor: Actor, *, huishouden_id: int, regie_id: int, data: s.RegieEnd) -> s.RegieRead:
    hh = _household(session, actor, huishouden_id, Handeling.SCHRIJVEN)
    r = session.get(Regieafspraak, regie_id)
    if r is None or r.huishouden_id != hh.id:
        raise NotFound()
    check_version(r, data.version)
    if r.einddatum is not None and r.einddatum < clock.today():
        raise ValidationError({"einddatum": "Deze regie-afspraak is al beëindigd."})
    if data.einddatum < r.begindatum:
        raise ValidationError({"einddatum": "De einddatum ligt vóór de startdatum van de regie-afspraak."})
    oud = r.einddatum
    r.einddatum = data.einddatum
    if r.regisseur_id is not None:
        for b in session.scalars(
            select(Betrokkenheid).where(
                Betrokkenheid.huishouden_id == hh.id,
                Betrokkenheid.gebruiker_id == r.regisseur_id,
                Betrokkenheid.rol == "regisseur",
                Betrokkenheid.begindatum == r.begindatum,
            )
        ):
            b.einddatum = data.einddatum
    session.flush()
    _record(session, actor, hh.id, "update", "regieafspraak", r.id, changes={"einddatum": [oud, data.einddatum]})
    return next(x for x in _regie_read(session, hh.id) if x.id == r.id)


# ---- op- en afschaling ---------------------------------------------------------------------------


def _feiten(session: Session, hh: Huishouden) -> rules.HuishoudenFeiten:
    voorzieningen = tuple(
        rules.VoorzieningFeit(wet=v.wet, productcategorie=v.product.productcategorie, actief=True)
        for v in _voorzieningen(session, hh.id, alleen_actief=True)
    )
    problemen = 0
    try:
        from app.domain.toegang.models import Gesprek, GesprekScore, Ondersteuningsvraag

        laatste = session.scalars(
            select(Gesprek.id)
            .join(Ondersteuningsvraag, Ondersteuningsvraag.id == Gesprek.vraag_id)
            .where(Ondersteuningsvraag.huishouden_id == hh.id)
            .order_by(Gesprek.datum.desc(), Gesprek.id.desc())
            .limit(1)
        ).first()
        if laatste is not None:
            problemen = (
                session.scalar(
                    select(func.count(GesprekScore.id)).where(
                        GesprekScore.gesprek_id == laatste, GesprekScore.score <= 2
                    )
                )
                or 0
            )
    except ImportError:
        pass
    vrijwillig = session.scalar(
        select(func.count(Netwerklid.id)).where(
            Netwerklid.huishouden_id == hh.id, Netwerklid.actief.is_(True), Netwerklid.relatie == "vrijwilliger"
        )
    )
    return rules.HuishoudenFeiten(
        leefgebieden_met_problemen=problemen,
        voorzieningen=voorzieningen,
        veiligheidszorg=hh.veiligheidszorg,
        algemene_voorziening_of_vrijwilliger=bool(vrijwillig),
        professionele_lichte_ondersteuning=heeft_actieve_professionele_regisseur(session, hh.id, clock.today()),
    )


def _besluit_read(session: Session, b: Schaalbesluit, cache: dict[int, str]) -> s.SchaalbesluitRead:
    return s.SchaalbesluitRead(
        id=b.id,
        huishouden_id=b.huishouden_id,
        van=b.van,
        naar=b.naar,
        reden=b.reden,
        datum=b.datum,
        status=b.status,
        besloten_door=_gebruiker_naam(session, b.besloten_door_id, cache),
        goedgekeurd_door=_gebruiker_naam(session, b.goedgekeurd_door_id, cache),
        goedgekeurd_op=b.goedgekeurd_op,
        notitie=b.notitie,
        version=b.version,
    )


def schaal_overzicht(session: Session, actor: Actor, *, huishouden_id: int) -> s.SchaalOverzicht:
    """Current level, the suggestion with its reason, the mismatch flag and the timeline."""
    hh = _household(session, actor, huishouden_id, Handeling.LEZEN)
    niveau, uitleg = rules.suggest_niveau(_feiten(session, hh))
    cache: dict[int, str] = {}
    besluiten = [
        _besluit_read(session, b, cache)
        for b in session.scalars(
            select(Schaalbesluit)
            .where(Schaalbesluit.huishouden_id == hh.id)
            .order_by(Schaalbesluit.datum.desc(), Schaalbesluit.id.desc())
        )
    ]
    return s.SchaalOverzicht(
        huidig=hh.schaalniveau,
        suggestie=niveau,
        uitleg=uitleg,
        mismatch=rules.niveau_mismatch(hh.schaalniveau, niveau),
        besluiten=besluiten,
        wacht_op_goedkeuring=any(b.status == "wacht_op_goedkeuring" for b in besluiten),
    )


def _heeft_evaluatie_sinds_niveau(session: Session, hh: Huishouden) -> bool:
    """An evaluation on record since the current level was set (afschaling is a deliberate outcome)."""
    sinds = session.scalar(
        select(func.max(Schaalbesluit.datum)).where(
            Schaalbesluit.huishouden_id == hh.id, Schaalbesluit.status == "definitief"
        )
    )
    q = select(func.count(Evaluatie.id)).join(Plan, Plan.id == Evaluatie.plan_id).where(Plan.huishouden_id == hh.id)
    if sinds is not None:
        q = q.where(Evaluatie.datum >= sinds)
    return bool(session.scalar(q))


def create_schaalbesluit(
    session: Session, actor: Actor, *, huishouden_id: int, data: s.SchaalbesluitIn
) -> s.SchaalbesluitRead:
    """A change of level. ≥4 needs a professional regisseur, afschaling an evaluation, 5 a supervisor."""
    hh = _household(session, actor, huishouden_id, Handeling.SCHRIJVEN)
    dag = data.datum or clock.today()
    if dag > clock.today():
        raise ValidationError({"datum": "Een schaalbesluit kan niet in de toekomst worden genomen."})
    if session.scalar(
        select(Schaalbesluit.id).where(
            Schaalbesluit.huishouden_id == hh.id, Schaalbesluit.status == "wacht_op_goedkeuring"
        )
    ):
        raise Conflict("Er wacht al een schaalbesluit op goedkeuring van de supervisor.")
    fouten = rules.check_schaalbesluit(
        van=hh.schaalniveau,
        naar=data.naar,
        reden=data.reden or "",
        heeft_actieve_professionele_regisseur=heeft_actieve_professionele_regisseur(session, hh.id, dag),
        heeft_evaluatie=_heeft_evaluatie_sinds_niveau(session, hh),
    )
    if fouten:
        errors: dict[str, str] = {}
        for veld, msg in fouten:
            errors[veld] = f"{errors[veld]} {msg}" if veld in errors else msg
        raise ValidationError(errors)
    pending = rules.vereist_goedkeuring(data.naar)
    b = Schaalbesluit(
        huishouden_id=hh.id,
        van=hh.schaalniveau,
        naar=data.naar,
        reden=(data.reden or "").strip(),
        datum=dag,
        besloten_door_id=actor.gebruiker_id,
        status="wacht_op_goedkeuring" if pending else "definitief",
    )
    session.add(b)
    session.flush()
    _record(
        session,
        actor,
        hh.id,
        "create",
        "schaalbesluit",
        b.id,
        changes={"van": [None, b.van], "naar": [None, b.naar], "status": [None, b.status], "reden": [None, b.reden]},
    )
    if not pending:
        _set_niveau(session, actor, hh, b.naar)
    return _besluit_read(session, b, {})


def _set_niveau(session: Session, actor: Actor, hh: Huishouden, naar: int) -> None:
    oud = hh.schaalniveau
    hh.schaalniveau = naar
    session.flush()
    _record(session, actor, hh.id, "update", "huishouden", hh.id, changes={"schaalniveau": [oud, naar]})


def _pending(session: Session, actor: Actor, besluit_id: int) -> tuple[Huishouden, Schaalbesluit]:
    b = session.get(Schaalbesluit, besluit_id)
    if b is None:
        raise NotFound()
    hh = authz.get_household(session, actor, b.huishouden_id, Handeling.GOEDKEUREN)
    authz.require_role(actor, Rol.SUPERVISOR)
    if b.status != "wacht_op_goedkeuring":
        raise InvalidTransition("Dit schaalbesluit wacht niet op goedkeuring.")
    if b.besloten_door_id == actor.gebruiker_id:
        raise NotAllowed("Het vier-ogenprincipe: keur niet uw eigen schaalbesluit goed.")
    return hh, b


def approve_schaalbesluit(
    session: Session, actor: Actor, *, besluit_id: int, data: s.SchaalbesluitBeoordeling
) -> s.SchaalbesluitRead:
    """The supervisor approves escalation to level 5; only now does the household's level change."""
    hh, b = _pending(session, actor, besluit_id)
    check_version(b, data.version)
    if not heeft_actieve_professionele_regisseur(session, hh.id, clock.today()):
        raise ValidationError(
            {"__root__": "Niveau 4 of hoger vraagt een actieve regie-afspraak met een professionele regisseur."}
        )
    b.status = "definitief"
    b.goedgekeurd_door_id = actor.gebruiker_id
    b.goedgekeurd_op = clock.now()
    b.notitie = data.notitie
    b.van = hh.schaalniveau
    session.flush()
    _record(
        session,
        actor,
        hh.id,
        "approve",
        "schaalbesluit",
        b.id,
        changes={"status": ["wacht_op_goedkeuring", "definitief"]},
        reason=data.notitie,
    )
    _set_niveau(session, actor, hh, b.naar)
    return _besluit_read(session, b, {})


def reject_schaalbesluit(
    session: Session, actor: Actor, *, besluit_id: int, data: s.SchaalbesluitBeoordeling
) -> s.SchaalbesluitRead:
    hh, b = _pending(session, actor, besluit_id)
    check_version(b, data.version)
    if not (data.notitie or "").strip():
        raise ValidationError({"notitie": "Geef aan waarom u het schaalbesluit afwijst."})
    b.status = "afgewezen"
    b.goedgekeurd_door_id = actor.gebruiker_id
    b.goedgekeurd_op = clock.now()
    b.notitie = data.notitie
    session.flush()
    _record(
        session,
        actor,
        hh.id,
        "reject",
        "schaalbesluit",
        b.id,
        changes={"status": ["wacht_op_goedkeuring", "afgewezen"]},
        reason=data.notitie,
    )
    return _besluit_read(session, b, {})


def pending_schaalbesluiten(session: Session, actor: Actor) -> list[s.SchaalbesluitRead]:
    """Level-5 escalations awaiting the supervisor's approval, on households the actor may approve."""
    if not actor.heeft(Rol.SUPERVISOR):
        return []
    scope = authz.visible_households(actor, Handeling.GOEDKEUREN)
    cache: dict[int, str] = {}
    return [
        _besluit_read(session, b, cache)
        for b in session.scalars(
            select(Schaalbesluit)
            .where(Schaalbesluit.status == "wacht_op_goedkeuring", Schaalbesluit.huishouden_id.in_(scope))
            .order_by(Schaalbesluit.datum)
        )
    ]


# ---- 18-/18+ -------------------------------------------------------------------------------------


def jeugdigen(session: Session, actor: Actor, *, huishouden_id: int) -> list[s.JeugdigeRead]:
    """Members with an active Jeugdwet voorziening, with the 18-/18+ signal when it applies."""
    hh = _household(session, actor, huishouden_id, Handeling.LEZEN)
    dag = clock.today()
    per_persoon: dict[int, bool] = {}
    for v in _voorzieningen(session, hh.id, alleen_actief=True):
        if v.wet == "Jeugdwet" and v.persoon_id is not None:
            per_persoon[v.persoon_id] = per_persoon.get(v.persoon_id, False) or bool(v.grond_verlengde_jeugdhulp)
    grond_overgang = {
        o.persoon_id
        for o in session.scalars(select(Overgang18).where(Overgang18.huishouden_id == hh.id))
        if o.grond_verlengde_jeugdhulp
    }
    out = []
    for pid, grond in per_persoon.items():
        p = session.get(Persoon, pid)
        if p is None:
            continue
        sig = None
        if p.geboortedatum is not None:
            f = rules.signaal_18_min(
                p.geboortedatum, True, dag, heeft_grond_verlengde_jeugdhulp=grond or pid in grond_overgang
            )
            sig = f.tekst if f else None
        out.append(
            s.JeugdigeRead(
                persoon_id=p.id,
                naam=p.naam,
                geboortedatum=p.geboortedatum,
                wordt_18_op=rules.wordt_18_op(p.geboortedatum) if p.geboortedatum else None,
                signaal=sig,
            )
        )
    return out


def list_overgangen(session: Session, actor: Actor, *, huishouden_id: int) -> list[s.Overgang18Read]:
    hh = _household(session, actor, huishouden_id, Handeling.LEZEN)
    return [
        s.Overgang18Read.model_validate(o).model_copy(update={"persoon": _persoon_naam(session, o.persoon_id)})
        for o in session.scalars(
            select(Overgang18).where(Overgang18.huishouden_id == hh.id).order_by(Overgang18.datum, Overgang18.id)
        )
    ]


def _persoon_naam(session: Session, persoon_id: int) -> str:
    p = session.get(Persoon, persoon_id)
    return p.naam if p else ""


def add_overgang(session: Session, actor: Actor, *, huishouden_id: int, data: s.Overgang18In) -> s.Overgang18Read:
    """Record the transition: what continues under Wmo or Participatiewet, the warme overdracht."""
    hh = _household(session, actor, huishouden_id, Handeling.SCHRIJVEN)
    lid = session.scalar(
        select(Lidmaatschap.id).where(Lidmaatschap.huishouden_id == hh.id, Lidmaatschap.persoon_id == data.persoon_id)
    )
    if lid is None:
        raise ValidationError({"persoon_id": "Kies een jongere uit dit huishouden."})
    p = session.get(Persoon, data.persoon_id)
    assert p is not None
    if (
        p.geboortedatum is not None
        and data.grond_verlengde_jeugdhulp
        and data.datum >= rules._add_years(p.geboortedatum, rules.LEEFTIJD_EINDE_VERLENGDE_JEUGDHULP)
    ):
        raise ValidationError({"grond_verlengde_jeugdhulp": "Verlengde jeugdhulp loopt uiterlijk tot 23 jaar."})
    o = Overgang18(huishouden_id=hh.id, **data.model_dump())
    session.add(o)
    session.flush()
    _record(
        session,
        actor,
        hh.id,
        "create",
        "overgang18",
        o.id,
        changes={k: [None, v] for k, v in data.model_dump().items() if v is not None},
    )
    return s.Overgang18Read.model_validate(o).model_copy(update={"persoon": p.naam})
