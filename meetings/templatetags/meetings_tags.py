from django import template

from core.markup import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """User-written Markdown as sanitised HTML."""
    return render_markdown(text)
