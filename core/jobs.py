"""Queueing the worker's jobs (the Celery application itself is ``assa.celery``)."""

from __future__ import annotations

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """Queue ``task`` once the current transaction commits (at once outside one).

    A job is never queued for a change that was rolled back, and the worker never looks
    for rows that are not committed yet. If the broker cannot be reached, the job is
    logged as lost: the request that asked for it (an approval, say) still succeeds.
    """

    def send() -> None:
        try:
            task.delay(*args, **kwargs)
        except Exception:
            logger.exception("Could not queue %s%r", task.name, args)

    transaction.on_commit(send)
