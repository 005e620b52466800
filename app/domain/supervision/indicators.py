"""Monitoring indicators for supervisors (issue 5 item 4, DESIGN §9).

Each indicator is a function `(session, *, gemeente_ids, team_ids, van, tot) -> Indicator` that only
reads: a small table of rows (label -> numbers) that the dashboard charts, shows as a table and offers
as CSV. Scope: households of `gemeente_ids`; `team_ids=None` means every team of those gemeenten,
otherwise meldingen of those teams (melding-based indicators) or households of those teams (the rest).
`dashboard` is the service: supervisors only, limited to their own gemeenten and teams, audited.
"""

import calendar
import math
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from app.domain import audit, authz
from app.domain.actor import Actor
from app.domain.csvfile import CsvBuilder
from app.domain.errors import NotAllowed, ValidationError
from app.domain.households.models import Huishouden, Persoon
from app.domain.organisation.models import Gemeente, Rol, Team
from app.domain.plans.models import Overgang18, Plan, PlanVersie, Regieafspraak, Schaalbesluit
from app.domain.toegang import deadlines as dl
from app.domain.toegang import termijnen as tj
from app.domain.toegang.models import (
    WETTEN,
    Aanvraag,
    Beschikking,
    Bezwaar,
    Gesprek,
    Maatwerkvoorziening,
    Ondersteuningsvraag,
    Termijnaanpassing,
    Verslag,
)

MAANDEN = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
UITKOMST_LABELS = {
    "gegrond": "Gegrond",
    "deels_gegrond": "Deels gegrond",
    "ongegrond": "Ongegrond",
    "niet_ontvankelijk": "Niet-ontvankelijk",
    "ingetrokken": "Ingetrokken",
    None: "Nog lopend",
}


@dataclass
class Indicator:
    key: str
    titel: str
    kolommen: list[str]  # column headers after the label column
    rijen: list[tuple[str, list[float | int | None]]]
    label_kolom: str = "Categorie"
    grafiek: list[int] = field(default_factory=lambda: [0])  # column indexes that are charted as bar series
    eenheid: str = ""  # unit of the charted values, e.g. "dagen" or "%"
    toelichting: str = ""
    liggend: bool = False  # table with the rows as columns (months side by side)

    def csv(self) -> str:
        w = CsvBuilder([self.label_kolom, *self.kolommen])
        for label, waarden in self.rijen:
            w.row([label, *("" if x is None else _nl(x) for x in waarden)])
        return w.text()


def _nl(x: float | int) -> str:
    return str(x).replace(".", ",") if isinstance(x, float) else str(x)


def pct(deel: int, geheel: int) -> float | None:
    return round(100 * deel / geheel, 1) if geheel else None


def p90(waarden: Sequence[int]) -> int | None:
    """90th percentile by the nearest-rank method (an actual observed number of days)."""
    if not waarden:
        return None
    s = sorted(waarden)
    return s[math.ceil(0.9 * len(s)) - 1]


def mediaan(waarden: Sequence[int]) -> float | None:
    return float(statistics.median(waarden)) if waarden else None


def maanden(van: date, tot: date) -> list[tuple[int, int]]:
    out, (j, m) = [], (van.year, van.month)
    while (j, m) <= (tot.year, tot.month):
        out.append((j, m))
        j, m = (j + 1, 1) if m == 12 else (j, m + 1)
    return out


def maandlabel(j: int, m: int) -> str:
    return f"{MAANDEN[m - 1]} {j}"


# ---- scope ------------------------------------------------------------------------------------------


def _hh_ids(gemeente_ids: Sequence[int], team_ids: Sequence[int] | None):  # type: ignore[no-untyped-def]
    q = select(Huishouden.id).where(Huishouden.gemeente_id.in_(list(gemeente_ids)))
    if team_ids is not None:
        q = q.where(Huishouden.team_id.in_(list(team_ids)))
    return q


def _vragen(gemeente_ids: Sequence[int], team_ids: Sequence[int] | None, van: date, tot: date):  # type: ignore[no-untyped-def]
    V = Ondersteuningsvraag  # noqa: N806
    q = select(V).where(
        V.datum_melding >= van,
        V.datum_melding <= tot,
        V.huishouden_id.in_(select(Huishouden.id).where(Huishouden.gemeente_id.in_(list(gemeente_ids)))),
    )
    if team_ids is not None:
        q = q.where(V.team_id.in_(list(team_ids)))
    return q


# ---- indicators -------------------------------------------------------------------------------------


def meldingen_per_maand(
    session: Session, *, gemeente_ids: Sequence[int], team_ids: Sequence[int] | None, van: date, tot: date
) -> Indicator:
    per = Counter(
        (d.year, d.month)
        for d in session.scalars(
            _vragen(gemeente_ids, team_ids, van, tot).with_only_columns(Ondersteuningsvraag.datum_melding)
        )
    )
    return Indicator(
        "meldingen",
        "Meldingen per maand",
        ["Meldingen"],
        [(maandlabel(j, m), [per[(j, m)]]) for j, m in maanden(van, tot)],
        label_kolom="Maand",
        eenheid="meldingen",
        liggend=True,
    )


def doorlooptijd(
    session: Session, *, gemeente_ids: Sequence[int], team_ids: Sequence[int] | None, van: date, tot: date
) -> Indicator:
    """Days from melding to verslag sent, verslag to the first definitieve beschikking, and melding to it."""
    vragen = _vragen(gemeente_ids, team_ids, van, tot).subquery()
    verslagen = dict(
        session.execute(
            select(Verslag.vraag_id, Verslag.verzonden_op).where(
                Verslag.vraag_id.in_(select(vragen.c.id)), Verslag.verzonden_op.is_not(None)
            )
        ).all()
    )
    besluit = dict(
        session.execute(
            select(Beschikking.vraag_id, func.min(Beschikking.besluitdatum))
            .where(Beschikking.vraag_id.in_(select(vragen.c.id)), Beschikking.status == "definitief")
            .group_by(Beschikking.vraag_id)
        ).all()
    )
    a, b, c = [], [], []
    for vid, melding in session.execute(select(vragen.c.id, vragen.c.datum_melding)).all():
        vs, bs = verslagen.get(vid), besluit.get(vid)
        if vs:
            a.append((vs - melding).days)
        if vs and bs:
            b.append((bs - vs).days)
        if bs:
            c.append((bs - melding).days)
    rijen = [
        (lbl, [len(x), mediaan(x), p90(x)])
        for lbl, x in (("Melding → verslag", a), ("Verslag → beschikking", b), ("Melding → beschikking", c))
    ]
    return Indicator(
        "doorlooptijd",
        "Doorlooptijd in dagen",
        ["Aantal", "Mediaan", "90e percentiel"],
        rijen,
        label_kolom="Traject",
        grafiek=[1, 2],
        eenheid="dagen",
        toelichting="Meldingen in de periode; het 90e percentiel is een waargenomen waarde (nearest rank).",
    )


def binnen_termijn(
    session: Session, *, gemeente_ids: Sequence[int], team_ids: Sequence[int] | None, van: date, tot: date
) -> Indicator:
    """Definitieve beschikkingen with besluitdatum in the period, decided on or before the beslistermijn
    (Wmo 2015 art. 2.3.5 lid 2; Jeugdwet/Participatiewet Awb 4:13), shifted by opschorting (Awb 4:15)
    and verdaging (Awb 4:14)."""
    termijnen = dl.load(session)
    q = (
        select(Beschikking, Aanvraag.datum_ontvangst)
        .join(Aanvraag, Aanvraag.id == Beschikking.aanvraag_id)
        .where(
            Beschikking.status == "definitief",
            Beschikking.besluitdatum >= van,
            Beschikking.besluitdatum <= tot,
            Beschikking.huishouden_id.in_(_hh_ids(gemeente_ids, None)),
        )
    )
    if team_ids is not None:
        q = q.join(Ondersteuningsvraag, Ondersteuningsvraag.id == Beschikking.vraag_id).where(
            Ondersteuningsvraag.team_id.in_(list(team_ids))
        )
    totaal: Counter[str] = Counter()
    tijdig: Counter[str] = Counter()
    for b, ontvangen in session.execute(q).all():
        try:
            termijn = tj.termijn_for(termijnen, dl._WET_IN_LIJST.get(b.wet, b.wet), "beschikking")
        except LookupError:
            termijn = tj.termijn_for(termijnen, "Jeugdwet", "beschikking")  # Awb 4:13: 8 weeks
        aanp = session.scalars(
            select(Termijnaanpassing).where(
                Termijnaanpassing.vraag_id == b.vraag_id, Termijnaanpassing.stap == "beschikking"
            )
        ).all()
        ops, ver = dl._aanpassingen(list(aanp), "beschikking")
        deadline = tj.compute_deadline(ontvangen, termijn, opschortingen=ops, verdaging=ver, today=b.besluitdatum)
        totaal[b.wet] += 1
        tijdig[b.wet] += b.besluitdatum <= deadline
    rijen = [(w, [totaal[w], tijdig[w], pct(tijdig[w], totaal[w])]) for w in WETTEN if totaal[w]]
    return Indicator(
        "termijn",
        "Binnen de wettelijke termijn beslist",
        ["Beschikkingen", "Op tijd", "% op tijd"],
        rijen,
        label_kolom="Wet",
        grafiek=[2],
        eenheid="%",
        toelichting="Definitieve beschikkingen met besluitdatum in de periode.",
    )


def enkel_meervoudig(
    session: Session, *, gemeente_ids: Sequence[int], team_ids: Sequence[int] | None, van: date, tot: date
) -> Indicator:
    q = _vragen(gemeente_ids, team_ids, van, tot).with_only_columns(Ondersteuningsvraag.meervoudig)
    n = Counter(bool(x) for x in session.scalars(q))
    totaal = n[True] + n[False]
    return Indicator(
        "meervoudig",
        "Enkelvoudige en meervoudige meldingen",
        ["Meldingen", "Aandeel %"],
        [("Enkelvoudig", [n[False], pct(n[False], totaal)]), ("Meervoudig", [n[True], pct(n[True], totaal)])],
        label_kolom="Soort",
        eenheid="meldingen",
    )


def plan_en_regie(
    session: Session, *, gemeente_ids: Sequence[int], team_ids: Sequence[int] | None, van: date, tot: date
) -> Indicator:
    """Households with a meervoudige melding in the period: a plan vastgesteld by `tot`, and a
    regie-afspraak running on `tot`."""
    hh = set(
        session.scalars(
            _vragen(gemeente_ids, team_ids, van, tot)
            .where(Ondersteuningsvraag.meervoudig.is_(True))
            .with_only_columns(Ondersteuningsvraag.huishouden_id)
            .distinct()
        )
    )
    met_plan = met_regie = 0
    if hh:
        met_plan = len(
            set(
                session.scalars(
                    select(Plan.huishouden_id)
                    .join(PlanVersie, PlanVersie.plan_id == Plan.id)
                    .where(Plan.huishouden_id.in_(hh), PlanVersie.vastgesteld_op <= tot)
                )
            )
        )
        met_regie = len(
            set(
                session.scalars(
                    select(Regieafspraak.huishouden_id).where(
                        Regieafspraak.huishouden_id.in_(hh),
                        Regieafspraak.begindatum <= tot,
                        or_(Regieafspraak.einddatum.is_(None), Regieafspraak.einddatum >= tot),
                    )
                )
            )
        )
    n = len(hh)
    return Indicator(
        "plan_regie",
        "Meervoudige huishoudens met plan en regie-afspraak",
        ["Huishoudens", "Van totaal", "Aandeel %"],
        [
            ("Vastgesteld plan", [met_plan, n, pct(met_plan, n)]),
            ("Lopende regie-afspraak", [met_regie, n, pct(met_regie, n)]),
        ],
        label_kolom="Kenmerk",
        grafiek=[2],
        eenheid="%",
        toelichting="Huishoudens met een meervoudige melding in de periode; stand op de einddatum.",
    )


def clientondersteuning(
    session: Session, *, gemeente_ids: Sequence[int], team_ids: Sequence[int] | None, van: date, tot: date
) -> Indicator:
    ids = _vragen(gemeente_ids, team_ids, van, tot).with_only_columns(Ondersteuningsvraag.id)
    aangeboden = exists().where(
        Gesprek.vraag_id == Ondersteuningsvraag.id, Gesprek.clientondersteuning_aangeboden.is_(True)
    )
    q = select(aangeboden).select_from(Ondersteuningsvraag).where(Ondersteuningsvraag.id.in_(ids))
    n = Counter(bool(x) for x in session.scalars(q))
    totaal = n[True] + n[False]
    return Indicator(
        "clientondersteuning",
        "Cliëntondersteuning aangeboden",
        ["Meldingen", "Aandeel %"],
        [("Aangeboden", [n[True], pct(n[True], totaal)]), ("Niet aangeboden", [n[False], pct(n[False], totaal)])],
        label_kolom="Cliëntondersteuning",
        eenheid="meldingen",
    )


def schaling_per_maand(
    session: Session, *, gemeente_ids: Sequence[int], team_ids: Sequence[int] | None, van: date, tot: date
) -> Indicator:
    q = select(Schaalbesluit.datum, Schaalbesluit.van, Schaalbesluit.naar).where(
        Schaalbesluit.status == "definitief",
        Schaalbesluit.datum >= van,
        Schaalbesluit.datum <= tot,
        Schaalbesluit.van.is_not(None),  # a first level is neither op- nor afschaling
        Schaalbesluit.huishouden_id.in_(_hh_ids(gemeente_ids, team_ids)),
    )
    op: Counter[tuple[int, int]] = Counter()
    af: Counter[tuple[int, int]] = Counter()
    for d, vn, nr in session.execute(q).all():
        if nr > vn:
            op[(d.year, d.month)] += 1
        elif nr < vn:
            af[(d.year, d.month)] += 1
    return Indicator(
        "schaling",
        "Op- en afschaling per maand",
        ["Opschaling", "Afschaling"],
        [(maandlabel(j, m), [op[(j, m)], af[(j, m)]]) for j, m in maanden(van, tot)],
        label_kolom="Maand",
        liggend=True,
        grafiek=[0, 1],
        eenheid="besluiten",
        toelichting="Definitieve schaalbesluiten in de periode.",
    )


def schaalniveaus(
    session: Session, *, gemeente_ids: Sequence[int], team_ids: Sequence[int] | None, van: date, tot: date
) -> Indicator:
    """Current level of every household in scope (the level is kept on the household, not per date)."""
    q = select(Huishouden.schaalniveau).where(Huishouden.id.in_(_hh_ids(gemeente_ids, team_ids)))
    n = Counter(session.scalars(q))
    totaal = sum(n.values())
    rijen = [(f"Niveau {i}", [n[i], pct(n[i], totaal)]) for i in range(6)]
    rijen.append(("Geen niveau", [n[None], pct(n[None], totaal)]))
    return Indicator(
        "niveaus",
        "Verdeling over schaalniveaus",
        ["Huishoudens", "Aandeel %"],
        rijen,
        label_kolom="Niveau",
        eenheid="huishoudens",
        toelichting="Huidige stand, niet afhankelijk van de periode.",
    )


def voorzieningen(
    session: Session, *, gemeente_ids: Sequence[int], team_ids: Sequence[int] | None, van: date, tot: date
) -> Indicator:
    """Maatwerkvoorzieningen running on `tot`, per wet and productcategorie; per 1,000 inhabitants when
    every selected gemeente has its inhabitant count configured (and no team filter narrows it)."""
    from app.domain.catalog.models import Product

    q = (
        select(Maatwerkvoorziening.wet, Product.productcategorie, func.count())
        .join(Product, Product.id == Maatwerkvoorziening.product_id)
        .where(
            Maatwerkvoorziening.status.in_(("toegekend", "actief")),
            Maatwerkvoorziening.ingangsdatum <= tot,
            or_(Maatwerkvoorziening.einddatum.is_(None), Maatwerkvoorziening.einddatum >= tot),
            Maatwerkvoorziening.huishouden_id.in_(_hh_ids(gemeente_ids, team_ids)),
        )
        .group_by(Maatwerkvoorziening.wet, Product.productcategorie)
    )
    inwoners = list(session.scalars(select(Gemeente.inwoners).where(Gemeente.id.in_(list(gemeente_ids)))))
    per = sum(inwoners) if team_ids is None and inwoners and all(inwoners) else None
    rows = sorted(session.execute(q).all(), key=lambda r: (WETTEN.index(r[0]), r[1] or ""))
    rijen = [(f"{wet} {cat or '?'}", [n, round(1000 * n / per, 2) if per else None]) for wet, cat, n in rows]
    return Indicator(
        "voorzieningen",
        "Lopende maatwerkvoorzieningen per wet en productcategorie",
        ["Voorzieningen", "Per 1.000 inwoners"],
        rijen,
        label_kolom="Wet en productcategorie",
        eenheid="voorzieningen",
        toelichting="Stand op de einddatum. Per 1.000 inwoners alleen als het inwonertal van elke gekozen gemeente "
        "is ingesteld en er niet op team is gefilterd.",
    )


def _achttien(geb: date) -> date:
    # Born on 29 February: the 18th birthday is 28 February in a non-leap year.
    dag = min(geb.day, calendar.monthrange(geb.year + 18, geb.month)[1])
    return date(geb.year + 18, geb.month, dag)


def overgang_18(
    session: Session, *, gemeente_ids: Sequence[int], team_ids: Sequence[int] | None, van: date, tot: date
) -> Indicator:
    """Youths turning 18 in the period with a recorded 18-/18+ transition: recorded before the birthday?"""
    q = (
        select(Overgang18.datum, Persoon.geboortedatum)
        .join(Persoon, Persoon.id == Overgang18.persoon_id)
        .where(Overgang18.huishouden_id.in_(_hh_ids(gemeente_ids, team_ids)), Persoon.geboortedatum.is_not(None))
    )
    voor = na = 0
    for datum, geb in session.execute(q).all():
        verjaardag = _achttien(geb)
        if van <= verjaardag <= tot:
            if datum < verjaardag:
                voor += 1
            else:
                na += 1
    n = voor + na
    return Indicator(
        "overgang18",
        "Overgang 18-/18+ vóór de 18e verjaardag",
        ["Jongeren", "Aandeel %"],
        [("Vóór de 18e verjaardag", [voor, pct(voor, n)]), ("Op of na de verjaardag", [na, pct(na, n)])],
        label_kolom="Moment",
        eenheid="jongeren",
        toelichting="Jongeren die in de periode 18 werden en een vastgelegde overgang hebben.",
    )


def bezwaren(
    session: Session, *, gemeente_ids: Sequence[int], team_ids: Sequence[int] | None, van: date, tot: date
) -> Indicator:
    q = (
        select(Bezwaar.uitkomst)
        .join(Beschikking, Beschikking.id == Bezwaar.beschikking_id)
        .where(
            Bezwaar.datum_ontvangst >= van,
            Bezwaar.datum_ontvangst <= tot,
            Beschikking.huishouden_id.in_(_hh_ids(gemeente_ids, team_ids)),
        )
    )
    n = Counter(session.scalars(q))
    return Indicator(
        "bezwaren",
        "Bezwaren en hun uitkomst",
        ["Bezwaren"],
        [(lbl, [n[k]]) for k, lbl in UITKOMST_LABELS.items()],
        label_kolom="Uitkomst",
        eenheid="bezwaren",
        toelichting="Bezwaren ontvangen in de periode.",
    )


INDICATOREN: dict[str, Callable[..., Indicator]] = {
    "meldingen": meldingen_per_maand,
    "doorlooptijd": doorlooptijd,
    "termijn": binnen_termijn,
    "meervoudig": enkel_meervoudig,
    "plan_regie": plan_en_regie,
    "clientondersteuning": clientondersteuning,
    "schaling": schaling_per_maand,
    "niveaus": schaalniveaus,
    "voorzieningen": voorzieningen,
    "overgang18": overgang_18,
    "bezwaren": bezwaren,
}


# ---- service ----------------------------------------------------------------------------------------


@dataclass
class Dashboard:
    van: date
    tot: date
    gemeente_id: int | None
    team_id: int | None
    gemeenten: list[tuple[int, str]]  # the choices the actor may filter on
    teams: list[tuple[int, str]]
    indicatoren: list[Indicator]


def dashboard(
    session: Session,
    actor: Actor,
    *,
    gemeente_id: int | None = None,
    team_id: int | None = None,
    van: date,
    tot: date,
    alleen: str | None = None,
    als_grafiek: bool = False,
) -> Dashboard:
    """The indicators for the actor's own gemeenten (or the one chosen) and optionally one of their
    teams; `alleen` computes just that indicator (for its CSV download)."""
    authz.require_role(actor, Rol.SUPERVISOR)
    if tot < van:
        raise ValidationError({"tot": "De einddatum ligt vóór de begindatum."})
    if alleen is not None and alleen not in INDICATOREN:
        raise ValidationError({"indicator": "Onbekende indicator."})
    if gemeente_id is not None and gemeente_id not in actor.gemeente_ids:
        raise NotAllowed("U werkt niet voor deze gemeente.")
    if team_id is not None and team_id not in actor.team_ids:
        raise NotAllowed("Dit is niet uw team.")
    gemeente_ids = [gemeente_id] if gemeente_id is not None else sorted(actor.gemeente_ids)
    team_ids = [team_id] if team_id is not None else None
    gemeenten = [
        (g.id, g.naam)
        for g in session.scalars(select(Gemeente).where(Gemeente.id.in_(actor.gemeente_ids)).order_by(Gemeente.naam))
    ]
    teams = [
        (t.id, t.naam) for t in session.scalars(select(Team).where(Team.id.in_(actor.team_ids)).order_by(Team.naam))
    ]
    keys = [alleen] if alleen else list(INDICATOREN)
    scope = {"gemeente_ids": gemeente_ids, "team_ids": team_ids, "van": van, "tot": tot}
    result = [INDICATOREN[k](session, **scope) for k in keys]
    # A chart drawn after its page shows numbers that page view already logged; no second event.
    if not als_grafiek:
        audit.record(
            session,
            actor,
            action="view",
            object_type="monitoring",
            object_id=alleen,
            purpose="toezicht",
            changes={
                "van": van.isoformat(),
                "tot": tot.isoformat(),
                "gemeente_ids": gemeente_ids,
                "team_ids": team_ids,
                "indicatoren": keys,
            },
        )
    return Dashboard(van, tot, gemeente_id, team_id, gemeenten, teams, result)


def parse_filter(params: dict, *, today: date) -> dict:
    """The dashboard filter from query parameters; default period: the last 12 months up to `today`."""
    errors: dict[str, str] = {}
    out: dict = {}
    eerste = date(today.year - 1, today.month, 1)
    eerste = date(eerste.year + 1, 1, 1) if eerste.month == 12 else date(eerste.year, eerste.month + 1, 1)
    for k, default in (("van", eerste), ("tot", today)):
        raw = str(params.get(k) or "").strip()
        try:
            out[k] = date.fromisoformat(raw) if raw else default
        except ValueError:
            errors[k] = "Vul een geldige datum in (dd-mm-jjjj)."
    for k, msg in (("gemeente_id", "Kies een gemeente."), ("team_id", "Kies een team.")):
        raw = str(params.get(k) or "").strip()
        try:
            out[k] = int(raw) if raw else None
        except ValueError:
            errors[k] = msg
    if not errors and out["tot"] < out["van"]:
        errors["tot"] = "De einddatum ligt vóór de begindatum."
    elif not errors and len(maanden(out["van"], out["tot"])) > 36:
        errors["van"] = "Kies een periode van hoogstens 36 maanden."
    if errors:
        raise ValidationError(errors)
    return out
