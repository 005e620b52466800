"""End-to-end fixtures: the real app in a subprocess, driven by headless Chromium.

- ``live_server`` (session): a fresh database (PostgreSQL when ``DATABASE_URL`` points at one, else a
  SQLite file), migrated and seeded through the CLI, served by uvicorn on a free port.
- ``browser`` (session) and ``page`` (function): Chromium from ``/usr/bin/chromium``. The pinned htmx
  build is served from ``tests/e2e/node_modules`` in place of the CDN, and every request to another
  host is aborted, so the tests never touch the network.
- ``login``, ``assert_no_axe_violations`` and ``screenshot`` are plain helpers for the tests.

Every test in this directory is marked ``e2e``. Without Chromium or ``tests/e2e/node_modules``
(``npm ci --prefix tests/e2e``) the tests skip, or fail when the environment variable ``CI`` is set.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from app.config import get_settings

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

E2E_DIR = Path(__file__).resolve().parent
REPO_ROOT = E2E_DIR.parent.parent
VAR_DIR = REPO_ROOT / "var"
SCREENSHOT_DIR = VAR_DIR / "screenshots"
AXE_RESULTS = VAR_DIR / "axe-results.json"

NODE_MODULES = E2E_DIR / "node_modules"
HTMX_JS = NODE_MODULES / "htmx.org" / "dist" / "htmx.min.js"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

DEMO_PASSWORD = "demo-wachtwoord-2026"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
SERVER_START_TIMEOUT = 60.0
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


# --------------------------------------------------------------------------- collection


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if Path(item.path).resolve().is_relative_to(E2E_DIR):
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    # Keep the outcome on the item so the page fixture can screenshot a failed test.
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"_e2e_report_{report.when}", report)


# --------------------------------------------------------------------------- prerequisites


def _missing_prerequisites() -> list[str]:
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} not found (apt-get install chromium)")
    for path in (HTMX_JS, AXE_JS):
        if not path.exists():
            missing.append(f"{path.relative_to(REPO_ROOT)} not found (run: npm ci --prefix tests/e2e)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("Python package 'playwright' not installed (pip install -e '.[dev]')")
    return missing


@pytest.fixture(scope="session")
def e2e_prerequisites() -> None:
    """Skip the e2e tests when the browser or the JS assets are missing; fail instead under CI."""
    missing = _missing_prerequisites()
    if not missing:
        return
    message = "end-to-end prerequisites missing:\n  - " + "\n  - ".join(missing)
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


# --------------------------------------------------------------------------- live server


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pg_conninfo(url: Any) -> str:
    from psycopg.conninfo import make_conninfo

    params: dict[str, Any] = {
        "host": url.host,
        "port": url.port,
        "user": url.username,
        "password": url.password,
        "dbname": url.database,
    }
    params.update({k: v for k, v in url.query.items() if isinstance(v, str)})
    return make_conninfo(**{k: v for k, v in params.items() if v is not None})


def _pg_execute(url: Any, statement: str) -> None:
    import psycopg

    with psycopg.connect(_pg_conninfo(url), autocommit=True) as conn:
        conn.execute(statement)


def _print_uncaptured(config: pytest.Config, text: str) -> None:
    capman = config.pluginmanager.getplugin("capturemanager")
    if capman is None:
        print(text, file=sys.stderr)
        return
    with capman.global_and_fixture_disabled():
        print(text, file=sys.stderr, flush=True)


def _tail(path: Path, lines: int = 200) -> str:
    if not path.exists():
        return "(no output)"
    content = path.read_text(errors="replace").splitlines()
    return "\n".join(content[-lines:]) or "(no output)"


def _run_cli(args: list[str], env: dict[str, str], timeout: float) -> None:
    cmd = [sys.executable, "-m", "app", *args]
    try:
        result = subprocess.run(cmd, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"`{' '.join(cmd)}` timed out after {timeout:.0f}s\n{exc.stderr or ''}", pytrace=False)
    if result.returncode != 0:
        pytest.fail(
            f"`python -m app {' '.join(args)}` failed with exit code {result.returncode}\n"
            f"--- stdout ---\n{result.stdout[-5000:]}\n--- stderr ---\n{result.stderr[-10000:]}",
            pytrace=False,
        )


def _wait_until_up(base_url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    last_error = ""
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(
                f"uvicorn exited with code {proc.returncode} before answering\n--- server stderr ---\n{_tail(log)}",
                pytrace=False,
            )
        try:
            with urllib.request.urlopen(f"{base_url}/login", timeout=5) as response:
                if response.status == 200:
                    return
                last_error = f"HTTP {response.status}"
        except urllib.error.HTTPError as exc:
            last_error = f"HTTP {exc.code}"
        except (urllib.error.URLError, OSError) as exc:
            last_error = str(exc)
        time.sleep(0.25)
    pytest.fail(
        f"GET {base_url}/login did not answer 200 within {SERVER_START_TIMEOUT:.0f}s "
        f"(last: {last_error})\n--- server stderr ---\n{_tail(log)}",
        pytrace=False,
    )


LIVE_ENV: dict[str, str] = {}


def run_cli(args: list[str], timeout: float = 120) -> str:
    """Run `python -m app <args>` against the live server's database and message directories."""
    assert LIVE_ENV, "live_server has not started"
    result = subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=REPO_ROOT,
        env=LIVE_ENV,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="session")
def live_server(
    e2e_prerequisites: None, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[str]:
    """Base URL (``http://127.0.0.1:<port>``) of the app on a fresh, migrated and seeded database."""
    from sqlalchemy.engine import make_url

    tmp = tmp_path_factory.mktemp("e2e")
    configured = os.environ.get("DATABASE_URL", "")
    pg_admin_url = None
    if configured.startswith("postgresql"):
        pg_admin_url = make_url(configured)
        db_name = f"toegang_e2e_{os.getpid()}"
        _pg_execute(pg_admin_url, f'DROP DATABASE IF EXISTS "{db_name}"')
        _pg_execute(pg_admin_url, f"CREATE DATABASE \"{db_name}\" ENCODING 'UTF8' TEMPLATE template0")
        database_url = pg_admin_url.set(database=db_name).render_as_string(hide_password=False)
    else:
        database_url = f"sqlite:///{tmp / 'e2e.db'}"

    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "PYTHONUNBUFFERED": "1",
        # The provider message directories of this run, so tests can drop a file and run the CLI.
        "BERICHTEN_INBOX": str(tmp / "berichten" / "in"),
        "BERICHTEN_OUTBOX": str(tmp / "berichten" / "uit"),
    }
    LIVE_ENV.clear()
    LIVE_ENV.update(env)
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    stdout_log = tmp / "server.stdout.log"
    stderr_log = tmp / "server.stderr.log"
    proc: subprocess.Popen[bytes] | None = None
    try:
        _run_cli(["migrate"], env, timeout=300)
        _run_cli(["seed"], env, timeout=600)
        with stdout_log.open("wb") as out, stderr_log.open("wb") as err:
            proc = subprocess.Popen(
                [sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port", str(port)],
                cwd=REPO_ROOT,
                env=env,
                stdout=out,
                stderr=err,
                stdin=subprocess.DEVNULL,
            )
        _wait_until_up(base_url, proc, stderr_log)
        yield base_url
    finally:
        died = proc is not None and proc.poll() is not None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        if proc is not None and (died or request.session.testsfailed):
            reason = f"exited early with code {proc.returncode}" if died else "e2e tests failed"
            _print_uncaptured(
                request.config,
                f"\n--- e2e server stderr ({reason}; last 200 lines of {stderr_log}) ---\n"
                f"{_tail(stderr_log)}\n--- end of server stderr ---",
            )
        if pg_admin_url is not None:
            _pg_execute(pg_admin_url, f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser(e2e_prerequisites: None) -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https", "ws", "wss"):
        return True  # data:, blob:, about: never reach the network
    return (parts.hostname or "") in LOCAL_HOSTS


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh context (nl-NL) per test; htmx comes from node_modules, other hosts are blocked."""
    htmx_body = HTMX_JS.read_bytes()

    def fulfil_htmx(route: Route) -> None:
        route.fulfill(
            status=200,
            body=htmx_body,
            headers={
                "content-type": "application/javascript",
                # The page loads htmx with crossorigin="anonymous" for SRI, so CORS must allow it.
                "access-control-allow-origin": "*",
            },
        )

    def block(route: Route) -> None:
        route.abort("blockedbyclient")

    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    # Routes run in reverse order of registration: the htmx route wins over the catch-all block.
    context.route(lambda url: not _is_local(url), block)
    context.route(get_settings().htmx_url, fulfil_htmx)
    pg = context.new_page()
    try:
        yield pg
        report = getattr(request.node, "_e2e_report_call", None)
        if report is not None and report.failed:
            screenshot(pg, f"FAILED-{_safe_name(request.node.name)}")
    finally:
        context.close()


# --------------------------------------------------------------------------- helpers


def _safe_name(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)[:150]


def login(page: Page, base_url: str, username: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the login form and wait until the app lands on the role's start page."""
    page.goto(f"{base_url}/login")
    form = page.locator("form").filter(has=page.locator('input[name="username"]'))
    form.locator('input[name="username"]').fill(username)
    form.locator('input[name="password"]').fill(password)
    form.locator('button[type="submit"], input[type="submit"], button:not([type])').first.click()
    try:
        # Casework roles land on / (werkvoorraad); beheer, auditor and ondersteuner on their own page.
        page.wait_for_url(lambda url: urlsplit(url).path != "/login", timeout=15_000)
        page.wait_for_load_state("domcontentloaded")
    except Exception as exc:  # playwright TimeoutError; keep the message readable
        body = page.locator("body").inner_text()[:1000]
        raise AssertionError(
            f"login as {username!r} did not get past the login page (now at {page.url})\npage text:\n{body}"
        ) from exc


def logout(page: Page) -> None:
    """Log out through the header button and wait for the login page."""
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(lambda url: urlsplit(url).path == "/login", timeout=15_000)


def _record_axe_count(name: str, count: int) -> None:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    results: dict[str, int] = {}
    if AXE_RESULTS.exists():
        try:
            results = json.loads(AXE_RESULTS.read_text())
        except (json.JSONDecodeError, OSError):
            results = {}
    results[name] = count
    tmp = AXE_RESULTS.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    tmp.replace(AXE_RESULTS)


_AXE_RUN = """
async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations'],
  });
  return result.violations.map(v => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    targets: v.nodes.map(n => n.target.join(' ')),
  }));
}
"""


def assert_no_axe_violations(page: Page, name: str) -> None:
    """Run axe-core (WCAG 2.0/2.1 A and AA) on the current page; fail listing every violation.

    The number of violations is recorded under ``name`` in ``var/axe-results.json``.
    """
    source = AXE_JS.read_text()
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        with contextlib.suppress(Exception):  # a CSP-blocked tag is handled below
            page.add_script_tag(content=source)
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            # A strict Content-Security-Policy blocks inline script tags; evaluate is not subject to it.
            page.evaluate(f"() => {{ {source}\n }}")
    violations: list[dict[str, Any]] = page.evaluate(_AXE_RUN, AXE_TAGS)
    _record_axe_count(name, len(violations))
    if violations:
        lines = [f"{len(violations)} axe violation(s) on {name!r} ({page.url}):"]
        for v in violations:
            targets = v["targets"]
            shown = ", ".join(targets[:3]) + (f" (+{len(targets) - 3} more)" if len(targets) > 3 else "")
            lines.append(f"  - [{v['impact']}] {v['id']}: {v['help']}\n      at: {shown}\n      {v['helpUrl']}")
        pytest.fail("\n".join(lines), pytrace=False)


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page PNG to ``var/screenshots/<name>.png`` and return its path."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


__all__ = [
    "DEMO_PASSWORD",
    "assert_no_axe_violations",
    "login",
    "screenshot",
]
