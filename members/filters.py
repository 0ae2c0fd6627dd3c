import django_filters
from django.utils.translation import gettext_lazy as _

from members.models import Country, MemberInstitution


class DirectoryFilter(django_filters.FilterSet):
    """The directory's one filter: ?country=KH (ISO code of an ASEAN member state)."""

    country = django_filters.ChoiceFilter(choices=Country.choices, label=_("Country"))

    class Meta:
        model = MemberInstitution
        fields = ["country"]
