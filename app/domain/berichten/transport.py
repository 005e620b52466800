"""Where messages leave and arrive: a small interface, and the directory transport used by default.

The GGK's file-based connectors pick files up from an outbox directory and drop received ones in an
inbox. A web-service transport implements the same three methods. Files are written to a temporary
name and renamed, so a connector never reads half a message; a processed incoming file moves to
`verwerkt/` (after the commit), so the inbox only holds what still needs doing.
"""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from app.config import Settings, get_settings


class Transport(Protocol):
    def send(self, naam: str, inhoud: bytes) -> None: ...

    def receive(self) -> Iterator[tuple[str, bytes]]: ...

    def ack(self, naam: str) -> None: ...


class MapTransport:
    """Outbox and inbox as directories; `ack` moves a processed file to inbox/verwerkt."""

    def __init__(self, outbox: Path, inbox: Path) -> None:
        self.outbox, self.inbox = Path(outbox), Path(inbox)

    def send(self, naam: str, inhoud: bytes) -> None:
        self.outbox.mkdir(parents=True, exist_ok=True)
        tmp = self.outbox / f".{naam}.tmp"
        with open(tmp, "wb") as fh:
            fh.write(inhoud)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.outbox / naam)

    def receive(self) -> Iterator[tuple[str, bytes]]:
        if not self.inbox.is_dir():
            return
        for path in sorted(p for p in self.inbox.iterdir() if p.is_file() and not p.name.startswith(".")):
            yield path.name, path.read_bytes()

    def ack(self, naam: str) -> None:
        done = self.inbox / "verwerkt"
        done.mkdir(parents=True, exist_ok=True)
        os.replace(self.inbox / naam, done / naam)


def get_transport(settings: Settings | None = None) -> Transport:
    settings = settings or get_settings()
    if settings.berichten_transport != "map":
        raise ValueError(f"onbekend berichtentransport: {settings.berichten_transport}")
    return MapTransport(settings.berichten_outbox, settings.berichten_inbox)
