"""The JSON API under /api/v1: bearer tokens, Pydantic schemas, the same domain services as the screens.

Every module in app/api/routes exposing `router` is mounted under /api/v1.
"""

import importlib
import pkgutil

from fastapi import APIRouter

from app.api import routes as _routes

router = APIRouter(prefix="/api/v1")
for _mod in sorted(pkgutil.iter_modules(_routes.__path__), key=lambda m: m.name):
    _module = importlib.import_module(f"{_routes.__name__}.{_mod.name}")
    if hasattr(_module, "router"):
        router.include_router(_module.router)
