"""Use cases around provider messages: what the screens and the API read, the answers to a 315, and
the processing run of the CLI (`python -m app berichten verwerk`).

Reads authorize on the message's household (LEZEN), like the dossier itself; a message without a
household (an unreadable file, a verzoek for an unknown resident) is visible to the team it landed in
and to auditors. Looking at the raw XML is a look at case content and is audited.
"""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.domain import audit, authz
from app.domain.actor import GATEWAY, Actor
from app.domain.authz import Handeling
from app.domain.berichten import inkomend, uitgaand, xml
from app.domain.berichten.models import Bericht
from app.domain.berichten.transport import Transport
from app.domain.catalog.models import Aanbieder, Product
from app.domain.errors import InvalidTransition, NotFound, ValidationError
from app.domain.organisation.models import Rol
from app.domain.toegang.models import Maatwerkvoorziening, Toewijzing

PURPOSE = uitgaand.PURPOSE


def _bericht(session: Session, actor: Actor, bericht_id: int, handeling: Handeling = Handeling.LEZEN) -> Bericht:
    b = session.get(Bericht, bericht_id)
    if b is None:
        raise NotFound()
    if b.huishouden_id is not None:
        authz.get_household(session, actor, b.huishouden_id, handeling)
    elif not (actor.heeft(Rol.AUDITOR) or (b.team_id is not None and b.team_id in actor.team_ids)):
        authz.deny(session, actor, huishouden_id=None, handeling=handeling, object_type="bericht", object_id=b.id)
        raise NotFound()
    return b


per_toewijzing = uitgaand.per_toewijzing


@dataclass
class ToewijzingDetail:
    toewijzing: Toewijzing
    voorziening: Maatwerkvoorziening
    product: Product
    aanbieder: Aanbieder
    berichten: list[Bericht] = field(default_factory=list)


def toewijzing_detail(session: Session, actor: Actor, *, toewijzing_id: int) -> ToewijzingDetail:
    tw = session.get(Toewijzing, toewijzing_id)
    if tw is None:
        raise NotFound()
    vz = session.get(Maatwerkvoorziening, tw.voorziening_id)
    assert vz is not None
    authz.get_household(session, actor, vz.huishouden_id, Handeling.LEZEN)
    audit.record(
        session,
        actor,
        action="view",
        object_type="toewijzing",
        object_id=tw.id,
        huishouden_id=vz.huishouden_id,
        purpose=PURPOSE,
    )
    product, aanbieder = session.get(Product, vz.product_id), session.get(Aanbieder, tw.aanbieder_id)
    assert product is not None and aanbieder is not None
    return ToewijzingDetail(tw, vz, product, aanbieder, per_toewijzing(session, [tw.id])[tw.id])


def bekijk(session: Session, actor: Actor, *, bericht_id: int) -> Bericht:
    """One message with its raw XML; the look is audited."""
    b = _bericht(session, actor, bericht_id)
    audit.record(
        session,
        actor,
        action="view",
        object_type="bericht",
        object_id=b.id,
        huishouden_id=b.huishouden_id,
        purpose=PURPOSE,
        reason=f"{b.soort} bekeken",
    )
    return b


# ---- 315: the team's answer -------------------------------------------------------------------------


@dataclass
class VerzoekPagina:
    bericht: Bericht
    gegevens: dict
    opties: list[tuple[int, str]]  # toewijzingen of this client at this provider that can answer it
    kan_beantwoorden: bool


def _verzoek(session: Session, actor: Actor, bericht_id: int) -> tuple[Bericht, dict]:
    b = _bericht(session, actor, bericht_id)
    if b.richting != "in" or xml.nummer(b.soort) != "315":
        raise NotFound()
    check = xml.validate(b.xml.encode("utf-8"), b.soort)
    assert check.root is not None
    return b, xml.parse(check.root)


def _opties(session: Session, b: Bericht) -> list[tuple[int, str]]:
    if b.huishouden_id is None or b.aanbieder_id is None:
        return []
    rows = session.execute(
        select(Toewijzing, Product.naam)
        .join(Maatwerkvoorziening, Maatwerkvoorziening.id == Toewijzing.voorziening_id)
        .join(Product, Product.id == Maatwerkvoorziening.product_id)
        .where(
            Maatwerkvoorziening.huishouden_id == b.huishouden_id,
            Toewijzing.aanbieder_id == b.aanbieder_id,
            Maatwerkvoorziening.status.in_(("toegekend", "actief")),
        )
        .order_by(Toewijzing.id)
    ).all()
    return [(tw.id, f"{tw.toewijzingnummer} — {naam} vanaf {tw.ingangsdatum:%d-%m-%Y}") for tw, naam in rows]


def verzoek(session: Session, actor: Actor, *, bericht_id: int) -> VerzoekPagina:
    b, data = _verzoek(session, actor, bericht_id)
    audit.record(
        session, actor, action="view", object_type="bericht", object_id=b.id, huishouden_id=b.huishouden_id,
        purpose=PURPOSE, reason=f"{b.soort} verzoek om toewijzing bekeken",
    )  # fmt: skip
    schrijven = (
        b.huishouden_id is not None
        and authz.decide(
            session, actor, authz.get_household(session, actor, b.huishouden_id, Handeling.LEZEN), Handeling.SCHRIJVEN
        ).ok
    )
    return VerzoekPagina(b, data, _opties(session, b), b.status == "te_behandelen" and bool(schrijven))


def _beantwoord(session: Session, actor: Actor, b: Bericht, data: dict, codes: list[str]) -> Bericht:
    retour = inkomend._retour(session, b, b.soort, data, inkomend.OK, codes[0], codes)
    assert retour is not None
    b.status = "beantwoord"
    b.verwerkt_op = clock.now()
    session.flush()
    return retour


def honoreer_verzoek(session: Session, actor: Actor, *, bericht_id: int, toewijzing_id: int | None) -> Bericht:
    """Answer a 315 with the 301 of a toewijzing made for it (after the beschikking), and its 316 (0200)."""
    b, data = _verzoek(session, actor, bericht_id)
    if b.huishouden_id is None:
        raise InvalidTransition("Registreer eerst de cliënt in een huishouden en neem een besluit.")
    authz.get_household(session, actor, b.huishouden_id, Handeling.SCHRIJVEN)
    if b.status != "te_behandelen":
        raise InvalidTransition("Dit verzoek is al beantwoord.")
    keuze = dict(_opties(session, b))
    if toewijzing_id not in keuze:
        raise ValidationError({"toewijzing_id": "Kies de toewijzing waarmee u het verzoek honoreert."})
    tw = session.get(Toewijzing, toewijzing_id)
    assert tw is not None
    ref = data["Client"]["AangevraagdeProducten"][0]["ReferentieAanbieder"]
    heen = uitgaand.toewijzing_gewijzigd(session, actor, toewijzing=tw, referentie=ref, antwoord_op_id=b.id)
    b.toewijzing_id = tw.id
    n = len(data["Client"]["AangevraagdeProducten"])
    _beantwoord(session, actor, b, data, [inkomend.OK] * n)
    audit.record(
        session, actor, action="update", object_type="bericht", object_id=b.id, huishouden_id=b.huishouden_id,
        purpose=PURPOSE, reason="verzoek om toewijzing gehonoreerd",
        changes={"status": ["te_behandelen", "beantwoord"], "antwoord": [None, heen.soort], "toewijzing_id": [None, tw.id]},
    )  # fmt: skip
    return heen


def wijs_verzoek_af(session: Session, actor: Actor, *, bericht_id: int, reden: str) -> Bericht:
    """Refuse a 315: the 316 goes out with the refused classes marked; the reason is kept and audited."""
    b, data = _verzoek(session, actor, bericht_id)
    if b.huishouden_id is not None:
        authz.get_household(session, actor, b.huishouden_id, Handeling.SCHRIJVEN)
    elif b.team_id not in actor.team_ids or not actor.heeft(*authz.CASEWORK_ROLES):
        raise NotFound()
    if b.status != "te_behandelen":
        raise InvalidTransition("Dit verzoek is al beantwoord.")
    if not reden.strip():
        raise ValidationError({"reden": "Geef de reden van de afwijzing."})
    n = len(data["Client"]["AangevraagdeProducten"])
    # WJ001 has no code for a refused verzoek; 0233 (niet beoordeeld / niet gehonoreerd) marks each product.
    retour = _beantwoord(session, actor, b, data, [inkomend.NIET_BEOORDEELD] * n)
    b.fouten = [f"Afgewezen: {reden.strip()}"]
    audit.record(
        session, actor, action="reject", object_type="bericht", object_id=b.id, huishouden_id=b.huishouden_id,
        purpose=PURPOSE, reason=reden.strip(), changes={"status": ["te_behandelen", "beantwoord"]},
    )  # fmt: skip
    return retour


def open_verzoeken(session: Session, actor: Actor) -> list[Bericht]:
    """315s waiting in the actor's teams (the werkvoorraad provider lists them)."""
    if not actor.team_ids:
        return []
    return list(
        session.scalars(
            select(Bericht)
            .where(Bericht.status == "te_behandelen", Bericht.team_id.in_(actor.team_ids))
            .order_by(Bericht.id)
        )
    )


# ---- the processing run ----------------------------------------------------------------------------


@dataclass
class Verwerking:
    regels: list[str] = field(default_factory=list)
    verwerkt: int = 0
    overgeslagen: int = 0
    verzonden: int = 0


def verwerk(session: Session, transport: Transport) -> Verwerking:
    """The inbox, file by file (each its own transaction, the file moved only after the commit), then
    the outbox. A background job: it owns `session` and commits."""
    out = Verwerking()
    for naam, inhoud in transport.receive():
        try:
            res = inkomend.verwerk(session, inhoud, naam)
            session.commit()
        except Exception:
            session.rollback()
            raise
        transport.ack(naam)
        out.regels.append(res.regel)
        if res.nieuw:
            out.verwerkt += 1
        else:
            out.overgeslagen += 1
    for b in uitgaand.verstuur(session, GATEWAY, transport):
        out.regels.append(f"verzonden: {b.bestandsnaam} ({b.soort}{', ' + b.samenvatting if b.samenvatting else ''})")
        out.verzonden += 1
    return out
