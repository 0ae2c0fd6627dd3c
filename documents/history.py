"""The moderation's record in the admin's History (``django.contrib.admin.models.LogEntry``).

Every decision, file replacement, new version and withdrawal is written to the document's
History, with who did it and when, by the services that do them (so the admin's buttons,
its list actions and the portal are recorded alike).

A message is stored as a key and its values, in the JSON list that Django keeps change
messages in (``[{"moderation": {"key": ..., "values": {...}}}]``), and written out in the
reader's language when the History page is shown (``message_of``): a Khmer clerk reads it
in Khmer, an English one in English, whoever wrote it.
"""

from __future__ import annotations

import copy
import json

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

KEY = "moderation"

MESSAGES = {
    "sent": _("Sent for review through the member portal."),
    "approved": _("Approved and published."),
    "approved_held": _("Approved; public once its event is published."),
    "rejected": _("Rejected. Reason: %(reason)s"),
    "withdrawn": _("Withdrawn by %(who)s before a decision."),
    "replaced": _("File replaced: %(new)s instead of %(old)s (kept as an earlier version)."),
    "revision_sent": _("New version sent for review: %(new)s. What changed: %(note)s"),
    "revision_approved": _(
        "New version approved: %(new)s instead of %(old)s (kept as an earlier version)."
    ),
    "revision_rejected": _("New version %(new)s rejected. Reason: %(reason)s"),
    "revision_withdrawn": _("New version %(new)s withdrawn by %(who)s before a decision."),
}


def record(document, user, key: str, *, flag: int = CHANGE, **values) -> LogEntry | None:
    """Write one line of ``document``'s History, done by ``user`` (nothing without one)."""
    if user is None or not getattr(user, "pk", None):
        return None
    if key not in MESSAGES:
        raise ValueError(f"Unknown History message {key!r}")
    values = {name: str(value) for name, value in values.items()}
    return LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=[as_concrete(document)],
        action_flag=flag,
        change_message=[{KEY: {"key": key, "values": values}}],
        single_object=True,
    )


def as_concrete(obj):
    """``obj`` as an instance of its concrete model: the queue's ``Submission`` rows are
    documents, and their History is the document's (LogEntry names the model)."""
    concrete = obj._meta.concrete_model
    if type(obj) is concrete:
        return obj
    clone = copy.copy(obj)
    clone.__class__ = concrete
    return clone


def record_addition(document, user, key: str, **values) -> LogEntry | None:
    return record(document, user, key, flag=ADDITION, **values)


def message_of(entry: LogEntry) -> str:
    """The entry's message in the active language: ours, else Django's own."""
    try:
        parts = json.loads(entry.change_message)
    except (TypeError, ValueError):
        return entry.get_change_message()
    if not isinstance(parts, list):
        return entry.get_change_message()
    ours = []
    for part in parts:
        found = part.get(KEY) if isinstance(part, dict) else None
        if isinstance(found, dict) and found.get("key") in MESSAGES:
            text = gettext(str(MESSAGES[found["key"]]))
            try:
                ours.append(text % found.get("values", {}))
            except (KeyError, TypeError, ValueError):
                ours.append(text)
    if ours:
        return " ".join(ours)
    return entry.get_change_message()
