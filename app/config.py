"""Settings from the environment. Every knob an operator may turn lives here, nowhere else."""

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent


# Every secret setting, by field name. Production refuses to start while one still has its development
# default (or is shorter than MIN_SECRET_LENGTH); a new secret setting is one more name here.
SECRET_SETTINGS: tuple[str, ...] = ("secret_key", "pseudonym_secret")
MIN_SECRET_LENGTH = 32


class InsecureConfiguration(RuntimeError):
    """The settings are not safe for production; the message says which and what to do."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    # "production" switches on the start-up checks (check_production) and HSTS.
    app_env: str = "development"
    database_url: str = f"sqlite:///{ROOT / 'var' / 'toegang.db'}"
    secret_key: str = "dev-only-change-me"
    # Secret for the pseudonymised monitor export; without it pseudonyms cannot be reversed.
    pseudonym_secret: str = "dev-only-pseudonym-secret"
    session_idle_minutes: int = 30
    cookie_secure: bool = False
    login_max_failures: int = 5
    login_window_minutes: int = 15
    login_lockout_minutes: int = 15
    # htmx from a CDN, pinned with SRI; an air-gapped municipality points this at its own copy.
    htmx_url: str = "https://cdn.jsdelivr.net/npm/htmx.org@2.0.11/dist/htmx.min.js"
    htmx_sri: str = "sha384-2OatzQy1H+Zd/IIrjr1TcuDGqLXeHhbooAyJY1KdQMKnr4LZ22k31GBLdYKHmVjg"
    codelists_dir: Path = ROOT.parent / "shared" / "codelists"
    # Beschikkingen longer than this many months need a supervisor (any PGB too).
    approval_months_threshold: int = 12
    warn_werkdagen: int = 5
    # Provider messages (iWmo/iJw): a directory transport by default, as the GGK's file connectors use.
    berichten_transport: str = "map"
    berichten_outbox: Path = ROOT / "var" / "berichten" / "uit"
    berichten_inbox: Path = ROOT / "var" / "berichten" / "in"

    @property
    def is_production(self) -> bool:
        return self.app_env.strip().lower() in ("production", "prod", "productie")

    def production_problems(self) -> list[str]:
        """What makes these settings unsafe for production, in words an operator can act on."""
        problems = []
        for name in SECRET_SETTINGS:
            value = str(getattr(self, name) or "")
            default = type(self).model_fields[name].default
            if not value or value == default:
                problems.append(f"{name.upper()} heeft de ontwikkelwaarde; zet een eigen geheime waarde.")
            elif len(value) < MIN_SECRET_LENGTH:
                problems.append(f"{name.upper()} is korter dan {MIN_SECRET_LENGTH} tekens.")
        if not self.cookie_secure:
            problems.append("COOKIE_SECURE=false: cookies zouden zonder TLS verstuurd worden; zet COOKIE_SECURE=true.")
        return problems


def check_production(settings: "Settings") -> None:
    """Refuse to start in production with a default secret or insecure cookies (issue 9, hole 13)."""
    if not settings.is_production:
        return
    problems = settings.production_problems()
    if problems:
        raise InsecureConfiguration(
            "APP_ENV=production, maar de configuratie is niet veilig:\n- " + "\n- ".join(problems)
        )


@lru_cache
def get_settings() -> Settings:
    return Settings()
