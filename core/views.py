"""View bases shared by the apps' public pages."""

from django_filters.views import FilterView


class FilteredListView(FilterView):
    """A public list with django-filter filters and pages (events, news, documents).

    Gives the template ``filter_query`` (the chosen filters, for the page links of
    ``includes/pagination.html``) and ``is_filtered`` (to offer "Clear filters").
    """

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["filter_query"] = query.urlencode()
        context["is_filtered"] = any(query.get(name) for name in self.filterset.filters)
        return context
