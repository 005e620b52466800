"""Demo product catalogue and providers with contracts for Midden-Limburg Oost (fictional providers).

Created through the catalogue service as the system (bootstrap), so the demo carries the same
validation and audit trail as real beheer. Deterministic: fixed lists, no randomness.

Deliberate gaps for the rechtmatigheid demo: `ZONDER_CONTRACT` names a provider that delivers
related care but holds no contract for that product, and some contracts have ended
(see `BEEINDIGD`), so a toewijzing to them after the end date is not lawful.
"""

from datetime import date

from sqlalchemy.orm import Session

from app.domain.actor import SYSTEM
from app.domain.catalog import schemas as cs
from app.domain.catalog import service as catalog

START = date(2024, 1, 1)

# code, naam, wet, productcategorie, iv3_taakveld, eenheid, frequentie
PRODUCTEN: list[tuple[str, str, str, str | None, str, str, str]] = [
    ("WMO-HH1", "Hulp bij het huishouden (schoon en leefbaar huis)", "Wmo", "01", "6.71", "04", "2"),
    ("WMO-HH2", "Hulp bij het huishouden plus (regie op het huishouden)", "Wmo", "01", "6.71", "04", "2"),
    ("WMO-BG1", "Begeleiding individueel", "Wmo", "02", "6.71", "04", "2"),
    ("WMO-BG2", "Begeleiding groep", "Wmo", "07", "6.71", "16", "2"),
    ("WMO-DB1", "Dagbesteding ouderen (met vervoer)", "Wmo", "07", "6.71", "16", "2"),
    ("WMO-PV1", "Persoonlijke verzorging", "Wmo", "03", "6.71", "04", "2"),
    ("WMO-KV1", "Kortdurend verblijf (respijtzorg mantelzorger)", "Wmo", "04", "6.71", "14", "4"),
    ("WMO-RS1", "Rolstoel in bruikleen", "Wmo", "11", "6.6", "82", "6"),
    ("WMO-WV1", "Woonvoorziening (woningaanpassing)", "Wmo", "13", "6.6", "83", "6"),
    ("WMO-BW1", "Beschermd wonen", "Wmo", "15", "6.81", "14", "2"),
    ("JW-AMB1", "Jeugdhulp ambulant (gezinsbegeleiding)", "Jeugdwet", "45", "6.72", "04", "2"),
    ("JW-GGZ1", "Jeugd-ggz behandeling", "Jeugdwet", "54", "6.72", "04", "2"),
    ("JW-DBH1", "Dagbehandeling jeugd", "Jeugdwet", "41", "6.72", "16", "2"),
    ("JW-VBL1", "Jeugdhulp verblijf pleegzorg", "Jeugdwet", "44", "6.72", "14", "2"),
    ("JW-VBL2", "Jeugdhulp verblijf met behandeling", "Jeugdwet", "43", "6.72", "14", "2"),
    ("JW-CRS1", "Jeugdhulp crisis", "Jeugdwet", "46", "6.82", "14", "6"),
    ("JW-JB1", "Jeugdbescherming (ondertoezichtstelling)", "Jeugdwet", "48", "6.82", "82", "4"),
    ("PW-RI1", "Re-integratietraject naar werk", "Participatiewet", None, "6.5", "82", "6"),
    ("PW-BB1", "Bijzondere bijstand", "Participatiewet", None, "6.3", "83", "6"),
    ("SHV-TR1", "Schuldhulpverlening traject", "Schuldhulp", None, "6.3", "82", "6"),
    ("SHV-BB1", "Budgetbeheer", "Schuldhulp", None, "6.3", "82", "4"),
]

# naam, AGB-code, KvK-nummer, [(productcode, einddatum or None)]
AANBIEDERS: list[tuple[str, str, str | None, list[tuple[str, date | None]]]] = [
    (
        "Thuiszorg Maas en Roer B.V.",
        "98012345",
        "14082233",
        [("WMO-HH1", None), ("WMO-HH2", date(2025, 6, 30)), ("WMO-PV1", None)],
    ),
    (
        "Zorggroep Midden-Limburg",
        "98023456",
        "14071190",
        [("WMO-BG1", None), ("WMO-BG2", None), ("WMO-DB1", None), ("WMO-KV1", None), ("WMO-PV1", None)],
    ),
    (
        "Stichting Daadkracht Roermond",
        "98034567",
        "41066321",
        [("WMO-BG1", None), ("WMO-BG2", date(2025, 12, 31)), ("PW-RI1", None)],
    ),
    (
        "Hulpmiddelen Limburg B.V.",
        "98045678",
        "14093377",
        [("WMO-RS1", None), ("WMO-WV1", None)],
    ),
    (
        "Stichting Huize Roerdal (beschermd wonen)",
        "98056789",
        "41070054",
        [("WMO-BW1", None)],
    ),
    (
        "Jeugdzorg Maasland",
        "75012345",
        "41062018",
        [("JW-AMB1", None), ("JW-DBH1", None), ("JW-VBL1", None), ("JW-VBL2", None), ("JW-CRS1", None)],
    ),
    (
        "GGZ Jong Roermond",
        "75023456",
        None,
        [("JW-GGZ1", None), ("JW-AMB1", date(2025, 12, 31))],
    ),
    (
        "Jeugdbescherming Limburg (gecertificeerde instelling)",
        "75034567",
        "41079912",
        [("JW-JB1", None)],
    ),
    (
        "Kredietbank Midden-Limburg",
        "99012345",
        "14100245",
        [("SHV-TR1", None), ("SHV-BB1", None)],
    ),
]

# Zorggroep Midden-Limburg delivers begeleiding but has no contract for hulp bij het huishouden.
ZONDER_CONTRACT = ("Zorggroep Midden-Limburg", "WMO-HH1")
BEEINDIGD = [(naam, code, eind) for naam, _, _, cs_ in AANBIEDERS for code, eind in cs_ if eind is not None]


def load_catalog(session: Session) -> tuple[int, int]:
    product_ids: dict[str, int] = {}
    for code, naam, wet, cat, iv3, eenheid, freq in PRODUCTEN:
        p = catalog.create_product(
            session,
            SYSTEM,
            bootstrap=True,
            data=cs.ProductCreate(
                code=code,
                naam=naam,
                wet=wet,  # type: ignore[arg-type]
                productcategorie=cat,
                iv3_taakveld=iv3,
                eenheid=eenheid,
                frequentie=freq,
            ),
        )
        product_ids[code] = p.id
    for naam, agb, kvk, contracten in AANBIEDERS:
        a = catalog.create_aanbieder(
            session, SYSTEM, bootstrap=True, data=cs.AanbiederCreate(naam=naam, agb_code=agb, kvk_nummer=kvk)
        )
        for code, eind in contracten:
            catalog.add_contract(
                session,
                SYSTEM,
                bootstrap=True,
                aanbieder_id=a.id,
                data=cs.ContractCreate(product_id=product_ids[code], begindatum=START, einddatum=eind),
            )
    return len(PRODUCTEN), len(AANBIEDERS)
