"""Settings from the environment. Every knob an operator may turn lives here, nowhere else."""

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

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


@lru_cache
def get_settings() -> Settings:
    return Settings()
