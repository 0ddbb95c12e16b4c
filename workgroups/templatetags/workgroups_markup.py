from django import template

from core.markup import render_markdown

register = template.Library()


@register.filter
def group_markdown(text):
    """Markdown written by users (minutes, descriptions), sanitised."""
    return render_markdown(text)
