import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.khmer import to_khmer_digits
from members.models import MemberInstitution
from news.models import Article, ArticleCategory, ArticleStatus


class SourceChoiceFilter(django_filters.ModelChoiceFilter):
    """Only institutions with a published article are offered."""

    def get_queryset(self, request):
        published = Q(
            articles__status=ArticleStatus.PUBLISHED, articles__published_at__lte=timezone.now()
        )
        return MemberInstitution.objects.filter(published).distinct().order_by("acronym")


class ArticleFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(
        label=_("Year"),
        field_name="published_at",
        lookup_expr="year",
        choices=[],  # filled per request in __init__, in one query
        empty_label=_("All years"),
    )
    institution = SourceChoiceFilter(
        label=_("Institution"),
        field_name="source_institution",
        to_field_name="slug",
        empty_label=_("All institutions"),
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=ArticleCategory.choices, empty_label=_("All categories")
    )

    class Meta:
        model = Article
        fields = ["year", "institution", "category"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        show = to_khmer_digits if get_language() == "km" else str
        self.filters["year"].extra["choices"] = [
            (year, show(year)) for year in Article.objects.published().years()
        ]
