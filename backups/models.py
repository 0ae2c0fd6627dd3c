"""A record of each backup, restore and file check, for the admin's panel.

A run is written when it ends, successful or not, so a backup never holds a record of
itself "still running" and a run that crashed shows as failed (the commands write the
failure before they stop).
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RunKind(models.TextChoices):
    BACKUP = "backup", _("Backup")
    RESTORE = "restore", _("Restore")
    VERIFY = "verify", _("File check")


class MaintenanceRunQuerySet(models.QuerySet):
    def of_kind(self, kind: str):
        return self.filter(kind=kind)

    def succeeded(self):
        return self.filter(succeeded=True)

    def last(self):
        return self.order_by("-finished_at", "-pk").first()


class MaintenanceRun(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=RunKind.choices)
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), default=timezone.now)
    succeeded = models.BooleanField(_("succeeded"))
    # Backups: the bytes written (database and files together).
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    # File checks: how many files were checked, and how many were missing or damaged.
    files_checked = models.PositiveIntegerField(_("files checked"), null=True, blank=True)
    problems = models.PositiveIntegerField(_("missing or damaged"), null=True, blank=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    details = models.TextField(_("details"), blank=True)

    objects = MaintenanceRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("backup or file check")
        verbose_name_plural = _("backups and file checks")
        ordering = ["-finished_at", "-pk"]
        indexes = [models.Index(fields=["kind", "-finished_at"], name="run_kind_finished")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.finished_at:%Y-%m-%d %H:%M}"

    @property
    def duration(self) -> datetime.timedelta:
        return self.finished_at - self.started_at


def backup_is_overdue(last_good: MaintenanceRun | None, now=None) -> bool:
    """No good backup within BACKUP_MAX_AGE_HOURS: the daily run has stopped or fails."""
    if last_good is None:
        return True
    limit = datetime.timedelta(hours=settings.BACKUP_MAX_AGE_HOURS)
    return (now or timezone.now()) - last_good.finished_at > limit
