"""Seed entry point: code lists always (idempotent), demo data once."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.config import get_settings
from app.domain.codelists.service import load_all, read_csv
from app.domain.organisation.models import Gebruiker, Gemeente


def load_gemeenten(session: Session) -> int:
    rows = read_csv(get_settings().codelists_dir / "gemeenten.csv")
    existing = {g.cbs_code: g for g in session.scalars(select(Gemeente))}
    for r in rows:
        inwoners = int(r["inwoners"]) if r.get("inwoners") else None
        g = existing.get(r["cbs_code"])
        if g is None:
            session.add(Gemeente(cbs_code=r["cbs_code"], naam=r["naam"], regio=r["regio"], inwoners=inwoners))
        else:
            g.naam, g.regio, g.inwoners = r["naam"], r["regio"], inwoners
    session.flush()
    return len(rows)


def run_seed(session: Session, *, demo: bool = True, if_empty: bool = False) -> str:
    counts = load_all(session, get_settings().codelists_dir)
    n_gem = load_gemeenten(session)
    msg = f"code lists: {sum(counts.values())} codes in {len(counts)} lists; gemeenten: {n_gem}"
    has_users = (session.scalar(select(func.count()).select_from(Gebruiker)) or 0) > 0
    if demo and not (if_empty and has_users) and not has_users:
        from seed.demo import load_demo

        msg += "; " + load_demo(session)
    elif demo:
        msg += "; demo data already present"
    return msg
