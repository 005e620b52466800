"""Use cases on households: search, dossier, create/update, members and network.

Every function takes (session, actor, *, ...), checks authorization through authz, changes state,
and writes the audit event in the same transaction. Routers call these and nothing else.
"""

from datetime import timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from app import clock
from app.domain import audit, authz
from app.domain.actor import Actor
from app.domain.audit.models import AuditEvent
from app.domain.authz import Handeling, Relatie
from app.domain.errors import Conflict, NotAllowed, NotFound, ValidationError
from app.domain.households import schemas as s
from app.domain.households.models import (
    Betrokkenheid,
    BreakTheGlass,
    Huishouden,
    Lidmaatschap,
    Netwerklid,
    Persoon,
)
from app.domain.households.rules import maskeer_bsn
from app.domain.organisation.models import Gebruiker, Gemeente, Rol, Team

PURPOSE = "Toegang sociaal domein"
PERSOON_FIELDS = ("bsn", "voornamen", "voorvoegsel", "achternaam", "geboortedatum", "telefoon", "email")
HH_FIELDS = (
    "naam",
    "straat",
    "huisnummer",
    "huisnummer_toevoeging",
    "postcode",
    "woonplaats",
    "wijk",
    "gemeente_id",
    "team_id",
    "veiligheidszorg",
)
NETWERK_FIELDS = (
    "naam",
    "relatie",
    "organisatie",
    "telefoon",
    "email",
    "mag_betrokken_worden",
    "draagkracht",
    "draaglast",
    "respijtzorg_gewenst",
)
BTG_DURATION = timedelta(hours=8)
# Ids and numbers are 32-bit in both databases: larger ones cannot exist and would overflow the driver.
MAX_INT = 2**31 - 1


def _get(session: Session, model: type, obj_id: int | None):  # type: ignore[no-untyped-def]
    """session.get that treats an out-of-range id as simply not there."""
    return session.get(model, obj_id) if obj_id is not None and 1 <= obj_id <= MAX_INT else None


def check_version(obj: object, version: int) -> None:
    """The form carried the version it was read at; a newer one in the database means someone else saved."""
    if getattr(obj, "version") != version:  # noqa: B009
        raise Conflict()


def _zoeknaam(p: s.PersoonCreate | Persoon) -> str:
    return " ".join(x for x in (p.voornamen, p.voorvoegsel, p.achternaam) if x).lower()


# ---- search ----------------------------------------------------------------------------------------


def search(session: Session, actor: Actor, *, opdracht: s.ZoekOpdracht, limit: int = 50) -> list[s.HuishoudenListItem]:
    """Find households by exact BSN, by postcode+huisnummer, or by name.

    Row scope: name search only covers households the actor may list; an exact BSN or address
    (identifiers one must already know) also yields a bare search hit elsewhere (DESIGN §7).
    """
    if actor.heeft(Rol.BEHEERDER) and not actor.heeft(*authz.CASEWORK_ROLES, Rol.AUDITOR, Rol.CLIENTONDERSTEUNER):
        authz.deny(session, actor, huishouden_id=None, handeling="zoeken", object_type="huishouden", object_id=None)
        raise NotAllowed("Functioneel beheer ziet geen dossiers.")
    exact = bool(opdracht.bsn or opdracht.postcode)
    scope = authz.visible_households(actor, Handeling.ZOEKTREFFER if exact else Handeling.LIJST)
    q = select(Huishouden).where(Huishouden.id.in_(scope))
    leden = select(Lidmaatschap.huishouden_id).join(Persoon).where(Lidmaatschap.einddatum.is_(None))
    if opdracht.bsn:
        q = q.where(Huishouden.id.in_(leden.where(Persoon.bsn == opdracht.bsn)))
    elif opdracht.postcode:
        q = q.where(Huishouden.postcode == opdracht.postcode)
        if opdracht.huisnummer:
            q = q.where(Huishouden.huisnummer == min(opdracht.huisnummer, MAX_INT))
    elif opdracht.q and len(opdracht.q) >= 2:
        term = f"%{opdracht.q.lower()}%"
        q = q.where(
            or_(
                func.lower(Huishouden.naam).like(term),
                Huishouden.id.in_(leden.where(Persoon.zoeknaam.like(term))),
            )
        )
    else:
        return []
    rows = session.scalars(
        q.options(selectinload(Huishouden.gemeente), selectinload(Huishouden.team))
        .order_by(func.lower(Huishouden.naam), Huishouden.id)
        .limit(limit)
    ).all()
    audit.record(
        session,
        actor,
        action="search",
        object_type="huishouden",
        purpose=PURPOSE,
        changes={"criteria": opdracht.model_dump(exclude_none=True), "hits": len(rows)},
    )
    return [_list_item(session, actor, hh) for hh in rows]


def _list_item(session: Session, actor: Actor, hh: Huishouden) -> s.HuishoudenListItem:
    rel = authz.relaties(session, actor, hh)
    if authz.allowed(actor.rollen, rel, Handeling.LEZEN):
        toegang = "inhoud"
    elif authz.allowed(actor.rollen, rel, Handeling.GEDEELD_LEZEN):
        toegang = "gedeeld"  # the consented plan and verslag only, not the dossier
    elif authz.allowed(actor.rollen, rel, Handeling.LIJST):
        toegang = "lijst"
    else:
        toegang = "zoektreffer"
    item = s.HuishoudenListItem(
        id=hh.id,
        naam=hh.naam,
        adres=hh.adres,
        gemeente=hh.gemeente.naam,
        team=hh.team.naam if hh.team else None,
        schaalniveau=hh.schaalniveau,
        toegang=toegang,
    )
    if toegang == "zoektreffer":
        # A bare hit: that it is known, and whom to contact. No address, no level.
        item.adres = "—"
        item.schaalniveau = None
        item.contact = _contact(session, hh)
    return item


def _contact(session: Session, hh: Huishouden) -> str:
    namen = session.scalars(
        select(Gebruiker.naam)
        .join(Betrokkenheid, Betrokkenheid.gebruiker_id == Gebruiker.id)
        .where(Betrokkenheid.huishouden_id == hh.id, Betrokkenheid.einddatum.is_(None))
        .order_by(Gebruiker.naam)
    ).all()
    team = hh.team.naam if hh.team else "de toegang"
    return f"{', '.join(namen)} ({team})" if namen else team


def my_households(session: Session, actor: Actor, *, limit: int = 200) -> list[s.HuishoudenListItem]:
    """The households the actor works on or may list (own, team, consent)."""
    scope = authz.visible_households(actor, Handeling.LIJST)
    rows = session.scalars(
        select(Huishouden)
        .where(Huishouden.id.in_(scope))
        .options(selectinload(Huishouden.gemeente), selectinload(Huishouden.team))
        .order_by(func.lower(Huishouden.naam), Huishouden.id)
        .limit(limit)
    ).all()
    return [_list_item(session, actor, hh) for hh in rows]


# ---- dossier ---------------------------------------------------------------------------------------


def get_dossier(session: Session, actor: Actor, *, huishouden_id: int) -> s.HuishoudenRead:
    """The household's dossier; the look itself is an audit event (who looked at whose file)."""
    hh = _load(session, huishouden_id, actor, Handeling.LEZEN)
    rel = authz.require(session, actor, hh, Handeling.LEZEN)
    audit.record(
        session,
        actor,
        action="view",
        object_type="huishouden",
        object_id=hh.id,
        huishouden_id=hh.id,
        purpose=PURPOSE,
        reason="break-the-glass" if rel == {Relatie.BREAK_THE_GLASS} else None,
    )
    return _read(session, hh)


def _load(
    session: Session, huishouden_id: int, actor: Actor | None = None, handeling: str = Handeling.LEZEN
) -> Huishouden:
    hh = (
        session.scalars(
            select(Huishouden)
            .where(Huishouden.id == huishouden_id)
            .options(selectinload(Huishouden.gemeente), selectinload(Huishouden.team))
        ).first()
        if 1 <= huishouden_id <= MAX_INT
        else None
    )
    if hh is None:
        if actor is not None:  # fishing for ids is an access attempt too
            authz.deny(
                session,
                actor,
                huishouden_id=None,
                handeling=handeling,
                object_type="huishouden",
                object_id=huishouden_id,
            )
        raise NotFound()
    return hh


def _read(session: Session, hh: Huishouden) -> s.HuishoudenRead:
    dag = clock.today()
    leden = session.scalars(
        select(Lidmaatschap)
        .where(Lidmaatschap.huishouden_id == hh.id)
        .options(selectinload(Lidmaatschap.persoon))
        .order_by(Lidmaatschap.einddatum.is_not(None), Lidmaatschap.begindatum, Lidmaatschap.id)
    ).all()
    netwerk = session.scalars(
        select(Netwerklid).where(Netwerklid.huishouden_id == hh.id).order_by(Netwerklid.actief.desc(), Netwerklid.naam)
    ).all()
    betrokken = session.execute(
        select(Betrokkenheid, Gebruiker.naam)
        .join(Gebruiker, Gebruiker.id == Betrokkenheid.gebruiker_id)
        .where(Betrokkenheid.huishouden_id == hh.id)
        .order_by(Betrokkenheid.einddatum.is_not(None), Gebruiker.naam)
    ).all()
    return s.HuishoudenRead(
        id=hh.id,
        naam=hh.naam,
        straat=hh.straat,
        huisnummer=hh.huisnummer,
        huisnummer_toevoeging=hh.huisnummer_toevoeging,
        postcode=hh.postcode,
        woonplaats=hh.woonplaats,
        wijk=hh.wijk,
        adres=hh.adres,
        gemeente_id=hh.gemeente_id,
        gemeente=hh.gemeente.naam,
        team_id=hh.team_id,
        team=hh.team.naam if hh.team else None,
        schaalniveau=hh.schaalniveau,
        veiligheidszorg=hh.veiligheidszorg,
        version=hh.version,
        leden=[
            s.LidmaatschapRead(
                id=m.id,
                persoon=s.PersoonRead.model_validate(m.persoon),
                relatie=m.relatie,
                begindatum=m.begindatum,
                einddatum=m.einddatum,
                actief=m.einddatum is None or m.einddatum >= dag,
                version=m.version,
            )
            for m in leden
        ],
        netwerk=[s.NetwerklidRead.model_validate(n) for n in netwerk],
        betrokkenen=[
            s.BetrokkeneRead(
                gebruiker_id=b.gebruiker_id,
                naam=naam,
                rol=b.rol,
                begindatum=b.begindatum,
                einddatum=b.einddatum,
            )
            for b, naam in betrokken
        ],
    )


def dossier_audit(session: Session, actor: Actor, *, huishouden_id: int, limit: int = 200) -> list[AuditEvent]:
    """'Wie deed en zag wat' on this dossier."""
    hh = _load(session, huishouden_id, actor, Handeling.LEZEN)
    authz.require(session, actor, hh, Handeling.LEZEN)
    events = list(
        session.scalars(
            select(AuditEvent).where(AuditEvent.huishouden_id == hh.id).order_by(AuditEvent.id.desc()).limit(limit)
        ).all()
    )
    # Looking at who did and saw what is itself a look at the file (DESIGN §1 auditor, §8).
    audit.record(
        session,
        actor,
        action="view",
        object_type="audit_trail",
        object_id=hh.id,
        huishouden_id=hh.id,
        purpose=PURPOSE,
    )
    return events


# ---- create / update -------------------------------------------------------------------------------


def _new_persoon(session: Session, data: s.PersoonCreate, field_prefix: str = "") -> Persoon:
    if data.bsn and session.scalar(select(Persoon.id).where(Persoon.bsn == data.bsn)):
        raise ValidationError({f"{field_prefix}bsn": "Er is al een persoon met dit BSN geregistreerd."})
    p = Persoon(**data.model_dump(), zoeknaam=_zoeknaam(data))
    session.add(p)
    session.flush()
    return p


def _check_org(session: Session, actor: Actor, gemeente_id: int, team_id: int | None) -> None:
    errors = {}
    if _get(session, Gemeente, gemeente_id) is None:
        errors["gemeente_id"] = "Kies een gemeente."
    elif actor.gemeente_ids and gemeente_id not in actor.gemeente_ids:
        errors["gemeente_id"] = "U werkt niet voor deze gemeente."
    if team_id is not None and _get(session, Team, team_id) is None:
        errors["team_id"] = "Kies een bestaand team."
    if errors:
        raise ValidationError(errors)


def create_household(session: Session, actor: Actor, *, data: s.HuishoudenCreate) -> s.HuishoudenRead:
    """Register a household with its aanvrager; the creator becomes its behandelaar."""
    authz.require_role(actor, Rol.TOEGANGSMEDEWERKER, Rol.REGISSEUR)
    team_id = data.team_id if data.team_id is not None else (min(actor.team_ids) if actor.team_ids else None)
    _check_org(session, actor, data.gemeente_id, team_id)
    dag = data.ingangsdatum or clock.today()
    aanvrager = _new_persoon(session, data.aanvrager, "aanvrager.")
    naam = (
        data.naam or f"Huishouden {' '.join(x for x in (data.aanvrager.voorvoegsel, data.aanvrager.achternaam) if x)}"
    )
    hh = Huishouden(
        naam=naam,
        gemeente_id=data.gemeente_id,
        team_id=team_id,
        straat=data.straat,
        huisnummer=data.huisnummer,
        huisnummer_toevoeging=data.huisnummer_toevoeging,
        postcode=data.postcode,
        woonplaats=data.woonplaats,
        wijk=data.wijk,
        veiligheidszorg=data.veiligheidszorg,
    )
    session.add(hh)
    session.flush()
    session.add(Lidmaatschap(huishouden_id=hh.id, persoon_id=aanvrager.id, relatie="aanvrager", begindatum=dag))
    if actor.gebruiker_id is not None:
        session.add(
            Betrokkenheid(huishouden_id=hh.id, gebruiker_id=actor.gebruiker_id, rol="behandelaar", begindatum=dag)
        )
    audit.record_create(session, actor, hh, HH_FIELDS, object_type="huishouden", huishouden_id=hh.id, purpose=PURPOSE)
    audit.record_create(
        session, actor, aanvrager, PERSOON_FIELDS, object_type="persoon", huishouden_id=hh.id, purpose=PURPOSE
    )
    return _read(session, _load(session, hh.id))


def update_household(
    session: Session, actor: Actor, *, huishouden_id: int, data: s.HuishoudenUpdate
) -> s.HuishoudenRead:
    hh = _load(session, huishouden_id, actor, Handeling.SCHRIJVEN)
    authz.require(session, actor, hh, Handeling.SCHRIJVEN)
    check_version(hh, data.version)
    _check_org(session, actor, data.gemeente_id, data.team_id)
    audit.apply_update(
        session, actor, hh, data, HH_FIELDS, object_type="huishouden", huishouden_id=hh.id, purpose=PURPOSE
    )
    return _read(session, hh)


def update_persoon(
    session: Session, actor: Actor, *, huishouden_id: int, persoon_id: int, data: s.PersoonUpdate
) -> s.PersoonRead:
    hh = _load(session, huishouden_id, actor, Handeling.SCHRIJVEN)
    authz.require(session, actor, hh, Handeling.SCHRIJVEN)
    lid = _get(session, Persoon, persoon_id) and session.scalar(
        select(Lidmaatschap).where(Lidmaatschap.huishouden_id == hh.id, Lidmaatschap.persoon_id == persoon_id).limit(1)
    )
    if lid is None:
        raise NotFound()
    p = session.get(Persoon, persoon_id)
    assert p is not None
    check_version(p, data.version)
    if data.bsn and data.bsn != p.bsn and session.scalar(select(Persoon.id).where(Persoon.bsn == data.bsn)):
        raise ValidationError({"bsn": "Er is al een persoon met dit BSN geregistreerd."})
    before = audit.snapshot(p, PERSOON_FIELDS)
    for f in PERSOON_FIELDS:
        setattr(p, f, getattr(data, f))
    p.zoeknaam = _zoeknaam(p)
    session.flush()
    audit.record(
        session,
        actor,
        action="update",
        object_type="persoon",
        object_id=p.id,
        huishouden_id=hh.id,
        purpose=PURPOSE,
        changes=audit.diff(before, audit.snapshot(p, PERSOON_FIELDS)),
    )
    return s.PersoonRead.model_validate(p)


def add_member(session: Session, actor: Actor, *, huishouden_id: int, data: s.LidmaatschapCreate) -> s.LidmaatschapRead:
    hh = _load(session, huishouden_id, actor, Handeling.SCHRIJVEN)
    authz.require(session, actor, hh, Handeling.SCHRIJVEN)
    if data.persoon_id is not None:
        p = _get(session, Persoon, data.persoon_id)
        if p is None:
            raise ValidationError({"persoon_id": "Deze persoon bestaat niet."})
        # Only people already on a household the actor may read: no fishing by id.
        hh_ids = session.scalars(select(Lidmaatschap.huishouden_id).where(Lidmaatschap.persoon_id == p.id)).all()
        if not any(authz.decide(session, actor, session.get(Huishouden, i), Handeling.LEZEN).ok for i in hh_ids):
            raise ValidationError({"persoon_id": "Deze persoon bestaat niet."})
    else:
        assert data.persoon is not None
        p = _new_persoon(session, data.persoon, "persoon.")
    dubbel = session.scalar(
        select(Lidmaatschap.id).where(
            Lidmaatschap.huishouden_id == hh.id,
            Lidmaatschap.persoon_id == p.id,
            or_(Lidmaatschap.einddatum.is_(None), Lidmaatschap.einddatum >= data.begindatum),
        )
    )
    if dubbel:
        raise ValidationError({"persoon_id": "Deze persoon is al lid van dit huishouden."})
    m = Lidmaatschap(huishouden_id=hh.id, persoon_id=p.id, relatie=data.relatie, begindatum=data.begindatum)
    session.add(m)
    session.flush()
    audit.record(
        session,
        actor,
        action="create",
        object_type="lidmaatschap",
        object_id=m.id,
        huishouden_id=hh.id,
        purpose=PURPOSE,
        changes={
            "persoon": [None, p.naam],
            "relatie": [None, m.relatie],
            "begindatum": [None, m.begindatum.isoformat()],
        },
    )
    return s.LidmaatschapRead(
        id=m.id,
        persoon=s.PersoonRead.model_validate(p),
        relatie=m.relatie,
        begindatum=m.begindatum,
        einddatum=None,
        actief=True,
        version=m.version,
    )


def end_member(
    session: Session, actor: Actor, *, huishouden_id: int, lidmaatschap_id: int, data: s.LidmaatschapEnd
) -> None:
    """End a membership; it stays as history."""
    hh = _load(session, huishouden_id, actor, Handeling.SCHRIJVEN)
    authz.require(session, actor, hh, Handeling.SCHRIJVEN)
    m = _get(session, Lidmaatschap, lidmaatschap_id)
    if m is None or m.huishouden_id != hh.id:
        raise NotFound()
    check_version(m, data.version)
    if m.einddatum is not None:
        raise ValidationError({"einddatum": "Dit lidmaatschap is al beëindigd."})
    if data.einddatum < m.begindatum:
        raise ValidationError({"einddatum": "De einddatum ligt vóór de begindatum."})
    m.einddatum = data.einddatum
    session.flush()
    audit.record(
        session,
        actor,
        action="update",
        object_type="lidmaatschap",
        object_id=m.id,
        huishouden_id=hh.id,
        purpose=PURPOSE,
        changes={"einddatum": [None, data.einddatum.isoformat()]},
    )


def add_network_member(session: Session, actor: Actor, *, huishouden_id: int, data: s.NetwerklidIn) -> s.NetwerklidRead:
    hh = _load(session, huishouden_id, actor, Handeling.SCHRIJVEN)
    authz.require(session, actor, hh, Handeling.SCHRIJVEN)
    n = Netwerklid(huishouden_id=hh.id, **data.model_dump())
    session.add(n)
    audit.record_create(
        session, actor, n, NETWERK_FIELDS, object_type="netwerklid", huishouden_id=hh.id, purpose=PURPOSE
    )
    return s.NetwerklidRead.model_validate(n)


def update_network_member(
    session: Session, actor: Actor, *, huishouden_id: int, netwerklid_id: int, data: s.NetwerklidUpdate
) -> s.NetwerklidRead:
    hh = _load(session, huishouden_id, actor, Handeling.SCHRIJVEN)
    authz.require(session, actor, hh, Handeling.SCHRIJVEN)
    n = _get(session, Netwerklid, netwerklid_id)
    if n is None or n.huishouden_id != hh.id:
        raise NotFound()
    check_version(n, data.version)
    audit.apply_update(
        session, actor, n, data, NETWERK_FIELDS, object_type="netwerklid", huishouden_id=hh.id, purpose=PURPOSE
    )
    return s.NetwerklidRead.model_validate(n)


# ---- break-the-glass -------------------------------------------------------------------------------


BTG_REDEN_MAX = 2000


def break_the_glass(session: Session, actor: Actor, *, huishouden_id: int, reden: str) -> None:
    """Open access outside one's relation for this session, with a written reason; the supervisor reviews it."""
    hh = _get(session, Huishouden, huishouden_id)
    if hh is None or not actor.heeft(*authz.CASEWORK_ROLES):
        authz.deny(
            session,
            actor,
            huishouden_id=hh.id if hh else None,
            handeling="break_the_glass",
            object_type="huishouden",
            object_id=huishouden_id,
        )
        raise NotFound()
    reden = (reden or "").strip()
    if len(reden) < 10:
        raise ValidationError({"reden": "Beschrijf in minstens 10 tekens waarom u dit dossier moet inzien."})
    if len(reden) > BTG_REDEN_MAX:
        raise ValidationError({"reden": f"Beschrijf de reden in hoogstens {BTG_REDEN_MAX} tekens."})
    now = clock.now()
    btg = BreakTheGlass(
        gebruiker_id=actor.gebruiker_id,
        huishouden_id=hh.id,
        sessie_id=actor.sessie_id,
        reden=reden,
        created_at=now,
        expires_at=now + BTG_DURATION,
    )
    session.add(btg)
    session.flush()
    audit.record(
        session,
        actor,
        action="break_the_glass",
        object_type="huishouden",
        object_id=hh.id,
        huishouden_id=hh.id,
        purpose=PURPOSE,
        reason=reden,
    )


def open_break_the_glass_reviews(session: Session, actor: Actor) -> list[BreakTheGlass]:
    """Break-the-glass accesses on the supervisor's teams' households that await review."""
    authz.require_role(actor, Rol.SUPERVISOR)
    return list(
        session.scalars(
            select(BreakTheGlass)
            .join(Huishouden, Huishouden.id == BreakTheGlass.huishouden_id)
            .where(
                BreakTheGlass.beoordeeld_op.is_(None),
                or_(Huishouden.team_id.in_(actor.team_ids), and_(Huishouden.team_id.is_(None))),
            )
            .options(selectinload(BreakTheGlass.gebruiker), selectinload(BreakTheGlass.huishouden))
            .order_by(BreakTheGlass.created_at)
        ).all()
    )


def persoon_list_item(p: Persoon) -> s.PersoonListItem:
    return s.PersoonListItem(id=p.id, naam=p.naam, bsn_gemaskeerd=maskeer_bsn(p.bsn), geboortedatum=p.geboortedatum)


def active_members(session: Session, *, huishouden_id: int) -> list[tuple[int, str]]:
    """(persoon id, naam) of the current members, for forms; callers have checked access to the household."""
    rows = session.scalars(
        select(Persoon)
        .join(Lidmaatschap)
        .where(Lidmaatschap.huishouden_id == huishouden_id, Lidmaatschap.einddatum.is_(None))
        .order_by(Lidmaatschap.id)
    ).all()
    return [(p.id, p.naam) for p in rows]


def aanvrager(session: Session, *, huishouden_id: int) -> Persoon | None:
    """The household's aanvrager (addressee of letters); callers have checked access to the household."""
    return session.scalar(
        select(Persoon)
        .join(Lidmaatschap)
        .where(Lidmaatschap.huishouden_id == huishouden_id, Lidmaatschap.relatie == "aanvrager")
        .order_by(Lidmaatschap.einddatum.is_not(None), Lidmaatschap.id)
        .limit(1)
    )
