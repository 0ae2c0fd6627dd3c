"""The Celery application: the worker for slow or fallible jobs (see README.md, "The worker").

``celery -A assa worker`` runs the jobs queued in Redis (``CELERY_BROKER_URL``). Without a
broker (development, tests) every job runs at once, in the process that queued it
(``CELERY_TASK_ALWAYS_EAGER``), so ``make run`` needs no worker.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "assa.settings")

app = Celery("assa")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
