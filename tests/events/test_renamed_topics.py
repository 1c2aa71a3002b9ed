"""Events waiting in the outbox under a topic's former name are renamed on upgrade, so that their consumers still run
(docs/architecture.md, "Names are contracts"; docs/operations.md)."""

import importlib

import pytest
from django.apps import apps

from publiccredit.collection.topics import RECORD_STATE_CHANGED, RECORDS_CHANGED
from publiccredit.events.models import OutboxEvent
from publiccredit.events.registry import handlers_for
from publiccredit.subjects.topics import SUBJECT_RENAMED, SUBJECTS_REGISTERED

pytestmark = pytest.mark.django_db
MIGRATIONS = ["publiccredit.subjects.migrations.0004_rename_event_topics",
              "publiccredit.collection.migrations.0006_rename_event_topics"]


def run(step: str) -> None:
    for name in MIGRATIONS:
        [operation] = importlib.import_module(name).Migration.operations
        (operation.code if step == "rename" else operation.reverse_code)(apps, None)


def test_pending_events_under_former_names_take_the_new_names_and_reach_their_consumers():
    for topic in ("subject.registered", "subjects.registered", "subject.renamed", "records.changed",
                  "records.state_changed", "lists.entry.publish"):
        OutboxEvent.objects.create(topic=topic, payload={})
    run("rename")
    assert list(OutboxEvent.objects.values_list("topic", flat=True)) == [
        SUBJECTS_REGISTERED, SUBJECTS_REGISTERED, SUBJECT_RENAMED, RECORDS_CHANGED, RECORD_STATE_CHANGED,
        "lists.entry.publish"]
    everyone = len(handlers_for("no.such.topic"))  # the consumers of every topic (messages)
    assert len(handlers_for(RECORDS_CHANGED)) > everyone and len(handlers_for(RECORD_STATE_CHANGED)) > everyone


def test_a_downgrade_gives_each_topic_back_its_first_former_name():
    OutboxEvent.objects.create(topic=SUBJECTS_REGISTERED, payload={})
    OutboxEvent.objects.create(topic=RECORDS_CHANGED, payload={})
    run("restore")
    assert list(OutboxEvent.objects.values_list("topic", flat=True)) == ["subject.registered", "records.changed"]
