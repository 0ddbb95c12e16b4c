"""POST data for a Django admin change form, taken from the form the admin rendered."""


def _value(bound_field):
    value = bound_field.value()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else ""
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return str(value)


def _form_data(form, data):
    for name in form.fields:
        value = _value(form[name])
        if value == "" and form.fields[name].__class__.__name__ == "BooleanField":
            continue
        data[form.add_prefix(name)] = value


def admin_change_data(response, **changes):
    """The change form as the admin filled it, with `changes` applied (name → value)."""
    data = {}
    _form_data(response.context["adminform"].form, data)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = _value(management[name])
        for form in formset.forms:
            _form_data(form, data)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return {k: v for k, v in data.items() if v != [] and v is not None}
