from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve

from assa import redirects, views
from assa.search.views import SearchView
from assa.sitemaps import site_sitemaps

admin.site.site_header = _("ASSA administration")
admin.site.site_title = _("ASSA administration")
admin.site.index_title = _("Secretariat")

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # An index of sections, each in pages: /sitemap-news.xml, /sitemap-documents.xml?p=2.
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": site_sitemaps()},
        name="django.contrib.sitemaps.views.index",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        # Django's XML, written by a template tag (assa.templatetags.assa.sitemap_urls).
        {"sitemaps": site_sitemaps(), "template_name": "assa/sitemap.xml"},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("admin/", admin.site.urls),
    # Document files, not language-prefixed; the views check who may have them.
    path("download/", include("documents.download_urls")),
    # Public images (logos, news photos, previews). Documents live under private/ and
    # are only served through their download view, which checks permissions.
    re_path(
        r"^media/(?P<path>(?!private/).+)$",
        serve,
        {"document_root": settings.MEDIA_ROOT},
        name="media",
    ),
    # The old Isomer site's addresses (pages and /files/), recorded by import_isomer:
    # 301 to the new page or download. The new site has no unprefixed /events/ or /files/.
    re_path(r"^[Ff][Ii][Ll][Ee][Ss]/(?P<path>.+)$", redirects.legacy_file, name="legacy_file"),
    re_path(
        r"^[Ee][Vv][Ee][Nn][Tt][Ss]/(?P<path>.+)$", redirects.legacy_event, name="legacy_event"
    ),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("search/", SearchView.as_view(), name="search"),
    path("", include("members.urls")),
    path("", include("events.urls")),
    path("", include("news.urls")),
    path("", include("documents.urls")),
    prefix_default_language=True,
)
