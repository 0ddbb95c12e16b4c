"""Helpers of the attack tests (tests/records/test_attacks_*.py)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from tests.meetings.factories import berlin

TODAY = berlin(2026, 12, 6, 12)


def refused(callable_, *args, **kwargs):
    """True if the write was refused (FinalRecordError/ValidationError/IntegrityError)."""
    try:
        with transaction.atomic():
            callable_(*args, **kwargs)
    except (ValidationError, IntegrityError):
        return True
    return False


def history_form_data(response, **changes):
    """POST data of simple_history's revert form (it has no inline formsets)."""
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False or value == []:
            continue
        if isinstance(value, (list, tuple)):
            data[form.add_prefix(name)] = [str(v) for v in value]
        else:
            data[form.add_prefix(name)] = "on" if value is True else str(value)
    data.update(changes)
    return data


def admin_url(model, action, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)
