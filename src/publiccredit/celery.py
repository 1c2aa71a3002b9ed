"""Celery application. Without CELERY_BROKER_URL every task runs inline (see settings)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "publiccredit.settings")

app = Celery("publiccredit")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
