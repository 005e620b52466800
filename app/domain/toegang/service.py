"""Use cases of the toegang: from melding to beschikking, toewijzing, bezwaar and closing (DESIGN §4).

Every function takes (session, actor, *, ...), authorizes through `authz` on the vraag's household,
validates before changing anything, and writes its audit event in the same transaction. The status of
an Ondersteuningsvraag changes only through `transition`, which checks `rules.check_transition`
(with the computed onderzoekstermijn for the lid 9 skip) and appends a VraagStatusWijziging.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from app import clock
from app.config import get_settings
from app.domain import audit, authz
from app.domain.actor import Actor
from app.domain.audit.models import AuditEvent
from app.domain.authz import Handeling
from app.domain.berichten import uitgaand as berichten_uit
from app.domain.catalog.models import Aanbieder, Product
from app.domain.catalog.service import heeft_contract
from app.domain.codelists import service as codes
from app.domain.errors import Conflict, InvalidTransition, NotAllowed, NotFound, ValidationError
from app.domain.households.models import Betrokkenheid, Huishouden, Lidmaatschap, Persoon
from app.domain.organisation.models import Gebruiker, Rol
from app.domain.toegang import rules
from app.domain.toegang import schemas as s
from app.domain.toegang import termijnen as t
from app.domain.toegang.deadlines import Deadline, deadlines_for, onderzoek_deadline, volgende
from app.domain.toegang.models import (
    Aanvraag,
    Beschikking,
    Bezwaar,
    Gesprek,
    GesprekScore,
    Maatwerkvoorziening,
    Ondersteuningsvraag,
    Termijnaanpassing,
    Toewijzing,
    Verslag,
    VraagStatusWijziging,
)
from app.domain.toegang.rules import VraagStatus

__all__ = ["Deadline", "deadlines_for", "onderzoek_deadline", "volgende"]

PURPOSE = "Toegang sociaal domein"
S = VraagStatus

VRAAG_FIELDS = (
    "datum_melding",
    "kanaal",
    "aanmelder",
    "omschrijving",
    "leefgebieden",
    "betrokken_persoon_ids",
    "spoed",
    "meervoudig",
    "team_id",
    "behandelaar_id",
    "status",
    "ontvangst_bevestigd_op",
)
GESPREK_FIELDS = (
    "datum",
    "plaats",
    "deelnemers",
    "eigen_kracht",
    "netwerk",
    "gebruikelijke_hulp",
    "algemene_voorzieningen",
    "voorliggende_voorzieningen",
    "clientondersteuning_aangeboden",
    "clientondersteuning_geaccepteerd",
    "clientondersteuner_naam",
    "mantelzorg_besproken",
    "persoonlijk_plan_ontvangen_op",
)
PIRAMIDE = (
    ("eigen_kracht", "Eigen kracht"),
    ("netwerk", "Netwerk (mantelzorg, vrijwilligers)"),
    ("gebruikelijke_hulp", "Gebruikelijke hulp"),
    ("algemene_voorzieningen", "Algemene voorzieningen"),
    ("voorliggende_voorzieningen", "Voorliggende voorzieningen (Wlz, Zvw)"),
)
BESCHIKKING_FIELDS = (
    "nummer",
    "besluitdatum",
    "besluit",
    "wet",
    "grondslag",
    "motivering",
    "status",
    "goedkeuring_nodig",
)
VOORZIENING_FIELDS = (
    "product_id",
    "persoon_id",
    "wet",
    "leveringsvorm",
    "volume",
    "eenheid",
    "frequentie",
    "aanbieder_id",
    "ingangsdatum",
    "einddatum",
    "evaluatiedatum",
    "status",
    "reden_beeindiging",
)
SUBSIDIARITEIT_MELDING = (
    "Een maatwerkvoorziening kan pas worden toegekend als een gesprek de afweging vastlegt van eigen kracht, "
    "netwerk, gebruikelijke hulp, algemene voorzieningen en voorliggende voorzieningen (Wmo 2015 art. 2.3.2 lid 4)."
)


# ---- loading and authorization ---------------------------------------------------------------------


def _vraag(session: Session, vraag_id: int) -> Ondersteuningsvraag:
    v = session.get(Ondersteuningsvraag, vraag_id)
    if v is None:
        raise NotFound()
    return v


def _authorized(
    session: Session, actor: Actor, vraag_id: int, handeling: Handeling
) -> tuple[Ondersteuningsvraag, Huishouden]:
    v = _vraag(session, vraag_id)
    hh = authz.get_household(session, actor, v.huishouden_id, handeling)
    return v, hh


def _beschikking(session: Session, actor: Actor, beschikking_id: int, handeling: Handeling) -> Beschikking:
    b = session.get(Beschikking, beschikking_id)
    if b is None:
        raise NotFound()
    authz.get_household(session, actor, b.huishouden_id, handeling)
    return b


def _voorziening(session: Session, actor: Actor, voorziening_id: int, handeling: Handeling) -> Maatwerkvoorziening:
    m = session.get(Maatwerkvoorziening, voorziening_id)
    if m is None:
        raise NotFound()
    authz.get_household(session, actor, m.huishouden_id, handeling)
    return m


_STAP_ACTIES = {
    "finalize": ("transition", "beschikking vastgesteld en verzonden"),
    "start_zorg": ("transition", "zorg gestart"),
    "stop_zorg": ("transition", "zorg gestopt"),
    "end": ("transition", "voorziening vervroegd beëindigd"),
    "close": ("update", "vraag afgesloten"),
}


def _record(
    session: Session,
    actor: Actor,
    action: str,
    object_type: str,
    obj: object,
    hh_id: int,
    changes: dict | None = None,
    reason: str | None = None,
) -> None:
    # The audit trail has a fixed verb list; domain steps map onto it, the step named in the reason.
    if action in _STAP_ACTIES:
        action, stap = _STAP_ACTIES[action]
        reason = reason or stap
    audit.record(
        session,
        actor,
        action=action,
        object_type=object_type,
        object_id=getattr(obj, "id", obj),
        huishouden_id=hh_id,
        purpose=PURPOSE,
        changes=changes,
        reason=reason,
    )


def _check_version(obj: object, version: int | None) -> None:
    if version is not None and getattr(obj, "version") != version:  # noqa: B009
        raise Conflict()


def _ensure_behandelaar(session: Session, huishouden_id: int, gebruiker_id: int, dag: date) -> None:
    """The behandelaar of a vraag is on the household, so authz sees the 'own' relation."""
    bestaat = session.scalar(
        select(Betrokkenheid.id).where(
            Betrokkenheid.huishouden_id == huishouden_id,
            Betrokkenheid.gebruiker_id == gebruiker_id,
            Betrokkenheid.rol == "behandelaar",
            Betrokkenheid.begindatum <= dag,
            (Betrokkenheid.einddatum.is_(None)) | (Betrokkenheid.einddatum >= dag),
        )
    )
    if not bestaat:
        session.add(
            Betrokkenheid(huishouden_id=huishouden_id, gebruiker_id=gebruiker_id, rol="behandelaar", begindatum=dag)
        )
        session.flush()


# ---- the state machine -----------------------------------------------------------------------------


def _transition(
    session: Session, actor: Actor, v: Ondersteuningsvraag, naar: S | str, reden: str | None = None
) -> None:
    today = clock.today()
    deadline = (
        onderzoek_deadline(session, v, today)
        if (v.status, str(naar)) in {(a.value, b.value) for a, b in rules.SKIP_TRANSITIONS}
        else None
    )
    melding = rules.check_transition(v.status, naar, onderzoek_deadline=deadline, today=today)
    if melding:
        raise InvalidTransition(melding)
    van = v.status
    v.status = S(naar).value
    session.add(
        VraagStatusWijziging(
            vraag_id=v.id, van=van, naar=v.status, at=clock.now(), door_id=actor.gebruiker_id, reden=reden
        )
    )
    session.flush()
    _record(session, actor, "transition", "ondersteuningsvraag", v, v.huishouden_id, {"status": [van, v.status]}, reden)


def transition(
    session: Session, actor: Actor, *, vraag_id: int, naar: str, reden: str | None = None
) -> Ondersteuningsvraag:
    """The one explicit status change of a vraag: checked, recorded in the history, audited."""
    v, _ = _authorized(session, actor, vraag_id, Handeling.SCHRIJVEN)
    _transition(session, actor, v, naar, reden)
    return v


def _require_status(v: Ondersteuningsvraag, *allowed: S, wat: str) -> None:
    if v.status not in {a.value for a in allowed}:
        label = rules.STATUS_LABELS[S(v.status)].lower()
        raise InvalidTransition(f"{wat} kan niet nu de vraag de status '{label}' heeft.")


# ---- melding and the team queue --------------------------------------------------------------------


def register_melding(
    session: Session, actor: Actor, *, huishouden_id: int, data: s.MeldingCreate
) -> Ondersteuningsvraag:
    """Register a melding from any door; receipt is confirmed today and the deadline clock starts."""
    hh = authz.get_household(session, actor, huishouden_id, Handeling.SCHRIJVEN)
    today = clock.today()
    errors: dict[str, str] = {}
    if data.datum_melding > today:
        errors["datum_melding"] = "De datum van de melding kan niet in de toekomst liggen."
    geldig = {c for c, _ in codes.options(session, "zrm_domein")}
    if not data.leefgebieden:
        errors["leefgebieden"] = "Kies minstens één leefgebied."
    elif any(lg not in geldig for lg in data.leefgebieden):
        errors["leefgebieden"] = "Kies leefgebieden uit de lijst."
    if data.betrokken_persoon_ids:
        leden = set(session.scalars(select(Lidmaatschap.persoon_id).where(Lidmaatschap.huishouden_id == hh.id)))
        if not set(data.betrokken_persoon_ids) <= leden:
            errors["betrokken_persoon_ids"] = "Kies personen uit dit huishouden."
    if errors:
        raise ValidationError(errors)
    team_id = hh.team_id if hh.team_id is not None else (min(actor.team_ids) if actor.team_ids else None)
    behandelaar = actor.gebruiker_id if data.zelf_behandelen else None
    v = Ondersteuningsvraag(
        huishouden_id=hh.id,
        datum_melding=data.datum_melding,
        kanaal=data.kanaal,
        aanmelder=data.aanmelder,
        omschrijving=data.omschrijving,
        leefgebieden=list(dict.fromkeys(data.leefgebieden)),
        betrokken_persoon_ids=list(dict.fromkeys(data.betrokken_persoon_ids)),
        spoed=data.spoed,
        meervoudig=data.meervoudig or len(set(data.leefgebieden)) > 1,
        team_id=team_id,
        behandelaar_id=behandelaar,
        status=S.gemeld.value,
        ontvangst_bevestigd_op=today,
    )
    session.add(v)
    session.flush()
    session.add(
        VraagStatusWijziging(
            vraag_id=v.id, van=None, naar=v.status, at=clock.now(), door_id=actor.gebruiker_id, reden="melding"
        )
    )
    if behandelaar is not None:
        _ensure_behandelaar(session, hh.id, behandelaar, today)
    session.flush()
    _record(session, actor, "create", "ondersteuningsvraag", v, hh.id, audit.diff({}, audit.snapshot(v, VRAAG_FIELDS)))
    return v


def claim(session: Session, actor: Actor, *, vraag_id: int) -> Ondersteuningsvraag:
    """A consultant takes a melding from the team queue and becomes its behandelaar."""
    authz.require_role(actor, Rol.TOEGANGSMEDEWERKER, Rol.REGISSEUR)
    v = _vraag(session, vraag_id)
    hh = session.get(Huishouden, v.huishouden_id)
    assert hh is not None
    if v.team_id is None or v.team_id not in actor.team_ids:
        authz.require(session, actor, hh, Handeling.SCHRIJVEN, object_type="ondersteuningsvraag", object_id=v.id)
    if v.behandelaar_id is not None:
        raise InvalidTransition("Deze melding is al toegewezen.")
    if v.status == S.afgesloten.value:
        raise InvalidTransition("Deze vraag is afgesloten.")
    v.behandelaar_id = actor.gebruiker_id
    _ensure_behandelaar(session, hh.id, actor.gebruiker_id, clock.today())  # type: ignore[arg-type]
    session.flush()
    _record(
        session,
        actor,
        "update",
        "ondersteuningsvraag",
        v,
        hh.id,
        {"behandelaar_id": [None, actor.gebruiker_id]},
        "opgepakt uit de teamwachtrij",
    )
    return v


def assign(session: Session, actor: Actor, *, vraag_id: int, behandelaar_id: int) -> Ondersteuningsvraag:
    """A supervisor (re)assigns a vraag to a consultant of the team."""
    authz.require_role(actor, Rol.SUPERVISOR)
    v, hh = _authorized(session, actor, vraag_id, Handeling.TOEWIJZEN)
    g = session.get(Gebruiker, behandelaar_id)
    if g is None or not g.actief:
        raise ValidationError({"behandelaar_id": "Kies een actieve medewerker."})
    rollen = {r.rol for r in g.rollen_rows}
    if not rollen & {Rol.TOEGANGSMEDEWERKER.value, Rol.REGISSEUR.value}:
        raise ValidationError({"behandelaar_id": "Deze medewerker kan geen vragen behandelen."})
    if v.team_id is not None and v.team_id not in {tm.id for tm in g.teams}:
        raise ValidationError({"behandelaar_id": "Deze medewerker zit niet in het team van de vraag."})
    if v.status == S.afgesloten.value:
        raise InvalidTransition("Deze vraag is afgesloten.")
    oud = v.behandelaar_id
    v.behandelaar_id = g.id
    _ensure_behandelaar(session, hh.id, g.id, clock.today())
    session.flush()
    _record(
        session,
        actor,
        "update",
        "ondersteuningsvraag",
        v,
        hh.id,
        {"behandelaar_id": [oud, g.id]},
        "toegewezen door teamleider",
    )
    return v


def team_queue(session: Session, actor: Actor) -> list[s.VraagListItem]:
    """Unassigned open meldingen of the actor's teams (row scope: households the actor may list)."""
    if not actor.heeft(*authz.CASEWORK_ROLES) or not actor.team_ids:
        return []
    scope = authz.visible_households(actor, Handeling.LIJST)
    rows = session.scalars(
        select(Ondersteuningsvraag)
        .where(
            Ondersteuningsvraag.behandelaar_id.is_(None),
            Ondersteuningsvraag.team_id.in_(actor.team_ids),
            Ondersteuningsvraag.status != S.afgesloten.value,
            Ondersteuningsvraag.huishouden_id.in_(scope),
        )
        .options(selectinload(Ondersteuningsvraag.huishouden), selectinload(Ondersteuningsvraag.team))
        .order_by(Ondersteuningsvraag.spoed.desc(), Ondersteuningsvraag.datum_melding, Ondersteuningsvraag.id)
    ).all()
    return [_list_item(session, v) for v in rows]


def team_members(session: Session, actor: Actor) -> list[Gebruiker]:
    """Consultants a supervisor can assign work to."""
    if not actor.heeft(Rol.SUPERVISOR):
        return []
    from app.domain.organisation.models import GebruikerRol, gebruiker_team

    return list(
        session.scalars(
            select(Gebruiker)
            .join(gebruiker_team, gebruiker_team.c.gebruiker_id == Gebruiker.id)
            .join(GebruikerRol, GebruikerRol.gebruiker_id == Gebruiker.id)
            .where(
                gebruiker_team.c.team_id.in_(actor.team_ids),
                Gebruiker.actief.is_(True),
                GebruikerRol.rol.in_([Rol.TOEGANGSMEDEWERKER.value, Rol.REGISSEUR.value]),
            )
            .distinct()
            .order_by(Gebruiker.naam)
        ).all()
    )


def _list_item(session: Session, v: Ondersteuningsvraag) -> s.VraagListItem:
    dl = volgende(deadlines_for(session, v))
    beh = session.get(Gebruiker, v.behandelaar_id) if v.behandelaar_id else None
    return s.VraagListItem(
        id=v.id,
        huishouden_id=v.huishouden_id,
        huishouden_naam=v.huishouden.naam,
        datum_melding=v.datum_melding,
        status=v.status,
        status_label=rules.STATUS_LABELS[S(v.status)],
        spoed=v.spoed,
        meervoudig=v.meervoudig,
        behandelaar=beh.naam if beh else None,
        team=v.team.naam if v.team else None,
        volgende_deadline=_deadline_read(dl) if dl else None,
    )


def _deadline_read(d: Deadline) -> s.DeadlineRead:
    return s.DeadlineRead(
        stap=d.stap, datum=d.datum, status=d.status, grondslag=d.grondslag, omschrijving=d.omschrijving
    )


def vragen_for_household(session: Session, actor: Actor, *, huishouden_id: int) -> list[s.VraagListItem]:
    authz.get_household(session, actor, huishouden_id, Handeling.LEZEN)
    rows = session.scalars(
        select(Ondersteuningsvraag)
        .where(Ondersteuningsvraag.huishouden_id == huishouden_id)
        .options(selectinload(Ondersteuningsvraag.huishouden), selectinload(Ondersteuningsvraag.team))
        .order_by(Ondersteuningsvraag.datum_melding.desc(), Ondersteuningsvraag.id.desc())
    ).all()
    return [_list_item(session, v) for v in rows]


# ---- the vraag as a whole --------------------------------------------------------------------------


@dataclass
class VraagDetail:
    vraag: Ondersteuningsvraag
    huishouden: Huishouden
    leden: list[Persoon]
    behandelaar: Gebruiker | None
    gesprekken: list[Gesprek]
    verslag: Verslag | None
    aanvragen: list[Aanvraag]
    beschikkingen: list[Beschikking]
    bezwaren: dict[int, list[Bezwaar]]
    aanpassingen: list[Termijnaanpassing]
    deadlines: list[Deadline]
    historie: list[VraagStatusWijziging]
    kan_schrijven: bool
    kan_goedkeuren: bool
    extra: dict = field(default_factory=dict)


def get_vraag(session: Session, actor: Actor, *, vraag_id: int) -> VraagDetail:
    """Everything about one vraag for its page; the look is audited (dossier content)."""
    v, hh = _authorized(session, actor, vraag_id, Handeling.LEZEN)
    rel = authz.relaties(session, actor, hh)
    _record(session, actor, "view", "ondersteuningsvraag", v, hh.id)
    leden = list(
        session.scalars(
            select(Persoon)
            .join(Lidmaatschap, Lidmaatschap.persoon_id == Persoon.id)
            .where(Lidmaatschap.huishouden_id == hh.id)
            .order_by(Lidmaatschap.id)
        ).all()
    )
    beschikkingen = list(
        session.scalars(
            select(Beschikking)
            .where(Beschikking.vraag_id == v.id)
            .options(
                selectinload(Beschikking.voorzieningen).selectinload(Maatwerkvoorziening.product),
                selectinload(Beschikking.voorzieningen).selectinload(Maatwerkvoorziening.aanbieder),
                selectinload(Beschikking.voorzieningen).selectinload(Maatwerkvoorziening.persoon),
                selectinload(Beschikking.voorzieningen).selectinload(Maatwerkvoorziening.toewijzingen),
            )
            .order_by(Beschikking.id)
        ).all()
    )
    bezwaren: dict[int, list[Bezwaar]] = {b.id: [] for b in beschikkingen}
    if beschikkingen:
        for bz in session.scalars(
            select(Bezwaar).where(Bezwaar.beschikking_id.in_(list(bezwaren))).order_by(Bezwaar.id)
        ):
            bezwaren[bz.beschikking_id].append(bz)
    return VraagDetail(
        vraag=v,
        huishouden=hh,
        leden=leden,
        behandelaar=session.get(Gebruiker, v.behandelaar_id) if v.behandelaar_id else None,
        gesprekken=list(
            session.scalars(
                select(Gesprek)
                .where(Gesprek.vraag_id == v.id)
                .options(selectinload(Gesprek.scores))
                .order_by(Gesprek.datum, Gesprek.id)
            ).all()
        ),
        verslag=session.scalar(select(Verslag).where(Verslag.vraag_id == v.id)),
        aanvragen=list(session.scalars(select(Aanvraag).where(Aanvraag.vraag_id == v.id).order_by(Aanvraag.id)).all()),
        beschikkingen=beschikkingen,
        bezwaren=bezwaren,
        aanpassingen=list(
            session.scalars(
                select(Termijnaanpassing).where(Termijnaanpassing.vraag_id == v.id).order_by(Termijnaanpassing.id)
            ).all()
        ),
        deadlines=deadlines_for(session, v),
        historie=list(
            session.scalars(
                select(VraagStatusWijziging)
                .where(VraagStatusWijziging.vraag_id == v.id)
                .order_by(VraagStatusWijziging.id)
            ).all()
        ),
        kan_schrijven=authz.allowed(actor.rollen, set(rel), Handeling.SCHRIJVEN),
        kan_goedkeuren=actor.heeft(Rol.SUPERVISOR) and authz.allowed(actor.rollen, set(rel), Handeling.GOEDKEUREN),
        # Provider messages per toewijzing, for the toewijzing part of the page.
        extra={
            "berichten": berichten_uit.per_toewijzing(
                session, [tw.id for b in beschikkingen for vz in b.voorzieningen for tw in vz.toewijzingen]
            )
        },
    )


# ---- gesprek, termijnen, verslag ------------------------------------------------------------------


def record_gesprek(session: Session, actor: Actor, *, vraag_id: int, data: s.GesprekCreate) -> Gesprek:
    """The keukentafelgesprek; the first one moves a gemelde vraag into onderzoek."""
    v, hh = _authorized(session, actor, vraag_id, Handeling.SCHRIJVEN)
    _require_status(
        v, S.gemeld, S.in_onderzoek, S.onderzoek_afgerond, S.aanvraag_ontvangen, wat="Een gesprek vastleggen"
    )
    errors: dict[str, str] = {}
    if data.datum < v.datum_melding:
        errors["datum"] = "Het gesprek kan niet vóór de melding hebben plaatsgevonden."
    elif data.datum > clock.today():
        errors["datum"] = "De datum van het gesprek kan niet in de toekomst liggen."
    geldig = {c for c, _ in codes.options(session, "zrm_domein")}
    gezien: set[str] = set()
    for i, sc in enumerate(data.scores):
        if sc.domein not in geldig:
            errors[f"scores.{i}.domein"] = "Kies een leefgebied uit de lijst."
        elif sc.domein in gezien:
            errors[f"scores.{i}.domein"] = "Dit leefgebied is al gescoord."
        gezien.add(sc.domein)
    if data.clientondersteuning_geaccepteerd and not data.clientondersteuning_aangeboden:
        errors["clientondersteuning_geaccepteerd"] = (
            "Cliëntondersteuning kan alleen worden geaccepteerd als die is aangeboden."
        )
    if data.persoonlijk_plan_ontvangen_op and data.persoonlijk_plan_ontvangen_op < v.datum_melding:
        errors["persoonlijk_plan_ontvangen_op"] = "Het persoonlijk plan kan niet vóór de melding zijn ontvangen."
    if errors:
        raise ValidationError(errors)
    g = Gesprek(vraag_id=v.id, door_id=actor.gebruiker_id, **data.model_dump(exclude={"scores"}))
    session.add(g)
    session.flush()
    for sc in data.scores:
        session.add(GesprekScore(gesprek_id=g.id, domein=sc.domein, score=sc.score, eigen_woorden=sc.eigen_woorden))
    session.flush()
    _record(
        session,
        actor,
        "create",
        "gesprek",
        g,
        hh.id,
        {
            **audit.diff({}, audit.snapshot(g, GESPREK_FIELDS)),
            "scores": [None, [sc.model_dump() for sc in data.scores]],
        },
    )
    if v.status == S.gemeld.value:
        _transition(session, actor, v, S.in_onderzoek, "gesprek gehouden")
    return g


def add_termijnaanpassing(
    session: Session, actor: Actor, *, vraag_id: int, data: s.TermijnaanpassingCreate
) -> Termijnaanpassing:
    """Opschorting (Awb 4:15) or the one verdaging with notice (Awb 4:14) of a step's deadline."""
    v, hh = _authorized(session, actor, vraag_id, Handeling.SCHRIJVEN)
    _require_status(v, S.gemeld, S.in_onderzoek, S.aanvraag_ontvangen, wat="De termijn aanpassen")
    errors: dict[str, str] = {}
    if data.van < v.datum_melding:
        errors["van"] = "De datum ligt vóór de melding."
    if data.soort == "opschorting":
        if data.tot is not None and data.tot < data.van:
            errors["tot"] = "De einddatum ligt vóór de begindatum."
    else:
        if not data.dagen:
            errors["dagen"] = "Vul het aantal dagen van de verdaging in."
        al = session.scalar(
            select(Termijnaanpassing.id).where(
                Termijnaanpassing.vraag_id == v.id,
                Termijnaanpassing.stap == data.stap,
                Termijnaanpassing.soort == "verdaging",
            )
        )
        if al:
            errors["soort"] = "Deze termijn is al eens verdaagd; verdagen kan maar één keer (Awb art. 4:14)."
    if errors:
        raise ValidationError(errors)
    a = Termijnaanpassing(
        vraag_id=v.id,
        stap=data.stap,
        soort=data.soort,
        van=data.van,
        tot=data.tot if data.soort == "opschorting" else None,
        dagen=data.dagen if data.soort == "verdaging" else None,
        reden=data.reden,
        door_id=actor.gebruiker_id,
    )
    session.add(a)
    session.flush()
    _record(
        session,
        actor,
        "create",
        "termijnaanpassing",
        a,
        hh.id,
        audit.diff({}, audit.snapshot(a, ("stap", "soort", "van", "tot", "dagen"))),
        data.reden,
    )
    return a


def verslag_concept(session: Session, vraag: Ondersteuningsvraag) -> str:
    """A first text of the verslag, composed from what the gesprekken recorded (the consultant edits it)."""
    gesprekken = session.scalars(
        select(Gesprek)
        .where(Gesprek.vraag_id == vraag.id)
        .options(selectinload(Gesprek.scores))
        .order_by(Gesprek.datum, Gesprek.id)
    ).all()
    domeinen = dict(codes.options(session, "zrm_domein"))
    regels = ["Uw vraag", vraag.omschrijving, ""]
    for g in gesprekken:
        regels.append(f"Gesprek op {g.datum:%d-%m-%Y}" + (f" ({g.plaats})" if g.plaats else ""))
        if g.deelnemers:
            regels.append(f"Aanwezig: {g.deelnemers}")
        for sc in g.scores:
            woorden = f" - {sc.eigen_woorden}" if sc.eigen_woorden else ""
            regels.append(f"- {domeinen.get(sc.domein, sc.domein)}: score {sc.score}{woorden}")
        for veld, label in PIRAMIDE:
            waarde = getattr(g, veld)
            if waarde:
                regels.append(f"{label}: {waarde}")
        if g.clientondersteuning_aangeboden:
            regels.append(
                "Wij hebben u gratis onafhankelijke cliëntondersteuning aangeboden"
                + (
                    f"; u koos voor {g.clientondersteuner_naam}."
                    if g.clientondersteuning_geaccepteerd and g.clientondersteuner_naam
                    else "."
                )
            )
        if g.mantelzorg_besproken:
            regels.append("Wij hebben ondersteuning van uw mantelzorger(s) besproken.")
        regels.append("")
    regels.append("Conclusie")
    regels.append("")
    return "\n".join(regels).strip() + "\n"


def save_verslag(session: Session, actor: Actor, *, vraag_id: int, data: s.VerslagIn) -> Verslag:
    v, hh = _authorized(session, actor, vraag_id, Handeling.SCHRIJVEN)
    _require_status(v, S.in_onderzoek, S.onderzoek_afgerond, S.aanvraag_ontvangen, wat="Het verslag schrijven")
    vs = session.scalar(select(Verslag).where(Verslag.vraag_id == v.id))
    if vs is None:
        vs = Verslag(vraag_id=v.id, tekst=data.tekst)
        session.add(vs)
        session.flush()
        _record(session, actor, "create", "verslag", vs, hh.id, {"tekst": [None, "(tekst)"]})
    else:
        _check_version(vs, data.version)
        if vs.verzonden_op is not None:
            raise InvalidTransition("Het verslag is al verzonden en kan niet meer worden gewijzigd.")
        vs.tekst = data.tekst
        session.flush()
        _record(session, actor, "update", "verslag", vs, hh.id, {"tekst": ["(tekst)", "(tekst)"]})
    return vs


def mark_verslag_sent(session: Session, actor: Actor, *, vraag_id: int, data: s.VerslagVerzendenIn) -> Verslag:
    """The verslag went to the resident (Wmo 2015 art. 2.3.2 lid 8): the onderzoek is finished."""
    v, hh = _authorized(session, actor, vraag_id, Handeling.SCHRIJVEN)
    vs = session.scalar(select(Verslag).where(Verslag.vraag_id == v.id))
    if vs is None:
        raise ValidationError({"verzonden_op": "Schrijf eerst het verslag."})
    if vs.verzonden_op is not None:
        raise InvalidTransition("Het verslag is al verzonden.")
    eerste = session.scalar(select(Gesprek.datum).where(Gesprek.vraag_id == v.id).order_by(Gesprek.datum).limit(1))
    if eerste is None:
        raise ValidationError({"verzonden_op": "Er is nog geen gesprek vastgelegd."})
    if data.verzonden_op < eerste:
        raise ValidationError(
            {"verzonden_op": f"Het verslag kan niet vóór het eerste gesprek ({eerste:%d-%m-%Y}) zijn verzonden."}
        )
    if data.verzonden_op > clock.today():
        raise ValidationError({"verzonden_op": "De verzenddatum kan niet in de toekomst liggen."})
    if v.status == S.in_onderzoek.value:
        _transition(session, actor, v, S.onderzoek_afgerond, "verslag verzonden")
    vs.verzonden_op = data.verzonden_op
    session.flush()
    _record(
        session, actor, "update", "verslag", vs, hh.id, {"verzonden_op": [None, data.verzonden_op]}, "verslag verzonden"
    )
    return vs


def add_reactie(session: Session, actor: Actor, *, vraag_id: int, data: s.ReactieIn) -> Verslag:
    """The resident's reaction on the verslag; a consenting cliëntondersteuner may add it too."""
    v = _vraag(session, vraag_id)
    hh = session.get(Huishouden, v.huishouden_id)
    assert hh is not None
    besluit = authz.decide(session, actor, hh, Handeling.SCHRIJVEN)
    if not besluit.ok:
        authz.require(session, actor, hh, Handeling.REAGEREN, object_type="verslag", object_id=v.id)
    vs = session.scalar(select(Verslag).where(Verslag.vraag_id == v.id))
    if vs is None or vs.verzonden_op is None:
        raise ValidationError({"reactie_inwoner": "Een reactie kan pas als het verslag is verzonden."})
    oud = vs.reactie_inwoner
    vs.reactie_inwoner = data.reactie_inwoner
    session.flush()
    _record(session, actor, "update", "verslag", vs, hh.id, {"reactie_inwoner": [oud, data.reactie_inwoner]})
    return vs


def view_verslag(
    session: Session, actor: Actor, *, vraag_id: int, export: bool = False
) -> tuple[Ondersteuningsvraag, Huishouden, Verslag]:
    v = _vraag(session, vraag_id)
    hh = session.get(Huishouden, v.huishouden_id)
    if hh is None:
        raise NotFound()
    besluit = authz.decide(session, actor, hh, Handeling.LEZEN)
    if not besluit.ok:
        authz.require(session, actor, hh, Handeling.GEDEELD_LEZEN, object_type="verslag", object_id=v.id)
        if not authz.consent_scope(session, actor, hh.id, "verslag"):
            raise NotFound()
    vs = session.scalar(select(Verslag).where(Verslag.vraag_id == v.id))
    if vs is None:
        raise NotFound()
    _record(session, actor, "export" if export else "view", "verslag", vs, hh.id)
    return v, hh, vs


# ---- aanvraag and beschikking ----------------------------------------------------------------------


def register_aanvraag(session: Session, actor: Actor, *, vraag_id: int, data: s.AanvraagCreate) -> Aanvraag:
    v, hh = _authorized(session, actor, vraag_id, Handeling.SCHRIJVEN)
    errors: dict[str, str] = {}
    if data.datum_ontvangst < v.datum_melding:
        errors["datum_ontvangst"] = "De aanvraag kan niet vóór de melding zijn ontvangen."
    elif data.datum_ontvangst > clock.today():
        errors["datum_ontvangst"] = "De ontvangstdatum kan niet in de toekomst liggen."
    if errors:
        raise ValidationError(errors)
    _transition(session, actor, v, S.aanvraag_ontvangen, "aanvraag ontvangen")
    a = Aanvraag(vraag_id=v.id, datum_ontvangst=data.datum_ontvangst, wet=data.wet)
    session.add(a)
    session.flush()
    _record(
        session,
        actor,
        "create",
        "aanvraag",
        a,
        hh.id,
        {"datum_ontvangst": [None, a.datum_ontvangst], "wet": [None, a.wet]},
    )
    return a


def _leeftijd(geb: date | None, dag: date) -> int | None:
    if geb is None:
        return None
    return dag.year - geb.year - ((dag.month, dag.day) < (geb.month, geb.day))


def _validate_voorzieningen(session: Session, hh: Huishouden, data: s.BeschikkingCreate) -> dict[str, str]:
    errors: dict[str, str] = {}
    eenheden = {c for c, _ in codes.options(session, "eenheid")}
    frequenties = {c for c, _ in codes.options(session, "frequentie")}
    leden = {
        p.id: p for p in session.scalars(select(Persoon).join(Lidmaatschap).where(Lidmaatschap.huishouden_id == hh.id))
    }
    for i, vz in enumerate(data.voorzieningen):
        f = f"voorzieningen.{i}."
        product = session.get(Product, vz.product_id)
        if product is None or not product.actief:
            errors[f + "product_id"] = "Kies een product uit de catalogus."
        elif product.wet != data.wet:
            errors[f + "product_id"] = (
                f"Het product '{product.naam}' hoort bij de {product.wet}, niet bij de {data.wet}."
            )
        if vz.einddatum is not None and vz.einddatum < vz.ingangsdatum:
            errors[f + "einddatum"] = "De einddatum ligt vóór de ingangsdatum."
        if vz.evaluatiedatum is not None and vz.evaluatiedatum < vz.ingangsdatum:
            errors[f + "evaluatiedatum"] = "De evaluatiedatum ligt vóór de ingangsdatum."
        if vz.eenheid not in eenheden:
            errors[f + "eenheid"] = "Kies een eenheid uit de lijst."
        if vz.frequentie not in frequenties:
            errors[f + "frequentie"] = "Kies een frequentie uit de lijst."
        if vz.persoon_id is not None and vz.persoon_id not in leden:
            errors[f + "persoon_id"] = "Kies een persoon uit dit huishouden."
        if vz.leveringsvorm == "ZIN":
            if vz.aanbieder_id is None:
                errors[f + "aanbieder_id"] = "Kies een aanbieder voor zorg in natura."
            elif session.get(Aanbieder, vz.aanbieder_id) is None:
                errors[f + "aanbieder_id"] = "Kies een aanbieder uit de lijst."
            elif product is not None and not heeft_contract(session, vz.aanbieder_id, product.id, vz.ingangsdatum):
                errors[f + "aanbieder_id"] = (
                    f"Deze aanbieder heeft op {vz.ingangsdatum:%d-%m-%Y} geen contract voor dit product."
                )
        else:
            if not (vz.pgb_bekwaamheid and vz.pgb_passend and vz.pgb_kwaliteit):
                errors[f + "pgb_bekwaamheid"] = (
                    "Een pgb kan alleen als de inwoner het kan beheren, het pgb passend is en de kwaliteit "
                    "gewaarborgd is (Wmo 2015 art. 2.3.6 lid 2)."
                )
        if data.wet == "Jeugdwet" and vz.persoon_id in leden:
            leeftijd = _leeftijd(leden[vz.persoon_id].geboortedatum, vz.ingangsdatum)
            if leeftijd is not None and leeftijd >= 18 and not (vz.grond_verlengde_jeugdhulp or "").strip():
                errors[f + "grond_verlengde_jeugdhulp"] = (
                    "Na 18 jaar kan jeugdhulp alleen met een vastgelegde grond voor verlengde jeugdhulp."
                )
    return errors


def goedkeuring_nodig(voorzieningen: list[s.VoorzieningIn] | list[Maatwerkvoorziening], drempel_maanden: int) -> bool:
    """Four eyes when any voorziening is a PGB or runs longer than the threshold (open-ended counts as longer)."""
    for vz in voorzieningen:
        if vz.leveringsvorm == "PGB":
            return True
        if vz.einddatum is None or vz.einddatum > t.add_months(vz.ingangsdatum, drempel_maanden):
            return True
    return False


def prepare_beschikking(session: Session, actor: Actor, *, vraag_id: int, data: s.BeschikkingCreate) -> Beschikking:
    """A concept beschikking with its voorzieningen; one needing approval goes ter_goedkeuring."""
    v, hh = _authorized(session, actor, vraag_id, Handeling.SCHRIJVEN)
    _require_status(v, S.aanvraag_ontvangen, wat="Een beschikking opstellen")
    aanvraag = session.scalar(select(Aanvraag).where(Aanvraag.vraag_id == v.id).order_by(Aanvraag.id.desc()).limit(1))
    assert aanvraag is not None
    open_ = session.scalar(
        select(Beschikking.id).where(
            Beschikking.vraag_id == v.id, Beschikking.status.in_(("concept", "ter_goedkeuring", "definitief"))
        )
    )
    if open_:
        raise InvalidTransition("Er is al een beschikking voor deze aanvraag; keur die eerst af of stel die vast.")
    errors: dict[str, str] = {}
    if data.besluitdatum < aanvraag.datum_ontvangst:
        errors["besluitdatum"] = (
            f"De besluitdatum ligt vóór de ontvangst van de aanvraag ({aanvraag.datum_ontvangst:%d-%m-%Y})."
        )
    toekenning = data.besluit in ("toekenning", "gedeeltelijke_toekenning")
    if toekenning and not data.voorzieningen:
        errors["voorzieningen"] = "Voeg minstens één maatwerkvoorziening toe."
    errors.update(_validate_voorzieningen(session, hh, data))
    if toekenning and data.voorzieningen:
        gesprekken = session.scalars(select(Gesprek).where(Gesprek.vraag_id == v.id)).all()
        if not any(g.subsidiariteit_compleet for g in gesprekken):
            errors["besluit"] = SUBSIDIARITEIT_MELDING
    if errors:
        raise ValidationError(errors)
    nodig = toekenning and goedkeuring_nodig(data.voorzieningen, get_settings().approval_months_threshold)
    b = Beschikking(
        aanvraag_id=aanvraag.id,
        vraag_id=v.id,
        huishouden_id=hh.id,
        nummer=f"tmp-{uuid.uuid4().hex[:16]}",
        besluitdatum=data.besluitdatum,
        besluit=data.besluit,
        wet=data.wet,
        grondslag=data.grondslag,
        motivering=data.motivering,
        status="ter_goedkeuring" if nodig else "concept",
        goedkeuring_nodig=nodig,
        opgesteld_door_id=actor.gebruiker_id,
    )
    session.add(b)
    session.flush()
    b.nummer = f"B{data.besluitdatum.year}-{b.id:06d}"
    for vz in data.voorzieningen:
        session.add(
            Maatwerkvoorziening(
                beschikking_id=b.id,
                huishouden_id=hh.id,
                wet=data.wet,
                status="aangevraagd",
                **vz.model_dump(exclude={"aanbieder_id"} if vz.leveringsvorm == "PGB" else set()),
            )
        )
    session.flush()
    _record(
        session,
        actor,
        "create",
        "beschikking",
        b,
        hh.id,
        {
            **audit.diff({}, audit.snapshot(b, BESCHIKKING_FIELDS)),
            "voorzieningen": [None, [vz.model_dump() for vz in data.voorzieningen]],
        },
    )
    return b


def _require_approver(session: Session, actor: Actor, b: Beschikking) -> None:
    authz.require_role(actor, Rol.SUPERVISOR)
    authz.get_household(session, actor, b.huishouden_id, Handeling.GOEDKEUREN)
    if b.status != "ter_goedkeuring":
        raise InvalidTransition("Deze beschikking wacht niet op goedkeuring.")
    # Four eyes (DESIGN §7): also a user holding both roles never approves or rejects their own.
    if b.opgesteld_door_id is not None and b.opgesteld_door_id == actor.gebruiker_id:
        raise NotAllowed("U kunt uw eigen beschikking niet goedkeuren of afkeuren; een andere teamleider doet dat.")


def approve_beschikking(
    session: Session, actor: Actor, *, beschikking_id: int, notitie: str | None = None
) -> Beschikking:
    """Four eyes: the supervisor approves; the consultant can then make it final."""
    b = session.get(Beschikking, beschikking_id)
    if b is None:
        raise NotFound()
    _require_approver(session, actor, b)
    b.status = "concept"
    b.goedgekeurd_door_id = actor.gebruiker_id
    b.goedgekeurd_op = clock.now()
    b.goedkeuring_notitie = (notitie or "").strip() or None
    session.flush()
    _record(
        session,
        actor,
        "approve",
        "beschikking",
        b,
        b.huishouden_id,
        {"status": ["ter_goedkeuring", "goedgekeurd"]},
        b.goedkeuring_notitie,
    )
    return b


def reject_beschikking(
    session: Session, actor: Actor, *, beschikking_id: int, notitie: str | None = None
) -> Beschikking:
    b = session.get(Beschikking, beschikking_id)
    if b is None:
        raise NotFound()
    _require_approver(session, actor, b)
    if not (notitie or "").strip():
        raise ValidationError({"notitie": "Schrijf waarom u de beschikking afkeurt."})
    b.status = "afgekeurd"
    b.goedgekeurd_door_id = actor.gebruiker_id
    b.goedgekeurd_op = clock.now()
    b.goedkeuring_notitie = notitie.strip()  # type: ignore[union-attr]
    session.flush()
    _record(
        session,
        actor,
        "reject",
        "beschikking",
        b,
        b.huishouden_id,
        {"status": ["ter_goedkeuring", "afgekeurd"]},
        b.goedkeuring_notitie,
    )
    return b


def pending_approvals(session: Session, actor: Actor) -> list[Beschikking]:
    """Beschikkingen of the supervisor's teams awaiting approval (for the approvals list)."""
    if not actor.heeft(Rol.SUPERVISOR):
        return []
    scope = authz.visible_households(actor, Handeling.GOEDKEUREN)
    return list(
        session.scalars(
            select(Beschikking)
            .where(
                Beschikking.status == "ter_goedkeuring",
                Beschikking.huishouden_id.in_(scope),
                or_(Beschikking.opgesteld_door_id.is_(None), Beschikking.opgesteld_door_id != actor.gebruiker_id),
            )
            .order_by(Beschikking.besluitdatum, Beschikking.id)
        ).all()
    )


def finalize_beschikking(session: Session, actor: Actor, *, beschikking_id: int, data: s.DefinitiefIn) -> Beschikking:
    """Make the beschikking final and send it: voorzieningen toegekend, a toewijzing per ZIN voorziening."""
    b = _beschikking(session, actor, beschikking_id, Handeling.SCHRIJVEN)
    if b.status == "ter_goedkeuring":
        raise InvalidTransition("Deze beschikking wacht nog op goedkeuring door een teamleider.")
    if b.status != "concept":
        raise InvalidTransition("Alleen een conceptbeschikking kan worden vastgesteld.")
    if data.verzonden_op < b.besluitdatum:
        raise ValidationError({"verzonden_op": "De beschikking kan niet vóór de besluitdatum zijn verzonden."})
    v = _vraag(session, b.vraag_id)
    _transition(session, actor, v, S.besloten, f"beschikking {b.nummer}")
    b.status = "definitief"
    b.verzonden_op = data.verzonden_op
    voorzieningen = session.scalars(select(Maatwerkvoorziening).where(Maatwerkvoorziening.beschikking_id == b.id)).all()
    for vz in voorzieningen:
        vz.status = "afgewezen" if b.besluit == "afwijzing" else "toegekend"
    session.flush()
    for vz in voorzieningen:
        if vz.status == "toegekend" and vz.leveringsvorm == "ZIN" and vz.aanbieder_id is not None:
            tw = Toewijzing(
                voorziening_id=vz.id,
                toewijzingnummer=f"tmp-{uuid.uuid4().hex[:16]}",
                aanbieder_id=vz.aanbieder_id,
                ingangsdatum=vz.ingangsdatum,
                einddatum=vz.einddatum,
                volume=vz.volume,
                eenheid=vz.eenheid,
                frequentie=vz.frequentie,
            )
            session.add(tw)
            session.flush()
            tw.toewijzingnummer = f"T{vz.ingangsdatum.year}{tw.id:08d}"
            session.flush()
            _record(
                session,
                actor,
                "create",
                "toewijzing",
                tw,
                b.huishouden_id,
                {"toewijzingnummer": [None, tw.toewijzingnummer], "aanbieder_id": [None, tw.aanbieder_id]},
            )
            berichten_uit.toewijzing_gewijzigd(session, actor, toewijzing=tw)
    _record(
        session,
        actor,
        "finalize",
        "beschikking",
        b,
        b.huishouden_id,
        {"status": ["concept", "definitief"], "verzonden_op": [None, data.verzonden_op]},
    )
    return b


def view_beschikking(
    session: Session, actor: Actor, *, beschikking_id: int, export: bool = False
) -> tuple[Beschikking, Huishouden, list[Persoon]]:
    b = _beschikking(session, actor, beschikking_id, Handeling.LEZEN)
    hh = session.get(Huishouden, b.huishouden_id)
    assert hh is not None
    b = session.scalars(
        select(Beschikking)
        .where(Beschikking.id == b.id)
        .options(
            selectinload(Beschikking.voorzieningen).selectinload(Maatwerkvoorziening.product),
            selectinload(Beschikking.voorzieningen).selectinload(Maatwerkvoorziening.aanbieder),
            selectinload(Beschikking.voorzieningen).selectinload(Maatwerkvoorziening.persoon),
            selectinload(Beschikking.voorzieningen).selectinload(Maatwerkvoorziening.toewijzingen),
        )
    ).one()
    leden = list(
        session.scalars(
            select(Persoon)
            .join(Lidmaatschap)
            .where(Lidmaatschap.huishouden_id == hh.id, Lidmaatschap.relatie == "aanvrager")
        )
    )
    _record(session, actor, "export" if export else "view", "beschikking", b, hh.id)
    return b, hh, leden


# ---- care: start, stop, change, end ---------------------------------------------------------------


def _huidige_toewijzing(session: Session, vz: Maatwerkvoorziening) -> Toewijzing | None:
    return session.scalar(
        select(Toewijzing).where(Toewijzing.voorziening_id == vz.id).order_by(Toewijzing.id.desc()).limit(1)
    )


def start_zorg(
    session: Session, actor: Actor, *, voorziening_id: int, data: s.StartZorgIn, via: str = "handmatig"
) -> Maatwerkvoorziening:
    """The provider started (ZIN: on the toewijzing) or the PGB took effect: the voorziening is actief.

    `via` is "bericht" when a provider's 305 reports it, "handmatig" when typed in (no connection)."""
    vz = _voorziening(session, actor, voorziening_id, Handeling.SCHRIJVEN)
    if vz.status != "toegekend":
        raise InvalidTransition("Zorg kan alleen starten voor een toegekende voorziening.")
    if data.datum < vz.ingangsdatum:
        raise ValidationError({"datum": f"De zorg kan niet vóór de ingangsdatum ({vz.ingangsdatum:%d-%m-%Y}) starten."})
    if vz.einddatum is not None and data.datum > vz.einddatum:
        raise ValidationError({"datum": "De startdatum ligt na de einddatum van de voorziening."})
    tw = _huidige_toewijzing(session, vz)
    if tw is not None:
        tw.start_zorg = data.datum
        tw.start_via = via
    vz.status = "actief"
    session.flush()
    _record(
        session,
        actor,
        "start_zorg",
        "maatwerkvoorziening",
        vz,
        vz.huishouden_id,
        {"status": ["toegekend", "actief"], "start_zorg": [None, data.datum], "via": [None, via]},
    )
    return vz


def _reden_beeindiging(session: Session, code: str, veld: str = "reden_beeindiging") -> None:
    if code not in {c for c, _ in codes.options(session, "reden_beeindiging")}:
        raise ValidationError({veld: "Kies een reden van beëindiging uit de lijst."})


def stop_zorg(
    session: Session, actor: Actor, *, voorziening_id: int, data: s.StopZorgIn, via: str = "handmatig"
) -> Maatwerkvoorziening:
    """The provider stopped care (307 or by hand, see `start_zorg`): the voorziening is beëindigd."""
    vz = _voorziening(session, actor, voorziening_id, Handeling.SCHRIJVEN)
    if vz.status != "actief":
        raise InvalidTransition("Zorg kan alleen stoppen voor een actieve voorziening.")
    _reden_beeindiging(session, data.reden_beeindiging)
    tw = _huidige_toewijzing(session, vz)
    start = tw.start_zorg if tw and tw.start_zorg else vz.ingangsdatum
    if data.datum < start:
        raise ValidationError({"datum": f"De zorg kan niet stoppen vóór de start ({start:%d-%m-%Y})."})
    before = audit.snapshot(vz, VOORZIENING_FIELDS)
    if tw is not None:
        tw.stop_zorg = data.datum
        tw.reden_beeindiging = data.reden_beeindiging
        tw.stop_via = via
    vz.status = "beeindigd"
    vz.reden_beeindiging = data.reden_beeindiging
    if vz.einddatum is None or vz.einddatum > data.datum:
        vz.einddatum = data.datum
    session.flush()
    _record(
        session,
        actor,
        "stop_zorg",
        "maatwerkvoorziening",
        vz,
        vz.huishouden_id,
        {**audit.diff(before, audit.snapshot(vz, VOORZIENING_FIELDS)), "via": [None, via]},
    )
    return vz


def wijzig_voorziening(
    session: Session, actor: Actor, *, voorziening_id: int, data: s.VoorzieningWijzigen
) -> Maatwerkvoorziening:
    """Change omvang or period (iJw/iWmo 301 with reden wijziging); the toewijzing follows."""
    vz = _voorziening(session, actor, voorziening_id, Handeling.SCHRIJVEN)
    _check_version(vz, data.version)
    if vz.status not in ("toegekend", "actief"):
        raise InvalidTransition("Alleen een toegekende of actieve voorziening kan worden gewijzigd.")
    errors: dict[str, str] = {}
    if data.reden_wijziging not in {c for c, _ in codes.options(session, "reden_wijziging")}:
        errors["reden_wijziging"] = "Kies een reden van wijziging uit de lijst."
    if data.volume is None and data.einddatum is None:
        errors["volume"] = "Wijzig de omvang of de einddatum."
    if data.einddatum is not None and data.einddatum < vz.ingangsdatum:
        errors["einddatum"] = "De einddatum ligt vóór de ingangsdatum."
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(vz, VOORZIENING_FIELDS)
    if data.volume is not None:
        vz.volume = data.volume
    if data.einddatum is not None:
        vz.einddatum = data.einddatum
    tw = _huidige_toewijzing(session, vz)
    if tw is not None:
        tw.volume, tw.einddatum, tw.reden_wijziging = vz.volume, vz.einddatum, data.reden_wijziging
    session.flush()
    if tw is not None:
        berichten_uit.toewijzing_gewijzigd(session, actor, toewijzing=tw)
    _record(
        session,
        actor,
        "update",
        "maatwerkvoorziening",
        vz,
        vz.huishouden_id,
        {**audit.diff(before, audit.snapshot(vz, VOORZIENING_FIELDS)), "reden_wijziging": [None, data.reden_wijziging]},
    )
    return vz


def beeindig_voorziening(
    session: Session, actor: Actor, *, voorziening_id: int, data: s.VoorzieningBeeindigen
) -> Maatwerkvoorziening:
    """End a voorziening early, with a reden beëindiging from the code list."""
    vz = _voorziening(session, actor, voorziening_id, Handeling.SCHRIJVEN)
    _check_version(vz, data.version)
    if vz.status not in ("toegekend", "actief"):
        raise InvalidTransition("Deze voorziening is niet lopend en kan niet worden beëindigd.")
    _reden_beeindiging(session, data.reden_beeindiging)
    if data.einddatum < vz.ingangsdatum:
        raise ValidationError({"einddatum": "De einddatum ligt vóór de ingangsdatum."})
    before = audit.snapshot(vz, VOORZIENING_FIELDS)
    vz.einddatum = data.einddatum
    vz.status = "beeindigd"
    vz.reden_beeindiging = data.reden_beeindiging
    tw = _huidige_toewijzing(session, vz)
    if tw is not None:
        tw.einddatum = data.einddatum
        tw.reden_beeindiging = data.reden_beeindiging
        if tw.start_zorg is not None and tw.stop_zorg is None:
            tw.stop_zorg = max(data.einddatum, tw.start_zorg)
            tw.stop_via = "handmatig"
        tw.reden_wijziging = berichten_uit.reden_wijziging_bij_beeindiging(data.reden_beeindiging)
    session.flush()
    if tw is not None:
        berichten_uit.toewijzing_gewijzigd(session, actor, toewijzing=tw)
    _record(
        session,
        actor,
        "end",
        "maatwerkvoorziening",
        vz,
        vz.huishouden_id,
        audit.diff(before, audit.snapshot(vz, VOORZIENING_FIELDS)),
    )
    return vz


# ---- bezwaar and closing --------------------------------------------------------------------------


def register_bezwaar(session: Session, actor: Actor, *, beschikking_id: int, data: s.BezwaarCreate) -> Bezwaar:
    """An objection; `tijdig` is decided at registration from the 6-week term (Awb 6:7, 6:8, Atw art. 1)."""
    b = _beschikking(session, actor, beschikking_id, Handeling.SCHRIJVEN)
    if b.status != "definitief" or b.verzonden_op is None:
        raise InvalidTransition("Bezwaar kan alleen tegen een verzonden beschikking.")
    if data.datum_ontvangst < b.verzonden_op:
        raise ValidationError(
            {"datum_ontvangst": "Het bezwaar kan niet vóór de verzending van de beschikking zijn ontvangen."}
        )
    if data.datum_ontvangst > clock.today():
        raise ValidationError({"datum_ontvangst": "De ontvangstdatum kan niet in de toekomst liggen."})
    bz = Bezwaar(
        beschikking_id=b.id,
        datum_ontvangst=data.datum_ontvangst,
        tijdig=data.datum_ontvangst <= t.bezwaar_deadline(b.verzonden_op),
        status="ontvangen",
    )
    session.add(bz)
    session.flush()
    _record(
        session,
        actor,
        "create",
        "bezwaar",
        bz,
        b.huishouden_id,
        {"datum_ontvangst": [None, bz.datum_ontvangst], "tijdig": [None, bz.tijdig]},
    )
    return bz


def update_bezwaar(session: Session, actor: Actor, *, bezwaar_id: int, data: s.BezwaarUpdate) -> Bezwaar:
    bz = session.get(Bezwaar, bezwaar_id)
    if bz is None:
        raise NotFound()
    b = _beschikking(session, actor, bz.beschikking_id, Handeling.SCHRIJVEN)
    errors: dict[str, str] = {}
    if data.status == "besloten":
        if data.beslisdatum is None:
            errors["beslisdatum"] = "Vul de datum van de beslissing op bezwaar in."
        if data.uitkomst is None:
            errors["uitkomst"] = "Kies de uitkomst."
    if data.beslisdatum is not None and data.beslisdatum < bz.datum_ontvangst:
        errors["beslisdatum"] = "De beslisdatum ligt vóór de ontvangst van het bezwaar."
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(bz, ("status", "beslisdatum", "uitkomst"))
    bz.status, bz.beslisdatum = data.status, data.beslisdatum
    bz.uitkomst = "ingetrokken" if data.status == "ingetrokken" else data.uitkomst
    session.flush()
    _record(
        session,
        actor,
        "update",
        "bezwaar",
        bz,
        b.huishouden_id,
        audit.diff(before, audit.snapshot(bz, ("status", "beslisdatum", "uitkomst"))),
    )
    return bz


def close_vraag(session: Session, actor: Actor, *, vraag_id: int, data: s.AfsluitenIn) -> Ondersteuningsvraag:
    """Close with a reason; when support was given a nazorg date is planned ("verantwoord loslaten")."""
    v, hh = _authorized(session, actor, vraag_id, Handeling.SCHRIJVEN)
    errors: dict[str, str] = {}
    if data.reden not in rules.AFSLUITREDENEN:
        errors["reden"] = "Kies een reden om af te sluiten."
    elif rules.afsluiten_vereist_nazorg(data.reden):
        if data.nazorgdatum is None:
            errors["nazorgdatum"] = "Plan een nazorgdatum: er is ondersteuning gegeven."
        elif data.nazorgdatum < clock.today():
            errors["nazorgdatum"] = "De nazorgdatum kan niet in het verleden liggen."
    if errors:
        raise ValidationError(errors)
    _transition(session, actor, v, S.afgesloten, rules.AFSLUITREDENEN[data.reden])
    v.afsluitreden = data.reden
    v.nazorgdatum = data.nazorgdatum
    v.afgesloten_op = clock.today()
    session.flush()
    _record(
        session,
        actor,
        "close",
        "ondersteuningsvraag",
        v,
        hh.id,
        {"afsluitreden": [None, data.reden], "nazorgdatum": [None, data.nazorgdatum]},
    )
    return v


# ---- chronologie ----------------------------------------------------------------------------------

_ACTIES = {
    "create": "aangemaakt",
    "update": "gewijzigd",
    "transition": "status gewijzigd",
    "claim": "opgepakt uit de teamwachtrij",
    "assign": "toegewezen",
    "send": "verzonden",
    "approve": "goedgekeurd",
    "reject": "afgekeurd",
    "finalize": "vastgesteld en verzonden",
    "start_zorg": "zorg gestart",
    "stop_zorg": "zorg gestopt",
    "end": "beëindigd",
    "close": "afgesloten",
    "break_the_glass": "dossier ingezien buiten eigen relatie (break-the-glass)",
}
_OBJECTEN = {
    "ondersteuningsvraag": "Ondersteuningsvraag",
    "gesprek": "Gesprek",
    "verslag": "Verslag",
    "aanvraag": "Aanvraag",
    "beschikking": "Beschikking",
    "maatwerkvoorziening": "Voorziening",
    "toewijzing": "Toewijzing",
    "bezwaar": "Bezwaar",
    "termijnaanpassing": "Termijnaanpassing",
    "huishouden": "Huishouden",
    "persoon": "Persoon",
    "lidmaatschap": "Lidmaatschap",
    "netwerklid": "Netwerklid",
    "plan": "Plan",
    "plan_versie": "Planversie",
    "doel": "Doel",
    "actie": "Actie",
    "regieafspraak": "Regie-afspraak",
    "evaluatie": "Evaluatie",
    "schaalbesluit": "Schaalbesluit",
    "overgang18": "Overgang 18-/18+",
    "reactie": "Reactie cliëntondersteuner",
    "toestemming": "Toestemming",
    "betrokkenheid": "Betrokkenheid",
}
_NIET_IN_CHRONOLOGIE = {"view", "export", "search", "access_denied"}


@dataclass(frozen=True)
class Gebeurtenis:
    at: datetime
    wie: str
    wat: str
    toelichting: str | None = None


def chronologie(session: Session, actor: Actor, *, huishouden_id: int, limit: int = 200) -> list[Gebeurtenis]:
    """One timeline of what happened to the household, newest first, with who did it.

    Built from the household's audit events (changes, not looks) and the status history of its
    vragen (which carries the reason of each step).
    """
    authz.get_household(session, actor, huishouden_id, Handeling.LEZEN)
    namen = dict(session.execute(select(Gebruiker.id, Gebruiker.naam)).all())
    out: list[Gebeurtenis] = []
    for ev in session.scalars(
        select(AuditEvent)
        .where(
            AuditEvent.huishouden_id == huishouden_id,
            AuditEvent.action.not_in(_NIET_IN_CHRONOLOGIE),
            # vraag transitions come from the status history below, which carries the reason
            ~((AuditEvent.action == "transition") & (AuditEvent.object_type == "ondersteuningsvraag")),
        )
        .order_by(AuditEvent.id.desc())
        .limit(limit)
    ):
        wie = namen.get(ev.actor_id, ev.actor_username) if ev.actor_id else ev.actor_username
        obj = _OBJECTEN.get(ev.object_type, ev.object_type.replace("_", " ").capitalize())
        wat = f"{obj} {_ACTIES.get(ev.action, ev.action.replace('_', ' '))}"
        out.append(Gebeurtenis(ev.occurred_at, wie, wat, ev.reason))
    wijzigingen = session.execute(
        select(VraagStatusWijziging, Ondersteuningsvraag.id)
        .join(Ondersteuningsvraag, Ondersteuningsvraag.id == VraagStatusWijziging.vraag_id)
        .where(Ondersteuningsvraag.huishouden_id == huishouden_id)
        .order_by(VraagStatusWijziging.id.desc())
        .limit(limit)
    ).all()
    for w, vid in wijzigingen:
        naar = rules.STATUS_LABELS[S(w.naar)]
        wat = f"Vraag {vid}: {'gemeld' if w.van is None else 'status naar ' + repr(naar.lower())}"
        out.append(Gebeurtenis(w.at, namen.get(w.door_id, "systeem") if w.door_id else "systeem", wat, w.reden))

    def key(g: Gebeurtenis) -> datetime:
        return g.at.replace(tzinfo=None) if g.at.tzinfo else g.at

    return sorted(out, key=key, reverse=True)[:limit]


def require_writer(session: Session, actor: Actor, *, vraag_id: int) -> None:
    """For screens: raise unless the actor may work on this vraag."""
    _authorized(session, actor, vraag_id, Handeling.SCHRIJVEN)


def products_by_wet(session: Session) -> dict[str, list[Product]]:
    out: dict[str, list[Product]] = {}
    for p in session.scalars(select(Product).where(Product.actief.is_(True)).order_by(Product.wet, Product.naam)):
        out.setdefault(p.wet, []).append(p)
    return out


def aanbieders(session: Session) -> list[Aanbieder]:
    return list(session.scalars(select(Aanbieder).where(Aanbieder.actief.is_(True)).order_by(Aanbieder.naam)))
