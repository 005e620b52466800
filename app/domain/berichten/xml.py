"""The iWmo/iJw 3.2 wire format: build a message from plain data, validate it against the XSDs, parse it back.

Data is a nested dict in element order (dicts keep insertion order, and the XSD sequences are
ordered), with strings as leaf values and lists for the repeating classes (`LIST_CLASSES`).
Elements of the message's own types are in the message namespace; the children of a basisschema
complex type (CDT_*) are in the basisschema namespace, as the schemas declare them. The XSDs under
`xsd/` are this application's own, written from the structure Zorginstituut Nederland publishes for
release 3.2; lxml compiles each one once per process.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

XSD_DIR = Path(__file__).parent / "xsd"

# soort -> (standaard, Vektis berichtcode)
BERICHTEN: dict[str, tuple[str, int]] = {
    "WMO301": ("iwmo", 414),
    "WMO302": ("iwmo", 415),
    "WMO305": ("iwmo", 418),
    "WMO306": ("iwmo", 419),
    "WMO307": ("iwmo", 420),
    "WMO308": ("iwmo", 421),
    "WMO315": ("iwmo", 444),
    "WMO316": ("iwmo", 445),
    "JW301": ("ijw", 436),
    "JW302": ("ijw", 437),
    "JW305": ("ijw", 438),
    "JW306": ("ijw", 439),
    "JW307": ("ijw", 440),
    "JW308": ("ijw", 441),
    "JW315": ("ijw", 442),
    "JW316": ("ijw", 443),
}
# The retour that answers each incoming or outgoing heenbericht.
RETOUR_VAN = {"301": "302", "305": "306", "307": "308", "315": "316"}
XSD_VERSIE = {"BasisschemaXsdVersie": "1.0.0", "BerichtXsdVersie": "1.0.0"}

# Message elements whose type is a basisschema complex type: their subtree is in the basis namespace.
CDT_ELEMENTS = frozenset(
    {"BerichtIdentificatie", "XsdVersie", "XsdVersieRetour", "Geboortedatum", "Naam", "Adres", "Telefoon"}
    | {"Periode", "Product", "Omvang", "Verwijzer"}
)
# Message classes that hold a repeated child: parsed to, and built from, a list.
LIST_CLASSES = {
    "Contactgegevens": "Contact",
    "ToegewezenProducten": "ToegewezenProduct",
    "StartProducten": "StartProduct",
    "StopProducten": "StopProduct",
    "AangevraagdeProducten": "AangevraagdProduct",
    "RetourCodes": "RetourCode",
}


def nummer(soort: str) -> str:
    return soort[-3:]


def standaard(soort: str) -> str:
    return BERICHTEN[soort][0]


def prefix(soort: str) -> str:
    return ("wmo" if standaard(soort) == "iwmo" else "jw") + nummer(soort)


def namespace(soort: str) -> str:
    return f"http://www.istandaarden.nl/{standaard(soort)}/3_2/{prefix(soort)}/schema"


def basis_namespace(std: str) -> str:
    return f"http://www.istandaarden.nl/{std}/3_2/basisschema/schema"


def soort_for(std: str, nr: str) -> str:
    return ("WMO" if std == "iwmo" else "JW") + nr


def soort_from_namespace(ns: str | None) -> str | None:
    for soort in BERICHTEN:
        if namespace(soort) == ns:
            return soort
    return None


@cache
def schema(soort: str) -> etree.XMLSchema:
    path = XSD_DIR / standaard(soort) / f"{prefix(soort)}.xsd"
    return etree.XMLSchema(etree.parse(str(path)))


# ---- build ----------------------------------------------------------------------------------------


def _add(parent: etree._Element, name: str, value: Any, ns: str, basis: str, in_basis: bool) -> None:
    if value is None:
        return
    if name in LIST_CLASSES and isinstance(value, list):
        el = etree.SubElement(parent, f"{{{ns}}}{name}")
        for item in value:
            _add(el, LIST_CLASSES[name], item, ns, basis, in_basis)
        return
    el = etree.SubElement(parent, f"{{{basis if in_basis else ns}}}{name}")
    if isinstance(value, dict):
        child_basis = in_basis or name in CDT_ELEMENTS
        for k, v in value.items():
            _add(el, k, v, ns, basis, child_basis)
    else:
        el.text = str(value)


def build(soort: str, data: dict[str, Any]) -> bytes:
    """Serialise `data` (Header, Client) as a `soort` message; not yet validated."""
    ns, basis = namespace(soort), basis_namespace(standaard(soort))
    nsmap = {prefix(soort): ns, standaard(soort): basis}
    root = etree.Element(f"{{{ns}}}Bericht", nsmap=nsmap)
    for k, v in data.items():
        _add(root, k, v, ns, basis, False)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# ---- validate and parse ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Validatie:
    soort: str | None
    fouten: list[str]
    root: etree._Element | None = None

    @property
    def ok(self) -> bool:
        return not self.fouten


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=True)


def validate(raw: bytes, soort: str | None = None) -> Validatie:
    """Well-formed, a known message (by namespace), and valid against its XSD. `soort` pins the expected one."""
    try:
        root = etree.fromstring(raw, _PARSER)
    except etree.XMLSyntaxError as exc:
        return Validatie(None, [f"Geen geldige XML: {exc}"])
    if root.getroottree().docinfo.doctype:
        # iStandaarden messages have no DTD; refusing it shuts out entity tricks.
        return Validatie(None, ["Een DOCTYPE is in een bericht niet toegestaan."])
    ns = etree.QName(root).namespace
    gevonden = soort_from_namespace(ns)
    if gevonden is None or etree.QName(root).localname != "Bericht":
        return Validatie(None, [f"Onbekend bericht of namespace: {etree.QName(root).text}"], root)
    if soort is not None and gevonden != soort:
        return Validatie(gevonden, [f"Verwacht {soort}, ontvangen {gevonden}"], root)
    xsd = schema(gevonden)
    try:
        if xsd.validate(root):
            return Validatie(gevonden, [], root)
    except etree.LxmlError as exc:
        return Validatie(gevonden, [f"Bericht kan niet worden gevalideerd: {exc}"], root)
    return Validatie(gevonden, [f"regel {e.line}: {e.message}" for e in xsd.error_log], root)


def _parse(el: etree._Element) -> Any:
    name = etree.QName(el).localname
    children = list(el)
    if name in LIST_CLASSES:
        return [_parse(c) for c in children]
    if not children:
        return el.text or ""
    return {etree.QName(c).localname: _parse(c) for c in children}


def parse(root: etree._Element) -> dict[str, Any]:
    """The message as nested dicts and lists, the inverse of `build` for valid messages."""
    return {etree.QName(c).localname: _parse(c) for c in root}


def header_lenient(raw: bytes) -> dict[str, str]:
    """Best-effort header fields of a message that failed validation, to address its retour."""
    try:
        root = etree.fromstring(raw, _PARSER)
    except etree.XMLSyntaxError:
        return {}
    out: dict[str, str] = {}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        name = etree.QName(el).localname
        if name in ("Afzender", "Ontvanger", "Identificatie", "Dagtekening") and name not in out and el.text:
            out[name] = el.text.strip()
    return out
