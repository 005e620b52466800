"""Who is acting, and in which request: passed to every service so authorization and audit see the same."""

from dataclasses import dataclass, field

from app.domain.organisation.models import Rol


@dataclass(frozen=True)
class Actor:
    gebruiker_id: int | None
    username: str
    naam: str
    rollen: frozenset[str] = frozenset()
    team_ids: frozenset[int] = frozenset()
    gemeente_ids: frozenset[int] = frozenset()
    sessie_id: int | None = None
    request_id: str | None = None
    client_addr: str | None = None
    kanaal: str = "web"
    extra: dict = field(default_factory=dict, compare=False)

    def heeft(self, *rollen: Rol | str) -> bool:
        return any(str(r) in self.rollen for r in rollen)

    @property
    def rol_label(self) -> str:
        return ",".join(sorted(self.rollen))


SYSTEM = Actor(gebruiker_id=None, username="systeem", naam="Systeem", rollen=frozenset({"systeem"}))

# The provider message gateway (GGK): applies 305/307 through the same services, audited under this name.
KOPPELING_ROL = "berichtenverkeer"
GATEWAY = Actor(
    gebruiker_id=None,
    username="berichtenverkeer",
    naam="Berichtenverkeer (GGK)",
    rollen=frozenset({KOPPELING_ROL}),
    kanaal="berichten",
)
