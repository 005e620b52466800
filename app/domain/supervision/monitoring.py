"""Pseudonymised export per person and voorziening for the Gemeentelijke Monitor Sociaal Domein (DESIGN §9).

The pseudonym is an HMAC-SHA256 of the BSN under the configured `pseudonym_secret`: stable per BSN
across exports (so the monitor can count persons over years) and not reversible without the secret.
A person without a BSN gets the HMAC of its internal id, marked so it never collides with a BSN.
Supervisors export the gemeenten they work for; auditors any gemeente.
"""

import hashlib
import hmac
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.config import get_settings
from app.domain import authz
from app.domain.actor import Actor
from app.domain.csvfile import CsvBuilder
from app.domain.errors import NotAllowed
from app.domain.households.models import Huishouden, Persoon
from app.domain.organisation.models import Gemeente, Rol
from app.domain.supervision import jobs
from app.domain.supervision.approvals import _module
from app.domain.supervision.rechtmatigheid import Periode, parse_periode

GMSD_FIELDS = (
    "gemeentecode",
    "pseudoniem",
    "geboortejaar",
    "wet",
    "productcategorie",
    "leveringsvorm",
    "ingangsdatum",
    "einddatum",
    "reden_beeindiging",
)


def pseudonym(
    bsn: str | None, persoon_id: int | None = None, *, huishouden_id: int | None = None, secret: str | None = None
) -> str:
    key = (secret or get_settings().pseudonym_secret).encode()
    subject = f"bsn:{bsn}" if bsn else f"persoon:{persoon_id}" if persoon_id else f"huishouden:{huishouden_id}"
    return hmac.new(key, subject.encode(), hashlib.sha256).hexdigest()[:32]


def _gemeenten(actor: Actor, periode: Periode) -> list[int] | None:
    """None: every gemeente (auditor without a filter)."""
    if actor.heeft(Rol.AUDITOR):
        return [periode.gemeente_id] if periode.gemeente_id else None
    if periode.gemeente_id:
        if periode.gemeente_id not in actor.gemeente_ids:
            raise NotAllowed("U werkt niet voor deze gemeente.")
        return [periode.gemeente_id]
    return sorted(actor.gemeente_ids)


def gmsd_rows(session: Session, actor: Actor, *, periode: Periode) -> list[dict[str, Any]]:
    authz.require_role(actor, Rol.SUPERVISOR, Rol.AUDITOR)
    m = _module("app.domain.toegang.models", "Maatwerkvoorziening")
    if m is None:
        return []
    from app.domain.catalog.models import Product

    V = m.Maatwerkvoorziening  # noqa: N806
    q = (
        select(V, Product.productcategorie, Gemeente.cbs_code, Persoon.bsn, Persoon.geboortedatum)
        .join(Product, Product.id == V.product_id)
        .join(Huishouden, Huishouden.id == V.huishouden_id)
        .join(Gemeente, Gemeente.id == Huishouden.gemeente_id)
        .outerjoin(Persoon, Persoon.id == V.persoon_id)
        .where(V.status.in_(("toegekend", "actief", "beeindigd")))
        .where(V.ingangsdatum <= periode.tot, or_(V.einddatum.is_(None), V.einddatum >= periode.van))
        .order_by(Gemeente.cbs_code, V.id)
    )
    gemeenten = _gemeenten(actor, periode)
    if gemeenten is not None:
        q = q.where(Huishouden.gemeente_id.in_(gemeenten))
    out = []
    for v, categorie, cbs, bsn, geb in session.execute(q).all():
        out.append(
            {
                "gemeentecode": cbs,
                # A voorziening for the household as a whole counts under the household.
                "pseudoniem": pseudonym(bsn, v.persoon_id, huishouden_id=v.huishouden_id),
                "geboortejaar": geb.year if geb else "",
                "wet": v.wet,
                "productcategorie": categorie or "",
                "leveringsvorm": v.leveringsvorm,
                "ingangsdatum": v.ingangsdatum.isoformat(),
                "einddatum": v.einddatum.isoformat() if v.einddatum else "",
                "reden_beeindiging": v.reden_beeindiging or "",
            }
        )
    return out


@jobs.register("gmsd_export", "Export Monitor Sociaal Domein", Rol.SUPERVISOR, Rol.AUDITOR)
def _run_export(session: Session, actor: Actor, params: dict[str, Any], progress: jobs.Progress) -> jobs.JobResult:
    periode = parse_periode(params)
    rows = gmsd_rows(session, actor, periode=periode)
    progress(90)
    w = CsvBuilder(GMSD_FIELDS)
    w.dict_rows(rows)
    return jobs.JobResult(
        inhoud=w.bytes(),
        bestandsnaam=f"gmsd_{periode.van.isoformat()}_{periode.tot.isoformat()}.csv",
        samenvatting={"rijen": len(rows)},
    )
