"""Signals of our own, for what Django sends none of."""

from django.dispatch import Signal

# Sent after rows changed without a save() (``QuerySet.update()``), with ``objects``: the
# changed model instances. The search index listens, so an app that updates in bulk keeps
# search current without knowing that search exists.
objects_updated = Signal()
