from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from assa import views
from assa.sitemaps import site_sitemaps
from legacy import views as redirects
from search.views import SearchView

handler400 = "assa.views.bad_request"
handler403 = "assa.views.permission_denied"

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
        # Django's XML, written by a template tag (core.templatetags.assa.sitemap_urls).
        {"sitemaps": site_sitemaps(), "template_name": "assa/sitemap.xml"},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("admin/", admin.site.urls),
    # set_language: the admin's language switch stores the choice in the language cookie.
    path("i18n/", include("django.conf.urls.i18n")),
    # Document files, not language-prefixed; the views check who may have them.
    path("download/", include("documents.download_urls")),
    # Documents sent in pieces that survive a broken connection (the tus protocol), for
    # members and the secretariat; the upload forms then name the finished upload.
    path("uploads/", include("documents.upload_urls")),
    # Public media only (logos, news images, previews of published documents): the view
    # checks the path first. Private files (PRIVATE_MEDIA_ROOT) have no URL pattern; the
    # download views above send them after their permission check.
    path("media/<path:path>", views.public_media, name="media"),
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
    # Last: /<slug>/ for the pages the secretariat writes (About, Contact ...).
    path("", include("pages.urls")),
    prefix_default_language=True,
)
