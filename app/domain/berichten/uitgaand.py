"""Outgoing messages: the 301 toewijzing, the retourberichten, and the outbox flush.

A 301 is generated in the same transaction as the toewijzing it describes (a hook in the toegang
service), validated against the XSD and stored as a Bericht with status `klaar`, or `ongeldig` with
the XSD's complaints (it then never leaves, and the screen shows why). Files are written only by
`verstuur`, after the transaction that made them has committed.
"""

import hashlib
import re
import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.domain import audit
from app.domain.actor import Actor
from app.domain.berichten import xml
from app.domain.berichten.models import Bericht
from app.domain.berichten.transport import Transport
from app.domain.catalog.models import Aanbieder, Product
from app.domain.households.models import Huishouden, Lidmaatschap, Persoon
from app.domain.organisation.models import Gemeente
from app.domain.toegang.models import Maatwerkvoorziening, Toewijzing

PURPOSE = "Berichtenverkeer iWmo/iJw"

# A gemeente ending a voorziening early sends a 301 with a reden wijziging (WMO002) that follows the
# reden beëindiging (WMO588); anything not listed is a herbeoordeling that shortens the toewijzing.
_WIJZIGING_BIJ_BEEINDIGING = {"02": "02", "31": "07", "38": "09", "39": "06"}


def reden_wijziging_bij_beeindiging(reden_beeindiging: str) -> str:
    return _WIJZIGING_BIJ_BEEINDIGING.get(reden_beeindiging, "05")


def gemeentecode(cbs_code: str) -> str:
    """GM0957 -> 0957 (LDT_Gemeente)."""
    return cbs_code.removeprefix("GM")


def productcode(product: Product) -> str | None:
    """The 5-character iStandaard product code: the catalogue's own when it has that form, else derived
    deterministically from categorie + code (the catalogue has no separate iStandaard code yet)."""
    if re.fullmatch(r"[0-9A-Z]{5}", product.code):
        return product.code
    if not product.productcategorie:
        return None
    suffix = re.sub(r"[^0-9A-Z]", "", product.code.split("-")[-1].upper())
    return (product.productcategorie + suffix)[-5:].rjust(5, "0")


def omvang(volume: Decimal, eenheid: str, frequentie: str) -> dict[str, str]:
    """LDT_Volume is a whole number: hours with a fraction go as minutes (eenheid 01)."""
    if volume != volume.to_integral_value() and eenheid == "04":
        volume, eenheid = volume * 60, "01"
    v = int(volume) if volume == volume.to_integral_value() else volume
    return {"Volume": str(v), "Eenheid": eenheid, "Frequentie": frequentie}


def voorletters(voornamen: str | None) -> str | None:
    letters = "".join(d[0] for d in (voornamen or "").split() if d[:1].isalpha()).upper()
    return letters[:6] or None


def _naam(p: Persoon, volledig: bool) -> dict[str, Any]:
    naam: dict[str, Any] = {"Geslachtsnaam": {"Achternaam": p.achternaam[:200], "Voorvoegsel": p.voorvoegsel or None}}
    naam["Voornamen"] = p.voornamen[:200] if p.voornamen else None
    naam["Voorletters"] = voorletters(p.voornamen)
    if volledig:
        naam["NaamGebruik"] = "1"
    return naam


def client_basis(p: Persoon, *, volledig: bool) -> dict[str, Any]:
    return {
        "Bsn": p.bsn,
        "Geboortedatum": {"Datum": p.geboortedatum.isoformat()} if p.geboortedatum else None,
        # The dossier records no geslacht; COD046 0 = onbekend.
        "Geslacht": "0",
        "Naam": _naam(p, volledig),
    }


def _contact(p: Persoon, hh: Huishouden) -> dict[str, Any]:
    telefoon = re.sub(r"[^0-9+]", "", p.telefoon or "")
    return {
        "Soort": "01",
        "Adres": {
            "Straatnaam": hh.straat[:24],
            "Huisnummer": str(hh.huisnummer),
            "HuisnummerToevoeging": (hh.huisnummer_toevoeging or "")[:4] or None,
            "Postcode": hh.postcode.replace(" ", "").upper(),
            "Plaatsnaam": hh.woonplaats[:80],
            "LandCode": "NL",
        },
        "Telefoon": {"Telefoonnummer": telefoon} if telefoon else None,
        "Emailadres": p.email or None,
    }


def header(soort: str, afzender: str, ontvanger: str) -> dict[str, Any]:
    return {
        "BerichtCode": str(xml.BERICHTEN[soort][1]),
        "BerichtVersie": "3",
        "BerichtSubversie": "2",
        "Afzender": afzender,
        "Ontvanger": ontvanger,
        "BerichtIdentificatie": {"Identificatie": nieuwe_identificatie(), "Dagtekening": clock.today().isoformat()},
        "XsdVersie": dict(xml.XSD_VERSIE),
    }


def nieuwe_identificatie() -> str:
    return uuid.uuid4().hex[:20].upper()


def _persoon(session: Session, vz: Maatwerkvoorziening) -> Persoon | None:
    if vz.persoon_id is not None:
        return session.get(Persoon, vz.persoon_id)
    return session.scalar(
        select(Persoon)
        .join(Lidmaatschap, Lidmaatschap.persoon_id == Persoon.id)
        .where(Lidmaatschap.huishouden_id == vz.huishouden_id, Lidmaatschap.relatie == "aanvrager")
        .order_by(Lidmaatschap.id)
        .limit(1)
    )


def soort_301(wet: str) -> str:
    return "JW301" if wet == "Jeugdwet" else "WMO301"


def data_301(
    session: Session, tw: Toewijzing, *, referentie: str | None = None, now: datetime | None = None
) -> tuple[str, dict[str, Any], Maatwerkvoorziening]:
    """The 301 for one toewijzing as it stands now (its current period, omvang and reden wijziging)."""
    vz = session.get(Maatwerkvoorziening, tw.voorziening_id)
    assert vz is not None
    hh = session.get(Huishouden, vz.huishouden_id)
    assert hh is not None
    gemeente = session.get(Gemeente, hh.gemeente_id)
    aanbieder = session.get(Aanbieder, tw.aanbieder_id)
    product = session.get(Product, vz.product_id)
    persoon = _persoon(session, vz)
    assert gemeente is not None and aanbieder is not None and product is not None
    now = now or clock.now()
    soort = soort_301(vz.wet)
    client: dict[str, Any] = client_basis(persoon, volledig=True) if persoon else {}
    client["Contactgegevens"] = [_contact(persoon, hh)] if persoon else []
    client["ToegewezenProducten"] = [
        {
            "ToewijzingNummer": tw.toewijzingnummer,
            "ReferentieAanbieder": referentie,
            "Product": (
                {"Categorie": product.productcategorie, "Code": productcode(product)}
                if product.productcategorie
                else None
            ),
            "Toewijzingsdatum": now.date().isoformat(),
            "Toewijzingstijd": now.strftime("%H:%M:%S"),
            "Ingangsdatum": tw.ingangsdatum.isoformat(),
            "Einddatum": tw.einddatum.isoformat() if tw.einddatum else None,
            "RedenWijziging": tw.reden_wijziging,
            "Omvang": omvang(tw.volume, tw.eenheid, tw.frequentie),
        }
    ]
    return soort, {"Header": header(soort, gemeentecode(gemeente.cbs_code), aanbieder.agb_code), "Client": client}, vz


def bewaar(
    session: Session,
    actor: Actor,
    *,
    soort: str,
    data: dict[str, Any],
    huishouden_id: int | None,
    toewijzing_id: int | None = None,
    aanbieder_id: int | None = None,
    team_id: int | None = None,
    antwoord_op_id: int | None = None,
    samenvatting: str | None = None,
) -> Bericht:
    """Build, validate and store an outgoing message; audited as an export with its household."""
    raw = xml.build(soort, data)
    check = xml.validate(raw, soort)
    b = Bericht(
        soort=soort,
        richting="uit",
        status="klaar" if check.ok else "ongeldig",
        toewijzing_id=toewijzing_id,
        aanbieder_id=aanbieder_id,
        huishouden_id=huishouden_id,
        team_id=team_id,
        antwoord_op_id=antwoord_op_id,
        afzender=data["Header"]["Afzender"],
        ontvanger=data["Header"]["Ontvanger"],
        identificatie=data["Header"]["BerichtIdentificatie"]["Identificatie"],
        retourcodes=[],
        fouten=check.fouten,
        samenvatting=samenvatting,
        xml=raw.decode("utf-8"),
        sha256=hashlib.sha256(raw).hexdigest(),
    )
    session.add(b)
    session.flush()
    b.bestandsnaam = f"{soort}_{b.afzender}_{b.ontvanger}_{b.identificatie}.xml"
    session.flush()
    audit.record(
        session,
        actor,
        action="export",
        object_type="bericht",
        object_id=b.id,
        huishouden_id=huishouden_id,
        purpose=PURPOSE,
        reason=f"{soort} {'klaar voor verzending' if check.ok else 'voldoet niet aan de XSD'}",
        changes={"soort": [None, soort], "status": [None, b.status], "toewijzing_id": [None, toewijzing_id]},
    )
    return b


def toewijzing_gewijzigd(
    session: Session, actor: Actor, *, toewijzing: Toewijzing, referentie: str | None = None, antwoord_op_id=None
) -> Bericht:
    """The hook: a ZIN toewijzing was made, changed or ended, so its 301 goes out (after commit)."""
    soort, data, vz = data_301(session, toewijzing, referentie=referentie)
    tp = data["Client"]["ToegewezenProducten"][0]
    wat = "gewijzigd" if tp.get("RedenWijziging") else "toegewezen"
    return bewaar(
        session,
        actor,
        soort=soort,
        data=data,
        huishouden_id=vz.huishouden_id,
        toewijzing_id=toewijzing.id,
        aanbieder_id=toewijzing.aanbieder_id,
        antwoord_op_id=antwoord_op_id,
        samenvatting=f"Toewijzing {toewijzing.toewijzingnummer} {wat}",
    )


def per_toewijzing(session: Session, toewijzing_ids: list[int]) -> dict[int, list[Bericht]]:
    """Messages per toewijzing, newest first; the caller has authorized the household already."""
    out: dict[int, list[Bericht]] = {i: [] for i in toewijzing_ids}
    if not toewijzing_ids:
        return out
    for b in session.scalars(
        select(Bericht).where(Bericht.toewijzing_id.in_(toewijzing_ids)).order_by(Bericht.id.desc())
    ):
        out[b.toewijzing_id].append(b)  # type: ignore[index]
    return out


def verstuur(session: Session, actor: Actor, transport: Transport) -> list[Bericht]:
    """Write every `klaar` message to the transport, each marked verzonden in the caller's transaction.

    The caller commits after each message: a crash between write and commit sends that file again
    (at least once); the provider recognises it by its BerichtIdentificatie."""
    klaar = session.scalars(
        select(Bericht).where(Bericht.richting == "uit", Bericht.status == "klaar").order_by(Bericht.id)
    ).all()
    out = []
    for b in klaar:
        transport.send(b.bestandsnaam or f"{b.soort}_{b.id}.xml", b.xml.encode("utf-8"))
        b.status = "verzonden"
        b.verzonden_op = clock.now()
        session.flush()
        audit.record(
            session,
            actor,
            action="update",
            object_type="bericht",
            object_id=b.id,
            huishouden_id=b.huishouden_id,
            purpose=PURPOSE,
            reason=f"{b.soort} verzonden",
            changes={"status": ["klaar", "verzonden"], "bestandsnaam": [None, b.bestandsnaam]},
        )
        session.commit()
        out.append(b)
    return out
