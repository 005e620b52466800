"""Extension point for the dossier page: each area (toegang, plan, ...) contributes its own section.

A section is a callable (request, session, actor, hh) -> HTML markup or None. It must fetch its data
through its own domain services, so authorization and audit are applied there.
"""

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

Section = Callable[..., Markup | str | None]
_sections: list[tuple[int, Section]] = []


def register(order: int) -> Callable[[Section], Section]:
    def deco(fn: Section) -> Section:
        _sections.append((order, fn))
        _sections.sort(key=lambda x: x[0])
        return fn

    return deco


def render_all(request: Any, session: Any, actor: Any, hh: Any) -> list[Markup]:
    out = []
    for _, fn in _sections:
        html = fn(request, session, actor, hh)
        if html:
            out.append(Markup(html))
    return out
