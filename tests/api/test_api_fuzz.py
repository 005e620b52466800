"""Fuzz the JSON API from its own OpenAPI document: whatever arrives, the answer is never a 5xx.

Schemathesis generates valid and invalid requests for every operation (deterministic, bounded).
Requests carry a valid token of a toegangsmedewerker and are aimed at a household that exists and
is theirs, so bodies reach the services (validation, authorization, versions) instead of stopping
at a 404. Everything is rolled back: per request a savepoint, per operation another.
"""

from collections.abc import Iterator
from datetime import date

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.db import get_session
from app.domain.households import schemas as hs
from app.domain.households import service as hsvc
from app.domain.organisation.auth import actor_for, create_token
from app.main import app
from tests.conftest import savepoint_session
from tests.factories import World

schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], deterministic=True)
OWN_TAGS = ["Huishoudens / Households", "Account"]
# This endpoints get the full budget; the rest of the API a smaller one, so the whole
# document is fuzzed on every run without the suite growing by minutes.
households = schema.include(tag=OWN_TAGS)
rest_of_api = schema.exclude(tag=OWN_TAGS)

SENT: list[int] = []


@pytest.fixture(scope="module")
def fuzz_world(engine: Engine) -> Iterator[tuple[dict[str, str], dict[str, int], Session]]:
    """One actor with one household for the whole module; each request in a savepoint, like production."""
    conn = engine.connect()
    outer = conn.begin()
    db = Session(bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False)
    world = World(db)
    team = world.team("Fuzz team")
    u = world.user("toegangsmedewerker", teams=[team])
    hh = world.household(u, team=team)
    actor = world.actor(u)
    lid = hsvc.add_member(
        db,
        actor,
        huishouden_id=hh.id,
        data=hs.LidmaatschapCreate(
            persoon=hs.PersoonCreate(voornamen="Kim", achternaam="Fuzz"), relatie="kind", begindatum=date(2020, 1, 1)
        ),
    )
    n = hsvc.add_network_member(db, actor, huishouden_id=hh.id, data=hs.NetwerklidIn(naam="Buur", relatie="buur"))
    token, _ = create_token(db, actor_for(u), naam="fuzz", geldig_dagen=1)
    ids = {"huishouden_id": hh.id, "persoon_id": lid.persoon.id, "lidmaatschap_id": lid.id, "netwerklid_id": n.id}

    app.dependency_overrides[get_session] = savepoint_session(db)
    try:
        yield {"Authorization": f"Bearer {token}"}, ids, db
    finally:
        app.dependency_overrides.pop(get_session, None)
        db.close()
        outer.rollback()
        conn.close()


@pytest.fixture()
def fuzz_target(fuzz_world):  # type: ignore[no-untyped-def]
    """Per operation: whatever its examples wrote is rolled back afterwards."""
    headers, ids, db = fuzz_world
    per_operation = db.begin_nested()
    try:
        yield headers, ids
    finally:
        db.info.pop("deferred_audit", None)
        if per_operation.is_active:
            per_operation.rollback()
        db.expire_all()


def _fuzz(case, fuzz_target) -> None:  # type: ignore[no-untyped-def]
    headers, ids = fuzz_target
    params = case.path_parameters or {}
    # The household always exists and is the actor's; sub-ids are real half of the time.
    if "huishouden_id" in params:
        params["huishouden_id"] = ids["huishouden_id"]
    for key in ("persoon_id", "lidmaatschap_id", "netwerklid_id"):
        if key in params and isinstance(params[key], int) and params[key] % 2 == 0:
            params[key] = ids[key]
    response = case.call(headers=headers)
    SENT.append(response.status_code)
    case.validate_response(response, checks=[not_a_server_error])
    assert response.status_code < 500


_SETTINGS = {"derandomize": True, "database": None, "deadline": None, "suppress_health_check": list(HealthCheck)}


@households.parametrize()
@settings(max_examples=25, **_SETTINGS)
def test_households_api_never_answers_5xx(case, fuzz_target) -> None:  # type: ignore[no-untyped-def]
    _fuzz(case, fuzz_target)


@rest_of_api.parametrize()
@settings(max_examples=4, **_SETTINGS)
def test_rest_of_api_never_answers_5xx(case, fuzz_target) -> None:  # type: ignore[no-untyped-def]
    _fuzz(case, fuzz_target)


def test_the_fuzzer_really_sent_requests() -> None:
    """Runs after the fuzz cases in this module: proves they were not silently skipped."""
    assert len(SENT) >= 12 * 10, len(SENT)
    assert any(200 <= c < 300 for c in SENT) and any(c == 422 for c in SENT)
