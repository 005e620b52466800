"""Demo households in Midden-Limburg Oost: varied, realistic and deterministic.

Every household is created through the household services AS the demo user who handles it, so the
dossier's audit trail ("wie deed en zag wat") is real from the first screen. The situations cover
what the demo and the browser tests need: a single question, a family with problems on several
leefgebieden, a youth turning 18 within the year, an overloaded mantelzorger, a safety concern,
people who moved out (membership history) and households on all three teams.

Determinism: the names, addresses and situations are written out below; BSNs, phone numbers, the
day and month of birth and the registration dates come from the `rng` passed in, consumed in a fixed
order. Ages are relative to `clock.today()` so a 17-year-old stays 17 whenever the demo is loaded.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

import app.domain.models  # noqa: F401  (every mapper, so Toestemming's foreign keys resolve in the CLI)
from app import clock
from app.domain import audit
from app.domain.actor import Actor
from app.domain.households import schemas as hs
from app.domain.households import service as hsvc
from app.domain.households.models import Toestemming
from app.domain.households.rules import bsn_geldig


@dataclass(frozen=True)
class Lid:
    voornamen: str
    achternaam: str
    leeftijd: int
    relatie: str = "aanvrager"  # aanvrager | partner | kind | overig
    voorvoegsel: str | None = None
    mobiel: bool = False
    # Moved out this many days ago: the membership is ended and stays as history.
    vertrokken_dagen: int | None = None
    # Key of a household this person moved to (added there as an existing person).
    verhuisd_naar: str | None = None
    # Exact birthday offset for the youth turning 18: days from today until the 18th birthday.
    jarig_over_dagen: int | None = None
    # A fixed BSN for the people DEMO_FACTS names (tests look them up); everyone else gets one from rng.
    bsn: str | None = None


@dataclass(frozen=True)
class Netwerk:
    naam: str
    relatie: str  # mantelzorger | familie | buur | vrijwilliger | professional | overig
    organisatie: str | None = None
    mag_betrokken_worden: bool = True
    draagkracht: int | None = None
    draaglast: int | None = None
    respijtzorg_gewenst: bool = False
    telefoon: bool = True


@dataclass(frozen=True)
class Hh:
    key: str
    behandelaar: str  # key in `actors`
    team: str  # key in `teams`
    gemeente: str
    woonplaats: str
    straat: str
    huisnummer: int
    postcode: str
    leden: tuple[Lid, ...]
    netwerk: tuple[Netwerk, ...] = ()
    wijk: str | None = None
    toevoeging: str | None = None
    veiligheidszorg: bool = False
    toestemming_ondersteuner: bool = False
    # Registered this long ago at least (households with history need room before today).
    min_dagen_bekend: int = 60


# ---- the households ----------------------------------------------------------------------------------

# fmt: off
HOUSEHOLDS: tuple[Hh, ...] = (
    # ---- Toegang Roermond: Sanne Janssen (toegang) ----
    Hh(
        "linden", "toegang", "roermond", "Roermond", "Roermond", "Kapellerlaan", 112, "6041JN",
        wijk="Kapel in 't Zand",
        leden=(Lid("Maria Johanna", "Linden", 84, voorvoegsel="van der", bsn="234567818"),),
        netwerk=(
            Netwerk("Anja Geurts-van der Linden", "familie"),
            Netwerk("Truus Hermans", "buur"),
        ),
    ),
    Hh(
        "houben", "toegang", "roermond", "Roermond", "Roermond", "Maasnielderweg", 45, "6043BD",
        wijk="Maasniel",
        leden=(Lid("Jozef Hubertus", "Houben", 79), Lid("Geertruida", "Houben", 77, "partner")),
        netwerk=(Netwerk("Paul Houben", "familie"), Netwerk("Mia Schreurs", "vrijwilliger", "De Zonnebloem")),
    ),
    Hh(
        "schreurs", "toegang", "roermond", "Roermond", "Roermond", "Mijnheerkensweg", 18, "6041TA",
        wijk="Roermond-Noord",
        leden=(Lid("Dylan", "Schreurs", 23, mobiel=True),),
        netwerk=(Netwerk("Henk Lemmens", "vrijwilliger", "SchuldHulpMaatje Roermond"),),
    ),
    Hh(
        "beckers", "toegang", "roermond", "Roermond", "Roermond", "Bredeweg", 27, "6042GK",
        wijk="Donderberg", min_dagen_bekend=500,
        leden=(
            Lid("Kim", "Beckers", 34, mobiel=True),
            Lid("Roy", "Thissen", 36, "partner", vertrokken_dagen=210),
            Lid("Luuk", "Thissen", 9, "kind"),
            Lid("Evi", "Thissen", 6, "kind"),
        ),
        netwerk=(
            Netwerk("Wilma Beckers", "familie"),
            Netwerk("Anouk Vaessen", "professional", "Basisschool De Donderberg (intern begeleider)"),
        ),
    ),
    Hh(
        "alhassan", "toegang", "roermond", "Roermond", "Roermond", "Roersingel", 8, "6041KX",
        wijk="Binnenstad", toevoeging="A",
        leden=(
            Lid("Ahmad", "Al-Hassan", 41, mobiel=True),
            Lid("Rasha", "Al-Hassan", 36, "partner"),
            Lid("Omar", "Al-Hassan", 14, "kind"),
            Lid("Lina", "Al-Hassan", 11, "kind"),
            Lid("Yousef", "Al-Hassan", 5, "kind"),
        ),
        netwerk=(
            Netwerk("Corrie Kessels", "vrijwilliger", "Taalmaatje, Bibliotheek Roermond"),
            Netwerk("Jeroen Wolters", "professional", "VluchtelingenWerk Zuid-Nederland"),
        ),
    ),
    Hh(
        "cox", "toegang", "roermond", "Roermond", "Roermond", "Venloseweg", 210, "6045CD",
        wijk="Hoogvonderen",
        leden=(Lid("Gerardus", "Cox", 52, bsn="192837461"),),
        netwerk=(
            Netwerk("Linda Raemaekers", "professional", "Mondriaan (ambulante begeleiding)"),
            Netwerk("Sjaak Cox", "familie", mag_betrokken_worden=False),
        ),
    ),
    Hh(
        "claessen", "toegang", "roermond", "Roermond", "Roermond", "Oranjelaan", 301, "6041BZ",
        wijk="Binnenstad", min_dagen_bekend=700,
        leden=(
            Lid("Nicole", "Claessen", 48, mobiel=True),
            Lid("Frank", "Claessen", 50, "partner"),
            Lid("Bas", "Claessen", 19, "kind"),
            Lid("Iris", "Claessen", 22, "kind", vertrokken_dagen=400),
        ),
        netwerk=(Netwerk("Ingrid Lemmens", "professional", "Proteion (wijkverpleegkundige)"),),
    ),
    Hh(
        "opdencamp", "toegang", "roermond", "Roermond", "Roermond", "Hamstraat", 19, "6041GE",
        wijk="Binnenstad",
        leden=(Lid("Harrie", "Camp", 88, voorvoegsel="op den"),),
        netwerk=(
            Netwerk("Marlies Vaessen", "mantelzorger", draagkracht=3, draaglast=3),
            Netwerk("Ria Gielen", "vrijwilliger", "De Zonnebloem"),
        ),
    ),
    Hh(
        "vermeulen", "toegang", "roermond", "Roermond", "Roermond", "Swalmerstraat", 60, "6041CZ",
        wijk="Binnenstad",
        leden=(Lid("Sabine", "Vermeulen", 45, mobiel=True), Lid("Milan", "Vermeulen", 10, "kind")),
        netwerk=(Netwerk("Gerda Vermeulen", "familie"),),
    ),
    Hh(
        "brouns", "toegang", "roermond", "Roermond", "Roermond", "Minderbroederssingel", 23, "6041KJ",
        wijk="Binnenstad", toestemming_ondersteuner=True,
        leden=(Lid("Wilhelmus", "Brouns", 72), Lid("Annie", "Brouns", 70, "partner")),
        netwerk=(Netwerk("Rik Brouns", "familie"), Netwerk("Ellie Timmermans", "buur")),
    ),
    # ---- Toegang Roermond: Mark Hendriks (regisseur) ----
    Hh(
        "debruijn", "regisseur", "roermond", "Roermond", "Roermond", "Godsweerdersingel", 71, "6041GK",
        wijk="Binnenstad", min_dagen_bekend=400,
        leden=(
            Lid("Robert", "Bruijn", 44, voorvoegsel="de", mobiel=True, bsn="317284654"),
            Lid("Sandra", "Verheijen", 41, "partner", mobiel=True),
            Lid("Lars", "Bruijn", 15, "kind", voorvoegsel="de"),
            Lid("Noa", "Bruijn", 12, "kind", voorvoegsel="de"),
            Lid("Sem", "Bruijn", 7, "kind", voorvoegsel="de"),
        ),
        netwerk=(
            Netwerk("Annie Verheijen", "familie"),
            Netwerk("Wim Kessels", "buur"),
            Netwerk("Els Raemaekers", "vrijwilliger", "Humanitas Thuisadministratie"),
            Netwerk("Marieke Hanssen", "professional", "Huisartsenpraktijk Kapel in 't Zand (POH-GGZ)"),
            Netwerk("Tom Leenders", "professional", "Rubicon Jeugdzorg"),
        ),
    ),
    Hh(
        "gielen", "regisseur", "roermond", "Roermond", "Roermond", "Maastrichterweg", 150, "6042BH",
        wijk="Roermond-Zuid", toestemming_ondersteuner=True, min_dagen_bekend=600,
        leden=(
            Lid("Ellen", "Gielen", 47, mobiel=True, bsn="451928362"),
            Lid("Thijs", "Gielen", 17, "kind", jarig_over_dagen=130),
            Lid("Lotte", "Gielen", 20, "kind", vertrokken_dagen=150, verhuisd_naar="kurstjens"),
        ),
        netwerk=(
            Netwerk("Marco van Loon", "familie"),
            Netwerk("Sandra Beurskens", "professional", "Rubicon Jeugdzorg (ambulant hulpverlener)"),
        ),
    ),
    Hh(
        "vandijk", "regisseur", "roermond", "Roermond", "Roermond", "Schaarbroekerweg", 12, "6042EK",
        wijk="Kapel in 't Zand", veiligheidszorg=True,
        leden=(
            Lid("Kevin", "Dijk", 31, voorvoegsel="van", mobiel=True, bsn="528371642"),
            Lid("Priscilla", "Wolters", 28, "partner", mobiel=True),
            Lid("Jayden", "Dijk", 4, "kind", voorvoegsel="van"),
            Lid("Sophie", "Dijk", 1, "kind", voorvoegsel="van"),
        ),
        netwerk=(
            Netwerk("Anita Kurvers", "professional", "Veilig Thuis Limburg-Noord"),
            Netwerk("Hanneke Wolters", "familie"),
            Netwerk("Saskia Heuts", "professional", "GGD Limburg-Noord (consultatiebureau)"),
        ),
    ),
    Hh(
        "elidrissi", "regisseur", "roermond", "Roermond", "Roermond", "Heinsbergerweg", 88, "6045CH",
        wijk="Roermond-Oost", toestemming_ondersteuner=True,
        leden=(
            Lid("Mohamed", "El Idrissi", 58),
            Lid("Fatiha", "El Idrissi", 54, "partner"),
            Lid("Yassin", "El Idrissi", 24, "kind", mobiel=True),
        ),
        netwerk=(
            Netwerk("Samira El Idrissi", "mantelzorger", draagkracht=3, draaglast=4, respijtzorg_gewenst=True),
            Netwerk("Karim Bouzid", "buur"),
        ),
    ),
    Hh(
        "lemmens", "regisseur", "roermond", "Roermond", "Roermond", "Hamstraat", 5, "6041GD",
        wijk="Binnenstad", toevoeging="B",
        leden=(Lid("Britt", "Lemmens", 19, mobiel=True), Lid("Fenna", "Lemmens", 0, "kind")),
        netwerk=(
            Netwerk("Yvonne Lemmens", "familie"),
            Netwerk("Saskia Heuts", "professional", "GGD Limburg-Noord (jeugdverpleegkundige)"),
        ),
    ),
    Hh(
        "crijns", "regisseur", "roermond", "Roermond", "Roermond", "Steenweg", 2, "6041EA",
        wijk="Binnenstad",
        leden=(Lid("Leonardus", "Crijns", 67),),
        netwerk=(Netwerk("Michel Bessems", "professional", "Wonen Limburg (woonconsulent)"),),
    ),
    Hh(
        "bouzid", "regisseur", "roermond", "Roermond", "Roermond", "Maasnielderweg", 120, "6043BJ",
        wijk="Maasniel", min_dagen_bekend=500,
        leden=(
            Lid("Nadia", "Bouzid", 39, mobiel=True),
            Lid("Adam", "Bouzid", 16, "kind"),
            Lid("Sara", "Bouzid", 13, "kind"),
            Lid("Ilyas", "Bouzid", 9, "kind"),
            Lid("Amira", "Bouzid", 6, "kind"),
            Lid("Rachid", "Bouzid", 42, "partner", vertrokken_dagen=330),
        ),
        netwerk=(
            Netwerk("Joyce Sniekers", "professional", "Kredietbank Limburg (schuldhulpverlening)"),
            Netwerk("Khadija Amrani", "familie"),
        ),
    ),
    Hh(
        "kurstjens", "regisseur", "roermond", "Roermond", "Roermond", "Kloosterwandstraat", 40, "6041DL",
        wijk="Binnenstad",
        leden=(Lid("Tim", "Kurstjens", 22, mobiel=True),),
    ),
    # ---- Wijkteam Roerdalen-Maasgouw: Ruud Coenen (wijkteam) ----
    Hh(
        "leenders", "wijkteam", "oost", "Maasgouw", "Maasbracht", "Kerkstraat", 21, "6051CE",
        leden=(Lid("Johannes", "Leenders", 81, bsn="619472534"), Lid("Catharina", "Leenders", 79, "partner")),
        netwerk=(
            Netwerk(
                "Ria Schreurs-Leenders", "mantelzorger", draagkracht=2, draaglast=5, respijtzorg_gewenst=True
            ),
            Netwerk("Wendy Jeurissen", "professional", "Proteion (casemanager dementie)"),
            Netwerk("Harry Smeets", "buur"),
        ),
    ),
    Hh(
        "hanssen", "wijkteam", "oost", "Maasgouw", "Thorn", "Hofstraat", 4, "6017AD",
        leden=(Lid("Gerda", "Hanssen", 63),),
        netwerk=(Netwerk("Lies Wolfs", "buur"),),
    ),
    Hh(
        "vankessel", "wijkteam", "oost", "Maasgouw", "Thorn", "Wijngaard", 9, "6017AG",
        leden=(
            Lid("Martijn", "Kessel", 46, voorvoegsel="van"),
            Lid("Esther", "Kessel", 45, "partner", voorvoegsel="van"),
            Lid("Julia", "Kessel", 15, "kind", voorvoegsel="van"),
        ),
        netwerk=(Netwerk("Dr. Evelien Hoeben", "professional", "Mondriaan Jeugd (regiebehandelaar)"),),
    ),
    Hh(
        "pluijmen", "wijkteam", "oost", "Roerdalen", "Herkenbosch", "Keulsebaan", 150, "6075EB",
        leden=(
            Lid("Joost", "Pluijmen", 33, mobiel=True, bsn="384756219"),
            Lid("Maud", "Pluijmen", 32, "partner"),
            Lid("Finn", "Pluijmen", 4, "kind"),
        ),
        netwerk=(
            Netwerk("Truus Pluijmen", "mantelzorger", draagkracht=4, draaglast=3),
            Netwerk("Nicky Schmitz", "professional", "Daelzicht (kinderdagcentrum)"),
        ),
    ),
    Hh(
        "beurskens", "wijkteam", "oost", "Roerdalen", "Vlodrop", "Dorpstraat", 31, "6063AB",
        leden=(Lid("Gerardus", "Beurskens", 76),),
        netwerk=(Netwerk("Jan Beurskens", "familie"), Netwerk("Wiel Coenders", "vrijwilliger", "KBO Vlodrop")),
    ),
    Hh(
        "wijnen", "wijkteam", "oost", "Roerdalen", "Sint Odiliënberg", "Kerkplein", 2, "6077AA",
        min_dagen_bekend=500,
        leden=(
            Lid("Monique", "Wijnen", 42, mobiel=True),
            Lid("Stan", "Wijnen", 16, "kind"),
            Lid("Rick", "Nelissen", 45, "partner", vertrokken_dagen=365),
        ),
        netwerk=(Netwerk("Hans Engelen", "professional", "Leerplicht Midden-Limburg (leerplichtambtenaar)"),),
    ),
    Hh(
        "kurvers", "wijkteam", "oost", "Roerdalen", "Sint Odiliënberg", "Molenweg", 18, "6077BL",
        leden=(Lid("Bram", "Kurvers", 35, mobiel=True), Lid("Lisa", "Kurvers", 34, "partner")),
        netwerk=(Netwerk("Rianne Peters", "professional", "Werkgeversservicepunt Midden-Limburg (jobcoach)"),),
    ),
    Hh(
        "vanwijlick", "wijkteam", "oost", "Maasgouw", "Maasbracht", "Brugstraat", 7, "6051EK",
        min_dagen_bekend=800,
        leden=(
            Lid("Peter", "Wijlick", 52, voorvoegsel="van"),
            Lid("Ingrid", "Wijlick", 50, "partner", voorvoegsel="van"),
            Lid("Koen", "Wijlick", 24, "kind", voorvoegsel="van", vertrokken_dagen=500),
            Lid("Femke", "Wijlick", 18, "kind", voorvoegsel="van"),
        ),
        netwerk=(Netwerk("Nel van Wijlick", "familie"),),
    ),
    # ---- Toegang Echt-Susteren: Lotte Vossen (echt) ----
    Hh(
        "kowalski", "echt", "echt", "Echt-Susteren", "Echt", "Bovenstestraat", 14, "6101DK",
        leden=(
            Lid("Tomasz", "Kowalski", 36, mobiel=True),
            Lid("Agnieszka", "Kowalska", 33, "partner"),
            Lid("Zofia", "Kowalska", 8, "kind"),
            Lid("Jakub", "Kowalski", 3, "kind"),
        ),
        netwerk=(Netwerk("Anneke Janssen", "vrijwilliger", "Taalcafé Echt"),),
    ),
    Hh(
        "nijssen", "echt", "echt", "Echt-Susteren", "Susteren", "Markt", 11, "6114EA",
        leden=(Lid("Maria", "Nijssen", 91),),
        netwerk=(
            Netwerk("Jos Nijssen", "mantelzorger", draagkracht=4, draaglast=3),
            Netwerk("Door Houben", "buur"),
        ),
    ),
    Hh(
        "vanderheijden", "echt", "echt", "Echt-Susteren", "Echt", "Hoogstraat", 52, "6101EV",
        leden=(
            Lid("Dennis", "Heijden", 38, voorvoegsel="van der", mobiel=True, bsn="273645183"),
            Lid("Manon", "Heijden", 37, "partner", voorvoegsel="van der"),
            Lid("Tess", "Heijden", 11, "kind", voorvoegsel="van der"),
            Lid("Mees", "Heijden", 8, "kind", voorvoegsel="van der"),
            Lid("Jip", "Heijden", 2, "kind", voorvoegsel="van der"),
        ),
        netwerk=(
            Netwerk("Roel Dassen", "professional", "Kredietbank Limburg (schuldhulpverlening)"),
            Netwerk("Jan van der Heijden", "familie"),
        ),
    ),
    Hh(
        "heijnen", "echt", "echt", "Echt-Susteren", "Susteren", "Dieterderweg", 33, "6114JE",
        leden=(Lid("Bert", "Heijnen", 45), Lid("Ilse", "Sniekers", 44, "partner", mobiel=True)),
        netwerk=(Netwerk("Lars Frissen", "professional", "Zuyderland (ergotherapeut)"),),
    ),
    Hh(
        "timmermans", "echt", "echt", "Echt-Susteren", "Echt", "Julianastraat", 8, "6101HA",
        min_dagen_bekend=500,
        leden=(
            Lid("Stefan", "Timmermans", 40, mobiel=True),
            Lid("Lieke", "Timmermans", 13, "kind"),
            Lid("Kelly", "Smits", 39, "partner", vertrokken_dagen=280),
        ),
        netwerk=(Netwerk("Lies Timmermans", "familie"),),
    ),
    Hh(
        "bongers", "echt", "echt", "Echt-Susteren", "Echt", "Plats", 3, "6101AW",
        leden=(Lid("Elisabeth", "Bongers", 72), Lid("Jordy", "Bongers", 20, "overig", mobiel=True)),
        netwerk=(Netwerk("Mark Geelen", "professional", "Daelzicht (woonbegeleider)"),),
    ),
    Hh(
        "jacobs", "echt", "echt", "Echt-Susteren", "Susteren", "Stationsstraat", 40, "6114GC",
        leden=(Lid("Hubert", "Jacobs", 66), Lid("Margriet", "Jacobs", 64, "partner")),
    ),
)
# fmt: on


# ---- deterministic values ----------------------------------------------------------------------------


def _bsn(rng: random.Random, used: set[str]) -> str:
    """A BSN that passes the elfproef: 8 random digits, the 9th makes the weighted sum divisible by 11."""
    while True:
        digits = [rng.randrange(1, 7)] + [rng.randrange(10) for _ in range(7)]
        check = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if check == 10:
            continue
        bsn = "".join(str(d) for d in digits) + str(check)
        if bsn not in used and bsn_geldig(bsn):
            used.add(bsn)
            return bsn


def _geboortedatum(rng: random.Random, leeftijd: int, today: date, jarig_over_dagen: int | None) -> date:
    """A birth date at which the person is `leeftijd` today (days capped at 28 so 29 February never occurs)."""
    if jarig_over_dagen is not None:
        birthday = today + timedelta(days=jarig_over_dagen)
        return birthday.replace(year=birthday.year - (leeftijd + 1), day=min(birthday.day, 28))
    month, day = rng.randrange(1, 13), rng.randrange(1, 29)
    year = today.year - leeftijd - (1 if (month, day) > (today.month, today.day) else 0)
    born = date(year, month, day)
    if leeftijd == 0 and born > today - timedelta(days=30):
        born = today - timedelta(days=30 + rng.randrange(200))
    return born


def _telefoon(rng: random.Random, mobiel: bool) -> str:
    return f"06-{rng.randrange(10_000_000, 99_999_999)}" if mobiel else f"0475-{rng.randrange(300_000, 599_999)}"


def _persoon(rng: random.Random, lid: Lid, today: date, used: set[str]) -> hs.PersoonCreate:
    return hs.PersoonCreate(
        bsn=lid.bsn or _bsn(rng, used),
        voornamen=lid.voornamen,
        voorvoegsel=lid.voorvoegsel,
        achternaam=lid.achternaam,
        geboortedatum=_geboortedatum(rng, lid.leeftijd, today, lid.jarig_over_dagen),
        telefoon=_telefoon(rng, lid.mobiel) if lid.relatie in ("aanvrager", "partner") or lid.mobiel else None,
    )


def _naam(lid: Lid) -> str:
    return " ".join(x for x in (lid.voornamen, lid.voorvoegsel, lid.achternaam) if x)


def _spec(key: str) -> Hh:
    return next(h for h in HOUSEHOLDS if h.key == key)


# Which household stands for which situation. Browser tests and demos look these up instead of
# hard-coding data; everything in DEMO_FACTS is fixed in the specs above, so it is known without a database.
_FACT_KEYS = {
    "enkelvoudig": "linden",  # single question (hulp bij het huishouden), handled by user toegang
    "toegang": "linden",
    "toegang_ggz": "cox",  # a second household of user toegang
    "meervoudig": "debruijn",  # several leefgebieden and laws; regisseur; no consent yet (the plan story gives it)
    "jongere_18": "gielen",  # Thijs turns 18 within the next 12 months
    "veiligheid": "vandijk",  # veiligheidszorg
    "mantelzorger_overbelast": "leenders",  # daughter: draaglast 5 > draagkracht 2
    "ander_team": "vanderheijden",  # team Echt-Susteren: a bare search hit for team Roermond
    "oost": "pluijmen",  # Wijkteam Roerdalen-Maasgouw
}


def _facts() -> dict[str, dict[str, str | int]]:
    facts: dict[str, dict[str, str | int]] = {}
    for fact, key in _FACT_KEYS.items():
        h = _spec(key)
        aanvrager = h.leden[0]
        assert aanvrager.bsn, f"{key}: DEMO_FACTS needs a fixed BSN for the aanvrager"
        achternaam = " ".join(x for x in (aanvrager.voorvoegsel, aanvrager.achternaam) if x)
        facts[fact] = {
            "naam": f"Huishouden {achternaam}",
            "achternaam": aanvrager.achternaam,
            "aanvrager": _naam(aanvrager),
            "bsn": aanvrager.bsn,
            "postcode": f"{h.postcode[:4]} {h.postcode[4:]}",
            "huisnummer": h.huisnummer,
            "woonplaats": h.woonplaats,
            "behandelaar": h.behandelaar,
            "team": h.team,
        }
    facts["jongere_18"]["jongere"] = _naam(next(lid for lid in _spec("gielen").leden if lid.jarig_over_dagen))
    facts["mantelzorger_overbelast"]["mantelzorger"] = next(
        n.naam for n in _spec("leenders").netwerk if n.relatie == "mantelzorger"
    )
    return facts


DEMO_FACTS: dict[str, dict[str, str | int]] = _facts()


def load_households(session: Session, actors: dict, *, rng: random.Random, teams: dict, gemeenten: dict) -> int:
    today = clock.today()
    # Fixed BSNs first, in spec order, so a generated one never collides with them.
    used: set[str] = {lid.bsn for h in HOUSEHOLDS for lid in h.leden if lid.bsn}
    created: dict[str, int] = {}
    persons: dict[tuple[str, str], int] = {}  # (household key, voornamen) -> persoon id

    for spec in HOUSEHOLDS:
        actor: Actor = actors[spec.behandelaar]
        bekend_sinds = today - timedelta(days=spec.min_dagen_bekend + rng.randrange(0, 400))
        aanvrager, *overigen = spec.leden
        hh = hsvc.create_household(
            session,
            actor,
            data=hs.HuishoudenCreate(
                naam=None,
                gemeente_id=gemeenten[spec.gemeente],
                team_id=teams[spec.team],
                straat=spec.straat,
                huisnummer=spec.huisnummer,
                huisnummer_toevoeging=spec.toevoeging,
                postcode=spec.postcode,
                woonplaats=spec.woonplaats,
                wijk=spec.wijk,
                veiligheidszorg=spec.veiligheidszorg,
                aanvrager=_persoon(rng, aanvrager, today, used),
                ingangsdatum=bekend_sinds,
            ),
        )
        created[spec.key] = hh.id
        persons[(spec.key, aanvrager.voornamen)] = hh.leden[0].persoon.id
        for lid in overigen:
            p = _persoon(rng, lid, today, used)
            assert p.geboortedatum is not None
            sinds = max(bekend_sinds, p.geboortedatum)
            m = hsvc.add_member(
                session,
                actor,
                huishouden_id=hh.id,
                data=hs.LidmaatschapCreate(persoon=p, relatie=lid.relatie, begindatum=sinds),
            )
            persons[(spec.key, lid.voornamen)] = m.persoon.id
            if lid.vertrokken_dagen is not None:
                einde = max(sinds, today - timedelta(days=lid.vertrokken_dagen))
                hsvc.end_member(
                    session,
                    actor,
                    huishouden_id=hh.id,
                    lidmaatschap_id=m.id,
                    data=hs.LidmaatschapEnd(einddatum=einde, version=m.version),
                )
        for n in spec.netwerk:
            hsvc.add_network_member(
                session,
                actor,
                huishouden_id=hh.id,
                data=hs.NetwerklidIn(
                    naam=n.naam,
                    relatie=n.relatie,
                    organisatie=n.organisatie,
                    telefoon=_telefoon(rng, True) if n.telefoon else None,
                    mag_betrokken_worden=n.mag_betrokken_worden,
                    draagkracht=n.draagkracht,
                    draaglast=n.draaglast,
                    respijtzorg_gewenst=n.respijtzorg_gewenst,
                ),
            )

    # People who moved from one household into another: the same Persoon, a new membership there.
    for spec in HOUSEHOLDS:
        for lid in spec.leden:
            if lid.verhuisd_naar is None:
                continue
            assert lid.vertrokken_dagen is not None
            target = _spec(lid.verhuisd_naar)
            hsvc.add_member(
                session,
                actors[target.behandelaar],
                huishouden_id=created[target.key],
                data=hs.LidmaatschapCreate(
                    persoon_id=persons[(spec.key, lid.voornamen)],
                    relatie="partner",
                    begindatum=today - timedelta(days=lid.vertrokken_dagen - 1),
                ),
            )

    _consents(session, actors, created, today)
    return len(created)


def _consents(session: Session, actors: dict, created: dict[str, int], today: date) -> None:
    """Consent for the cliëntondersteuner (MEE) on the shared plan and verslag of three households.

    There is no Toestemming service yet: the rows are written here, with the audit event the service
    will write, as the regisseur who recorded the consent. The plan work moves this into a service.
    """
    ondersteuner: Actor = actors["ondersteuner"]
    regisseur: Actor = actors["regisseur"]
    for spec in HOUSEHOLDS:
        if not spec.toestemming_ondersteuner:
            continue
        t = Toestemming(
            huishouden_id=created[spec.key],
            partij_soort="clientondersteuner",
            gebruiker_id=ondersteuner.gebruiker_id,
            scope_plan=True,
            scope_verslag=True,
            begindatum=today - timedelta(days=30),
            einddatum=today + timedelta(days=365),
            toelichting="Toestemming gegeven tijdens het keukentafelgesprek voor cliëntondersteuning door MEE.",
        )
        session.add(t)
        session.flush()
        audit.record(
            session,
            regisseur,
            action="create",
            object_type="toestemming",
            object_id=t.id,
            huishouden_id=t.huishouden_id,
            purpose=hsvc.PURPOSE,
            changes=audit.diff(
                {},
                audit.snapshot(
                    t, ("partij_soort", "gebruiker_id", "scope_plan", "scope_verslag", "begindatum", "einddatum")
                ),
            ),
        )
