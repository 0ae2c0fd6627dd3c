from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupsConfig(AppConfig):
    """Backups of the database and both storages, their restore, and the file checks.

    The top layer: it reads every content app (members, documents, news).
    """

    name = "backups"
    verbose_name = _("Backups and file checks")
