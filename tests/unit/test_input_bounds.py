"""Every input schema bounds its input (issue 9, hole 10): each text field has a maximum length,
each integer a maximum, each list and object a maximum size, and the bound is in the JSON schema
(so it is documented in the OpenAPI document too). Output schemas are exempt."""

import importlib
import inspect
import pkgutil
from typing import Any

import pytest
from pydantic import BaseModel

import app.domain

OUTPUT_SUFFIXES = ("Read", "Out", "ListItem", "Item", "Pagina", "Regel", "Overzicht", "Resultaat", "Created")
OUTPUT_NAMES = {"GedeeldHuishouden", "GedeeldPlan", "GedeeldVerslag", "VraagPagina"}


def _input_models() -> list[type[BaseModel]]:
    out = []
    for m in pkgutil.walk_packages(app.domain.__path__, "app.domain."):
        if not m.name.endswith(".schemas"):
            continue
        mod = importlib.import_module(m.name)
        for name, cls in vars(mod).items():
            if not (inspect.isclass(cls) and issubclass(cls, BaseModel) and cls.__module__ == mod.__name__):
                continue
            if name.endswith(OUTPUT_SUFFIXES) or name in OUTPUT_NAMES:
                continue
            # A schema item of a list (HerverdelingItem, ScoreIn) is input too; keep those named *In/*Item.
            out.append(cls)
    return out


def _unbounded(schema: dict[str, Any], defs: dict[str, Any], path: str) -> list[str]:
    if "$ref" in schema:
        return []  # checked as a model of its own
    problems: list[str] = []
    for key in ("anyOf", "oneOf", "allOf"):
        subs = schema.get(key, [])
        # A Decimal is "number or numeric string"; the number branch carries the bound.
        if any(s.get("type") == "number" for s in subs):
            subs = [s for s in subs if s.get("type") != "string"]
        for sub in subs:
            problems += _unbounded(sub, defs, path)
    t = schema.get("type")
    fixed_format = schema.get("format") in ("date", "date-time", "time", "uuid")
    if t == "string" and not fixed_format and not {"maxLength", "enum", "const"} & set(schema):
        problems.append(f"{path}: text without maxLength")
    if t == "integer" and "maximum" not in schema and "exclusiveMaximum" not in schema:
        problems.append(f"{path}: integer without maximum")
    if t == "number" and "maximum" not in schema and "exclusiveMaximum" not in schema:
        problems.append(f"{path}: number without maximum")
    if t == "array":
        if "maxItems" not in schema:
            problems.append(f"{path}: list without maxItems")
        problems += _unbounded(schema.get("items", {}), defs, path + "[]")
    if t == "object" and "properties" not in schema and "maxProperties" not in schema:
        problems.append(f"{path}: object without maxProperties")
    return problems


MODELS = _input_models()


def test_there_are_input_models() -> None:
    assert len(MODELS) > 40


@pytest.mark.parametrize("model", MODELS, ids=lambda m: f"{m.__module__.split('.')[2]}.{m.__name__}")
def test_every_field_is_bounded(model: type[BaseModel]) -> None:
    schema = model.model_json_schema(mode="validation")
    defs = schema.get("$defs", {})
    problems = []
    for name, prop in schema.get("properties", {}).items():
        problems += _unbounded(prop, defs, f"{model.__name__}.{name}")
    assert problems == []
