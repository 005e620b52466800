"""One CSV writer that neutralises formulas (issue 9, hole 11) and the production start-up checks
(hole 13)."""

import csv
import io
import re
from pathlib import Path

import pytest

from app.config import ROOT, SECRET_SETTINGS, InsecureConfiguration, Settings, check_production
from app.domain.csvfile import CsvBuilder, neutralise
from app.security import content_security_policy


class TestCsvWriter:
    @pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"])
    def test_formula_prefixes_are_neutralised(self, prefix) -> None:
        w = CsvBuilder(["reden"])
        w.row([f'{prefix}HYPERLINK("http://x")'])
        rows = list(csv.reader(io.StringIO(w.text(bom=False)), delimiter=";"))
        assert rows[1][0] == f'\'{prefix}HYPERLINK("http://x")'

    def test_numbers_and_plain_text_stay_as_they_are(self) -> None:
        assert neutralise(-3) == -3 and neutralise("-1,5") == "-1,5" and neutralise("Jansen") == "Jansen"
        assert neutralise(None) == ""

    def test_it_is_the_only_csv_writer_in_the_app(self) -> None:
        offenders = []
        for path in (ROOT / "app").rglob("*.py"):
            if path.name == "csvfile.py":
                continue
            if re.search(r"csv\.(writer|DictWriter)\b", path.read_text(encoding="utf-8")):
                offenders.append(str(path.relative_to(ROOT)))
        assert offenders == []


def _prod(**kw) -> Settings:  # type: ignore[no-untyped-def]
    base = {
        "app_env": "production",
        "secret_key": "s" * 40,
        "pseudonym_secret": "p" * 40,
        "cookie_secure": True,
    }
    base.update(kw)
    return Settings(_env_file=None, **base)  # type: ignore[call-arg]


class TestProductionChecks:
    def test_safe_production_settings_start(self) -> None:
        check_production(_prod())

    @pytest.mark.parametrize("name", SECRET_SETTINGS)
    def test_a_default_secret_is_refused(self, name) -> None:
        default = Settings.model_fields[name].default
        with pytest.raises(InsecureConfiguration) as exc:
            check_production(_prod(**{name: default}))
        assert name.upper() in str(exc.value)

    def test_a_short_secret_is_refused(self) -> None:
        with pytest.raises(InsecureConfiguration, match="SECRET_KEY"):
            check_production(_prod(secret_key="kort"))

    def test_insecure_cookies_are_refused(self) -> None:
        with pytest.raises(InsecureConfiguration, match="COOKIE_SECURE"):
            check_production(_prod(cookie_secure=False))

    def test_development_is_not_checked(self) -> None:
        check_production(Settings(_env_file=None, app_env="development"))  # type: ignore[call-arg]

    def test_the_app_refuses_to_start(self, monkeypatch) -> None:
        from app import main
        from app.config import get_settings

        monkeypatch.setenv("APP_ENV", "production")
        monkeypatch.setenv("COOKIE_SECURE", "false")
        get_settings.cache_clear()
        try:
            with pytest.raises(InsecureConfiguration):
                main.create_app()
        finally:
            monkeypatch.undo()
            get_settings.cache_clear()

    def test_csp_names_the_exact_htmx_file(self) -> None:
        s = Settings(_env_file=None)  # type: ignore[call-arg]
        csp = content_security_policy(s)
        assert s.htmx_url in csp
        assert "https://cdn.jsdelivr.net " not in csp and "https://cdn.jsdelivr.net/npm/ " not in csp
        own = Settings(_env_file=None, htmx_url="/static/htmx.min.js")  # type: ignore[call-arg]
        assert "script-src 'self';" in content_security_policy(own)


def test_readme_documents_every_setting() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [n.upper() for n in Settings.model_fields if f"`{n.upper()}`" not in readme and n.upper() not in readme]
    assert missing == []
    assert Path(ROOT / "app" / "config.py").exists()
