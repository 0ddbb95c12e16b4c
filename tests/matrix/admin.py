"""Rows for the Django admin, generated from its registry: coordinators only.

Every registered model gets its changelist, add, change, history and delete pages
checked against the first object of that model in the world; a model whose admin
refuses a page even to coordinators (an immutable record) says so in REFUSED.
"""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType

from core.models import SitePage
from tests.matrix import COORDINATORS, Row, expect

# Admin pages that coordinators are refused too, by design. Apps add theirs as
# ADMIN_REFUSED in their own tests/matrix/<app>.py.
REFUSED = {
    "admin:partners_agreementversion_delete",
}

DENIED_TO_ALL = expect(302, 403, 403, 403, 403, 403)


def _first_pk(model):
    def kwargs(world):
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, f"The matrix world has no {model.__name__}: add one in build()."
        return {"object_id": str(obj.pk)}

    return kwargs


def _history_args(model):
    def kwargs(world):
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, f"The matrix world has no {model.__name__}: add one in build()."
        history = obj.history.order_by("pk").first()
        return {"args": [str(obj.pk), str(history.pk)]}

    return kwargs


def _rows():
    from tests.matrix import _modules

    refused = set(REFUSED)
    for module in _modules():
        refused |= set(getattr(module, "ADMIN_REFUSED", ()))
    rows = [
        Row("admin:index", COORDINATORS),
        Row("admin:app_list", COORDINATORS, kwargs={"app_label": "partners"}),
        Row("admin:login", expect(302, 403, 403, 403, 403, 302)),
        Row("admin:logout", expect(302, 403, 403, 403, 403, 200), method="post"),
        Row("admin:password_change", COORDINATORS),
        Row("admin:password_change_done", COORDINATORS),
        Row("admin:jsi18n", COORDINATORS),
        Row(
            "admin:autocomplete",
            expect(302, 403, 403, 403, 403, 403),
            note="without a valid field the autocomplete refuses even coordinators",
        ),
        Row(
            "admin:view_on_site",
            expect(302, 403, 403, 403, 403, 302),
            kwargs=lambda w: {
                "content_type_id": ContentType.objects.get_for_model(SitePage).pk,
                "object_id": SitePage.objects.first().pk,
            },
        ),
        Row(
            "admin:auth_user_password_change",
            DENIED_TO_ALL,
            kwargs=lambda w: {"id": w.users["stranger"].pk},
            note="only a superuser sets another person's password (it would let one act as them)",
        ),
    ]
    for model, model_admin in admin.site._registry.items():
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        rows.append(Row(f"{info}_changelist", COORDINATORS))
        add = f"{info}_add"
        rows.append(Row(add, DENIED_TO_ALL if add in refused else COORDINATORS))
        for page in ["change", "history", "delete"]:
            name = f"{info}_{page}"
            rows.append(
                Row(
                    name,
                    DENIED_TO_ALL if name in refused else COORDINATORS,
                    kwargs=_first_pk(model),
                )
            )
        if hasattr(model, "history") and hasattr(model_admin, "history_form_view"):
            rows.append(Row(f"{info}_simple_history", COORDINATORS, kwargs=_history_args(model)))
    return rows


ROWS = _rows()
