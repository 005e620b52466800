"""DESIGN §7 as a matrix: every household service operation × role × relation, expected allow or deny.

The expectation is written out below by hand, from the design's table, and never derived from
`authz.MATRIX`: otherwise a wrong matrix would agree with itself. A denial must raise (404 when the
actor may not even read, 403 when it may read but not do this) and leave an `access_denied` event;
for list and search a denial means the household is simply not among the results.

One world (users, teams, households) is built once for the module; every case runs in a savepoint
that is rolled back, so cases cannot influence each other.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app import clock
from app.domain import audit
from app.domain.actor import Actor
from app.domain.audit.models import AuditEvent
from app.domain.errors import NotAllowed, NotFound
from app.domain.households import schemas as s
from app.domain.households import service
from app.domain.households.models import BreakTheGlass, Huishouden, Lidmaatschap, Netwerklid
from tests.factories import World, valid_bsn

ROLES = (
    "toegangsmedewerker",
    "regisseur",
    "supervisor",
    "clientondersteuner+toestemming",
    "clientondersteuner",
    "beheerder",
    "auditor",
)
RELATIONS = ("eigen", "team", "ander", "ander+btg")
OPS = (
    "zoektreffer",
    "lijst",
    "dossier",
    "dossier_audit",
    "huishouden_wijzigen",
    "persoon_wijzigen",
    "lid_toevoegen",
    "lid_beeindigen",
    "netwerklid_toevoegen",
    "netwerklid_wijzigen",
    "break_the_glass",
)

Y, N = True, False
# Columns: the OPS above, in order. Rows per role: the four relations.
#            zoek lijst doss audit hh   pers lid+ lid- net+ net~ btg
_CASEWORK = {
    "eigen": (Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y),
    "team": (Y, Y, N, N, N, N, N, N, N, N, Y),  # list entry, not content
    "ander": (Y, N, N, N, N, N, N, N, N, N, Y),  # search hit only; break-the-glass with reason
    "ander+btg": (Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y),
}
EXPECTED: dict[str, dict[str, tuple[bool, ...]]] = {
    "toegangsmedewerker": _CASEWORK,
    "regisseur": _CASEWORK,
    "supervisor": {  # read + approve (+ reassign in the team); never writes casework
        "eigen": (Y, Y, Y, Y, N, N, N, N, N, N, Y),
        "team": (Y, Y, Y, Y, N, N, N, N, N, N, Y),
        "ander": (Y, N, N, N, N, N, N, N, N, N, Y),
        "ander+btg": (Y, Y, Y, Y, N, N, N, N, N, N, Y),
    },
    # Only plan + verslag with consent (those views come with the plans); the list entry leads there.
    "clientondersteuner+toestemming": {rel: (Y, Y, N, N, N, N, N, N, N, N, N) for rel in RELATIONS},
    "clientondersteuner": {rel: (N,) * 11 for rel in RELATIONS},
    "beheerder": {rel: (N,) * 11 for rel in RELATIONS},  # sees no case content at all
    "auditor": {rel: (Y, Y, Y, Y, N, N, N, N, N, N, N) for rel in RELATIONS},  # read-only, everywhere
}


@dataclass
class Scene:
    world: World
    actors: dict[str, Actor]
    households: dict[str, Huishouden]
    bsn: dict[str, str]
    extra_lid: dict[str, int]
    netwerklid: dict[str, int]


@pytest.fixture(scope="module")
def scene(engine: Engine) -> Iterator[tuple[Session, Scene]]:
    conn = engine.connect()
    outer = conn.begin()
    db = Session(bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False)
    try:
        world = World(db)
        mijn_team, ander_team = world.team("Matrix eigen team"), world.team("Matrix ander team")
        owner = world.user("toegangsmedewerker", teams=[ander_team])
        users = {}
        for role in ROLES:
            users[role] = world.user(role.split("+")[0], teams=[mijn_team])
        households, bsn, extra_lid, netwerklid = {}, {}, {}, {}
        for i, rel in enumerate(RELATIONS):
            bsn[rel] = valid_bsn(80_000 + i)
            team = mijn_team if rel == "team" else ander_team
            hh = world.household(owner, team=team, bsn=bsn[rel], achternaam=f"Matrix{rel}")
            households[rel] = hh
            oa = world.actor(owner)
            lid = service.add_member(
                db,
                oa,
                huishouden_id=hh.id,
                data=s.LidmaatschapCreate(
                    persoon=s.PersoonCreate(voornamen="Kind", achternaam=f"Matrix{rel}"),
                    relatie="kind",
                    begindatum=date(2015, 1, 1),
                ),
            )
            extra_lid[rel] = lid.id
            netwerklid[rel] = service.add_network_member(
                db, oa, huishouden_id=hh.id, data=s.NetwerklidIn(naam="Buurman", relatie="buur")
            ).id
        for role, u in users.items():
            world.involve(households["eigen"], u, "behandelaar")
            # Break-the-glass as a fact in the data: also for roles that may not open one themselves,
            # to prove that a stray row grants them nothing.
            now = clock.now()
            db.add(
                BreakTheGlass(
                    gebruiker_id=u.id,
                    huishouden_id=households["ander+btg"].id,
                    reden="Matrix: waarneming tijdens ziekte",
                    created_at=now,
                    expires_at=now + service.BTG_DURATION,
                )
            )
            if role == "clientondersteuner+toestemming":
                for hh in households.values():
                    world.consent(hh, u)
        db.flush()
        actors = {role: world.actor(u) for role, u in users.items()}
        yield db, Scene(world, actors, households, bsn, extra_lid, netwerklid)
    finally:
        db.close()
        outer.rollback()
        conn.close()


def _hh_update(db: Session, hh: Huishouden) -> s.HuishoudenUpdate:
    return s.HuishoudenUpdate(
        naam=hh.naam,
        straat="Nieuwe straat",
        huisnummer=hh.huisnummer,
        postcode=hh.postcode,
        woonplaats=hh.woonplaats,
        gemeente_id=hh.gemeente_id,
        team_id=hh.team_id,
        version=hh.version,
    )


def _aanvrager_id(db: Session, hh: Huishouden) -> int:
    return db.scalar(
        select(Lidmaatschap.persoon_id).where(Lidmaatschap.huishouden_id == hh.id, Lidmaatschap.relatie == "aanvrager")
    )


def _run(op: str, db: Session, actor: Actor, sc: Scene, rel: str) -> bool:
    """Perform one operation; True when it was allowed, False when denied. Other errors fail the test."""
    hh = sc.households[rel]
    if op == "zoektreffer":
        try:
            hits = service.search(db, actor, opdracht=s.ZoekOpdracht(bsn=sc.bsn[rel]))
        except NotAllowed:  # a role that may not search at all (beheer)
            return False
        return hh.id in [h.id for h in hits]
    if op == "lijst":
        return hh.id in [h.id for h in service.my_households(db, actor)]
    calls: dict[str, Callable[[], object]] = {
        "dossier": lambda: service.get_dossier(db, actor, huishouden_id=hh.id),
        "dossier_audit": lambda: service.dossier_audit(db, actor, huishouden_id=hh.id),
        "huishouden_wijzigen": lambda: service.update_household(
            db, actor, huishouden_id=hh.id, data=_hh_update(db, hh)
        ),
        "persoon_wijzigen": lambda: service.update_persoon(
            db,
            actor,
            huishouden_id=hh.id,
            persoon_id=_aanvrager_id(db, hh),
            data=s.PersoonUpdate(voornamen="Gewijzigd", achternaam="Matrix", bsn=sc.bsn[rel], version=1),
        ),
        "lid_toevoegen": lambda: service.add_member(
            db,
            actor,
            huishouden_id=hh.id,
            data=s.LidmaatschapCreate(
                persoon=s.PersoonCreate(voornamen="Nieuw", achternaam="Lid"),
                relatie="overig",
                begindatum=date(2024, 1, 1),
            ),
        ),
        "lid_beeindigen": lambda: service.end_member(
            db,
            actor,
            huishouden_id=hh.id,
            lidmaatschap_id=sc.extra_lid[rel],
            data=s.LidmaatschapEnd(einddatum=date(2024, 6, 30), version=1),
        ),
        "netwerklid_toevoegen": lambda: service.add_network_member(
            db, actor, huishouden_id=hh.id, data=s.NetwerklidIn(naam="Tante Mien", relatie="familie")
        ),
        "netwerklid_wijzigen": lambda: service.update_network_member(
            db,
            actor,
            huishouden_id=hh.id,
            netwerklid_id=sc.netwerklid[rel],
            data=s.NetwerklidUpdate(naam="Buurman Jan", relatie="buur", version=1),
        ),
        "break_the_glass": lambda: service.break_the_glass(
            db, actor, huishouden_id=hh.id, reden="Spoedvraag van de huisarts, collega afwezig"
        ),
    }
    try:
        calls[op]()
    except (NotFound, NotAllowed):
        return False
    return True


CASES = [(role, rel, op) for role in ROLES for rel in RELATIONS for op in OPS]


class TestAuthorizationMatrix:
    @pytest.mark.parametrize(("role", "rel", "op"), CASES, ids=[f"{r}-{rel}-{op}" for r, rel, op in CASES])
    def test_role_relation_operation(self, scene, role: str, rel: str, op: str) -> None:
        db, sc = scene
        actor = sc.actors[role]
        expected = EXPECTED[role][rel][OPS.index(op)]
        nested = db.begin_nested()
        try:
            last = db.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1)) or 0
            got = _run(op, db, actor, sc, rel)
            audit.flush_deferred(db)
            events = db.scalars(
                select(AuditEvent).where(AuditEvent.id > last, AuditEvent.actor_id == actor.gebruiker_id)
            ).all()
            denials = [e for e in events if e.action == "access_denied"]
            assert got is expected, f"{role} / {rel} / {op}: expected {'allow' if expected else 'deny'}"
            if expected:
                assert not denials
                if op not in ("lijst",):  # reading the list of one's own households is not an event
                    assert events, f"{op} left no audit event"
            elif op not in ("zoektreffer", "lijst"):
                assert denials, f"denied {op} left no access_denied event"
                assert denials[0].huishouden_id == sc.households[rel].id
        finally:
            db.info.pop("deferred_audit", None)
            if nested.is_active:
                nested.rollback()
            db.expire_all()

    def test_the_table_covers_every_role_and_relation(self) -> None:
        assert set(EXPECTED) == set(ROLES)
        for role in ROLES:
            assert set(EXPECTED[role]) == set(RELATIONS)
            assert all(len(row) == len(OPS) for row in EXPECTED[role].values())


class TestDenialAnswers:
    """Which error a denial raises: 404 hides existence; 403 only where the actor may read anyway."""

    @pytest.mark.parametrize(
        ("role", "rel", "error"),
        [
            ("toegangsmedewerker", "team", NotFound),
            ("toegangsmedewerker", "ander", NotFound),
            ("supervisor", "eigen", NotAllowed),
            ("auditor", "ander", NotAllowed),
            ("clientondersteuner", "eigen", NotFound),
            ("beheerder", "team", NotFound),
        ],
    )
    def test_write_denial_error(self, scene, role: str, rel: str, error: type) -> None:
        db, sc = scene
        hh = sc.households[rel]
        nested = db.begin_nested()
        try:
            with pytest.raises(error):
                service.add_network_member(
                    db, sc.actors[role], huishouden_id=hh.id, data=s.NetwerklidIn(naam="X", relatie="buur")
                )
            assert db.scalar(select(Netwerklid.id).where(Netwerklid.naam == "X")) is None
        finally:
            db.info.pop("deferred_audit", None)
            if nested.is_active:
                nested.rollback()

    def test_beheerder_search_is_refused_and_audited(self, scene) -> None:
        db, sc = scene
        nested = db.begin_nested()
        try:
            with pytest.raises(NotAllowed):
                service.search(db, sc.actors["beheerder"], opdracht=s.ZoekOpdracht(q="Matrix"))
            audit.flush_deferred(db)
            assert db.scalar(
                select(AuditEvent).where(
                    AuditEvent.action == "access_denied", AuditEvent.actor_id == sc.actors["beheerder"].gebruiker_id
                )
            )
        finally:
            db.info.pop("deferred_audit", None)
            if nested.is_active:
                nested.rollback()

    def test_read_in_break_the_glass_is_logged_as_such(self, scene) -> None:
        db, sc = scene
        actor = sc.actors["toegangsmedewerker"]
        nested = db.begin_nested()
        try:
            service.get_dossier(db, actor, huishouden_id=sc.households["ander+btg"].id)
            ev = db.scalar(
                select(AuditEvent)
                .where(AuditEvent.action == "view", AuditEvent.actor_id == actor.gebruiker_id)
                .order_by(AuditEvent.id.desc())
                .limit(1)
            )
            assert ev.reason == "break-the-glass" and ev.huishouden_id == sc.households["ander+btg"].id
        finally:
            if nested.is_active:
                nested.rollback()
