"""File downloads, outside the language prefix: /download/... (included by assa/urls.py)."""

from django.urls import path

from documents import views

app_name = "downloads"

urlpatterns = [
    path("<int:pk>/<str:filename>", views.download, name="document"),
    path(
        "<int:pk>/versions/<int:version>/<str:filename>",
        views.download_version,
        name="version",
    ),
    path(
        "<int:pk>/new-versions/<int:revision>/<str:filename>",
        views.download_revision,
        name="revision",
    ),
    path("previews/<int:pk>.png", views.preview, name="preview"),
    path("events/<int:event_pk>/files.zip", views.event_zip, name="event_zip"),
]
