from django import template

from backups.models import MaintenanceRun, RunKind, backup_is_overdue
from core.permissions import is_secretariat

register = template.Library()


@register.simple_tag
def backup_status(user) -> dict | None:
    """The last backup and file check, for the admin's panel (None for non-Secretariat)."""
    if not is_secretariat(user):
        return None
    backups = MaintenanceRun.objects.of_kind(RunKind.BACKUP)
    last_good_backup = backups.succeeded().last()
    return {
        "backup": backups.last(),
        "last_good_backup": last_good_backup,
        "backup_overdue": backup_is_overdue(last_good_backup),
        "check": MaintenanceRun.objects.of_kind(RunKind.VERIFY).last(),
    }
