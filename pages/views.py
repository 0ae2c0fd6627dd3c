from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from documents.models import is_secretariat
from events.models import Office, OfficeHolder, Term
from pages.models import Page


def current_secretary_general() -> OfficeHolder | None:
    """The Secretary General of the term in office today, with the institution."""
    term = (
        Term.objects.started()
        .prefetch_related(
            Prefetch(
                "office_holders",
                queryset=OfficeHolder.objects.filter(office=Office.SECRETARY_GENERAL)
                .select_related("institution")
                .defer("institution__description"),
            )
        )
        .order_by("-number")
        .first()
    )
    if term is None:
        return None
    return next(iter(term.office_holders.all()), None)


class PageDetailView(DetailView):
    template_name = "pages/page_detail.html"
    context_object_name = "page"

    def get_queryset(self):
        pages = Page.objects.all()
        # The secretariat may look at a draft from the admin; nobody else.
        if not is_secretariat(self.request.user):
            pages = pages.published()
        return pages

    def get_object(self, queryset=None):
        queryset = self.get_queryset() if queryset is None else queryset
        return get_object_or_404(queryset, slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.object
        context["content_languages"] = page.languages
        if page.shows_contact_details:
            context["secretary_general"] = current_secretary_general()
        return context
