"""The toegang over JSON: one endpoint per step, the same services as the screens.

Invalid transitions answer 409, bad input 422 (Dutch messages per field), no access 404.
"""

from typing import Any

from fastapi import APIRouter, status
from pydantic import BaseModel

from app import clock
from app.api.deps import ApiActor, PathId
from app.api.errors import ERROR_RESPONSES, DutchValidationRoute
from app.domain.toegang import schemas as s
from app.domain.toegang import service as svc
from app.web.deps import DbSession

router = APIRouter(
    prefix="/toegang",
    tags=["Toegang"],
    route_class=DutchValidationRoute,
    responses={401: ERROR_RESPONSES[401], 404: ERROR_RESPONSES[404], 403: ERROR_RESPONSES[403]},
)
_WRITE = {409: ERROR_RESPONSES[409], 422: ERROR_RESPONSES[422]}


class NotitieIn(BaseModel):
    notitie: str | None = None


class VraagDetailRead(BaseModel):
    vraag: s.VraagRead
    deadlines: list[s.DeadlineRead]
    gesprekken: list[int]
    verslag_verzonden_op: Any = None
    beschikkingen: list[dict[str, Any]]


def _id(obj: Any) -> s.IdRead:
    return s.IdRead(id=obj.id, status=getattr(obj, "status", None), nummer=getattr(obj, "nummer", None))


@router.post(
    "/huishoudens/{huishouden_id}/meldingen",
    response_model=s.VraagRead,
    status_code=status.HTTP_201_CREATED,
    responses=_WRITE,
)
def melding(huishouden_id: PathId, body: s.MeldingCreate, session: DbSession, actor: ApiActor):
    return s.VraagRead.model_validate(svc.register_melding(session, actor, huishouden_id=huishouden_id, data=body))


@router.get("/huishoudens/{huishouden_id}/vragen", response_model=list[s.VraagListItem])
def vragen(huishouden_id: PathId, session: DbSession, actor: ApiActor):
    return svc.vragen_for_household(session, actor, huishouden_id=huishouden_id)


@router.get("/teamwachtrij", response_model=list[s.VraagListItem])
def teamwachtrij(session: DbSession, actor: ApiActor):
    return svc.team_queue(session, actor)


@router.get("/vragen/{vraag_id}", response_model=VraagDetailRead)
def vraag(vraag_id: PathId, session: DbSession, actor: ApiActor):
    d = svc.get_vraag(session, actor, vraag_id=vraag_id)
    return VraagDetailRead(
        vraag=s.VraagRead.model_validate(d.vraag),
        deadlines=[
            s.DeadlineRead(
                stap=x.stap, datum=x.datum, status=x.status, grondslag=x.grondslag, omschrijving=x.omschrijving
            )
            for x in d.deadlines
        ],
        gesprekken=[g.id for g in d.gesprekken],
        verslag_verzonden_op=d.verslag.verzonden_op if d.verslag else None,
        beschikkingen=[
            {
                "id": b.id,
                "nummer": b.nummer,
                "status": b.status,
                "voorzieningen": [
                    {"id": vz.id, "status": vz.status, "product_id": vz.product_id} for vz in b.voorzieningen
                ],
            }
            for b in d.beschikkingen
        ],
    )


@router.post("/vragen/{vraag_id}/oppakken", response_model=s.VraagRead, responses=_WRITE)
def claim(vraag_id: PathId, session: DbSession, actor: ApiActor):
    return s.VraagRead.model_validate(svc.claim(session, actor, vraag_id=vraag_id))


@router.post("/vragen/{vraag_id}/toewijzen", response_model=s.VraagRead, responses=_WRITE)
def assign(vraag_id: PathId, body: s.ToewijzenIn, session: DbSession, actor: ApiActor):
    return s.VraagRead.model_validate(svc.assign(session, actor, vraag_id=vraag_id, behandelaar_id=body.behandelaar_id))


@router.post("/vragen/{vraag_id}/status", response_model=s.VraagRead, responses=_WRITE)
def transition(vraag_id: PathId, body: s.TransitionIn, session: DbSession, actor: ApiActor):
    return s.VraagRead.model_validate(
        svc.transition(session, actor, vraag_id=vraag_id, naar=body.naar, reden=body.reden)
    )


@router.post("/vragen/{vraag_id}/gesprekken", response_model=s.IdRead, status_code=201, responses=_WRITE)
def gesprek(vraag_id: PathId, body: s.GesprekCreate, session: DbSession, actor: ApiActor):
    return _id(svc.record_gesprek(session, actor, vraag_id=vraag_id, data=body))


@router.post("/vragen/{vraag_id}/termijnaanpassingen", response_model=s.IdRead, status_code=201, responses=_WRITE)
def termijn(vraag_id: PathId, body: s.TermijnaanpassingCreate, session: DbSession, actor: ApiActor):
    return _id(svc.add_termijnaanpassing(session, actor, vraag_id=vraag_id, data=body))


@router.put("/vragen/{vraag_id}/verslag", response_model=s.IdRead, responses=_WRITE)
def verslag(vraag_id: PathId, body: s.VerslagIn, session: DbSession, actor: ApiActor):
    return _id(svc.save_verslag(session, actor, vraag_id=vraag_id, data=body))


@router.post("/vragen/{vraag_id}/verslag/verzonden", response_model=s.IdRead, responses=_WRITE)
def verslag_verzonden(vraag_id: PathId, body: s.VerslagVerzendenIn, session: DbSession, actor: ApiActor):
    return _id(svc.mark_verslag_sent(session, actor, vraag_id=vraag_id, data=body))


@router.post("/vragen/{vraag_id}/verslag/reactie", response_model=s.IdRead, responses=_WRITE)
def reactie(vraag_id: PathId, body: s.ReactieIn, session: DbSession, actor: ApiActor):
    return _id(svc.add_reactie(session, actor, vraag_id=vraag_id, data=body))


@router.post("/vragen/{vraag_id}/aanvraag", response_model=s.IdRead, status_code=201, responses=_WRITE)
def aanvraag(vraag_id: PathId, body: s.AanvraagCreate, session: DbSession, actor: ApiActor):
    return _id(svc.register_aanvraag(session, actor, vraag_id=vraag_id, data=body))


@router.post("/vragen/{vraag_id}/beschikkingen", response_model=s.IdRead, status_code=201, responses=_WRITE)
def beschikking(vraag_id: PathId, body: s.BeschikkingCreate, session: DbSession, actor: ApiActor):
    return _id(svc.prepare_beschikking(session, actor, vraag_id=vraag_id, data=body))


@router.post("/beschikkingen/{beschikking_id}/goedkeuren", response_model=s.IdRead, responses=_WRITE)
def goedkeuren(beschikking_id: PathId, body: NotitieIn, session: DbSession, actor: ApiActor):
    return _id(svc.approve_beschikking(session, actor, beschikking_id=beschikking_id, notitie=body.notitie))


@router.post("/beschikkingen/{beschikking_id}/afkeuren", response_model=s.IdRead, responses=_WRITE)
def afkeuren(beschikking_id: PathId, body: NotitieIn, session: DbSession, actor: ApiActor):
    return _id(svc.reject_beschikking(session, actor, beschikking_id=beschikking_id, notitie=body.notitie))


@router.post("/beschikkingen/{beschikking_id}/definitief", response_model=s.IdRead, responses=_WRITE)
def definitief(beschikking_id: PathId, body: s.DefinitiefIn, session: DbSession, actor: ApiActor):
    return _id(svc.finalize_beschikking(session, actor, beschikking_id=beschikking_id, data=body))


@router.post("/beschikkingen/{beschikking_id}/bezwaren", response_model=s.IdRead, status_code=201, responses=_WRITE)
def bezwaar(beschikking_id: PathId, body: s.BezwaarCreate, session: DbSession, actor: ApiActor):
    return _id(svc.register_bezwaar(session, actor, beschikking_id=beschikking_id, data=body))


@router.put("/bezwaren/{bezwaar_id}", response_model=s.IdRead, responses=_WRITE)
def bezwaar_bijwerken(bezwaar_id: PathId, body: s.BezwaarUpdate, session: DbSession, actor: ApiActor):
    return _id(svc.update_bezwaar(session, actor, bezwaar_id=bezwaar_id, data=body))


@router.post("/voorzieningen/{voorziening_id}/start", response_model=s.IdRead, responses=_WRITE)
def start(voorziening_id: PathId, body: s.StartZorgIn, session: DbSession, actor: ApiActor):
    return _id(svc.start_zorg(session, actor, voorziening_id=voorziening_id, data=body))


@router.post("/voorzieningen/{voorziening_id}/stop", response_model=s.IdRead, responses=_WRITE)
def stop(voorziening_id: PathId, body: s.StopZorgIn, session: DbSession, actor: ApiActor):
    return _id(svc.stop_zorg(session, actor, voorziening_id=voorziening_id, data=body))


@router.post("/voorzieningen/{voorziening_id}/wijzigen", response_model=s.IdRead, responses=_WRITE)
def wijzigen(voorziening_id: PathId, body: s.VoorzieningWijzigen, session: DbSession, actor: ApiActor):
    return _id(svc.wijzig_voorziening(session, actor, voorziening_id=voorziening_id, data=body))


@router.post("/voorzieningen/{voorziening_id}/beeindigen", response_model=s.IdRead, responses=_WRITE)
def beeindigen(voorziening_id: PathId, body: s.VoorzieningBeeindigen, session: DbSession, actor: ApiActor):
    return _id(svc.beeindig_voorziening(session, actor, voorziening_id=voorziening_id, data=body))


@router.post("/vragen/{vraag_id}/afsluiten", response_model=s.VraagRead, responses=_WRITE)
def afsluiten(vraag_id: PathId, body: s.AfsluitenIn, session: DbSession, actor: ApiActor):
    return s.VraagRead.model_validate(svc.close_vraag(session, actor, vraag_id=vraag_id, data=body))


@router.get("/werkvoorraad")
def werkvoorraad(session: DbSession, actor: ApiActor) -> list[dict[str, Any]]:
    from dataclasses import asdict

    from app.domain import werkvoorraad as wv

    return [asdict(i) for i in wv.collect(session, actor, clock.today())]
