"""What waits for a supervisor's four eyes, in one list (DESIGN §6, §7; issue 5 "Approvals").

Three sources: beschikkingen `ter_goedkeuring` (toegang area), level-5 Schaalbesluiten awaiting
approval (plans area) and break-the-glass accesses to review. Approving or rejecting a beschikking or
a Schaalbesluit is done by that area's own service (which owns the state machine and its audit
event); the review of a break-the-glass access is owned here. An area that is not installed simply
contributes nothing.
"""

import importlib
from datetime import date
from types import ModuleType
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app import clock
from app.domain import audit, authz
from app.domain.actor import Actor
from app.domain.authz import Handeling
from app.domain.errors import InvalidTransition, NotAllowed, NotFound, ValidationError
from app.domain.households.models import BreakTheGlass, Huishouden
from app.domain.households.service import open_break_the_glass_reviews
from app.domain.organisation.models import Gebruiker, Rol
from app.domain.supervision import schemas as s
from app.domain.validation import parse

PURPOSE = "Toezicht en goedkeuring"
BTG_FIELDS = ("beoordeling", "beoordeling_notitie", "beoordeeld_door_id")


def _module(path: str, *names: str) -> ModuleType | None:
    """The module when it exists and defines all `names`; None while that area is not built."""
    try:
        mod = importlib.import_module(path)
    except ModuleNotFoundError as exc:
        if exc.name and path.startswith(exc.name):
            return None
        raise
    return mod if all(hasattr(mod, n) for n in names) else None


def _date(value: Any) -> date | None:
    if value is None:
        return None
    return value.date() if hasattr(value, "date") and callable(value.date) else value


# ---- break-the-glass review ------------------------------------------------------------------------


def review_break_the_glass(
    session: Session, actor: Actor, *, btg_id: int, beoordeling: str, notitie: str | None = None
) -> BreakTheGlass:
    """A supervisor judges a break-the-glass access on a household of their team (never their own)."""
    authz.require_role(actor, Rol.SUPERVISOR)
    try:
        data = parse(s.BtgBeoordeling, {"beoordeling": beoordeling, "notitie": notitie})
    except ValidationError as exc:
        raise ValidationError({("notitie" if k == "__root__" else k): m for k, m in exc.errors.items()}) from None
    open_ids = {b.id for b in open_break_the_glass_reviews(session, actor)}
    btg = session.get(BreakTheGlass, btg_id)
    if btg is None:
        raise NotFound()
    if btg.beoordeeld_op is not None:
        raise InvalidTransition("Deze inzage is al beoordeeld.")
    if btg.id not in open_ids:
        raise NotFound()
    if btg.gebruiker_id == actor.gebruiker_id:
        raise NotAllowed("U kunt uw eigen inzage niet beoordelen.")
    before = audit.snapshot(btg, BTG_FIELDS)
    btg.beoordeling = data.beoordeling
    btg.beoordeling_notitie = data.notitie
    btg.beoordeeld_door_id = actor.gebruiker_id
    btg.beoordeeld_op = clock.now()
    session.flush()
    audit.record(
        session,
        actor,
        action="approve" if data.beoordeling == "akkoord" else "reject",
        object_type="break_the_glass",
        object_id=btg.id,
        huishouden_id=btg.huishouden_id,
        purpose=PURPOSE,
        reason=data.notitie,
        changes=audit.diff(before, audit.snapshot(btg, BTG_FIELDS)),
    )
    return btg


# ---- the list --------------------------------------------------------------------------------------


def pending(session: Session, actor: Actor) -> list[s.WachtendItem]:
    """Everything waiting for this supervisor, oldest first."""
    authz.require_role(actor, Rol.SUPERVISOR)
    out: list[s.WachtendItem] = []
    out.extend(_pending_beschikkingen(session, actor))
    out.extend(_pending_schaalbesluiten(session, actor))
    for b in open_break_the_glass_reviews(session, actor):
        if b.gebruiker_id == actor.gebruiker_id:
            continue
        out.append(
            s.WachtendItem(
                soort="break_the_glass",
                id=b.id,
                huishouden_id=b.huishouden_id,
                huishouden_naam=b.huishouden.naam,
                omschrijving=f"Inzage buiten de eigen relatie. Reden: {b.reden}",
                aangevraagd_door=b.gebruiker.naam,
                sinds=_date(b.created_at),
            )
        )
    return sorted(out, key=lambda i: (i.sinds or date.max, i.soort, i.id))


def _names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(session.execute(select(Gebruiker.id, Gebruiker.naam).where(Gebruiker.id.in_(ids))).all())


def _pending_beschikkingen(session: Session, actor: Actor) -> list[s.WachtendItem]:
    m = _module("app.domain.toegang.models", "Beschikking", "Ondersteuningsvraag")
    if m is None:
        return []
    B, V = m.Beschikking, m.Ondersteuningsvraag  # noqa: N806
    scope = authz.visible_households(actor, Handeling.GOEDKEUREN)
    rows = session.execute(
        select(B, Huishouden.naam, V.behandelaar_id)
        .join(Huishouden, Huishouden.id == B.huishouden_id)
        .join(V, V.id == B.vraag_id)
        .where(
            B.status == "ter_goedkeuring",
            B.huishouden_id.in_(scope),
            # Four eyes: one's own beschikking never waits for oneself (toegang refuses it too).
            or_(B.opgesteld_door_id.is_(None), B.opgesteld_door_id != actor.gebruiker_id),
        )
        .order_by(B.id)
    ).all()
    namen = _names(session, {r[2] for r in rows if r[2]})
    return [
        s.WachtendItem(
            soort="beschikking",
            id=b.id,
            huishouden_id=b.huishouden_id,
            huishouden_naam=hh_naam,
            omschrijving=f"Beschikking {b.nummer} ({b.wet}, {b.besluit.replace('_', ' ')}): {b.grondslag}",
            aangevraagd_door=namen.get(beh) if beh else None,
            sinds=_date(b.updated_at) or b.besluitdatum,
            version=b.version,
        )
        for b, hh_naam, beh in rows
    ]


def _pending_schaalbesluiten(session: Session, actor: Actor) -> list[s.WachtendItem]:
    m = _module("app.domain.plans.models", "Schaalbesluit")
    if m is None:
        return []
    S = m.Schaalbesluit  # noqa: N806
    scope = authz.visible_households(actor, Handeling.GOEDKEUREN)
    rows = session.execute(
        select(S, Huishouden.naam)
        .join(Huishouden, Huishouden.id == S.huishouden_id)
        .where(S.status == "wacht_op_goedkeuring", S.huishouden_id.in_(scope))
        .order_by(S.id)
    ).all()
    namen = _names(session, {x.besloten_door_id for x, _ in rows if x.besloten_door_id})
    return [
        s.WachtendItem(
            soort="schaalbesluit",
            id=x.id,
            huishouden_id=x.huishouden_id,
            huishouden_naam=hh_naam,
            omschrijving=f"Opschaling naar niveau {x.naar} (was {'—' if x.van is None else x.van}): {x.reden}",
            aangevraagd_door=namen.get(x.besloten_door_id) if x.besloten_door_id else None,
            sinds=x.datum,
            version=x.version,
        )
        for x, hh_naam in rows
    ]


# ---- deciding --------------------------------------------------------------------------------------


def decide(session: Session, actor: Actor, *, besluit: s.Besluit) -> None:
    """Approve or reject one waiting item through the service that owns it."""
    authz.require_role(actor, Rol.SUPERVISOR)
    goed = besluit.besluit == "goedkeuren"
    if besluit.soort == "break_the_glass":
        review_break_the_glass(
            session,
            actor,
            btg_id=besluit.id,
            beoordeling="akkoord" if goed else "niet_akkoord",
            notitie=besluit.notitie,
        )
        return
    if besluit.soort == "beschikking":
        svc = _module("app.domain.toegang.service", "approve_beschikking", "reject_beschikking")
        if svc is None:
            raise NotFound()
        fn = svc.approve_beschikking if goed else svc.reject_beschikking
        fn(session, actor, beschikking_id=besluit.id, notitie=besluit.notitie)
        return
    svc = _module("app.domain.plans.service", "approve_schaalbesluit", "reject_schaalbesluit")
    pm = _module("app.domain.plans.schemas", "SchaalbesluitBeoordeling")
    if svc is None or pm is None:
        raise NotFound()
    version = besluit.version
    if version is None:  # the API may omit it: decide on the current version
        current = session.get(_module("app.domain.plans.models", "Schaalbesluit").Schaalbesluit, besluit.id)  # type: ignore[union-attr]
        if current is None:
            raise NotFound()
        version = current.version
    data = pm.SchaalbesluitBeoordeling(version=version, notitie=besluit.notitie)
    fn = svc.approve_schaalbesluit if goed else svc.reject_schaalbesluit
    fn(session, actor, besluit_id=besluit.id, data=data)
