"""Toewijzingen and their provider messages (iWmo/iJw) over JSON: read-only, the same services as the screens."""

from datetime import date, datetime
from decimal import Decimal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict

from app.api.deps import ApiActor, PathId
from app.api.errors import ERROR_RESPONSES, DutchValidationRoute
from app.domain.berichten import service as svc
from app.web.deps import DbSession

router = APIRouter(
    tags=["Berichten"],
    route_class=DutchValidationRoute,
    responses={401: ERROR_RESPONSES[401], 404: ERROR_RESPONSES[404], 403: ERROR_RESPONSES[403]},
)


class BerichtListItem(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    soort: str
    richting: str
    status: str
    status_label: str
    toewijzing_id: int | None
    antwoord_op_id: int | None
    identificatie: str | None
    retourcodes: list[str]
    samenvatting: str | None
    bestandsnaam: str | None
    created_at: datetime
    verzonden_op: datetime | None
    ontvangen_op: datetime | None


class BerichtRead(BerichtListItem):
    afzender: str | None
    ontvanger: str | None
    fouten: list[str]
    sha256: str
    xml: str


class ToewijzingRead(BaseModel):
    id: int
    toewijzingnummer: str
    voorziening_id: int
    huishouden_id: int
    wet: str
    product: str
    aanbieder: str
    aanbieder_agb: str
    ingangsdatum: date
    einddatum: date | None
    volume: Decimal
    eenheid: str
    frequentie: str
    reden_wijziging: str | None
    start_zorg: date | None
    start_via: str | None
    stop_zorg: date | None
    stop_via: str | None
    reden_beeindiging: str | None
    berichten: list[BerichtListItem]


def _detail(session, actor, toewijzing_id: int) -> ToewijzingRead:  # type: ignore[no-untyped-def]
    d = svc.toewijzing_detail(session, actor, toewijzing_id=toewijzing_id)
    tw = d.toewijzing
    return ToewijzingRead(
        id=tw.id,
        toewijzingnummer=tw.toewijzingnummer,
        voorziening_id=tw.voorziening_id,
        huishouden_id=d.voorziening.huishouden_id,
        wet=d.voorziening.wet,
        product=d.product.naam,
        aanbieder=d.aanbieder.naam,
        aanbieder_agb=d.aanbieder.agb_code,
        ingangsdatum=tw.ingangsdatum,
        einddatum=tw.einddatum,
        volume=tw.volume,
        eenheid=tw.eenheid,
        frequentie=tw.frequentie,
        reden_wijziging=tw.reden_wijziging,
        start_zorg=tw.start_zorg,
        start_via=tw.start_via,
        stop_zorg=tw.stop_zorg,
        stop_via=tw.stop_via,
        reden_beeindiging=tw.reden_beeindiging,
        berichten=[BerichtListItem.model_validate(b) for b in d.berichten],
    )


@router.get("/toewijzingen/{toewijzing_id}", response_model=ToewijzingRead)
def toewijzing(toewijzing_id: PathId, session: DbSession, actor: ApiActor):
    """A toewijzing with its period, omvang, start/stop of care (and whether by message or by hand)."""
    return _detail(session, actor, toewijzing_id)


@router.get("/toewijzingen/{toewijzing_id}/berichten", response_model=list[BerichtListItem])
def toewijzing_berichten(toewijzing_id: PathId, session: DbSession, actor: ApiActor):
    """The messages exchanged about one toewijzing, newest first."""
    return _detail(session, actor, toewijzing_id).berichten


@router.get("/berichten/{bericht_id}", response_model=BerichtRead)
def bericht(bericht_id: PathId, session: DbSession, actor: ApiActor):
    """One message with its raw XML as exchanged; the look is audited."""
    return BerichtRead.model_validate(svc.bekijk(session, actor, bericht_id=bericht_id))
