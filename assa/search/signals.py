"""Signal receivers that keep the search index current.

Search is the one place where signals are the right tool here: news, events, documents
and members are saved from the admin, the member portal, services, demo loaders and
importers, and none of those apps should know that a search index exists. The receivers
run inside the same transaction as the save, so a rolled-back save leaves the index as
it was.

Not covered by any signal: ``QuerySet.update()`` and raw SQL. Code that publishes or
unpublishes that way calls ``assa.search.index.reindex(objects)`` afterwards; until then
the results page still leaves out anything its app no longer calls public.
"""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_delete, post_save

from assa.search import tasks
from assa.search.index import index_object, remove_object
from assa.search.sources import SOURCES, source_for_model


def _reindex(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: the rows may not all be there yet; rebuild afterwards
        return
    in_worker = settings.SEARCH_FILE_TEXT_IN_WORKER
    entry = index_object(instance, read_file=not in_worker)
    if entry is not None and entry.file_text_pending:
        tasks.read_file_text_later(instance)


def _remove(sender, instance, **kwargs):
    remove_object(instance)


def _presentation_changed(sender, instance, raw=False, **kwargs):
    """An event's programme is part of the event's text."""
    if raw or not instance.event_id:
        return
    event = apps.get_model("events.Event")(pk=instance.event_id)
    index_object(event)


def connect() -> None:
    models = {apps.get_model(source.model_label) for source in SOURCES.values()}
    # Proxy models (documents.Submission) send signals under their own name.
    models |= {
        model
        for model in apps.get_models()
        if model._meta.proxy and source_for_model(model) is not None
    }
    for model in models:
        uid = f"assa_search_{model._meta.label_lower}"
        post_save.connect(_reindex, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(_remove, sender=model, dispatch_uid=f"{uid}_delete")
    presentation = apps.get_model("events.Presentation")
    post_save.connect(_presentation_changed, sender=presentation, dispatch_uid="assa_search_pres")
    post_delete.connect(
        _presentation_changed, sender=presentation, dispatch_uid="assa_search_pres_delete"
    )
