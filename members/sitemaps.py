from core.sitemaps import BilingualSitemap, route_exists
from members.models import MemberInstitution


class MemberInstitutionSitemap(BilingualSitemap):
    """The page of every active member institution, in both languages."""

    changefreq = "monthly"
    priority = 0.7

    def items(self):
        if not route_exists("members:detail", slug="x"):
            return MemberInstitution.objects.none()
        return MemberInstitution.objects.active().only("pk", "slug").order_by("order", "acronym")
