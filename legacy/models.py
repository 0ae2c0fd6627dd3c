from django.db import models
from django.utils.translation import gettext_lazy as _


class LegacyPath(models.Model):
    """An address of a file on the old site (/files/...), redirected to its document.

    Two old addresses may hold the same file: the importer keeps one document and writes a
    row for each address, so that every one of them redirects to it.
    """

    path = models.CharField(_("old site address"), max_length=500, unique=True)
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.CASCADE,
        related_name="legacy_paths",
        verbose_name=_("document"),
    )

    class Meta:
        verbose_name = _("old file address")
        verbose_name_plural = _("old file addresses")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.path
