from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from search import signals as search_signals

        # Keep the search index current when news, events, documents or members change.
        search_signals.connect()
