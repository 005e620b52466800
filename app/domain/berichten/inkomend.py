"""Incoming messages: validate, match, apply through the toegang services, answer with the retour.

Order of checks, each with the retourcode of the standard (WJ001):
1. Not XML, unknown namespace or invalid against the XSD: 0001 on the header; nothing applied.
2. Header: an unknown gemeente as ontvanger is S300; a reused BerichtIdentificatie of the same
   sender is 9056.
3. Per product class: a toewijzing that does not exist, is not this provider's, not this client's or
   not the current one is 9019; a start that is already there 9074; a stop without a start 9069; a
   stop date before the start 9414; a removal of a start 9071 (not supported here).
A message is applied as a whole or not at all: its effects run in one savepoint, and if any class
is rejected the savepoint is rolled back and the other classes get 0233 (niet beoordeeld). The raw
message is always kept. The same file arriving twice (same SHA-256) is recognised and not applied
again.
"""

import copy
import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.domain import audit
from app.domain.actor import GATEWAY
from app.domain.berichten import uitgaand, xml
from app.domain.berichten.models import Bericht
from app.domain.catalog.models import Aanbieder
from app.domain.errors import DomainError, InvalidTransition, ValidationError
from app.domain.households.models import Huishouden, Lidmaatschap, Persoon
from app.domain.organisation.models import Gemeente, Team
from app.domain.toegang import schemas as ts
from app.domain.toegang import service as toegang
from app.domain.toegang.models import Maatwerkvoorziening, Toewijzing

OK = "0200"
NIET_BEOORDEELD = "0233"
TECHNISCH = "0001"
PURPOSE = uitgaand.PURPOSE


@dataclass
class Resultaat:
    bericht: Bericht
    retour: Bericht | None
    nieuw: bool  # False when this exact file was processed before
    naam: str = ""  # the file name it arrived under this time

    @property
    def regel(self) -> str:
        b = self.bericht
        if not self.nieuw:
            return f"{self.naam or b.bestandsnaam}: al verwerkt als bericht {b.id} ({b.soort}, {b.status_label}), niet opnieuw toegepast"
        codes = ",".join(b.retourcodes) or "-"
        retour = f", retour {self.retour.soort} ({self.retour.status_label})" if self.retour else ""
        return f"{b.bestandsnaam}: {b.soort} {b.status_label} [{codes}]{retour}. {b.samenvatting or ''}".rstrip()


class _Afgekeurd(Exception):
    def __init__(self, code: str, melding: str) -> None:
        super().__init__(melding)
        self.code, self.melding = code, melding


def _audit_import(session: Session, b: Bericht) -> None:
    audit.record(
        session,
        GATEWAY,
        action="import",
        object_type="bericht",
        object_id=b.id,
        huishouden_id=b.huishouden_id,
        purpose=PURPOSE,
        reason=f"{b.soort} van {b.afzender or 'onbekende afzender'}",
        changes={
            "status": [None, b.status],
            "retourcodes": [None, b.retourcodes],
            "bestandsnaam": [None, b.bestandsnaam],
        },
    )


def verwerk(session: Session, raw: bytes, bestandsnaam: str) -> Resultaat:
    """Process one received file. Idempotent: a file seen before is returned, not applied again."""
    sha = hashlib.sha256(raw).hexdigest()
    bestaand = session.scalar(select(Bericht).where(Bericht.richting == "in", Bericht.sha256 == sha))
    if bestaand is not None:
        return Resultaat(bestaand, None, nieuw=False, naam=bestandsnaam)
    check = xml.validate(raw)
    try:
        tekst = raw.decode("utf-8")
    except UnicodeDecodeError:
        tekst = raw.decode("latin-1")
    b = Bericht(
        soort=check.soort or "onbekend",
        richting="in",
        status="verwerkt",
        retourcodes=[],
        fouten=list(check.fouten),
        xml=tekst,
        sha256=sha,
        bestandsnaam=bestandsnaam[:200],
        ontvangen_op=clock.now(),
    )
    if not check.ok or check.root is None or check.soort is None:
        return _technisch_afgekeurd(session, b, raw)
    data = xml.parse(check.root)
    h = data["Header"]
    b.afzender, b.ontvanger = h["Afzender"], h["Ontvanger"]
    b.identificatie = h["BerichtIdentificatie"]["Identificatie"]
    nr = xml.nummer(check.soort)
    if nr == "302":
        return _verwerk_302(session, b, data)
    aanbieder = session.scalar(select(Aanbieder).where(Aanbieder.agb_code == b.afzender))
    b.aanbieder_id = aanbieder.id if aanbieder else None
    gemeente = session.scalar(select(Gemeente).where(Gemeente.cbs_code == f"GM{b.ontvanger}"))
    header_code = OK
    if gemeente is None:
        header_code, melding = "S300", f"Gemeentecode {b.ontvanger} is niet bekend."
    elif _identificatie_gebruikt(session, b):
        header_code, melding = "9056", f"BerichtIdentificatie {b.identificatie} is al eerder ontvangen."
    if header_code != OK:
        b.status, b.retourcodes, b.fouten = "afgekeurd", [header_code], [melding]
        b.samenvatting = melding
        session.add(b)
        session.flush()
        _audit_import(session, b)
        return Resultaat(b, _retour(session, b, check.soort, data, header_code, None, None), nieuw=True)
    if nr == "315":
        return _verwerk_315(session, b, data, gemeente)
    return _verwerk_regie(session, b, check.soort, data, aanbieder)


def _identificatie_gebruikt(session: Session, b: Bericht) -> bool:
    return (
        session.scalar(
            select(Bericht.id).where(
                Bericht.richting == "in",
                Bericht.afzender == b.afzender,
                Bericht.identificatie == b.identificatie,
                Bericht.soort == b.soort,
            )
        )
        is not None
    )


def _technisch_afgekeurd(session: Session, b: Bericht, raw: bytes) -> Resultaat:
    b.status, b.retourcodes = "afgekeurd", [TECHNISCH]
    b.samenvatting = "Bericht technisch afgekeurd: " + (b.fouten[0] if b.fouten else "onbekende fout")
    h = xml.header_lenient(raw)
    b.afzender, b.ontvanger = (h.get("Afzender") or "")[:8] or None, (h.get("Ontvanger") or "")[:8] or None
    b.identificatie = (h.get("Identificatie") or "")[:20] or None
    session.add(b)
    session.flush()
    _audit_import(session, b)
    retour = None
    if b.soort != "onbekend" and xml.nummer(b.soort) in xml.RETOUR_VAN and xml.nummer(b.soort) != "301":
        kop = {
            "Afzender": b.afzender,
            "Ontvanger": b.ontvanger,
            "BerichtIdentificatie": {"Identificatie": b.identificatie, "Dagtekening": h.get("Dagtekening")},
            "XsdVersie": dict(xml.XSD_VERSIE),
        }
        if all([b.afzender, b.ontvanger, b.identificatie, h.get("Dagtekening")]):
            retour = _retour(session, b, b.soort, {"Header": kop}, TECHNISCH, None, None, alleen_header=True)
    return Resultaat(b, retour, nieuw=True)


def _retour(
    session: Session,
    b: Bericht,
    soort: str,
    data: dict[str, Any],
    header_code: str,
    client_code: str | None,
    product_codes: list[str] | None,
    *,
    alleen_header: bool = False,
) -> Bericht | None:
    """The retour (306, 308, 316) echoes the heenbericht with RetourCodes on each class."""
    retour_soort = xml.soort_for(xml.standaard(soort), xml.RETOUR_VAN[xml.nummer(soort)])
    h = data["Header"]
    kop = uitgaand.header(retour_soort, h["Afzender"], h["Ontvanger"])
    kop["BerichtIdentificatie"] = h["BerichtIdentificatie"]
    kop["XsdVersie"] = h["XsdVersie"]
    kop["IdentificatieRetour"] = uitgaand.nieuwe_identificatie()
    kop["DagtekeningRetour"] = clock.today().isoformat()
    kop["XsdVersieRetour"] = dict(xml.XSD_VERSIE)
    kop["RetourCodes"] = [header_code]
    out: dict[str, Any] = {"Header": kop}
    if not alleen_header and "Client" in data:
        client = copy.deepcopy(data["Client"])
        lijst = next(k for k in client if k in xml.LIST_CLASSES)
        codes = product_codes or [NIET_BEOORDEELD] * len(client[lijst])
        for item, code in zip(client[lijst], codes, strict=True):
            item["RetourCodes"] = [code]
        client["RetourCodes"] = [client_code or NIET_BEOORDEELD]
        out["Client"] = client
    return uitgaand.bewaar(
        session,
        GATEWAY,
        soort=retour_soort,
        data=out,
        huishouden_id=b.huishouden_id,
        toewijzing_id=b.toewijzing_id,
        aanbieder_id=b.aanbieder_id,
        team_id=b.team_id,
        antwoord_op_id=b.id,
        samenvatting=f"Retour op {b.soort}: {header_code}",
    )


# ---- 302: the provider's retour on our 301 ---------------------------------------------------------


def _verwerk_302(session: Session, b: Bericht, data: dict[str, Any]) -> Resultaat:
    h = data["Header"]
    codes = list(h.get("RetourCodes") or [])
    client = data.get("Client") or {}
    codes += client.get("RetourCodes") or []
    for c in client.get("Contactgegevens") or []:
        codes += c.get("RetourCodes") or []
    for tp in client.get("ToegewezenProducten") or []:
        codes += tp.get("RetourCodes") or []
    heen = session.scalar(
        select(Bericht).where(
            Bericht.richting == "uit",
            Bericht.soort == xml.soort_for(xml.standaard(b.soort), "301"),
            Bericht.identificatie == h["BerichtIdentificatie"]["Identificatie"],
        )
    )
    b.retourcodes = codes
    if heen is None:
        b.status = "afgekeurd"
        b.fouten = [f"Geen 301 bekend met BerichtIdentificatie {h['BerichtIdentificatie']['Identificatie']}."]
        b.samenvatting = b.fouten[0]
    else:
        afgekeurd = [c for c in codes if c not in (OK, NIET_BEOORDEELD)]
        heen.retourcodes = codes
        heen.status = "afgekeurd" if afgekeurd else "geaccepteerd"
        b.antwoord_op_id, b.toewijzing_id = heen.id, heen.toewijzing_id
        b.huishouden_id, b.aanbieder_id, b.team_id = heen.huishouden_id, heen.aanbieder_id, heen.team_id
        b.samenvatting = (
            f"Aanbieder keurt {heen.soort} af: {', '.join(afgekeurd)}" if afgekeurd else f"{heen.soort} geaccepteerd"
        )
    session.add(b)
    session.flush()
    _audit_import(session, b)
    return Resultaat(b, None, nieuw=True)


# ---- 305 / 307: start and stop of care --------------------------------------------------------------


def _datum(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def _toewijzing(session: Session, b: Bericht, bsn: str, product: dict[str, Any]) -> Toewijzing:
    nummer = product.get("ToewijzingNummer")
    tw = session.scalar(select(Toewijzing).where(Toewijzing.toewijzingnummer == nummer)) if nummer else None
    if tw is None or tw.aanbieder_id != b.aanbieder_id:
        raise _Afgekeurd("9019", f"Toewijzing {nummer or '(geen nummer)'} is niet bekend voor deze aanbieder.")
    vz = session.get(Maatwerkvoorziening, tw.voorziening_id)
    assert vz is not None
    persoon = uitgaand._persoon(session, vz)
    if persoon is None or persoon.bsn != bsn:
        raise _Afgekeurd("9019", f"Toewijzing {nummer} hoort niet bij de cliënt met dit BSN.")
    huidig = session.scalar(
        select(Toewijzing.id).where(Toewijzing.voorziening_id == vz.id).order_by(Toewijzing.id.desc()).limit(1)
    )
    if huidig != tw.id:
        raise _Afgekeurd("9019", f"Toewijzing {nummer} is vervangen door een nieuwere toewijzing.")
    ingang = _datum(product.get("ToewijzingIngangsdatum"))
    if ingang is not None and ingang != tw.ingangsdatum:
        raise _Afgekeurd("9019", f"ToewijzingIngangsdatum {ingang} past niet bij toewijzing {nummer}.")
    b.toewijzing_id, b.huishouden_id = tw.id, vz.huishouden_id
    return tw


def _start(session: Session, b: Bericht, bsn: str, sp: dict[str, Any]) -> str:
    tw = _toewijzing(session, b, bsn, sp)
    if sp["StatusAanlevering"] == "3":
        raise _Afgekeurd("9071", "Een gemelde start kan hier niet via een bericht worden verwijderd.")
    if tw.start_zorg is not None:
        raise _Afgekeurd("9074", f"De start van toewijzing {tw.toewijzingnummer} is al geregistreerd.")
    begin = _datum(sp["Begindatum"])
    assert begin is not None
    try:
        toegang.start_zorg(
            session, GATEWAY, voorziening_id=tw.voorziening_id, data=ts.StartZorgIn(datum=begin), via="bericht"
        )
    except InvalidTransition as exc:
        raise _Afgekeurd("9019", exc.message) from exc
    except ValidationError as exc:
        raise _Afgekeurd("9019", "; ".join(exc.errors.values())) from exc
    return f"zorg gestart op {begin:%d-%m-%Y} (toewijzing {tw.toewijzingnummer})"


def _stop(session: Session, b: Bericht, bsn: str, sp: dict[str, Any]) -> str:
    tw = _toewijzing(session, b, bsn, sp)
    if sp["StatusAanlevering"] == "3":
        raise _Afgekeurd("9071", "Een gemelde stop kan hier niet via een bericht worden verwijderd.")
    if tw.start_zorg is None:
        raise _Afgekeurd("9069", f"Voor toewijzing {tw.toewijzingnummer} is geen start bekend.")
    if tw.stop_zorg is not None:
        raise _Afgekeurd("9415", f"De stop van toewijzing {tw.toewijzingnummer} is al geregistreerd.")
    eind = _datum(sp["Einddatum"])
    assert eind is not None
    try:
        toegang.stop_zorg(
            session,
            GATEWAY,
            voorziening_id=tw.voorziening_id,
            data=ts.StopZorgIn(datum=eind, reden_beeindiging=sp["RedenBeeindiging"]),
            via="bericht",
        )
    except InvalidTransition as exc:
        raise _Afgekeurd("9069", exc.message) from exc
    except ValidationError as exc:
        raise _Afgekeurd("9414", "; ".join(exc.errors.values())) from exc
    return f"zorg gestopt op {eind:%d-%m-%Y}, reden {sp['RedenBeeindiging']} (toewijzing {tw.toewijzingnummer})"


def _verwerk_regie(session: Session, b: Bericht, soort: str, data: dict[str, Any], aanbieder) -> Resultaat:  # type: ignore[no-untyped-def]
    client = data["Client"]
    is_start = xml.nummer(soort) == "305"
    producten = client["StartProducten" if is_start else "StopProducten"]
    codes: list[str] = []
    meldingen: list[str] = []
    session.add(b)
    session.flush()
    sp_nested = session.begin_nested()
    try:
        for product in producten:
            if codes and codes[-1] != OK:
                codes.append(NIET_BEOORDEELD)
                continue
            try:
                if aanbieder is None:
                    raise _Afgekeurd("9019", f"Aanbieder met AGB-code {b.afzender} is niet bekend.")
                with session.begin_nested():
                    meldingen.append((_start if is_start else _stop)(session, b, client["Bsn"], product))
                codes.append(OK)
            except _Afgekeurd as exc:
                codes.append(exc.code)
                meldingen.append(exc.melding)
            except DomainError as exc:  # e.g. authorization: never half-applied
                codes.append("9019")
                meldingen.append(exc.message)
        geweigerd = [c for c in codes if c not in (OK, NIET_BEOORDEELD)]
        koppeling = (b.toewijzing_id, b.huishouden_id)
        if geweigerd:
            sp_nested.rollback()
            b.toewijzing_id, b.huishouden_id = koppeling  # keep where it was matched, for the screens
            codes = [c if c != OK else NIET_BEOORDEELD for c in codes]
        else:
            sp_nested.commit()
    except BaseException:
        if sp_nested.is_active:
            sp_nested.rollback()
        raise
    b.status = "afgekeurd" if geweigerd else "verwerkt"
    b.retourcodes = codes
    b.fouten = [m for m, c in zip(meldingen, codes, strict=False) if c not in (OK, NIET_BEOORDEELD)]
    b.samenvatting = "; ".join(meldingen)
    b.verwerkt_op = clock.now()
    session.flush()
    _audit_import(session, b)
    client_code = geweigerd[0] if geweigerd else OK
    return Resultaat(b, _retour(session, b, soort, data, OK, client_code, codes), nieuw=True)


# ---- 315: verzoek om toewijzing -----------------------------------------------------------------------


def _verwerk_315(session: Session, b: Bericht, data: dict[str, Any], gemeente: Gemeente) -> Resultaat:
    client = data["Client"]
    producten = client["AangevraagdeProducten"]
    refs = [p["ReferentieAanbieder"] for p in producten]
    if len(set(refs)) != len(refs):
        b.status, b.retourcodes = "afgekeurd", [OK]
        b.fouten = ["ReferentieAanbieder komt meer dan eens voor."]
        b.samenvatting = b.fouten[0]
        session.add(b)
        session.flush()
        _audit_import(session, b)
        codes = ["9347" if refs.count(r) > 1 else NIET_BEOORDEELD for r in refs]
        return Resultaat(b, _retour(session, b, b.soort, data, OK, "9347", codes), nieuw=True)
    hh = session.scalar(
        select(Huishouden)
        .join(Lidmaatschap, Lidmaatschap.huishouden_id == Huishouden.id)
        .join(Persoon, Persoon.id == Lidmaatschap.persoon_id)
        .where(Persoon.bsn == client["Bsn"], Lidmaatschap.einddatum.is_(None))
        .order_by(Lidmaatschap.id.desc())
        .limit(1)
    )
    if hh is not None:
        b.huishouden_id, b.team_id = hh.id, hh.team_id
    if b.team_id is None:
        # An unknown resident lands in a team of the receiving gemeente, to be registered there.
        b.team_id = session.scalar(select(Team.id).where(Team.gemeente_id == gemeente.id).order_by(Team.id).limit(1))
    b.status = "te_behandelen"
    verwijzers = {p["Verwijzer"]["Type"] for p in producten}
    b.samenvatting = (
        f"Verzoek om toewijzing van {len(producten)} product(en), verwijzer {', '.join(sorted(verwijzers))}"
        + ("" if hh else "; cliënt is nog niet bekend")
    )
    session.add(b)
    session.flush()
    _audit_import(session, b)
    return Resultaat(b, None, nieuw=True)
