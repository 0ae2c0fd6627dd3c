from django.urls import path

from members import views

app_name = "members"

urlpatterns = [
    path("members/", views.DirectoryView.as_view(), name="list"),
    path("members/<slug:slug>/", views.InstitutionDetailView.as_view(), name="detail"),
]
