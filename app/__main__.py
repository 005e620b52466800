"""Command line: `python -m app migrate | seed | serve | users create | audit verify | berichten verwerk`."""

import argparse
import getpass
import sys
import time


def _migrate() -> None:
    from alembic import command
    from alembic.config import Config

    from app.config import ROOT

    command.upgrade(Config(str(ROOT / "alembic.ini")), "head")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m app", description="Toegang sociaal domein")
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("migrate", help="apply the Alembic migrations")
    sp = sub.add_parser("seed", help="load the code lists and the demo data")
    sp.add_argument("--if-empty", action="store_true", help="only when no users exist yet")
    sp.add_argument("--no-demo", action="store_true", help="code lists and gemeenten only")
    sv = sub.add_parser("serve", help="run the web server")
    sv.add_argument("--host", default="127.0.0.1")
    sv.add_argument("--port", type=int, default=8000)
    su = sub.add_parser("users", help="manage users").add_subparsers(dest="ucmd", required=True)
    uc = su.add_parser("create", help="create a user")
    uc.add_argument("username")
    uc.add_argument("--naam", required=True)
    uc.add_argument("--rol", action="append", required=True, help="repeatable: toegangsmedewerker, regisseur, ...")
    uc.add_argument("--team", action="append", default=[], help="team name (repeatable)")
    uc.add_argument("--password", help="omit to be prompted")
    au = sub.add_parser("audit", help="audit trail").add_subparsers(dest="acmd", required=True)
    au.add_parser("verify", help="verify the hash chain")
    be = sub.add_parser("berichten", help="iWmo/iJw message traffic with providers").add_subparsers(
        dest="bcmd", required=True
    )
    be.add_parser("verwerk", help="process the inbox (idempotent), then write the outbox")
    args = p.parse_args(argv)

    if args.cmd == "migrate":
        _migrate()
        print("migrations applied")
        return 0
    if args.cmd == "serve":
        import uvicorn

        uvicorn.run("app.main:app", host=args.host, port=args.port, proxy_headers=True)
        return 0

    from app.db import session_factory

    with session_factory()() as session:
        if args.cmd == "seed":
            from seed.run import run_seed

            msg = run_seed(session, demo=not args.no_demo, if_empty=args.if_empty)
            session.commit()
            print(msg)
            return 0
        if args.cmd == "users":
            from sqlalchemy import select

            from app.domain.actor import SYSTEM
            from app.domain.errors import ValidationError
            from app.domain.organisation import schemas, service
            from app.domain.organisation.models import Team
            from app.domain.validation import parse

            pw = args.password or getpass.getpass("Wachtwoord: ")
            team_ids = [t.id for t in session.scalars(select(Team).where(Team.naam.in_(args.team)))]
            try:
                data = parse(
                    schemas.GebruikerCreate,
                    {
                        "username": args.username,
                        "naam": args.naam,
                        "rollen": args.rol,
                        "team_ids": team_ids,
                        "wachtwoord": pw,
                    },
                )
                u = service.create_user(session, SYSTEM, data=data, bootstrap=True)
            except ValidationError as exc:
                for k, v in exc.errors.items():
                    print(f"{k}: {v}", file=sys.stderr)
                return 2
            session.commit()
            print(f"gebruiker {u.username} aangemaakt (id {u.id}, rollen {', '.join(u.rollen)})")
            return 0
        if args.cmd == "audit":
            from app.domain.audit import verify_chain

            t0 = time.perf_counter()
            res = verify_chain(session)
            ms = (time.perf_counter() - t0) * 1000
            if res.ok:
                print(f"OK: {res.count} events verified in {ms:.0f} ms")
                return 0
            print(f"BROKEN at event {res.broken_id}: {res.message} ({res.count} events verified before it)")
            return 1
        if args.cmd == "berichten":
            from app.config import get_settings
            from app.domain.berichten import service as berichten
            from app.domain.berichten.transport import get_transport

            settings = get_settings()
            run = berichten.verwerk(session, get_transport(settings))
            for regel in run.regels:
                print(regel)
            print(
                f"inbox {settings.berichten_inbox}: {run.verwerkt} verwerkt, {run.overgeslagen} al eerder verwerkt; "
                f"outbox {settings.berichten_outbox}: {run.verzonden} verzonden"
            )
            return 0
    return 1


if __name__ == "__main__":
    sys.exit(main())
