from django.urls import path

from pages.views import PageDetailView

app_name = "pages"

# Included last in the root URLs: /en/about/, /en/contact/ ... never shadow another page
# (a slug the site already uses is refused, see pages.models.validate_free_address).
urlpatterns = [
    path("<slug:slug>/", PageDetailView.as_view(), name="detail"),
]
