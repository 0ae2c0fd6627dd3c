from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegacyConfig(AppConfig):
    """The old Isomer site: its importer and the redirects from its addresses."""

    name = "legacy"
    verbose_name = _("Old site")
