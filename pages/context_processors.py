from core.caching import cached_for_content
from pages.models import Page, Placement


def _site_pages() -> dict:
    pages = list(Page.objects.published().for_site_chrome().order_by("order", "pk"))
    return {
        "navigation_pages": [p for p in pages if p.placement == Placement.NAVIGATION],
        "footer_pages": [p for p in pages if p.placement == Placement.FOOTER],
        "site_details": next((p for p in pages if p.has_contact_details), None),
    }


def site_pages(request) -> dict:
    """The pages linked from the navigation and the footer, and the secretariat's details.

    One query when content has changed, none while it is cached (``cached_for_content``).
    """
    return cached_for_content("site-pages", _site_pages, per_language=False)
