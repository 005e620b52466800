"""Pure rules of the één-plan area: schaalniveau suggestions and schaalbesluit checks, the regie
invariant, the plan's status machine, the version diff, and the plan-related signals of the
werkvoorraad (DESIGN.md §3, §5, §6).

Nothing here touches the database, FastAPI or the clock: callers pass plain facts (the frozen
``…Feit`` dataclasses below) and ``today``. Services translate ORM rows into these facts, call the
rules, and turn the Dutch messages into ``ValidationError`` / ``InvalidTransition`` or ``Signaal``
rows. Keeping the rules pure lets them be unit-tested exhaustively and reused by the API, the web
screens, the werkvoorraad queries and the rechtmatigheid report alike.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, Literal

# ---------------------------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------------------------

_MAANDEN = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def _datum(d: date) -> str:
    """Dutch long date ("1 maart 2026") without depending on the server's locale."""
    return f"{d.day} {_MAANDEN[d.month - 1]} {d.year}"


def _dagen(n: int) -> str:
    return "1 dag" if n == 1 else f"{n} dagen"


def _add_years(d: date, years: int) -> date:
    """Same calendar day ``years`` later; 29 February falls on 1 March in a non-leap year.

    Choice: a person born on 29 February is legally a year older on 1 March in a non-leap year
    (the common Dutch reading, and that of BGB §188 next door). For the 18-/18+ check that is the
    conservative side: the youth counts as a minor until the day after 28 February.
    """
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # only 29 February in a non-leap target year
        return date(d.year + years, 3, 1)


# ---------------------------------------------------------------------------------------------
# Schaalniveaus (§5)
# ---------------------------------------------------------------------------------------------

MIN_NIVEAU = 0
MAX_NIVEAU = 5
NIVEAU_REGISSEUR_VERPLICHT = 4  # "Level ≥ 4 requires an active regie-afspraak with a professional"
NIVEAU_GOEDKEURING = 5  # "Level 5 (escalation, doorzettingsmacht) requires supervisor approval"


@dataclass(frozen=True, slots=True)
class SchaalNiveau:
    """One rung of the op-/afschaling ladder (codelists/schaalniveaus.csv)."""

    niveau: int
    naam: str
    omschrijving: str


def load_schaalniveaus(path: str | os.PathLike[str]) -> list[SchaalNiveau]:
    """Read the ladder from CSV, sorted by niveau.

    The shipped file has unquoted commas inside ``omschrijving``; csv puts the overflow in a rest
    list, which we glue back on so the text survives intact. Lines starting with ``#`` are
    comments. The ladder must run 0, 1, 2, … without gaps, because the rules compare levels
    numerically; a broken file fails loudly here rather than silently mis-scaling households.
    """
    with open(path, encoding="utf-8-sig", newline="") as f:
        lines: Iterator[str] = (line for line in f if line.strip() and not line.lstrip().startswith("#"))
        reader = csv.DictReader(lines, restkey="_rest")
        niveaus = []
        for row in reader:
            rest = row.get("_rest") or []
            omschrijving = ",".join([row["omschrijving"] or "", *rest]).strip()
            niveaus.append(SchaalNiveau(niveau=int(row["niveau"]), naam=row["naam"].strip(), omschrijving=omschrijving))
    niveaus.sort(key=lambda n: n.niveau)
    if [n.niveau for n in niveaus] != list(range(len(niveaus))):
        raise ValueError(f"{path}: schaalniveaus moeten doorlopend vanaf 0 genummerd zijn")
    return niveaus


# Normalised law keys (codelists/wettelijke_termijnen.csv spells them "Wmo", "Jeugdwet", …).
_WET_LABELS = {
    "wmo": "Wmo",
    "jeugdwet": "Jeugdwet",
    "participatiewet": "Participatiewet",
    "schuldhulpverlening": "schuldhulpverlening",
    "schuldhulp": "schuldhulpverlening",
}

# Productcategorieën that mean support is (temporarily) taken over: level 5 material when safety
# is at stake. iJw JZ020: 43/44 jeugdhulp met verblijf, 48 jeugdbescherming. iWmo WMO020:
# 15 beschermd wonen, 16 opvang, 17 spoedopvang, 18 overige beschermd wonen en opvang.
# Anything else (e.g. 46 crisis, which may be ambulant) can be marked via verblijf_of_beschermd.
OVERNEMEN_PRODUCTCATEGORIEEN: Mapping[str, frozenset[str]] = {
    "jeugdwet": frozenset({"43", "44", "48"}),
    "wmo": frozenset({"15", "16", "17", "18"}),
}


def _wet_key(wet: str) -> str:
    return wet.strip().lower()


def _wet_label(wet: str) -> str:
    return _WET_LABELS.get(_wet_key(wet), wet.strip())


@dataclass(frozen=True, slots=True)
class VoorzieningFeit:
    """What the schaal suggestion needs to know about one voorziening of the household.

    ``wet`` as in the code lists ("Wmo", "Jeugdwet", …; compared case-insensitively);
    ``productcategorie`` the iWmo/iJw code ("02", "48") or None; ``maatwerk`` False for an
    algemene voorziening; ``verblijf_of_beschermd`` forces the "taken over" reading regardless of
    the productcategorie (e.g. a crisis placement).
    """

    wet: str
    productcategorie: str | None
    actief: bool
    maatwerk: bool = True
    verblijf_of_beschermd: bool = False

    @property
    def is_overnemen(self) -> bool:
        """Verblijf, beschermd wonen, opvang or jeugdbescherming: support is taken over."""
        if self.verblijf_of_beschermd:
            return True
        cats = OVERNEMEN_PRODUCTCATEGORIEEN.get(_wet_key(self.wet), frozenset())
        return self.productcategorie is not None and self.productcategorie.strip() in cats


@dataclass(frozen=True, slots=True)
class HuishoudenFeiten:
    """The household facts the schaal suggestion reads.

    - ``leefgebieden_met_problemen``: number of ZRM domains scored 1 or 2 (acuut / niet
      zelfredzaam) in the latest gesprek.
    - ``aantal_wetten``: number of distinct laws under which the household receives support,
      including support that is no maatwerkvoorziening here (bijstand, schuldhulpverlening). The
      rule uses the larger of this and the count derived from the active maatwerkvoorzieningen, so
      0 ("derive it") is a safe default.
    - ``voorzieningen``: the household's voorzieningen (inactive ones are ignored).
    - ``veiligheidszorg``: the household's safety flag.
    - ``algemene_voorziening_of_vrijwilliger``: voorliggend veld in use (algemene voorziening,
      informele zorg, vrijwilligers).
    - ``professionele_lichte_ondersteuning``: short or light professional support from the
      toegang or wijkteam, without a beschikking.
    """

    leefgebieden_met_problemen: int = 0
    aantal_wetten: int = 0
    voorzieningen: tuple[VoorzieningFeit, ...] = ()
    veiligheidszorg: bool = False
    algemene_voorziening_of_vrijwilliger: bool = False
    professionele_lichte_ondersteuning: bool = False


def suggest_niveau(feiten: HuishoudenFeiten) -> tuple[int, str]:
    """Suggest a schaalniveau (0–5) with a Dutch explanation.

    A heuristic on the ladder of DESIGN.md §5, first match wins:

    5. veiligheidszorg **and** an active voorziening that takes support over (verblijf, beschermd
       wonen, opvang, jeugdbescherming);
    4. active maatwerk **and** (support under ≥ 2 laws **or** ≥ 3 leefgebieden scored 1–2);
    3. any active maatwerkvoorziening;
    2. light professional support;
    1. an algemene voorziening, informal care or volunteers (also: an active non-maatwerk
       voorziening);
    0. nothing recorded: eigen kracht and netwerk.

    It is only a suggestion: the professional decides in a Schaalbesluit and the household knows
    why. The explanation adds a hint when facts point higher than the ladder allows (a safety
    concern, or a taken-over voorziening without the safety flag), so nothing is hidden.
    """
    actief = [v for v in feiten.voorzieningen if v.actief]
    maatwerk = [v for v in actief if v.maatwerk]
    overnemen = [v for v in actief if v.is_overnemen]
    wetten = sorted({_wet_label(v.wet) for v in maatwerk})
    aantal_wetten = max(feiten.aantal_wetten, len(wetten))
    problemen = feiten.leefgebieden_met_problemen

    niveau: int
    uitleg: str
    if feiten.veiligheidszorg and overnemen:
        niveau = 5
        uitleg = (
            "Er is een veiligheidszorg en een actieve voorziening voor verblijf, beschermd wonen, "
            "opvang of jeugdbescherming: de ondersteuning is (tijdelijk) overgenomen."
        )
    elif maatwerk and (aantal_wetten >= 2 or problemen >= 3):
        niveau = 4
        redenen = []
        if aantal_wetten >= 2:
            namen = f" ({', '.join(wetten)})" if len(wetten) >= 2 else ""
            redenen.append(f"onder {aantal_wetten} wetten{namen}")
        if problemen >= 3:
            redenen.append(f"bij problemen op {problemen} leefgebieden (ZRM 1–2)")
        uitleg = "Actieve maatwerkondersteuning " + " en ".join(redenen) + ": een meervoudige vraag."
    elif maatwerk:
        niveau = 3
        n = len(maatwerk)
        soort = "actieve maatwerkvoorziening" if n == 1 else "actieve maatwerkvoorzieningen"
        uitleg = f"{n} {soort} onder de {', '.join(wetten)}."
    elif feiten.professionele_lichte_ondersteuning:
        niveau = 2
        uitleg = "Lichte professionele ondersteuning, zonder actieve maatwerkvoorziening."
    elif feiten.algemene_voorziening_of_vrijwilliger or actief:
        niveau = 1
        uitleg = "Algemene voorziening, informele zorg of vrijwilligers; geen professionele ondersteuning."
    else:
        niveau = 0
        uitleg = "Geen ondersteuning geregistreerd: eigen kracht en netwerk."

    # Hints that do not move the suggestion but must be visible to the professional.
    if niveau < 5 and feiten.veiligheidszorg:
        uitleg += " Let op: er is een veiligheidszorg; beoordeel of opschaling nodig is."
    elif niveau < 5 and overnemen:
        uitleg += (
            " Let op: er is een actieve voorziening voor verblijf, beschermd wonen, opvang of "
            "jeugdbescherming; beoordeel of niveau 5 past."
        )
    # Lower-case after the colon, as Dutch writes it; no explanation starts with a proper noun.
    return niveau, f"Suggestie niveau {niveau}: {uitleg[0].lower()}{uitleg[1:]}"


# What the suggestion at each level means, for the upward mismatch message.
_OPSCHALEN_REDEN = {
    5: "Veiligheidszorg met verblijf, beschermd wonen, opvang of jeugdbescherming",
    4: "Meervoudige maatwerkondersteuning (meerdere wetten of leefgebieden)",
    3: "Actieve maatwerkvoorziening",
    2: "Lichte professionele ondersteuning",
    1: "Algemene voorziening, informele zorg of vrijwilligers",
}


def niveau_mismatch(huidig: int | None, suggestie: int) -> str | None:
    """Dutch flag when the current level and the suggestion differ, else None.

    Both directions are flagged: too low means support the level does not reflect (e.g. a
    regisseur missing at 4), too high means afschaling may be possible ("zo licht en kort als
    mogelijk"). A household without a level is flagged only when the facts point above 0.
    """
    if huidig is None:
        if suggestie <= MIN_NIVEAU:
            return None
        return f"Er is nog geen schaalniveau vastgesteld, terwijl de gegevens wijzen op niveau {suggestie}."
    if suggestie > huidig:
        reden = _OPSCHALEN_REDEN.get(suggestie, f"De gegevens wijzen op niveau {suggestie}")
        return f"{reden} terwijl het huishouden op niveau {huidig} staat."
    if suggestie < huidig:
        return (
            f"Het huishouden staat op niveau {huidig}, terwijl de actieve ondersteuning past bij "
            f"niveau {suggestie}: bespreek bij de volgende evaluatie of afschalen kan."
        )
    return None


def check_schaalbesluit(
    *,
    van: int | None,
    naar: int,
    reden: str,
    heeft_actieve_professionele_regisseur: bool,
    heeft_evaluatie: bool,
    max_niveau: int = MAX_NIVEAU,
) -> list[tuple[str, str]]:
    """Violations of a proposed Schaalbesluit as (field, Dutch message); empty when allowed.

    ``van`` is the current level (None for the first decision). ``heeft_evaluatie`` means an
    Evaluatie is on record since the current level was set: afschaling must be a deliberate
    outcome, not drift (§5). Level-related messages use the field ``naar`` (the level select), so
    more than one message can share a field.
    """
    fouten: list[tuple[str, str]] = []
    if not reden or not reden.strip():
        fouten.append(("reden", "Geef een reden voor dit schaalbesluit."))
    if not MIN_NIVEAU <= naar <= max_niveau:
        # The remaining rules compare levels; on an impossible level they would only add noise.
        fouten.append(("naar", f"Kies een niveau van {MIN_NIVEAU} tot en met {max_niveau}."))
        return fouten
    if van is not None and naar == van:
        fouten.append(("naar", f"Het huishouden staat al op niveau {van}; kies een ander niveau."))
        return fouten
    if naar >= NIVEAU_REGISSEUR_VERPLICHT and not heeft_actieve_professionele_regisseur:
        fouten.append(("naar", "Niveau 4 of hoger vraagt een actieve regie-afspraak met een professionele regisseur."))
    if van is not None and naar < van and not heeft_evaluatie:
        fouten.append(("naar", "Afschalen kan alleen na een evaluatie."))
    return fouten


def vereist_goedkeuring(naar: int) -> bool:
    """Level 5 (escalation with doorzettingsmacht) needs a supervisor's approval; until then the
    Schaalbesluit is pending and the household keeps its previous level."""
    return naar >= NIVEAU_GOEDKEURING


# ---------------------------------------------------------------------------------------------
# Regie (§3 Regieafspraak)
# ---------------------------------------------------------------------------------------------

RegieHouder = Literal["huishouden", "netwerklid", "professional"]
REGIE_HOUDERS: tuple[RegieHouder, ...] = ("huishouden", "netwerklid", "professional")
REGIE_HOUDER_LABELS: Mapping[str, str] = {
    "huishouden": "Het huishouden zelf",
    "netwerklid": "Iemand uit het netwerk",
    "professional": "Professionele regisseur",
}


@dataclass(frozen=True, slots=True)
class RegieFeit:
    """A regie-afspraak's period. ``id`` is None for one not stored yet; ``eind`` is the last day
    regie holds (inclusive), None while open-ended."""

    id: int | None
    houder: RegieHouder
    start: date
    eind: date | None = None


def is_actief(regie: RegieFeit, today: date) -> bool:
    """Active on ``today``: started and not yet past its (inclusive) end date."""
    return regie.start <= today and (regie.eind is None or today <= regie.eind)


def _overlapt(a: RegieFeit, b: RegieFeit) -> bool:
    # Closed intervals; an open end reaches to the end of time.
    return a.start <= (b.eind or date.max) and b.start <= (a.eind or date.max)


def check_nieuwe_regie(bestaande: Sequence[RegieFeit], nieuw: RegieFeit, today: date) -> str | None:
    """Dutch refusal for a new (or edited) regie-afspraak, or None when it may be saved.

    Invariant (§3): at most one active professional regisseur per household. Whole periods are
    compared, not just ``today``: a future or back-dated afspraak that overlaps another
    professional one would break the invariant on some day. An afspraak with the same ``id`` as
    ``nieuw`` is the one being edited and is skipped. Regie held by the household or a netwerklid
    is not limited here: only the professional regisseur is the single point of coordination.
    """
    if nieuw.houder not in REGIE_HOUDERS:
        return "Kies wie de regie heeft: het huishouden, iemand uit het netwerk of een professional."
    if nieuw.eind is not None and nieuw.eind < nieuw.start:
        return "De einddatum van de regie-afspraak ligt vóór de startdatum."
    if nieuw.houder != "professional":
        return None
    for b in bestaande:
        if b.houder != "professional" or (nieuw.id is not None and b.id == nieuw.id):
            continue
        if not _overlapt(b, nieuw):
            continue
        periode = f"vanaf {_datum(b.start)}" + (f" tot en met {_datum(b.eind)}" if b.eind else "")
        wanneer = "een actieve professionele regisseur"
        if not is_actief(b, today):
            wanneer = "een professionele regisseur in een overlappende periode"
        return (
            f"Er is al {wanneer} ({periode}). Een huishouden heeft hoogstens één professionele "
            "regisseur tegelijk: beëindig die regie-afspraak eerst of kies een periode die niet overlapt."
        )
    return None


# ---------------------------------------------------------------------------------------------
# Signals (§6)
# ---------------------------------------------------------------------------------------------

URGENTIE_LAAG = 1
URGENTIE_NORMAAL = 2
URGENTIE_HOOG = 3  # higher is more urgent: a term has passed or someone is at risk now

SOORT_MANTELZORG = "mantelzorg_overbelast"
SOORT_EVALUATIE = "evaluatie_plan"
SOORT_GEEN_PLAN_OF_REGIE = "geen_plan_of_regie"
SOORT_18_MIN = "overgang_18"
SOORT_18_PLUS = "jeugdhulp_na_18"
SOORT_VOORZIENING_EINDIGT = "voorziening_eindigt"

EVALUATIE_VOORUIT_DAGEN = 14
GEEN_PLAN_OF_REGIE_NA = timedelta(weeks=4)
JEUGD_VOORUIT_JAREN = 1  # "turning 18 within 12 months"
JEUGD_DRINGEND_DAGEN = 91  # ~3 months: Wmo onderzoek (6 wk) + beschikking (2 wk) still fit before 18
LEEFTIJD_MEERDERJARIG = 18
LEEFTIJD_EINDE_VERLENGDE_JEUGDHULP = 23


@dataclass(frozen=True, slots=True)
class SignaalFeit:
    """A derived werkvoorraad item: ``urgentie`` (higher first, see URGENTIE_*), the date by which
    someone must act (None when there is none), and the reason in Dutch words."""

    soort: str
    urgentie: int
    vervaldatum: date | None
    tekst: str


def signaal_mantelzorg(naam: str, draagkracht: int | None, draaglast: int | None) -> SignaalFeit | None:
    """Mantelzorger overload: draaglast above draagkracht (both 1–5). Not recorded → no signal.
    A gap of two or more points is urgent: the informal care the plan leans on may collapse."""
    if draagkracht is None or draaglast is None or draaglast <= draagkracht:
        return None
    urgentie = URGENTIE_HOOG if draaglast - draagkracht >= 2 else URGENTIE_NORMAAL
    return SignaalFeit(
        soort=SOORT_MANTELZORG,
        urgentie=urgentie,
        vervaldatum=None,
        tekst=(
            f"Mantelzorger {naam} is overbelast: draaglast {draaglast} is hoger dan draagkracht "
            f"{draagkracht}. Bespreek mantelzorgondersteuning of respijtzorg."
        ),
    )


def signaal_evaluatie(volgende_evaluatie: date | None, today: date) -> SignaalFeit | None:
    """Plan evaluation overdue, or due within 14 days (inclusive). §5: each evaluation also asks
    the op-/afschaling question, so the text says so."""
    if volgende_evaluatie is None:
        return None
    dagen = (volgende_evaluatie - today).days
    if dagen > EVALUATIE_VOORUIT_DAGEN:
        return None
    if dagen < 0:
        tekst = (
            f"De evaluatie van het plan is te laat: gepland op {_datum(volgende_evaluatie)} ({_dagen(-dagen)} geleden)."
        )
        urgentie = URGENTIE_HOOG
    else:
        wanneer = "vandaag" if dagen == 0 else f"over {_dagen(dagen)}"
        tekst = f"De evaluatie van het plan staat gepland op {_datum(volgende_evaluatie)} ({wanneer})."
        urgentie = URGENTIE_NORMAAL
    return SignaalFeit(
        soort=SOORT_EVALUATIE,
        urgentie=urgentie,
        vervaldatum=volgende_evaluatie,
        tekst=tekst + " Bespreek daarbij ook op- of afschaling.",
    )


def signaal_geen_plan_of_regie(
    meervoudig: bool, datum_melding: date, heeft_plan: bool, heeft_regie: bool, today: date
) -> SignaalFeit | None:
    """A meervoudige vraag still lacking a plan or a regie-afspraak once 4 weeks have passed since
    the melding (from day 28 on). Policy: "in iedere complexe casus afspraken over regie"."""
    if not meervoudig or (heeft_plan and heeft_regie):
        return None
    termijn = datum_melding + GEEN_PLAN_OF_REGIE_NA
    if today < termijn:
        return None
    if not heeft_plan and not heeft_regie:
        ontbreekt = "zonder plan en zonder regie-afspraak"
    elif not heeft_plan:
        ontbreekt = "zonder plan"
    else:
        ontbreekt = "zonder regie-afspraak"
    weken = (today - datum_melding).days // 7
    return SignaalFeit(
        soort=SOORT_GEEN_PLAN_OF_REGIE,
        urgentie=URGENTIE_HOOG,
        vervaldatum=termijn,
        tekst=(
            f"Meervoudige vraag {ontbreekt}, {weken} weken na de melding van {_datum(datum_melding)}. "
            "Maak één plan en een regie-afspraak met het huishouden."
        ),
    )


def leeftijd(geboortedatum: date, today: date) -> int:
    """Age in whole years on ``today``; a 29-February child ages on 1 March in non-leap years."""
    if today < geboortedatum:
        raise ValueError("geboortedatum ligt na de peildatum")
    jaren = today.year - geboortedatum.year
    if today < _add_years(geboortedatum, jaren):
        jaren -= 1
    return jaren


def wordt_18_op(geboortedatum: date) -> date:
    """The 18th birthday; born 29 February → 1 March when that year is no leap year (see
    ``_add_years`` for why)."""
    return _add_years(geboortedatum, LEEFTIJD_MEERDERJARIG)


def signaal_18_min(
    geboortedatum: date,
    heeft_actieve_jeugdwet_voorziening: bool,
    today: date,
    *,
    heeft_grond_verlengde_jeugdhulp: bool = False,
) -> SignaalFeit | None:
    """The 18-/18+ transition (Jeugdwet art. 1.1, "jeugdige"; verlengde jeugdhulp up to 23).

    - Minor turning 18 within 12 months (inclusive) with an active Jeugdwet voorziening: arrange
      the warme overdracht to Wmo or Participatiewet. Urgent from about 3 months before.
    - 18 up to 23 with an active Jeugdwet voorziening and no recorded ground for verlengde
      jeugdhulp: a rechtmatigheid gap (§8), urgent.
    - 23 or older with an active Jeugdwet voorziening: jeugdhulp cannot run on at all, ground or
      not, so this is signalled too.
    """
    if not heeft_actieve_jeugdwet_voorziening:
        return None
    achttien = wordt_18_op(geboortedatum)
    jaren = leeftijd(geboortedatum, today)
    if jaren < LEEFTIJD_MEERDERJARIG:
        if achttien > _add_years(today, JEUGD_VOORUIT_JAREN):
            return None
        dagen = (achttien - today).days
        return SignaalFeit(
            soort=SOORT_18_MIN,
            urgentie=URGENTIE_NORMAAL if dagen <= JEUGD_DRINGEND_DAGEN else URGENTIE_LAAG,
            vervaldatum=achttien,
            tekst=(
                f"Wordt 18 op {_datum(achttien)} (over {_dagen(dagen)}) en heeft een actieve "
                "Jeugdwet-voorziening: regel de overgang naar Wmo of Participatiewet (18-/18+) "
                "met een warme overdracht."
            ),
        )
    if jaren >= LEEFTIJD_EINDE_VERLENGDE_JEUGDHULP:
        drieentwintig = _add_years(geboortedatum, LEEFTIJD_EINDE_VERLENGDE_JEUGDHULP)
        return SignaalFeit(
            soort=SOORT_18_PLUS,
            urgentie=URGENTIE_HOOG,
            vervaldatum=drieentwintig,
            tekst=(
                f"Is sinds {_datum(drieentwintig)} 23 jaar en heeft nog een actieve Jeugdwet-voorziening; "
                "verlengde jeugdhulp loopt uiterlijk tot 23 jaar. Beëindig de voorziening en regel "
                "de ondersteuning onder de Wmo of Participatiewet."
            ),
        )
    if heeft_grond_verlengde_jeugdhulp:
        return None
    return SignaalFeit(
        soort=SOORT_18_PLUS,
        urgentie=URGENTIE_HOOG,
        vervaldatum=achttien,
        tekst=(
            f"Is sinds {_datum(achttien)} 18 jaar en heeft nog een actieve Jeugdwet-voorziening zonder "
            "vastgelegde grond voor verlengde jeugdhulp. Leg de grond vast of regel de overgang naar "
            "Wmo of Participatiewet."
        ),
    )


def signaal_voorziening_eindigt(
    einddatum: date | None, today: date, weken: int = 8, *, naam: str | None = None
) -> SignaalFeit | None:
    """A voorziening ending within ``weken`` weeks (inclusive): time for herindicatie, so support
    does not stop by accident. An end date already passed on a still-active voorziening is
    signalled as urgent. ``einddatum`` is the last day of the voorziening."""
    if weken < 0:
        raise ValueError("weken moet 0 of meer zijn")
    if einddatum is None:
        return None
    dagen = (einddatum - today).days
    if dagen > weken * 7:
        return None
    wat = naam or "De voorziening"
    if dagen < 0:
        return SignaalFeit(
            soort=SOORT_VOORZIENING_EINDIGT,
            urgentie=URGENTIE_HOOG,
            vervaldatum=einddatum,
            tekst=(
                f"{wat} is geëindigd op {_datum(einddatum)} ({_dagen(-dagen)} geleden) maar staat nog "
                "als actief: leg de herindicatie of de beëindiging vast."
            ),
        )
    wanneer = "vandaag" if dagen == 0 else f"over {_dagen(dagen)}"
    return SignaalFeit(
        soort=SOORT_VOORZIENING_EINDIGT,
        urgentie=URGENTIE_NORMAAL,
        vervaldatum=einddatum,
        tekst=f"{wat} eindigt op {_datum(einddatum)} ({wanneer}): beoordeel of herindicatie nodig is.",
    )


# ---------------------------------------------------------------------------------------------
# Plan versions: compare with the previous version
# ---------------------------------------------------------------------------------------------


def _is_keyed_list(value: Any) -> bool:
    """A list of mappings each with a unique ``id``: matched by id, so reordering is no change."""
    if not isinstance(value, list | tuple):
        return False
    ids = []
    for item in value:
        if not isinstance(item, Mapping) or "id" not in item:
            return False
        ids.append(item["id"])
    return len(ids) == len(set(ids))


def _diff(path: str, oud: Any, nieuw: Any, out: list[tuple[str, Any, Any]]) -> None:
    if isinstance(oud, Mapping) and isinstance(nieuw, Mapping):
        sleutels = [*oud, *(k for k in nieuw if k not in oud)]
        for k in sleutels:
            sub = f"{path}.{k}" if path else str(k)
            if k not in nieuw:
                out.append((sub, oud[k], None))
            elif k not in oud:
                out.append((sub, None, nieuw[k]))
            else:
                _diff(sub, oud[k], nieuw[k], out)
        return
    if _is_keyed_list(oud) and _is_keyed_list(nieuw):
        nieuw_per_id = {item["id"]: item for item in nieuw}
        oud_ids = {item["id"] for item in oud}
        for item in oud:
            sub = f"{path}[id={item['id']}]"
            if item["id"] in nieuw_per_id:
                _diff(sub, item, nieuw_per_id[item["id"]], out)
            else:
                out.append((sub, item, None))
        for item in nieuw:
            if item["id"] not in oud_ids:
                out.append((f"{path}[id={item['id']}]", None, item))
        return
    if oud != nieuw:
        out.append((path, oud, nieuw))


def diff_plan(vorige: Mapping[str, Any], nieuwe: Mapping[str, Any]) -> list[tuple[str, Any, Any]]:
    """Structured diff of two plan snapshots for "vergelijk met de vorige versie".

    Returns ``(path, old, new)`` for every changed leaf, added item (old None) and removed item
    (new None). Mappings recurse by key; lists of mappings with a unique ``id`` (doelen, acties)
    are matched by id, paths read ``doelen[id=3].acties[id=7].status``; any other list is compared
    as one value. Order is stable and follows the snapshots themselves: keys and items in the
    previous version's order, then additions in the new version's order. A key whose value goes
    from None to something reads the same as an added key, which is what a reader needs.
    """
    out: list[tuple[str, Any, Any]] = []
    _diff("", vorige, nieuwe, out)
    return out


# ---------------------------------------------------------------------------------------------
# Plan, doel and actie statuses
# ---------------------------------------------------------------------------------------------


class PlanStatus(StrEnum):
    CONCEPT = "concept"
    VASTGESTELD = "vastgesteld"
    GEEVALUEERD = "geevalueerd"
    AFGESLOTEN = "afgesloten"


PLAN_STATUS_LABELS: Mapping[PlanStatus, str] = {
    PlanStatus.CONCEPT: "Concept",
    PlanStatus.VASTGESTELD: "Vastgesteld",
    PlanStatus.GEEVALUEERD: "Geëvalueerd",
    PlanStatus.AFGESLOTEN: "Afgesloten",
}

# concept → vastgesteld → (geëvalueerd) → afgesloten (§3). Going back to concept is bijstellen: a
# new version is drafted and agreed again. Afgesloten can be reopened because a household has one
# plan for life (versioned), so a returning household continues it rather than starting another.
PLAN_TRANSITIONS: Mapping[PlanStatus, frozenset[PlanStatus]] = {
    PlanStatus.CONCEPT: frozenset({PlanStatus.VASTGESTELD, PlanStatus.AFGESLOTEN}),
    PlanStatus.VASTGESTELD: frozenset({PlanStatus.GEEVALUEERD, PlanStatus.CONCEPT, PlanStatus.AFGESLOTEN}),
    PlanStatus.GEEVALUEERD: frozenset({PlanStatus.VASTGESTELD, PlanStatus.CONCEPT, PlanStatus.AFGESLOTEN}),
    PlanStatus.AFGESLOTEN: frozenset({PlanStatus.CONCEPT}),
}


def check_plan_transition(current: str, target: str) -> str | None:
    """Dutch refusal for a plan status change, or None when the transition table allows it."""
    try:
        van = PlanStatus(current)
        naar = PlanStatus(target)
    except ValueError:
        return f"Onbekende planstatus: {current!r} of {target!r}."
    if van == naar:
        return f"Het plan heeft de status {PLAN_STATUS_LABELS[van].lower()} al."
    toegestaan = PLAN_TRANSITIONS[van]
    if naar in toegestaan:
        return None
    mogelijk = " of ".join(PLAN_STATUS_LABELS[s].lower() for s in PlanStatus if s in toegestaan)
    return (
        f"Een plan met status {PLAN_STATUS_LABELS[van].lower()} kan niet naar "
        f"{PLAN_STATUS_LABELS[naar].lower()}; mogelijk is: {mogelijk}."
    )


class DoelStatus(StrEnum):
    OPEN = "open"
    BEZIG = "bezig"
    BEHAALD = "behaald"
    GESTOPT = "gestopt"


DOEL_STATUS_LABELS: Mapping[DoelStatus, str] = {
    DoelStatus.OPEN: "Open",
    DoelStatus.BEZIG: "Bezig",
    DoelStatus.BEHAALD: "Behaald",
    DoelStatus.GESTOPT: "Gestopt",
}


class ActieStatus(StrEnum):
    OPEN = "open"
    BEZIG = "bezig"
    GEDAAN = "gedaan"
    VERVALLEN = "vervallen"


ACTIE_STATUS_LABELS: Mapping[ActieStatus, str] = {
    ActieStatus.OPEN: "Open",
    ActieStatus.BEZIG: "Bezig",
    ActieStatus.GEDAAN: "Gedaan",
    ActieStatus.VERVALLEN: "Vervallen",
}

# Plain tuples for CHECK constraints and form choices.
PLAN_STATUSSEN: tuple[str, ...] = tuple(s.value for s in PlanStatus)
DOEL_STATUSSEN: tuple[str, ...] = tuple(s.value for s in DoelStatus)
ACTIE_STATUSSEN: tuple[str, ...] = tuple(s.value for s in ActieStatus)
