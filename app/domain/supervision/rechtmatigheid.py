"""Rechtmatigheid controls: the auditor's report of every exception, with a link to the dossier (DESIGN §8).

One function per control, each `(session, periode) -> list[Uitzondering]`, so each can be tested on its
own with a case that must be found and one that must not. `run_report` runs them all (as a background
job with progress) and reports the run time. The controls read the toegang and plans areas; a control
whose area is not installed reports nothing.

Period semantics: a voorziening is in scope when it runs during the period; a beschikking when its
besluitdatum lies in the period; a view when it happened in the period. The gemeente is the household's.
"""

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session

from app import clock
from app.config import get_settings
from app.domain import authz
from app.domain.actor import Actor
from app.domain.audit.models import AuditEvent
from app.domain.csvfile import CsvBuilder
from app.domain.errors import ValidationError
from app.domain.households.models import Betrokkenheid, BreakTheGlass, Huishouden, Persoon, Toestemming
from app.domain.organisation.models import Rol, gebruiker_team
from app.domain.supervision import jobs
from app.domain.supervision.approvals import _module


@dataclass(frozen=True)
class Periode:
    van: date
    tot: date
    gemeente_id: int | None = None


@dataclass(frozen=True)
class Uitzondering:
    controle: str
    huishouden_id: int | None
    object_type: str
    object_id: int | None
    omschrijving: str


def _tm() -> Any:
    return _module("app.domain.toegang.models", "Beschikking", "Maatwerkvoorziening", "Toewijzing", "Gesprek")


def _hh_scope(q, periode: Periode, hh_col):  # type: ignore[no-untyped-def]
    if periode.gemeente_id:
        q = q.where(hh_col.in_(select(Huishouden.id).where(Huishouden.gemeente_id == periode.gemeente_id)))
    return q


def _runs_in(V: Any, periode: Periode):  # type: ignore[no-untyped-def]  # noqa: N803
    return and_(V.ingangsdatum <= periode.tot, or_(V.einddatum.is_(None), V.einddatum >= periode.van))


GRANTED = ("toegekend", "actief", "beeindigd")


# ---- the controls ----------------------------------------------------------------------------------


def voorziening_zonder_beschikking(session: Session, periode: Periode) -> list[Uitzondering]:
    """A granted voorziening must rest on a definitive beschikking that grants it."""
    m = _tm()
    if m is None:
        return []
    V, B = m.Maatwerkvoorziening, m.Beschikking  # noqa: N806
    q = (
        select(V.id, V.huishouden_id, B.nummer, B.status, B.besluit)
        .join(B, B.id == V.beschikking_id)
        .where(V.status.in_(GRANTED), _runs_in(V, periode))
        .where(or_(B.status != "definitief", B.besluit == "afwijzing"))
    )
    return [
        Uitzondering(
            "voorziening_zonder_beschikking",
            hh,
            "maatwerkvoorziening",
            vid,
            f"Voorziening {vid} loopt zonder definitieve toekennende beschikking ({nummer}: {status}, {besluit}).",
        )
        for vid, hh, nummer, status, besluit in session.execute(_hh_scope(q, periode, V.huishouden_id)).all()
    ]


def buiten_beschikkingsperiode(session: Session, periode: Periode) -> list[Uitzondering]:
    """Care is delivered only within the beschikte period (ingangsdatum..einddatum)."""
    m = _tm()
    if m is None:
        return []
    V, T = m.Maatwerkvoorziening, m.Toewijzing  # noqa: N806
    peil = min(periode.tot, clock.today())
    out: list[Uitzondering] = []
    q = select(V.id, V.huishouden_id, V.einddatum).where(
        V.status == "actief", V.einddatum.is_not(None), V.einddatum < peil, V.einddatum >= periode.van
    )
    for vid, hh, eind in session.execute(_hh_scope(q, periode, V.huishouden_id)).all():
        out.append(
            Uitzondering(
                "buiten_beschikkingsperiode",
                hh,
                "maatwerkvoorziening",
                vid,
                f"Voorziening {vid} staat nog op actief na de einddatum {eind:%d-%m-%Y}.",
            )
        )
    q2 = (
        select(V.id, V.huishouden_id, T.toewijzingnummer, T.start_zorg, T.stop_zorg, V.ingangsdatum, V.einddatum)
        .join(T, T.voorziening_id == V.id)
        .where(_runs_in(V, periode), T.start_zorg.is_not(None))
        .where(
            or_(
                T.start_zorg < V.ingangsdatum,
                and_(V.einddatum.is_not(None), or_(T.start_zorg > V.einddatum, T.stop_zorg > V.einddatum)),
                and_(V.einddatum.is_not(None), T.stop_zorg.is_(None), V.einddatum < peil),
            )
        )
    )
    for vid, hh, nr, start, stop, ingang, eind in session.execute(_hh_scope(q2, periode, V.huishouden_id)).all():
        eind_txt = f"{eind:%d-%m-%Y}" if eind else "open"
        stop_txt = f"{stop:%d-%m-%Y}" if stop else "nog niet gestopt"
        out.append(
            Uitzondering(
                "buiten_beschikkingsperiode",
                hh,
                "maatwerkvoorziening",
                vid,
                f"Toewijzing {nr}: zorg van {start:%d-%m-%Y} tot {stop_txt}, "
                f"beschikt van {ingang:%d-%m-%Y} tot {eind_txt}.",
            )
        )
    return out


def beschikking_te_laat(session: Session, periode: Periode) -> list[Uitzondering]:
    """A beschikking issued after its statutory beslistermijn (Wmo 2 weeks, Jeugdwet/Pw 8 weeks; Awb 4:13-4:15)."""
    m = _module("app.domain.toegang.models", "Beschikking", "Aanvraag", "Termijnaanpassing")
    if m is None:
        return []
    from app.domain.toegang import termijnen as tj

    alle = tj.load_termijnen(get_settings().codelists_dir / "wettelijke_termijnen.csv")
    B, A, TA = m.Beschikking, m.Aanvraag, m.Termijnaanpassing  # noqa: N806
    q = (
        select(B, A.datum_ontvangst)
        .join(A, A.id == B.aanvraag_id)
        .where(B.status == "definitief", B.besluitdatum >= periode.van, B.besluitdatum <= periode.tot)
    )
    out = []
    for b, ontvangen in session.execute(_hh_scope(q, periode, B.huishouden_id)).all():
        try:
            termijn = tj.termijn_for(alle, b.wet, "beschikking")
        except LookupError:
            continue
        aanp = session.scalars(select(TA).where(TA.vraag_id == b.vraag_id, TA.stap == "beschikking")).all()
        opsch = [tj.Opschorting(a.van, a.tot, a.reden) for a in aanp if a.soort == "opschorting"]
        verd = [tj.Verdaging(a.dagen or 0, a.reden, a.van) for a in aanp if a.soort == "verdaging" and a.dagen][:1]
        deadline = tj.compute_deadline(ontvangen, termijn, opschortingen=opsch, verdaging=verd, today=b.besluitdatum)
        if b.besluitdatum > deadline:
            out.append(
                Uitzondering(
                    "beschikking_te_laat",
                    b.huishouden_id,
                    "beschikking",
                    b.id,
                    f"Beschikking {b.nummer} ({b.wet}) genomen op {b.besluitdatum:%d-%m-%Y}, "
                    f"termijn verliep {deadline:%d-%m-%Y} ({termijn.grondslag}).",
                )
            )
    return out


def maatwerk_zonder_subsidiariteit(session: Session, periode: Periode) -> list[Uitzondering]:
    """Maatwerk needs the recorded pyramid check: eigen kracht, netwerk, gebruikelijke hulp, algemene
    and voorliggende voorzieningen (Wmo 2015 art. 2.3.2 lid 4)."""
    m = _tm()
    if m is None:
        return []
    V, B, G = m.Maatwerkvoorziening, m.Beschikking, m.Gesprek  # noqa: N806
    q = (
        select(V.id, V.huishouden_id, B.vraag_id)
        .join(B, B.id == V.beschikking_id)
        .where(V.status.in_(GRANTED), _runs_in(V, periode))
    )
    out = []
    for vid, hh, vraag_id in session.execute(_hh_scope(q, periode, V.huishouden_id)).all():
        gesprekken = session.scalars(select(G).where(G.vraag_id == vraag_id)).all()
        if not any(g.subsidiariteit_compleet for g in gesprekken):
            out.append(
                Uitzondering(
                    "maatwerk_zonder_subsidiariteit",
                    hh,
                    "maatwerkvoorziening",
                    vid,
                    f"Voorziening {vid} is toegekend zonder vastgelegde afweging van eigen kracht, netwerk, "
                    "gebruikelijke hulp en algemene/voorliggende voorzieningen.",
                )
            )
    return out


def zin_zonder_contract(session: Session, periode: Periode) -> list[Uitzondering]:
    """A ZIN toewijzing goes to a provider with a contract for that product on its start date."""
    m = _tm()
    if m is None:
        return []
    from app.domain.catalog.models import Aanbieder, Contract

    V, T = m.Maatwerkvoorziening, m.Toewijzing  # noqa: N806
    contract = exists().where(
        Contract.aanbieder_id == T.aanbieder_id,
        Contract.product_id == V.product_id,
        Contract.begindatum <= T.ingangsdatum,
        or_(Contract.einddatum.is_(None), Contract.einddatum >= T.ingangsdatum),
    )
    q = (
        select(T.id, T.toewijzingnummer, T.ingangsdatum, V.huishouden_id, Aanbieder.naam)
        .join(V, V.id == T.voorziening_id)
        .join(Aanbieder, Aanbieder.id == T.aanbieder_id)
        .where(V.leveringsvorm == "ZIN", T.ingangsdatum <= periode.tot)
        .where(or_(T.einddatum.is_(None), T.einddatum >= periode.van))
        .where(~contract)
    )
    return [
        Uitzondering(
            "zin_zonder_contract",
            hh,
            "toewijzing",
            tid,
            f"Toewijzing {nr} aan {naam} per {ingang:%d-%m-%Y}: geen contract voor dit product op die datum.",
        )
        for tid, nr, ingang, hh, naam in session.execute(_hh_scope(q, periode, V.huishouden_id)).all()
    ]


def pgb_zonder_voorwaarden(session: Session, periode: Periode) -> list[Uitzondering]:
    """A PGB needs its three conditions recorded: bekwaamheid, passendheid, kwaliteit (Wmo 2015 art. 2.3.6)."""
    m = _tm()
    if m is None:
        return []
    V = m.Maatwerkvoorziening  # noqa: N806
    q = select(V.id, V.huishouden_id, V.pgb_bekwaamheid, V.pgb_passend, V.pgb_kwaliteit).where(
        V.leveringsvorm == "PGB",
        V.status.in_(GRANTED),
        _runs_in(V, periode),
        or_(V.pgb_bekwaamheid.is_(False), V.pgb_passend.is_(False), V.pgb_kwaliteit.is_(False)),
    )
    out = []
    for vid, hh, bek, pas, kwa in session.execute(_hh_scope(q, periode, V.huishouden_id)).all():
        mist = [n for n, ok in (("bekwaamheid", bek), ("passendheid", pas), ("kwaliteit", kwa)) if not ok]
        out.append(
            Uitzondering(
                "pgb_zonder_voorwaarden",
                hh,
                "maatwerkvoorziening",
                vid,
                f"PGB {vid} zonder vastgelegde voorwaarde(n): {', '.join(mist)}.",
            )
        )
    return out


def niveau5_zonder_goedkeuring(session: Session, periode: Periode) -> list[Uitzondering]:
    """A household at level 5 must have an approved Schaalbesluit to level 5 (DESIGN §5)."""
    m = _module("app.domain.plans.models", "Schaalbesluit")
    q = select(Huishouden.id, Huishouden.naam).where(Huishouden.schaalniveau == 5)
    if periode.gemeente_id:
        q = q.where(Huishouden.gemeente_id == periode.gemeente_id)
    if m is not None:
        S = m.Schaalbesluit  # noqa: N806
        approved = exists().where(
            S.huishouden_id == Huishouden.id,
            S.naar == 5,
            S.status == "definitief",
            S.goedgekeurd_door_id.is_not(None),
        )
        q = q.where(~approved)
    return [
        Uitzondering(
            "niveau5_zonder_goedkeuring",
            hid,
            "huishouden",
            hid,
            f"{naam} staat op schaalniveau 5 zonder goedgekeurd schaalbesluit van een supervisor.",
        )
        for hid, naam in session.execute(q).all()
    ]


def _achttien(geboortedatum: date) -> date:
    try:
        return geboortedatum.replace(year=geboortedatum.year + 18)
    except ValueError:  # 29 February
        return date(geboortedatum.year + 18, 3, 1)


def jeugd_na_18_zonder_grond(session: Session, periode: Periode) -> list[Uitzondering]:
    """Jeugdhulp past the 18th birthday (verlengde jeugdhulp, Jeugdwet art. 1.1) needs a recorded ground."""
    m = _tm()
    if m is None:
        return []
    V = m.Maatwerkvoorziening  # noqa: N806
    q = (
        select(V.id, V.huishouden_id, V.ingangsdatum, V.einddatum, Persoon.geboortedatum)
        .join(Persoon, Persoon.id == V.persoon_id)
        .where(
            V.wet == "Jeugdwet",
            V.status.in_(GRANTED),
            _runs_in(V, periode),
            Persoon.geboortedatum.is_not(None),
            or_(V.grond_verlengde_jeugdhulp.is_(None), V.grond_verlengde_jeugdhulp == ""),
        )
    )
    out = []
    for vid, hh, ingang, eind, geb in session.execute(_hh_scope(q, periode, V.huishouden_id)).all():
        achttien = _achttien(geb)
        loopt_tot = eind or date.max
        # Running on or after the 18th birthday, and that moment falls before the period's end.
        if loopt_tot >= achttien and achttien <= periode.tot and max(ingang, achttien) <= periode.tot:
            out.append(
                Uitzondering(
                    "jeugd_na_18_zonder_grond",
                    hh,
                    "maatwerkvoorziening",
                    vid,
                    f"Jeugdwet-voorziening {vid} loopt door na de 18e verjaardag ({achttien:%d-%m-%Y}) "
                    "zonder vastgelegde grond voor verlengde jeugdhulp.",
                )
            )
    return out


def inzage_zonder_relatie(session: Session, periode: Periode) -> list[Uitzondering]:
    """A dossier view (audit action 'view') by someone who, at that moment, had no relation to the
    household (a Betrokkenheid covering the date, membership of the household's team, a consent for a
    cliëntondersteuner) and no break-the-glass covering that moment. Auditors read by role.

    Team membership has no history in the data; the current membership is used, which can only hide an
    exception for someone who joined the team later, never invent one.
    """
    start = datetime.combine(periode.van, datetime.min.time())
    end = datetime.combine(periode.tot + timedelta(days=1), datetime.min.time())
    q = (
        select(
            AuditEvent.id,
            AuditEvent.occurred_at,
            AuditEvent.actor_id,
            AuditEvent.actor_username,
            AuditEvent.actor_rol,
            AuditEvent.huishouden_id,
            AuditEvent.object_type,
            Huishouden.team_id,
        )
        .join(Huishouden, Huishouden.id == AuditEvent.huishouden_id)
        .where(AuditEvent.action == "view", AuditEvent.actor_id.is_not(None))
        .where(AuditEvent.occurred_at >= start, AuditEvent.occurred_at < end)
    )
    if periode.gemeente_id:
        q = q.where(Huishouden.gemeente_id == periode.gemeente_id)
    rows = session.execute(q.order_by(AuditEvent.id)).all()
    teams: dict[int, set[int]] = {}
    betr: dict[tuple[int, int], list[tuple[date, date | None]]] = {}
    btg: dict[tuple[int, int], list[tuple[datetime, datetime]]] = {}
    toest: dict[tuple[int, int], list[tuple[date, date | None, datetime | None]]] = {}
    actor_ids = {r.actor_id for r in rows}
    hh_ids = {r.huishouden_id for r in rows}
    if rows:
        for uid, tid in session.execute(
            select(gebruiker_team.c.gebruiker_id, gebruiker_team.c.team_id).where(
                gebruiker_team.c.gebruiker_id.in_(actor_ids)
            )
        ):
            teams.setdefault(uid, set()).add(tid)
        for b in session.scalars(
            select(Betrokkenheid).where(
                Betrokkenheid.gebruiker_id.in_(actor_ids), Betrokkenheid.huishouden_id.in_(hh_ids)
            )
        ):
            betr.setdefault((b.gebruiker_id, b.huishouden_id), []).append((b.begindatum, b.einddatum))
        for g in session.scalars(
            select(BreakTheGlass).where(
                BreakTheGlass.gebruiker_id.in_(actor_ids), BreakTheGlass.huishouden_id.in_(hh_ids)
            )
        ):
            btg.setdefault((g.gebruiker_id, g.huishouden_id), []).append((_naive(g.created_at), _naive(g.expires_at)))
        for t in session.scalars(
            select(Toestemming).where(Toestemming.gebruiker_id.in_(actor_ids), Toestemming.huishouden_id.in_(hh_ids))
        ):
            toest.setdefault((t.gebruiker_id, t.huishouden_id), []).append(  # type: ignore[arg-type]
                (t.begindatum, t.einddatum, _naive(t.ingetrokken_op) if t.ingetrokken_op else None)
            )
    out = []
    for r in rows:
        if r.actor_rol and Rol.AUDITOR.value in r.actor_rol.split(","):
            continue
        at = _naive(r.occurred_at)
        dag = at.date()
        key = (r.actor_id, r.huishouden_id)
        if r.team_id is not None and r.team_id in teams.get(r.actor_id, set()):
            continue
        if any(b <= dag and (e is None or e >= dag) for b, e in betr.get(key, [])):
            continue
        if any(c - timedelta(seconds=1) <= at <= e for c, e in btg.get(key, [])):
            continue
        if any(b <= dag and (e is None or e >= dag) and (i is None or i > at) for b, e, i in toest.get(key, [])):
            continue
        out.append(
            Uitzondering(
                "inzage_zonder_relatie",
                r.huishouden_id,
                "audit_event",
                r.id,
                f"{r.actor_username} bekeek {r.object_type} op {at:%d-%m-%Y %H:%M} (UTC) zonder relatie "
                "met het huishouden en zonder break-the-glass.",
            )
        )
    return out


def _naive(dt: datetime) -> datetime:
    from datetime import UTC

    return dt.astimezone(UTC).replace(tzinfo=None) if dt.tzinfo is not None else dt


CONTROLES: dict[str, tuple[str, Callable[[Session, Periode], list[Uitzondering]]]] = {
    "voorziening_zonder_beschikking": ("Voorziening zonder beschikking", voorziening_zonder_beschikking),
    "buiten_beschikkingsperiode": ("Voorziening buiten de beschikte periode", buiten_beschikkingsperiode),
    "beschikking_te_laat": ("Beschikking na de wettelijke termijn", beschikking_te_laat),
    "maatwerk_zonder_subsidiariteit": ("Maatwerk zonder afweging eigen kracht", maatwerk_zonder_subsidiariteit),
    "zin_zonder_contract": ("Toewijzing ZIN zonder contract", zin_zonder_contract),
    "pgb_zonder_voorwaarden": ("PGB zonder de drie voorwaarden", pgb_zonder_voorwaarden),
    "niveau5_zonder_goedkeuring": ("Schaalniveau 5 zonder goedkeuring", niveau5_zonder_goedkeuring),
    "jeugd_na_18_zonder_grond": ("Jeugdhulp na 18 jaar zonder grond", jeugd_na_18_zonder_grond),
    "inzage_zonder_relatie": ("Inzage zonder relatie en zonder break-the-glass", inzage_zonder_relatie),
}


def parse_periode(params: dict[str, Any]) -> Periode:
    errors: dict[str, str] = {}
    vals: dict[str, Any] = {}
    for k in ("van", "tot"):
        try:
            vals[k] = date.fromisoformat(str(params.get(k) or ""))
        except ValueError:
            errors[k] = "Vul een geldige datum in (dd-mm-jjjj)."
    gid = params.get("gemeente_id")
    try:
        vals["gemeente_id"] = int(gid) if gid not in (None, "") else None
    except (TypeError, ValueError):
        errors["gemeente_id"] = "Kies een gemeente."
    if not errors and vals["tot"] < vals["van"]:
        errors["tot"] = "De einddatum ligt voor de begindatum."
    if errors:
        raise ValidationError(errors)
    return Periode(**vals)


def run_report(session: Session, actor: Actor, *, periode: Periode, progress: jobs.Progress | None = None) -> dict:
    """All controls for the period; returns the exceptions per control and the run time."""
    authz.require_role(actor, Rol.AUDITOR)
    t0 = time.perf_counter()
    per: dict[str, list[dict]] = {}
    for n, (key, (_label, fn)) in enumerate(CONTROLES.items(), start=1):
        per[key] = [asdict(u) for u in fn(session, periode)]
        if progress:
            progress(n * 100 // (len(CONTROLES) + 1))
    return {
        "van": periode.van.isoformat(),
        "tot": periode.tot.isoformat(),
        "gemeente_id": periode.gemeente_id,
        "duur_ms": round((time.perf_counter() - t0) * 1000, 1),
        "controles": {k: {"label": CONTROLES[k][0], "aantal": len(v)} for k, v in per.items()},
        "uitzonderingen": [u for v in per.values() for u in v],
    }


def to_csv(rapport: dict) -> bytes:
    w = CsvBuilder(("controle", "omschrijving_controle", "huishouden_id", "object_type", "object_id", "omschrijving"))
    for u in rapport["uitzonderingen"]:
        w.row(
            (
                u["controle"],
                CONTROLES[u["controle"]][0],
                u["huishouden_id"] or "",
                u["object_type"],
                u["object_id"] or "",
                u["omschrijving"],
            )
        )
    return w.bytes()


@jobs.register("rechtmatigheid", "Rechtmatigheidsrapport", Rol.AUDITOR)
def _run_job(session: Session, actor: Actor, params: dict[str, Any], progress: jobs.Progress) -> jobs.JobResult:
    rapport = run_report(session, actor, periode=parse_periode(params), progress=progress)
    naam = f"rechtmatigheid_{rapport['van']}_{rapport['tot']}.csv"
    return jobs.JobResult(inhoud=to_csv(rapport), bestandsnaam=naam, samenvatting=rapport)
