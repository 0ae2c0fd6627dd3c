from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AssaConfig(AppConfig):
    name = "assa"
    verbose_name = _("Site")

    def ready(self) -> None:
        from assa import checks  # noqa: F401  (registers the system checks)
        from core import caching
        from core.groups import ensure_secretariat_group
        from core.images import configure_pillow

        # Permissions exist only after migrate, so the group is kept up to date here.
        post_migrate.connect(ensure_secretariat_group, dispatch_uid="assa_secretariat_group")
        # Make cached pages stale when any of the content apps' models changes.
        caching.connect()
        # Pillow refuses pictures past IMAGE_MAX_PIXELS wherever it is used.
        configure_pillow()
