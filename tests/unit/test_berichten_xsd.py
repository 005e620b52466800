"""The iWmo/iJw 3.2 XSDs: sample messages of every type round-trip, malformed ones are refused."""

import copy

import pytest
from lxml import etree

from app.domain.berichten import xml
from tests.berichten_samples import sample

ALLE = sorted(xml.BERICHTEN)


class TestRoundTrip:
    @pytest.mark.parametrize("soort", ALLE)
    def test_generate_validate_parse_same_data(self, soort: str) -> None:
        data = sample(soort)
        raw = xml.build(soort, data)
        check = xml.validate(raw, soort)
        assert check.ok, check.fouten
        assert check.soort == soort
        assert xml.parse(check.root) == data

    @pytest.mark.parametrize("soort", ALLE)
    def test_namespace_of_release_3_2(self, soort: str) -> None:
        root = etree.fromstring(xml.build(soort, sample(soort)))
        std = "iwmo" if soort.startswith("WMO") else "ijw"
        assert root.tag == f"{{http://www.istandaarden.nl/{std}/3_2/{soort.lower()}/schema}}Bericht"
        bsn = root.find(f".//{{{xml.namespace(soort)}}}Bsn")
        datum = root.find(f".//{{{xml.basis_namespace(std)}}}Dagtekening")
        assert bsn is not None and datum is not None


def _malformed(soort: str, wijzig) -> bytes:  # type: ignore[no-untyped-def]
    data = copy.deepcopy(sample(soort))
    wijzig(data)
    return xml.build(soort, data)


def _reorder(d: dict) -> None:
    c = d["Client"]
    d["Client"] = {"Geboortedatum": c.pop("Geboortedatum"), **c}


def _unknown_element(d: dict) -> None:
    d["Client"]["Huisdier"] = "kat"


CASES = {
    "ontbrekend element (Bsn)": ("WMO305", lambda d: d["Client"].pop("Bsn")),
    "ontbrekende header": ("WMO307", lambda d: d.pop("Header")),
    "BSN met 8 cijfers": ("WMO305", lambda d: d["Client"].update(Bsn="12345678")),
    "BSN met letters": ("JW305", lambda d: d["Client"].update(Bsn="12345678A")),
    "datum in verkeerd formaat": ("WMO305", lambda d: d["Client"]["StartProducten"][0].update(Begindatum="05-03-2026")),
    "datum met tijdzone": ("WMO307", lambda d: d["Client"]["StopProducten"][0].update(Einddatum="2026-06-30+01:00")),
    "onbekende reden beëindiging": ("WMO307", lambda d: d["Client"]["StopProducten"][0].update(RedenBeeindiging="99")),
    "onbekende productcategorie": (
        "WMO301",
        lambda d: d["Client"]["ToegewezenProducten"][0]["Product"].update(Categorie="45"),
    ),
    "jeugdcategorie in iWmo, Wmo-categorie in iJw": (
        "JW301",
        lambda d: d["Client"]["ToegewezenProducten"][0]["Product"].update(Categorie="01"),
    ),
    "onbekende eenheid": ("WMO315", lambda d: d["Client"]["AangevraagdeProducten"][0]["Omvang"].update(Eenheid="99")),
    "te lange achternaam": ("WMO305", lambda d: d["Client"]["Naam"]["Geslachtsnaam"].update(Achternaam="x" * 201)),
    "te lange referentie": (
        "WMO315",
        lambda d: d["Client"]["AangevraagdeProducten"][0].update(ReferentieAanbieder="R" * 16),
    ),
    "verkeerde volgorde": ("WMO305", _reorder),
    "onbekend element": ("WMO305", _unknown_element),
    "verkeerde berichtcode": ("WMO305", lambda d: d["Header"].update(BerichtCode="414")),
    "gemeentecode van 6 tekens": ("WMO301", lambda d: d["Header"].update(Afzender="GM0957")),
    "AGB-code te kort": ("WMO305", lambda d: d["Header"].update(Afzender="9801234")),
    "volume met decimalen": ("WMO301", lambda d: d["Client"]["ToegewezenProducten"][0]["Omvang"].update(Volume="2.5")),
    "ontbrekende verwijzer": ("JW315", lambda d: d["Client"]["AangevraagdeProducten"][0].pop("Verwijzer")),
    "retour zonder retourcodes": ("WMO306", lambda d: d["Client"]["StartProducten"][0].pop("RetourCodes")),
    "ongeldige statusaanlevering": ("WMO305", lambda d: d["Client"]["StartProducten"][0].update(StatusAanlevering="4")),
}


class TestMalformedRefused:
    @pytest.mark.parametrize("naam", sorted(CASES))
    def test_refused(self, naam: str) -> None:
        soort, wijzig = CASES[naam]
        check = xml.validate(_malformed(soort, wijzig), soort)
        assert not check.ok, naam
        assert check.fouten and all(f.startswith("regel ") for f in check.fouten)

    def test_wrong_namespace(self) -> None:
        raw = xml.build("WMO305", sample("WMO305")).replace(b"iwmo/3_2/wmo305", b"iwmo/3_1/wmo305")
        check = xml.validate(raw)
        assert not check.ok and check.soort is None and "Onbekend bericht" in check.fouten[0]

    def test_basis_elements_in_message_namespace(self) -> None:
        # Identificatie belongs to the basisschema namespace; in the message namespace it is invalid.
        raw = xml.build("WMO305", sample("WMO305"))
        bad = raw.replace(b"<iwmo:Identificatie>", b"<wmo305:Identificatie>").replace(
            b"</iwmo:Identificatie>", b"</wmo305:Identificatie>"
        )
        assert not xml.validate(bad, "WMO305").ok

    def test_not_xml(self) -> None:
        check = xml.validate(b"<wmo305:Bericht>kapot")
        assert not check.ok and check.root is None and check.fouten[0].startswith("Geen geldige XML")

    def test_expected_other_message(self) -> None:
        check = xml.validate(xml.build("WMO307", sample("WMO307")), "WMO305")
        assert not check.ok and check.soort == "WMO307"

    def test_no_external_entities(self) -> None:
        raw = (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b'<wmo305:Bericht xmlns:wmo305="http://www.istandaarden.nl/iwmo/3_2/wmo305/schema">&e;</wmo305:Bericht>'
        )
        check = xml.validate(raw)
        assert not check.ok and check.root is None and "DOCTYPE" in check.fouten[0]
