"""The Celery application: the worker for slow or fallible jobs (see README.md, "The worker").

``celery -A assa worker`` runs the jobs queued in Redis (``CELERY_BROKER_URL``). Without a
broker (development, tests) every job runs at once, in the process that queued it
(``CELERY_TASK_ALWAYS_EAGER``), so ``make run`` needs no worker.
"""

from __future__ import annotations

import logging
import os

from celery import Celery
from django.db import transaction

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "assa.settings")

logger = logging.getLogger(__name__)

app = Celery("assa")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


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
