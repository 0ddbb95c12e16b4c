"""The pages of circulars, one module per concern (urls.py names them)."""

from circulars.views.circular import (
    DELIVERIES_PER_PAGE,
    CircularCreateView,
    CircularDetailView,
    CircularFormMixin,
    CircularListView,
    CircularPreviewView,
    CircularScopedMixin,
    CircularUpdateView,
    LeadsMayWriteView,
    delivery_counts,
)
from circulars.views.group import GroupCircularCreateView, GroupCircularListView, GroupMixin
from circulars.views.reader import CircularReadView, PreferencesView, UnsubscribeView
from circulars.views.sending import (
    CircularActionView,
    CircularCancelView,
    CircularPublicView,
    CircularResumeView,
    CircularSendView,
    CircularTestView,
)

__all__ = [
    "DELIVERIES_PER_PAGE",
    "CircularActionView",
    "CircularCancelView",
    "CircularCreateView",
    "CircularDetailView",
    "CircularFormMixin",
    "CircularListView",
    "CircularPreviewView",
    "CircularPublicView",
    "CircularReadView",
    "CircularResumeView",
    "CircularScopedMixin",
    "CircularSendView",
    "CircularTestView",
    "CircularUpdateView",
    "GroupCircularCreateView",
    "GroupCircularListView",
    "GroupMixin",
    "LeadsMayWriteView",
    "PreferencesView",
    "UnsubscribeView",
    "delivery_counts",
]
