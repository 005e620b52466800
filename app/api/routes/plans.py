"""Eén plan over JSON: plan, doelen, acties, vaststellen, versions, evaluations, regie, schaal, 18-/18+,
consent and the cliëntondersteuner's shared view. Same services, authorization and audit as the screens.

409 for the regisseur invariant, invalid plan transitions and stale versions; 422 for bad input;
404/403 per authorization (404 also when the household may not be seen, so existence is not revealed).
"""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Response, status

from app.api.deps import ApiActor
from app.api.errors import ERROR_RESPONSES, DutchValidationRoute
from app.domain.plans import consent, pdf, service
from app.domain.plans import schemas as s
from app.web.deps import DbSession

router = APIRouter(
    tags=["Eén plan / Household plan"], route_class=DutchValidationRoute, responses={401: ERROR_RESPONSES[401]}
)

Id = Annotated[int, Path(ge=1, le=2**31 - 1)]
_READ = {404: ERROR_RESPONSES[404], 403: ERROR_RESPONSES[403]}
_WRITE = {**_READ, 409: ERROR_RESPONSES[409], 422: ERROR_RESPONSES[422]}
HH = "/huishoudens/{huishouden_id}"


@router.get(HH + "/plan", response_model=s.PlanRead | None, responses=_READ, summary="Plan lezen / Read the plan")
def get_plan(session: DbSession, actor: ApiActor, huishouden_id: Id) -> s.PlanRead | None:
    return service.get_plan(session, actor, huishouden_id=huishouden_id)


@router.post(HH + "/plan", response_model=s.PlanRead, status_code=201, responses=_WRITE, summary="Plan starten / Start")
def start_plan(session: DbSession, actor: ApiActor, huishouden_id: Id, data: s.PlanCreate) -> s.PlanRead:
    return service.start_plan(session, actor, huishouden_id=huishouden_id, data=data)


@router.put(HH + "/plan", response_model=s.PlanRead, responses=_WRITE, summary="Plan bewerken / Edit the plan")
def update_plan(session: DbSession, actor: ApiActor, huishouden_id: Id, data: s.PlanUpdate) -> s.PlanRead:
    return service.update_plan(session, actor, huishouden_id=huishouden_id, data=data)


@router.post(
    HH + "/plan/doelen", response_model=s.DoelRead, status_code=201, responses=_WRITE, summary="Doel toevoegen"
)
def add_doel(session: DbSession, actor: ApiActor, huishouden_id: Id, data: s.DoelIn) -> s.DoelRead:
    return service.add_doel(session, actor, huishouden_id=huishouden_id, data=data)


@router.put(HH + "/plan/doelen/{doel_id}", response_model=s.DoelRead, responses=_WRITE, summary="Doel bewerken")
def update_doel(session: DbSession, actor: ApiActor, huishouden_id: Id, doel_id: Id, data: s.DoelUpdate) -> s.DoelRead:
    return service.update_doel(session, actor, huishouden_id=huishouden_id, doel_id=doel_id, data=data)


@router.post(
    HH + "/plan/doelen/{doel_id}/acties",
    response_model=s.ActieRead,
    status_code=201,
    responses=_WRITE,
    summary="Actie toevoegen",
)
def add_actie(session: DbSession, actor: ApiActor, huishouden_id: Id, doel_id: Id, data: s.ActieIn) -> s.ActieRead:
    return service.add_actie(session, actor, huishouden_id=huishouden_id, doel_id=doel_id, data=data)


@router.put(HH + "/plan/acties/{actie_id}", response_model=s.ActieRead, responses=_WRITE, summary="Actie bewerken")
def update_actie(
    session: DbSession, actor: ApiActor, huishouden_id: Id, actie_id: Id, data: s.ActieUpdate
) -> s.ActieRead:
    return service.update_actie(session, actor, huishouden_id=huishouden_id, actie_id=actie_id, data=data)


@router.post(
    HH + "/plan/vaststellen", response_model=s.PlanVersieRead, status_code=201, responses=_WRITE, summary="Vaststellen"
)
def vaststellen(session: DbSession, actor: ApiActor, huishouden_id: Id, data: s.Vaststellen) -> s.PlanVersieRead:
    return service.vaststellen(session, actor, huishouden_id=huishouden_id, data=data)


@router.post(HH + "/plan/afsluiten", status_code=204, responses=_WRITE, summary="Plan afsluiten")
def afsluiten(session: DbSession, actor: ApiActor, huishouden_id: Id, data: s.Afsluiten) -> Response:
    service.afsluiten(session, actor, huishouden_id=huishouden_id, data=data)
    return Response(status_code=204)


@router.post(HH + "/plan/heropenen", status_code=204, responses=_WRITE, summary="Plan heropenen")
def heropenen(session: DbSession, actor: ApiActor, huishouden_id: Id, data: s.Bijstellen) -> Response:
    service.heropenen(session, actor, huishouden_id=huishouden_id, data=data)
    return Response(status_code=204)


@router.get(HH + "/plan/versies/{versienummer}", responses=_READ, summary="Versie vergelijken / Compare a version")
def compare(session: DbSession, actor: ApiActor, huishouden_id: Id, versienummer: Id) -> dict[str, Any]:
    cmp = service.compare_versions(session, actor, huishouden_id=huishouden_id, versienummer=versienummer)
    return {
        "versienummer": cmp["versie"].versienummer,
        "vorige": cmp["vorige"].versienummer if cmp["vorige"] else None,
        "verschillen": cmp["rijen"],
        "snapshot": cmp["snapshot"],
    }


@router.get(
    HH + "/plan/pdf",
    responses={**_READ, 200: {"content": {"application/pdf": {}}}},
    summary="Plan als pdf",
    name="api_plan_pdf",
)
def plan_pdf(session: DbSession, actor: ApiActor, huishouden_id: Id) -> Response:
    return Response(pdf.plan_pdf(session, actor, huishouden_id=huishouden_id), media_type="application/pdf")


@router.post(
    HH + "/plan/evaluaties", response_model=s.EvaluatieRead, status_code=201, responses=_WRITE, summary="Evaluatie"
)
def add_evaluatie(session: DbSession, actor: ApiActor, huishouden_id: Id, data: s.EvaluatieIn) -> s.EvaluatieRead:
    return service.add_evaluatie(session, actor, huishouden_id=huishouden_id, data=data)


@router.get(HH + "/regie", response_model=list[s.RegieRead], responses=_READ, summary="Regie-afspraken")
def list_regie(session: DbSession, actor: ApiActor, huishouden_id: Id) -> list[s.RegieRead]:
    return service.list_regie(session, actor, huishouden_id=huishouden_id)


@router.post(HH + "/regie", response_model=s.RegieRead, status_code=201, responses=_WRITE, summary="Regie-afspraak")
def create_regie(session: DbSession, actor: ApiActor, huishouden_id: Id, data: s.RegieIn) -> s.RegieRead:
    return service.create_regie(session, actor, huishouden_id=huishouden_id, data=data)


@router.post(
    HH + "/regie/{regie_id}/beeindigen", response_model=s.RegieRead, responses=_WRITE, summary="Regie beëindigen"
)
def end_regie(session: DbSession, actor: ApiActor, huishouden_id: Id, regie_id: Id, data: s.RegieEnd) -> s.RegieRead:
    return service.end_regie(session, actor, huishouden_id=huishouden_id, regie_id=regie_id, data=data)


@router.get(HH + "/schaal", response_model=s.SchaalOverzicht, responses=_READ, summary="Schaalniveau en suggestie")
def schaal(session: DbSession, actor: ApiActor, huishouden_id: Id) -> s.SchaalOverzicht:
    return service.schaal_overzicht(session, actor, huishouden_id=huishouden_id)


@router.post(
    HH + "/schaalbesluiten",
    response_model=s.SchaalbesluitRead,
    status_code=201,
    responses=_WRITE,
    summary="Schaalbesluit",
)
def create_schaalbesluit(
    session: DbSession, actor: ApiActor, huishouden_id: Id, data: s.SchaalbesluitIn
) -> s.SchaalbesluitRead:
    return service.create_schaalbesluit(session, actor, huishouden_id=huishouden_id, data=data)


@router.get("/schaalbesluiten/wachtend", response_model=list[s.SchaalbesluitRead], summary="Niveau 5 ter goedkeuring")
def pending(session: DbSession, actor: ApiActor) -> list[s.SchaalbesluitRead]:
    return service.pending_schaalbesluiten(session, actor)


@router.post(
    "/schaalbesluiten/{besluit_id}/goedkeuren",
    response_model=s.SchaalbesluitRead,
    responses=_WRITE,
    summary="Goedkeuren",
)
def approve(
    session: DbSession, actor: ApiActor, besluit_id: Id, data: s.SchaalbesluitBeoordeling
) -> s.SchaalbesluitRead:
    return service.approve_schaalbesluit(session, actor, besluit_id=besluit_id, data=data)


@router.post(
    "/schaalbesluiten/{besluit_id}/afwijzen", response_model=s.SchaalbesluitRead, responses=_WRITE, summary="Afwijzen"
)
def reject(
    session: DbSession, actor: ApiActor, besluit_id: Id, data: s.SchaalbesluitBeoordeling
) -> s.SchaalbesluitRead:
    return service.reject_schaalbesluit(session, actor, besluit_id=besluit_id, data=data)


@router.get(HH + "/overgangen18", response_model=list[s.Overgang18Read], responses=_READ, summary="Overgangen 18-/18+")
def list_overgangen(session: DbSession, actor: ApiActor, huishouden_id: Id) -> list[s.Overgang18Read]:
    return service.list_overgangen(session, actor, huishouden_id=huishouden_id)


@router.post(
    HH + "/overgangen18", response_model=s.Overgang18Read, status_code=201, responses=_WRITE, summary="Overgang 18-/18+"
)
def add_overgang(session: DbSession, actor: ApiActor, huishouden_id: Id, data: s.Overgang18In) -> s.Overgang18Read:
    return service.add_overgang(session, actor, huishouden_id=huishouden_id, data=data)


@router.get(HH + "/toestemmingen", response_model=list[s.ToestemmingRead], responses=_READ, summary="Toestemmingen")
def list_toestemmingen(session: DbSession, actor: ApiActor, huishouden_id: Id) -> list[s.ToestemmingRead]:
    return consent.list_toestemmingen(session, actor, huishouden_id=huishouden_id)


@router.post(
    HH + "/toestemmingen", response_model=s.ToestemmingRead, status_code=201, responses=_WRITE, summary="Toestemming"
)
def create_toestemming(
    session: DbSession, actor: ApiActor, huishouden_id: Id, data: s.ToestemmingIn
) -> s.ToestemmingRead:
    return consent.create_toestemming(session, actor, huishouden_id=huishouden_id, data=data)


@router.post(
    HH + "/toestemmingen/{toestemming_id}/intrekken",
    response_model=s.ToestemmingRead,
    responses=_WRITE,
    summary="Toestemming intrekken",
)
def revoke_toestemming(
    session: DbSession, actor: ApiActor, huishouden_id: Id, toestemming_id: Id, data: s.ToestemmingIntrekken
) -> s.ToestemmingRead:
    return consent.revoke_toestemming(
        session, actor, huishouden_id=huishouden_id, toestemming_id=toestemming_id, data=data
    )


@router.get("/gedeeld", response_model=list[s.GedeeldHuishouden], summary="Gedeelde huishoudens (cliëntondersteuner)")
def shared_households(session: DbSession, actor: ApiActor) -> list[s.GedeeldHuishouden]:
    return consent.shared_households(session, actor)


@router.get(
    "/gedeeld/{huishouden_id}/plan", response_model=s.GedeeldPlan | None, responses=_READ, summary="Gedeeld plan"
)
def shared_plan(session: DbSession, actor: ApiActor, huishouden_id: Id) -> s.GedeeldPlan | None:
    return consent.shared_plan(session, actor, huishouden_id=huishouden_id)


@router.get(
    "/gedeeld/{huishouden_id}/verslag",
    response_model=s.GedeeldVerslag | None,
    responses=_READ,
    summary="Gedeeld verslag",
)
def shared_verslag(session: DbSession, actor: ApiActor, huishouden_id: Id) -> s.GedeeldVerslag | None:
    return consent.shared_verslag(session, actor, huishouden_id=huishouden_id)


@router.post(
    "/gedeeld/{huishouden_id}/reacties",
    response_model=s.ReactieRead,
    status_code=status.HTTP_201_CREATED,
    responses=_WRITE,
    summary="Reactie namens het huishouden",
)
def add_reaction(session: DbSession, actor: ApiActor, huishouden_id: Id, data: s.ReactieIn) -> s.ReactieRead:
    return consent.add_reaction(session, actor, huishouden_id=huishouden_id, data=data)
