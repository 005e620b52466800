"""Sample iWmo/iJw 3.2 messages built from the published structure, for the tests of the message traffic.

Each function returns the plain data (`app.domain.berichten.xml.build` input) of one message type.
The provider-side messages (302, 305, 307, 315) are what a provider's system would send us.
"""

from typing import Any

from app.domain.berichten import xml


def _header(soort: str, afzender: str, ontvanger: str, ident: str = "PRV0000000001") -> dict[str, Any]:
    return {
        "BerichtCode": str(xml.BERICHTEN[soort][1]),
        "BerichtVersie": "3",
        "BerichtSubversie": "2",
        "Afzender": afzender,
        "Ontvanger": ontvanger,
        "BerichtIdentificatie": {"Identificatie": ident, "Dagtekening": "2026-03-02"},
        "XsdVersie": dict(xml.XSD_VERSIE),
    }


def _retour_header(soort: str, afzender: str, ontvanger: str, codes: list[str]) -> dict[str, Any]:
    h = _header(soort, afzender, ontvanger)
    h.update(
        {
            "IdentificatieRetour": "RET0000000001",
            "DagtekeningRetour": "2026-03-03",
            "XsdVersieRetour": dict(xml.XSD_VERSIE),
            "RetourCodes": codes,
        }
    )
    return h


def _client(bsn: str = "999993653", geboortedatum: str = "1950-04-12", volledig: bool = False) -> dict[str, Any]:
    naam: dict[str, Any] = {
        "Geslachtsnaam": {"Achternaam": "Linden", "Voorvoegsel": "van der"},
        "Voornamen": "Maria Johanna",
        "Voorletters": "MJ",
    }
    if volledig:
        naam["NaamGebruik"] = "1"
    return {"Bsn": bsn, "Geboortedatum": {"Datum": geboortedatum}, "Geslacht": "2", "Naam": naam}


def _toegewezen(nummer: str, categorie: str) -> dict[str, Any]:
    return {
        "ToewijzingNummer": nummer,
        "ReferentieAanbieder": "REF-1",
        "Product": {"Categorie": categorie, "Code": f"{categorie}A11"},
        "Toewijzingsdatum": "2026-03-01",
        "Toewijzingstijd": "10:15:00",
        "Ingangsdatum": "2026-03-02",
        "Einddatum": "2026-12-31",
        "RedenWijziging": "04",
        "Omvang": {"Volume": "3", "Eenheid": "04", "Frequentie": "2"},
        "Commentaar": "Twee ochtenden per week.",
    }


def _contact() -> dict[str, Any]:
    return {
        "Soort": "01",
        "Adres": {
            "Straatnaam": "Kloosterwandstraat",
            "Huisnummer": "12",
            "HuisnummerToevoeging": "A",
            "Postcode": "6041JA",
            "Plaatsnaam": "Roermond",
            "LandCode": "NL",
        },
        "Telefoon": {"Telefoonnummer": "0475123456"},
        "Emailadres": "m.linden@example.nl",
    }


def sample(soort: str, *, nummer: str = "T202600000001", gemeente: str = "0957", agb: str = "98012345") -> dict:
    nr = xml.nummer(soort)
    cat = "45" if soort.startswith("JW") else "01"
    if nr == "301":
        c = _client(volledig=True) | {
            "Contactgegevens": [_contact()],
            "ToegewezenProducten": [_toegewezen(nummer, cat)],
        }
        return {"Header": _header(soort, gemeente, agb), "Client": c}
    if nr == "302":
        contact = _contact() | {"RetourCodes": ["0200"]}
        tp = _toegewezen(nummer, cat) | {"RetourCodes": ["0200"]}
        c = _client(volledig=True) | {
            "Contactgegevens": [contact],
            "ToegewezenProducten": [tp],
            "RetourCodes": ["0200"],
        }
        return {"Header": _retour_header(soort, gemeente, agb, ["0200"]), "Client": c}
    start = {
        "ToewijzingNummer": nummer,
        "Product": {"Categorie": cat, "Code": f"{cat}A11"},
        "ToewijzingIngangsdatum": "2026-03-02",
        "Begindatum": "2026-03-05",
        "StatusAanlevering": "1",
    }
    stop = {k: start[k] for k in ("ToewijzingNummer", "Product", "ToewijzingIngangsdatum", "Begindatum")} | {
        "RedenBeeindiging": "19",
        "Einddatum": "2026-06-30",
        "StatusAanlevering": "1",
    }
    aangevraagd = {
        "ReferentieAanbieder": "VERZ-001",
        "Product": {"Categorie": cat, "Code": f"{cat}A11"},
        "ToewijzingIngangsdatum": "2026-03-09",
        "ToewijzingEinddatum": "2026-09-08",
        "Omvang": {"Volume": "2", "Eenheid": "04", "Frequentie": "2"},
        "Verwijzer": {"Type": "02", "ZorgverlenerCode": "01123456"},
        "Commentaar": "Verwijzing door de huisarts.",
    }
    if nr == "305":
        return {"Header": _header(soort, agb, gemeente), "Client": _client() | {"StartProducten": [start]}}
    if nr == "306":
        c = _client() | {"StartProducten": [start | {"RetourCodes": ["0200"]}], "RetourCodes": ["0200"]}
        return {"Header": _retour_header(soort, agb, gemeente, ["0200"]), "Client": c}
    if nr == "307":
        return {"Header": _header(soort, agb, gemeente), "Client": _client() | {"StopProducten": [stop]}}
    if nr == "308":
        c = _client() | {"StopProducten": [stop | {"RetourCodes": ["0200"]}], "RetourCodes": ["0200"]}
        return {"Header": _retour_header(soort, agb, gemeente, ["0200"]), "Client": c}
    if nr == "315":
        c = _client() | {"Commentaar": "Spoed gewenst.", "AangevraagdeProducten": [aangevraagd]}
        return {"Header": _header(soort, agb, gemeente), "Client": c}
    if nr == "316":
        c = _client() | {"AangevraagdeProducten": [aangevraagd | {"RetourCodes": ["0200"]}], "RetourCodes": ["0200"]}
        return {"Header": _retour_header(soort, agb, gemeente, ["0200"]), "Client": c}
    raise KeyError(soort)


def start_305(
    *,
    nummer: str,
    bsn: str,
    geboortedatum: str,
    achternaam: str,
    agb: str,
    gemeente: str,
    begindatum: str,
    ingangsdatum: str | None = None,
    ident: str = "PRV0000000305",
    status: str = "1",
    soort: str = "WMO305",
) -> bytes:
    sp: dict[str, Any] = {"ToewijzingNummer": nummer}
    if ingangsdatum:
        sp["ToewijzingIngangsdatum"] = ingangsdatum
    sp |= {"Begindatum": begindatum, "StatusAanlevering": status}
    client = {
        "Bsn": bsn,
        "Geboortedatum": {"Datum": geboortedatum},
        "Geslacht": "0",
        "Naam": {"Geslachtsnaam": {"Achternaam": achternaam}},
        "StartProducten": [sp],
    }
    return xml.build(soort, {"Header": _header(soort, agb, gemeente, ident), "Client": client})


def stop_307(
    *,
    nummer: str,
    bsn: str,
    geboortedatum: str,
    achternaam: str,
    agb: str,
    gemeente: str,
    begindatum: str,
    einddatum: str,
    reden: str = "19",
    ident: str = "PRV0000000307",
    soort: str = "WMO307",
) -> bytes:
    client = {
        "Bsn": bsn,
        "Geboortedatum": {"Datum": geboortedatum},
        "Geslacht": "0",
        "Naam": {"Geslachtsnaam": {"Achternaam": achternaam}},
        "StopProducten": [
            {
                "ToewijzingNummer": nummer,
                "Begindatum": begindatum,
                "RedenBeeindiging": reden,
                "Einddatum": einddatum,
                "StatusAanlevering": "1",
            }
        ],
    }
    return xml.build(soort, {"Header": _header(soort, agb, gemeente, ident), "Client": client})


def verzoek_315(
    *, bsn: str, geboortedatum: str, achternaam: str, agb: str, gemeente: str, soort: str = "JW315"
) -> bytes:
    data = sample(soort, gemeente=gemeente, agb=agb)
    data["Header"]["BerichtIdentificatie"]["Identificatie"] = "PRV0000000315"
    data["Client"]["Bsn"] = bsn
    data["Client"]["Geboortedatum"] = {"Datum": geboortedatum}
    data["Client"]["Naam"] = {"Geslachtsnaam": {"Achternaam": achternaam}}
    return xml.build(soort, data)
