"""Separation of duties and revocation (issue 9, holes 2, 4 and 7).

- No one changes their own roles; beheer never goes together with a casework role; role changes are
  audited with old and new values.
- No one approves their own beschikking, also when holding both roles; the author is recorded.
- A password reset, a role change or a deactivation revokes the user's API tokens and web sessions;
  the forced password change cannot be skipped through a token.
"""

import pytest
from sqlalchemy import select

from app.domain.audit.models import AuditEvent
from app.domain.errors import NotAllowed, ValidationError
from app.domain.organisation import schemas as os_
from app.domain.organisation import service as org
from app.domain.organisation.auth import create_token, resolve_session, resolve_token, start_session
from app.domain.organisation.models import ApiToken, Sessie
from app.domain.supervision import approvals
from app.domain.toegang import service as svc
from tests.service.test_toegang_support import beschikking, catalogus, freeze, to_aanvraag, voorziening

API = "/api/v1"


def _update(u, **kw) -> os_.GebruikerUpdate:  # type: ignore[no-untyped-def]
    data = {
        "naam": u.naam,
        "rollen": list(u.rollen),
        "team_ids": [t.id for t in u.teams],
        "gemeente_ids": [g.id for g in u.gemeenten],
        "actief": u.actief,
        "version": u.version,
    }
    data.update(kw)
    return os_.GebruikerUpdate.model_validate(data)


def _last_user_event(db, user_id: int) -> AuditEvent:  # type: ignore[no-untyped-def]
    return db.scalars(
        select(AuditEvent)
        .where(AuditEvent.object_type == "gebruiker", AuditEvent.object_id == str(user_id))
        .order_by(AuditEvent.id.desc())
    ).first()


class TestNoOneChangesTheirOwnRoles:
    def test_beheerder_cannot_give_itself_a_casework_role(self, db, world) -> None:
        beheer = world.user("beheerder")
        with pytest.raises(ValidationError) as exc:
            org.update_user(
                db, world.actor(beheer), gebruiker_id=beheer.id, data=_update(beheer, rollen=["beheerder", "auditor"])
            )
        assert "eigen rollen" in exc.value.errors["rollen"]
        db.refresh(beheer)
        assert beheer.rollen == ["beheerder"]

    def test_own_name_may_change_but_not_the_own_account_state(self, db, world) -> None:
        beheer = world.user("beheerder")
        org.update_user(db, world.actor(beheer), gebruiker_id=beheer.id, data=_update(beheer, naam="Nieuwe Naam"))
        assert beheer.naam == "Nieuwe Naam"
        with pytest.raises(ValidationError) as exc:
            org.update_user(db, world.actor(beheer), gebruiker_id=beheer.id, data=_update(beheer, actief=False))
        assert "actief" in exc.value.errors

    def test_over_the_api_with_the_own_id(self, db, world, app_client, api_token) -> None:
        beheer = world.user("beheerder")
        headers = api_token(beheer)
        body = {
            "naam": beheer.naam,
            "rollen": ["beheerder", "toegangsmedewerker"],
            "team_ids": [],
            "gemeente_ids": [],
            "actief": True,
            "version": beheer.version,
        }
        r = app_client.put(f"{API}/gebruikers/{beheer.id}", json=body, headers=headers)
        assert r.status_code == 422
        assert r.json()["detail"][0]["loc"] == ["body", "rollen"]
        assert "eigen rollen" in r.json()["detail"][0]["msg"]
        db.refresh(beheer)
        assert beheer.rollen == ["beheerder"]


class TestBeheerHoldsNoCaseworkRole:
    @pytest.mark.parametrize("rol", ["toegangsmedewerker", "regisseur", "supervisor", "clientondersteuner", "auditor"])
    def test_another_beheerder_cannot_combine_them(self, db, world, rol) -> None:
        beheer = world.user("beheerder")
        other = world.user("beheerder")
        with pytest.raises(ValidationError) as exc:
            org.update_user(
                db, world.actor(beheer), gebruiker_id=other.id, data=_update(other, rollen=["beheerder", rol])
            )
        assert "scheiding van taken" in exc.value.errors["rollen"]

    def test_not_at_creation_either(self, db, world) -> None:
        beheer = world.user("beheerder")
        data = os_.GebruikerCreate(
            username="dubbel.rol",
            naam="Dubbel",
            rollen=["beheerder", "supervisor"],
            wachtwoord="lang-genoeg-wachtwoord",
        )
        with pytest.raises(ValidationError) as exc:
            org.create_user(db, world.actor(beheer), data=data)
        assert "scheiding van taken" in exc.value.errors["rollen"]

    def test_role_change_is_audited_with_old_and_new(self, db, world) -> None:
        beheer = world.user("beheerder")
        u = world.user("toegangsmedewerker")
        org.update_user(
            db, world.actor(beheer), gebruiker_id=u.id, data=_update(u, rollen=["toegangsmedewerker", "regisseur"])
        )
        ev = db.scalars(
            select(AuditEvent)
            .where(
                AuditEvent.object_type == "gebruiker", AuditEvent.object_id == str(u.id), AuditEvent.action == "update"
            )
            .order_by(AuditEvent.id)
        ).first()
        assert ev.changes["rollen"] == [["toegangsmedewerker"], ["regisseur", "toegangsmedewerker"]]
        assert ev.actor_id == beheer.id


class TestCredentialsAreRevoked:
    def _signed_in(self, db, world, user):  # type: ignore[no-untyped-def]
        cookie, _ = start_session(db, user, request_id=None, client_addr=None)
        token, _ = create_token(db, world.actor(user), naam="script", geldig_dagen=30)
        assert resolve_session(db, cookie) is not None and resolve_token(db, token) is not None
        return cookie, token

    def test_password_reset_revokes_tokens_and_sessions(self, db, world) -> None:
        beheer = world.user("beheerder")
        u = world.user("toegangsmedewerker")
        cookie, token = self._signed_in(db, world, u)
        org.reset_password(db, world.actor(beheer), gebruiker_id=u.id, data=os_.WachtwoordReset(wachtwoord="x" * 14))
        assert resolve_session(db, cookie) is None
        assert resolve_token(db, token) is None
        ev = _last_user_event(db, u.id)
        assert ev.changes == {"sessies_beeindigd": [0, 1], "api_tokens_ingetrokken": [0, 1]}
        assert "wachtwoord" in ev.reason

    def test_role_change_revokes(self, db, world) -> None:
        beheer = world.user("beheerder")
        u = world.user("toegangsmedewerker", "supervisor")
        cookie, token = self._signed_in(db, world, u)
        org.update_user(db, world.actor(beheer), gebruiker_id=u.id, data=_update(u, rollen=["toegangsmedewerker"]))
        assert resolve_session(db, cookie) is None and resolve_token(db, token) is None

    def test_deactivation_revokes(self, db, world) -> None:
        beheer = world.user("beheerder")
        u = world.user("regisseur")
        cookie, token = self._signed_in(db, world, u)
        org.update_user(db, world.actor(beheer), gebruiker_id=u.id, data=_update(u, actief=False))
        sessies = db.scalars(select(Sessie).where(Sessie.gebruiker_id == u.id)).all()
        tokens = db.scalars(select(ApiToken).where(ApiToken.gebruiker_id == u.id)).all()
        assert all(s.ended_at for s in sessies) and all(t.revoked_at for t in tokens)

    def test_a_name_change_keeps_them(self, db, world) -> None:
        beheer = world.user("beheerder")
        u = world.user("regisseur")
        cookie, token = self._signed_in(db, world, u)
        org.update_user(db, world.actor(beheer), gebruiker_id=u.id, data=_update(u, naam="Andere Naam"))
        assert resolve_session(db, cookie) is not None and resolve_token(db, token) is not None

    def test_forced_password_change_cannot_be_skipped_with_a_token(self, db, world, app_client) -> None:
        u = world.user("toegangsmedewerker")
        token, _ = create_token(db, world.actor(u), naam="script", geldig_dagen=30)
        headers = {"Authorization": f"Bearer {token}"}
        assert app_client.get(f"{API}/me", headers=headers).status_code == 200
        u.password_change_required = True  # e.g. a token made while the change was pending
        db.flush()
        r = app_client.get(f"{API}/me", headers=headers)
        assert r.status_code == 403 and "wachtwoord" in r.json()["detail"]


class TestFourEyesOnBeschikkingen:
    @pytest.fixture()
    def setup(self, world):  # type: ignore[no-untyped-def]
        freeze()
        team = world.team()
        both = world.user("toegangsmedewerker", "supervisor", teams=[team])
        other_sup = world.user("supervisor", teams=[team])
        hh = world.household(both, team=team)
        cat = catalogus(world.db)
        v = to_aanvraag(world.db, world.actor(both), hh.id, cat)
        pgb = voorziening(
            cat, leveringsvorm="PGB", aanbieder_id=None, pgb_bekwaamheid=True, pgb_passend=True, pgb_kwaliteit=True
        )
        b = svc.prepare_beschikking(world.db, world.actor(both), vraag_id=v.id, data=beschikking(cat, [pgb]))
        return both, other_sup, b

    def test_author_is_recorded(self, setup) -> None:
        both, _, b = setup
        assert b.status == "ter_goedkeuring" and b.opgesteld_door_id == both.id

    def test_holder_of_both_roles_cannot_approve_or_reject_their_own(self, db, world, setup) -> None:
        both, _, b = setup
        with pytest.raises(NotAllowed) as exc:
            svc.approve_beschikking(db, world.actor(both), beschikking_id=b.id)
        assert "eigen beschikking" in exc.value.message
        with pytest.raises(NotAllowed):
            svc.reject_beschikking(db, world.actor(both), beschikking_id=b.id, notitie="Zelf afgekeurd")
        assert b.status == "ter_goedkeuring" and b.goedgekeurd_door_id is None

    def test_own_beschikking_does_not_wait_for_oneself(self, db, world, setup) -> None:
        both, other_sup, b = setup
        assert b.id not in [x.id for x in svc.pending_approvals(db, world.actor(both))]
        assert ("beschikking", b.id) not in [(i.soort, i.id) for i in approvals.pending(db, world.actor(both))]
        assert ("beschikking", b.id) in [(i.soort, i.id) for i in approvals.pending(db, world.actor(other_sup))]

    def test_another_supervisor_approves(self, db, world, setup) -> None:
        _, other_sup, b = setup
        svc.approve_beschikking(db, world.actor(other_sup), beschikking_id=b.id, notitie="Akkoord")
        assert b.status == "concept" and b.goedgekeurd_door_id == other_sup.id
