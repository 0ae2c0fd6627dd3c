"""View bases shared by the apps' public pages."""

from urllib.parse import urlencode

from django_filters.views import FilterView

from core.caching import cached_for_content


class FilteredListView(FilterView):
    """A public list with django-filter filters and pages (events, news, documents).

    Gives the template ``filter_query`` (the chosen filters, for the page links of
    ``includes/pagination.html``) and ``is_filtered`` (to offer "Clear filters").

    A page of results (its rows and the list's count) is kept per address and filters
    until content changes (``core.caching``, in this process only): everyone is shown
    the same published rows, and those the page cache does not serve (members and the
    secretariat, logged in) then cost no query either. The templates keep their
    rendered filters, results and page links too, under ``list_key``: the address with
    its whole query string, which the page links repeat. So only for lists that show
    every visitor the same rows: a list that depends on the user (the portal's) must not
    use this class.
    """

    def paginate_queryset(self, queryset, page_size):
        paginate = super().paginate_queryset

        def build():
            paginator, page, rows, is_paginated = paginate(queryset, page_size)
            page.object_list = rows = list(rows)
            return paginator, page, rows, is_paginated

        return cached_for_content(self.results_key(), build, per_language=False, shared=False)

    def results_key(self) -> str:
        """The list's address and the values of its filters and page, in a fixed order
        (other parameters do not change the results, so they make no other entry)."""
        names = [*self.filterset.filters, self.page_kwarg]
        chosen = [(name, value) for name in names for value in self.request.GET.getlist(name)]
        return f"list:{self.request.path}?{urlencode(chosen)}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["filter_query"] = query.urlencode()
        context["list_key"] = self.request.get_full_path()
        context["is_filtered"] = any(query.get(name) for name in self.filterset.filters)
        return context
