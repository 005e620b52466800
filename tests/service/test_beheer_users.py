"""Users and teams (functioneel beheer): validation, optimistic locking, audit, only the beheerder."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from app import clock
from app.domain.audit.models import AuditEvent
from app.domain.errors import Conflict, NotAllowed, NotFound, ValidationError
from app.domain.organisation import schemas as s
from app.domain.organisation import service as org
from app.domain.organisation.models import Gebruiker
from app.domain.organisation.security import verify_password


def _last_event(db, object_type: str) -> AuditEvent:
    return db.scalars(
        select(AuditEvent).where(AuditEvent.object_type == object_type).order_by(AuditEvent.id.desc()).limit(1)
    ).one()


def _new(username: str = "nieuw.collega", **kw) -> s.GebruikerCreate:
    base = dict(
        username=username, naam="Nieuwe Collega", rollen=["toegangsmedewerker"], wachtwoord="een-goed-wachtwoord"
    )
    return s.GebruikerCreate(**{**base, **kw})


def _update(read: s.GebruikerRead, **kw) -> s.GebruikerUpdate:
    base = dict(
        naam=read.naam,
        email=read.email,
        organisatie=read.organisatie,
        rollen=read.rollen,
        team_ids=read.team_ids,
        gemeente_ids=read.gemeente_ids,
        actief=read.actief,
        version=read.version,
    )
    return s.GebruikerUpdate(**{**base, **kw})


@pytest.fixture()
def beheer(world):
    return world.actor(world.user("beheerder"))


class TestCreateUser:
    def test_beheerder_creates_user_audited_without_password(self, db, world, beheer) -> None:
        team = world.team()
        u = org.create_user(db, beheer, data=_new(team_ids=[team.id], gemeente_ids=[world.gemeente.id]))
        assert u.teams == [team.naam] and u.gemeenten == ["Roermond"] and u.actief and not u.locked
        ev = _last_event(db, "gebruiker")
        assert ev.action == "create" and ev.object_id == str(u.id) and ev.purpose == "Functioneel beheer"
        assert ev.changes["rollen"] == [None, ["toegangsmedewerker"]]
        assert "wachtwoord" not in str(ev.changes) and "password" not in str(ev.changes)

    @pytest.mark.parametrize("rol", ["toegangsmedewerker", "regisseur", "supervisor", "auditor", "clientondersteuner"])
    def test_only_beheerder_manages_users(self, db, world, rol) -> None:
        actor = world.actor(world.user(rol))
        with pytest.raises(NotAllowed):
            org.create_user(db, actor, data=_new())
        with pytest.raises(NotAllowed):
            org.list_users(db, actor)
        with pytest.raises(NotAllowed):
            org.list_teams(db, actor)
        with pytest.raises(NotAllowed):
            org.create_team(db, actor, data=s.TeamIn(naam="X"))

    def test_duplicate_username_and_unknown_team_are_refused(self, db, beheer) -> None:
        org.create_user(db, beheer, data=_new())
        with pytest.raises(ValidationError) as exc:
            org.create_user(db, beheer, data=_new())
        assert exc.value.errors == {"username": "Deze gebruikersnaam bestaat al."}
        with pytest.raises(ValidationError) as exc:
            org.create_user(db, beheer, data=_new("ander", team_ids=[987_654], gemeente_ids=[987_654]))
        assert set(exc.value.errors) == {"team_ids", "gemeente_ids"}
        assert db.scalar(select(Gebruiker.id).where(Gebruiker.username == "ander")) is None


class TestUpdateUser:
    def test_roles_and_teams_change_is_audited_and_bumps_version(self, db, world, beheer) -> None:
        team = world.team()
        u = org.create_user(db, beheer, data=_new())
        out = org.update_user(
            db,
            beheer,
            gebruiker_id=u.id,
            data=_update(u, rollen=["regisseur", "toegangsmedewerker"], team_ids=[team.id]),
        )
        assert out.rollen == ["regisseur", "toegangsmedewerker"] and out.version == u.version + 1
        ev = _last_event(db, "gebruiker")
        assert ev.action == "update"
        assert ev.changes == {
            "rollen": [["toegangsmedewerker"], ["regisseur", "toegangsmedewerker"]],
            "teams": [[], [team.naam]],
        }

    def test_stale_version_is_a_conflict_also_for_roles_only(self, db, beheer) -> None:
        u = org.create_user(db, beheer, data=_new())
        org.update_user(db, beheer, gebruiker_id=u.id, data=_update(u, rollen=["regisseur"]))
        with pytest.raises(Conflict):
            org.update_user(db, beheer, gebruiker_id=u.id, data=_update(u, rollen=["auditor"]))
        assert org.get_user(db, beheer, gebruiker_id=u.id).rollen == ["regisseur"]

    def test_beheerder_cannot_switch_off_own_account(self, db, beheer) -> None:
        me = org.get_user(db, beheer, gebruiker_id=beheer.gebruiker_id)
        with pytest.raises(ValidationError) as exc:
            org.update_user(db, beheer, gebruiker_id=me.id, data=_update(me, rollen=["auditor"]))
        assert "eigen" in exc.value.errors["rollen"]
        with pytest.raises(ValidationError):
            org.update_user(db, beheer, gebruiker_id=me.id, data=_update(me, actief=False))

    def test_deactivate_user(self, db, beheer) -> None:
        u = org.create_user(db, beheer, data=_new())
        out = org.update_user(db, beheer, gebruiker_id=u.id, data=_update(u, actief=False))
        assert not out.actief
        assert _last_event(db, "gebruiker").changes == {"actief": [True, False]}

    def test_unknown_user_is_not_found(self, db, beheer) -> None:
        with pytest.raises(NotFound):
            org.get_user(db, beheer, gebruiker_id=987_654)


class TestPasswordAndLock:
    def test_reset_password_clears_lock_and_is_audited_masked(self, db, world, beheer) -> None:
        u = world.user("toegangsmedewerker")
        u.locked_until = clock.now() + timedelta(minutes=10)
        db.flush()
        org.reset_password(db, beheer, gebruiker_id=u.id, data=s.WachtwoordReset(wachtwoord="nog-een-goed-wachtwoord"))
        db.refresh(u)
        assert u.locked_until is None and verify_password("nog-een-goed-wachtwoord", u.password_hash)
        ev = _last_event(db, "gebruiker")
        assert ev.changes == {"wachtwoord": ["***", "*** (opnieuw ingesteld)"]}

    def test_unlock_user_is_audited(self, db, world, beheer) -> None:
        u = world.user("toegangsmedewerker")
        u.locked_until = clock.now() + timedelta(minutes=10)
        db.flush()
        assert org.get_user(db, beheer, gebruiker_id=u.id).locked
        out = org.unlock_user(db, beheer, gebruiker_id=u.id)
        assert not out.locked
        ev = _last_event(db, "gebruiker")
        assert ev.action == "update" and ev.reason == "account gedeblokkeerd" and ev.purpose == "Functioneel beheer"

    def test_unlock_of_unlocked_account_writes_nothing(self, db, world, beheer) -> None:
        u = world.user("toegangsmedewerker")
        before = db.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1))
        org.unlock_user(db, beheer, gebruiker_id=u.id)
        assert db.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1)) == before

    def test_only_beheerder_unlocks(self, db, world) -> None:
        u = world.user("toegangsmedewerker")
        with pytest.raises(NotAllowed):
            org.unlock_user(db, world.actor(world.user("supervisor")), gebruiker_id=u.id)


class TestTeams:
    def test_create_and_update_team_audited(self, db, world, beheer) -> None:
        t = org.create_team(db, beheer, data=s.TeamIn(naam="Wijkteam Swalmen", gemeente_id=world.gemeente.id))
        assert _last_event(db, "team").action == "create"
        out = org.update_team(
            db,
            beheer,
            team_id=t.id,
            data=s.TeamUpdate(naam="Wijkteam Swalmen-Asselt", gemeente_id=None, actief=True, version=t.version),
        )
        assert out.gemeente is None
        ev = _last_event(db, "team")
        assert ev.action == "update" and ev.changes["naam"] == ["Wijkteam Swalmen", "Wijkteam Swalmen-Asselt"]
        assert org.get_team(db, beheer, team_id=t.id).naam == "Wijkteam Swalmen-Asselt"

    def test_team_validation(self, db, world, beheer) -> None:
        t = org.create_team(db, beheer, data=s.TeamIn(naam="A"))
        org.create_team(db, beheer, data=s.TeamIn(naam="B"))
        with pytest.raises(ValidationError) as exc:
            org.create_team(db, beheer, data=s.TeamIn(naam="A"))
        assert "naam" in exc.value.errors
        with pytest.raises(ValidationError) as exc:
            org.update_team(db, beheer, team_id=t.id, data=s.TeamUpdate(naam="B", version=t.version))
        assert "naam" in exc.value.errors
        with pytest.raises(ValidationError) as exc:
            org.update_team(
                db, beheer, team_id=t.id, data=s.TeamUpdate(naam="A", gemeente_id=987_654, version=t.version)
            )
        assert "gemeente_id" in exc.value.errors
        with pytest.raises(Conflict):
            org.update_team(db, beheer, team_id=t.id, data=s.TeamUpdate(naam="C", version=t.version + 5))
