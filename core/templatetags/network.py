"""`{% get_network as network %}`: the network's identity where no context processor ran (mails)."""

from django import template

from core.network import get_network as _get_network

register = template.Library()


@register.simple_tag
def get_network():
    return _get_network()
