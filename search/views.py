from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.khmer import to_ascii_digits
from search.models import SearchKind
from search.results import search
from search.text import MAX_QUERY_LENGTH, parse_query


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), required=False, max_length=1000)
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *SearchKind.choices]
    )
    year = forms.CharField(label=_("Year"), required=False, max_length=8)
    page = forms.CharField(required=False, max_length=8)

    def clean_year(self) -> int | None:
        # People may type Khmer digits; a year that is not a number is just ignored.
        value = to_ascii_digits(self.cleaned_data.get("year") or "").strip()
        return int(value) if value.isdigit() and 1900 <= int(value) <= 2200 else None


class SearchView(TemplateView):
    """/<lang>/search/?q=...&type=...&year=...&page=...: one list across the site.

    A fixed number of queries whatever the data size (see search.results).
    """

    template_name = "search/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET)
        form.is_valid()  # every field is optional; a bad filter is dropped, not an error
        data = form.cleaned_data
        text = (data.get("q") or "")[:MAX_QUERY_LENGTH]
        query = parse_query(text)
        outcome = search(
            query,
            kind=data.get("type") or "",
            year=data.get("year"),
            page=to_ascii_digits(data.get("page") or "1"),
        )
        kept = {"q": text.strip(), "type": outcome.kind, "year": outcome.year or ""}
        context.update(
            form=form,
            q=text.strip(),
            outcome=outcome,
            kinds=[
                (value, label, outcome.kind_counts.get(value, 0))
                for value, label in SearchKind.choices
            ],
            page_obj=outcome.page,
            # The query and filters, for the links to other pages of results.
            filter_query=urlencode({k: v for k, v in kept.items() if v}),
        )
        return context
