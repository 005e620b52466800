"""Benchmark: a large synthetic region, then p50/p95 of the main screens and API calls.

Run with `make bench` (BENCH_HOUSEHOLDS=5000 by default). Reports, never asserts: speed is measured
here, not in timed unit tests. Uses a fresh SQLite file unless BENCH_DATABASE_URL is set.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    k = max(0, min(len(s) - 1, round(p / 100 * (len(s) - 1))))
    return s[k]


def main() -> int:
    n = int(os.environ.get("BENCH_HOUSEHOLDS", "5000"))
    url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    os.environ["DATABASE_URL"] = url
    from fastapi.testclient import TestClient
    from sqlalchemy import select

    from app.__main__ import _migrate
    from app.db import session_factory
    from app.domain.organisation.models import Gebruiker
    from seed.run import run_seed
    from seed.synthetic import generate

    _migrate()
    with session_factory()() as s:
        run_seed(s, demo=True)
        secs = generate(s, households=n)
        s.commit()
        print(f"generated {n} households in {secs:.1f} s ({url.split(':')[0]})")

    from app.domain.organisation.auth import create_token, start_session
    from app.main import app

    with session_factory()() as s:
        user = s.scalars(select(Gebruiker).where(Gebruiker.username == "toegang")).one()
        from app.domain.organisation.auth import actor_for

        cookie, sessie = start_session(s, user, request_id="bench", client_addr="bench")
        token, _ = create_token(s, actor_for(user), naam="bench", geldig_dagen=1)
        csrf = sessie.csrf_token
        s.commit()
    c = TestClient(app)
    c.cookies.set("toegang_sessie", cookie)
    c.headers["X-CSRF-Token"] = csrf
    api = {"Authorization": f"Bearer {token}"}
    listing = c.get("/api/v1/huishoudens", headers=api)
    hh_ids = [r["id"] for r in listing.json() if r["toegang"] == "inhoud"][:50] if listing.status_code == 200 else []

    cases = {
        "web: werkvoorraad (/)": lambda i: c.get("/"),
        "web: zoek op naam": lambda i: c.get("/huishoudens", params={"q": ["jans", "peet", "hend", "smee"][i % 4]}),
        "web: zoek op naam (htmx partial)": lambda i: c.get(
            "/huishoudens", params={"q": "wil"}, headers={"HX-Request": "true"}
        ),
        "web: zoek op postcode+nr": lambda i: c.get("/huishoudens", params={"postcode": "6041 KB", "huisnummer": "12"}),
        "api: zoek op naam": lambda i: c.get("/api/v1/huishoudens/zoeken", params={"q": "jans"}, headers=api),
    }
    if hh_ids:
        cases["web: dossier"] = lambda i: c.get(f"/huishoudens/{hh_ids[i % len(hh_ids)]}")
        cases["api: dossier"] = lambda i: c.get(f"/api/v1/huishoudens/{hh_ids[i % len(hh_ids)]}", headers=api)
    rounds = int(os.environ.get("BENCH_ROUNDS", "60"))
    print(f"{'case':40} {'p50 ms':>8} {'p95 ms':>8} {'status':>7}")
    for name, fn in cases.items():
        times = []
        status = None
        for i in range(rounds):
            t0 = time.perf_counter()
            r = fn(i)
            times.append((time.perf_counter() - t0) * 1000)
            status = r.status_code
        print(f"{name:40} {statistics.median(times):8.1f} {pct(times, 95):8.1f} {status:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
