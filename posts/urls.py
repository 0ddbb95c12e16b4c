from django.urls import path

from posts import views
from posts.feeds import PostFeed

app_name = "posts"

urlpatterns = [
    path("aktuelles/", views.PostListView.as_view(), name="list"),
    path("aktuelles/feed/", PostFeed(), name="feed"),
    path("aktuelles/termine.ics", views.events_ical, name="calendar"),
    path("aktuelles/meine/", views.OwnPostListView.as_view(), name="mine"),
    path("aktuelles/neu/", views.PostCreateView.as_view(), name="create"),
    path("aktuelles/moderation/", views.ModerationQueueView.as_view(), name="moderation"),
    path("aktuelles/<slug:slug>/", views.PostDetailView.as_view(), name="detail"),
    path("aktuelles/<slug:slug>/bild/", views.post_image, name="image"),
    path("aktuelles/<slug:slug>/bearbeiten/", views.PostUpdateView.as_view(), name="update"),
    path("aktuelles/<slug:slug>/einreichen/", views.PostSubmitView.as_view(), name="submit"),
    path("aktuelles/<slug:slug>/loeschen/", views.PostDeleteView.as_view(), name="delete"),
    path(
        "aktuelles/<slug:slug>/veroeffentlichen/",
        views.PostPublishView.as_view(),
        name="publish",
    ),
    path("aktuelles/<slug:slug>/ablehnen/", views.PostRejectView.as_view(), name="reject"),
]
