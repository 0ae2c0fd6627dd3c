"""Signal receivers that keep the search index current.

Search is the one place where signals are the right tool here: news, events, documents
and members are saved from the admin, the member portal, services, demo loaders and
importers, and none of those apps should know that a search index exists. The receivers
run inside the same transaction as the save, so a rolled-back save leaves the index as
it was.

An event's documents are public only while the event is (publication follows the
meeting, ``Document.objects.published()``): saving an event also adds its public documents
missing from the index, or removes its documents' rows when it is not public.

``QuerySet.update()`` sends no post_save: code that publishes or unpublishes that way
sends ``core.signals.objects_updated`` with the changed objects, and the index follows.
Raw SQL is not covered; until a rebuild the results page still leaves out anything its
app no longer calls public.
"""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_delete, post_save

from core.signals import objects_updated
from search import tasks
from search.index import index_object, reindex, remove_object
from search.models import SearchEntry, SearchKind
from search.sources import SOURCES, source_for_model


def _index(instance) -> SearchEntry | None:
    in_worker = settings.SEARCH_FILE_TEXT_IN_WORKER
    entry = index_object(instance, read_file=not in_worker)
    if entry is not None and entry.file_text_pending:
        tasks.read_file_text_later(instance)
    return entry


def _reindex(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: the rows may not all be there yet; rebuild afterwards
        return
    entry = _index(instance)
    if source_for_model(type(instance)) is SOURCES[SearchKind.EVENT]:
        _event_documents_follow(instance, entry is not None)


def _event_documents_follow(event, event_is_public: bool) -> None:
    """An event's documents are public only while it is (``Document.objects.published()``):
    when it is published, its public documents missing from the index are added; when it
    is not, its documents' rows go. Documents already indexed are left as they are."""
    documents = event.documents.all()
    document_rows = SearchEntry.objects.filter(kind=SearchKind.DOCUMENT)
    if not event_is_public:
        document_rows.filter(object_id__in=documents.values("pk")).delete()
        return
    missing = documents.published().exclude(
        pk__in=document_rows.filter(object_id__in=documents.values("pk")).values("object_id")
    )
    for document in missing:
        _index(document)


def _remove(sender, instance, **kwargs):
    remove_object(instance)


def _presentation_changed(sender, instance, raw=False, **kwargs):
    """An event's programme is part of the event's text."""
    if raw or not instance.event_id:
        return
    event = apps.get_model("events.Event")(pk=instance.event_id)
    index_object(event)


def _objects_updated(sender, objects, **kwargs):
    objects = list(objects)
    reindex(objects)
    event_source = SOURCES[SearchKind.EVENT]
    for obj in objects:
        if source_for_model(type(obj)) is event_source:
            public = event_source.indexable().filter(pk=obj.pk).exists()
            _event_documents_follow(obj, public)


def connect() -> None:
    objects_updated.connect(_objects_updated, dispatch_uid="assa_search_updated")
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
    presentation = apps.get_model("documents.Presentation")
    post_save.connect(_presentation_changed, sender=presentation, dispatch_uid="assa_search_pres")
    post_delete.connect(
        _presentation_changed, sender=presentation, dispatch_uid="assa_search_pres_delete"
    )
