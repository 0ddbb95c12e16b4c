"""Every final-record model of every app is walked over every write path.

Each app's walk module (tests/records/test_<app>_final.py) lists the GuardedRecord
models it walks in GOVERNED; a model that guards its records without being walked
fails here, the way tests/test_permissions.py fails for a URL without a row.
"""

import importlib
import pkgutil

from django.apps import apps

import tests.records
from core.records import GuardedRecord


def walked_models():
    walked = set()
    for module in pkgutil.iter_modules(tests.records.__path__):
        if module.name.endswith("_final"):
            walked |= set(importlib.import_module(f"tests.records.{module.name}").GOVERNED)
    return walked


def test_every_guarded_model_is_walked():
    guarded = {
        model
        for model in apps.get_models()
        if issubclass(model, GuardedRecord) and not model.__name__.startswith("Historical")
    }
    missing = sorted(m._meta.label for m in guarded - walked_models())
    assert not missing, f"final records without a walk in tests/records/: {missing}"


def test_the_governed_records_of_the_agreement_are_guarded():
    # The record the agreement makes final (docs/architecture.md §3): held meetings and
    # their minutes, resolutions, adopted programmes, election results and terms, ballots,
    # declarations.
    expected = {
        "meetings.Meeting",
        "meetings.Resolution",
        "meetings.WorkProgramme",
        "elections.Term",
        "elections.Ballot",
        "partners.Declaration",
    }
    guarded = {
        model._meta.label
        for model in apps.get_models()
        if issubclass(model, GuardedRecord) and not model.__name__.startswith("Historical")
    }
    assert expected <= guarded, f"not guarded: {sorted(expected - guarded)}"
