"""Server-rendered screens (Jinja2 + HTMX). Thin: parse, call one domain service, render.

Every module in app/web/routes exposing `router` is mounted, so each area owns its own file.
"""

import importlib
import pkgutil

from fastapi import APIRouter

from app.web import routes as _routes

router = APIRouter(include_in_schema=False)
for _mod in sorted(pkgutil.iter_modules(_routes.__path__), key=lambda m: m.name):
    _module = importlib.import_module(f"{_routes.__name__}.{_mod.name}")
    if hasattr(_module, "router"):
        router.include_router(_module.router)
