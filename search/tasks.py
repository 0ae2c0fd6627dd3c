"""The worker's part of search: reading the text of a new PDF after it is saved.

PDFium reads a 300-page annex in seconds; inside the save's transaction that would hold
up the upload or the approval (and keep their rows locked). With
``SEARCH_FILE_TEXT_IN_WORKER`` the save indexes the title and description at once and
queues ``read_file_text``, which indexes the file's text once the save has committed.
"""

from __future__ import annotations

from celery import shared_task
from django.apps import apps

from core.jobs import enqueue_on_commit
from search.index import index_object


@shared_task(autoretry_for=(OSError,), retry_backoff=10, max_retries=5)
def read_file_text(model_label: str, pk: int) -> bool:
    """Index the object again, reading its file; False if it is gone or no longer public."""
    model = apps.get_model(model_label)
    instance = model._default_manager.filter(pk=pk).first()
    if instance is None:
        return False
    return index_object(instance) is not None


def read_file_text_later(instance) -> None:
    enqueue_on_commit(read_file_text, instance._meta.label, instance.pk)
