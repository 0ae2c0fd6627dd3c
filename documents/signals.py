"""Publication follows the meeting: when an event is published or goes back to draft,
the public copies of its approved documents' previews follow (``publish_event_previews``).

Every list and page asks ``Document.objects.published()``, which already reads the
event's state; only the previews' public copies are files that must be made or deleted.
The search index follows in ``search.signals``, the page cache through the content
version (any save of an event bumps it).
"""

from django.db.models.signals import post_save, pre_save

from core.signals import objects_updated
from documents.services import publish_event_previews
from events.models import Event


def _remember_publication(sender, instance, raw=False, **kwargs):
    instance._was_published = (
        None
        if raw or instance.pk is None
        else Event.objects.filter(pk=instance.pk).values_list("is_published", flat=True).first()
    )


def _publication_changed(sender, instance, created=False, raw=False, **kwargs):
    if raw or created:
        return
    was = getattr(instance, "_was_published", None)
    if was is not None and was != instance.is_published:
        publish_event_previews(instance)


def _events_updated(sender, objects, **kwargs):
    """Events published or unpublished in bulk (``QuerySet.update()``)."""
    for obj in objects:
        if isinstance(obj, Event):
            publish_event_previews(obj)


def connect() -> None:
    pre_save.connect(_remember_publication, sender=Event, dispatch_uid="documents_event_pre")
    post_save.connect(_publication_changed, sender=Event, dispatch_uid="documents_event_post")
    objects_updated.connect(_events_updated, dispatch_uid="documents_events_updated")
