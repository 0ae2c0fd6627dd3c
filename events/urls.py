from django.urls import path, re_path

from events import views
from events.models import EventKind

app_name = "events"

# Only real kinds match, so /events/calendar.ics is never taken for a kind.
KIND = "(?P<kind>" + "|".join(EventKind.values) + ")"

urlpatterns = [
    path("events/", views.EventListView.as_view(), name="list"),
    path("events/calendar.ics", views.calendar_feed, name="calendar"),
    re_path(rf"^events/{KIND}/$", views.EventListView.as_view(), name="kind"),
    re_path(
        rf"^events/{KIND}/(?P<slug>[-a-zA-Z0-9_]+)/$",
        views.EventDetailView.as_view(),
        name="detail",
    ),
    path("chairmanship/", views.ChairmanshipView.as_view(), name="chairmanship"),
]
