"""The fields of the public list filters (partner directory, news), built directly.

The markup is what crispy-forms' Bootstrap 5 template pack gives a text or select
field (`as_crispy_field`): label, control with Bootstrap's classes, errors below it
with the ids Django's `aria-describedby` points to. Built in Python it costs a few
microseconds instead of a dozen nested template renders on pages every visitor opens.
Forms that people fill in keep crispy.
"""

from django import forms, template
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.filter
def filter_field(field):
    widget = field.field.widget
    css = "select form-select" if isinstance(widget, forms.Select) else "textinput form-control"
    if field.errors:
        css += " is-invalid"
    errors = ""
    if field.errors:
        errors = format_html(
            '<div id="{}_error" class="invalid-feedback">{}</div>',
            field.auto_id,
            format_html_join(
                "",
                '<p id="error_{}_{}"><strong>{}</strong></p>',
                ((number, field.auto_id, error) for number, error in enumerate(field.errors, 1)),
            ),
        )
    return format_html(
        '<div id="div_{}" class="mb-3"><label for="{}" class="form-label">{}</label>{}{}</div>',
        field.auto_id,
        field.id_for_label,
        field.label,
        field.as_widget(attrs={"class": css}),
        errors,
    )
