from django.db.models import Exists, OuterRef
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.filters import AllowedChoiceFilter, CachedChoicesFilterSet, ChoiceFilter, model_choices
from core.khmer import to_khmer_digits
from members.models import MemberInstitution
from news.models import Article, ArticleCategory


def sources_of_published_articles():
    """Institutions with a published article (EXISTS: no DISTINCT over whole rows)."""
    published = Article.objects.published().filter(source_institution=OuterRef("pk"))
    return (
        MemberInstitution.objects.filter(Exists(published))
        .only("pk", "slug", "acronym", "country")
        .order_by("acronym")
    )


class ArticleFilter(CachedChoicesFilterSet):
    year = ChoiceFilter(
        label=_("Year"),
        field_name="published_at",
        lookup_expr="year",
        choices=[],  # filled per request in __init__, in one query
        empty_label=_("All years"),
    )
    # Only institutions with a published article are offered.
    institution = AllowedChoiceFilter(
        label=_("Institution"),
        queryset=MemberInstitution.objects.all(),
        allowed=sources_of_published_articles,
        field_name="source_institution",
        to_field_name="slug",
        empty_label=_("All institutions"),
    )
    category = ChoiceFilter(
        label=_("Category"), choices=ArticleCategory.choices, empty_label=_("All categories")
    )

    class Meta:
        model = Article
        fields = ["year", "institution", "category"]

    def choice_builders(self):
        show = to_khmer_digits if get_language() == "km" else str
        return {
            "year": lambda: [(year, show(year)) for year in Article.objects.published().years()],
            "institution": lambda: model_choices(sources_of_published_articles(), "slug"),
        }
