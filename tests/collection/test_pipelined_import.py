"""Outside a surrounding transaction (the import command, a worker), large CSV imports on PostgreSQL store each
chunk on a writer thread while the next is checked. The result must be the same as without it."""

import pytest

from publiccredit.catalog.models import CatalogItem
from publiccredit.collection import columnar, pipeline
from publiccredit.collection.models import Batch, CreditRecord, RecordVersion
from publiccredit.collection.services import import_file
from publiccredit.organizations.models import Organization
from publiccredit.subjects.models import Subject
from tests.builders import penalty_row, person_penalty_row, write_csv
from tests.conftest import CITIZEN_ID

# Reference data comes from data migrations; serialized_rollback restores it after each flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_chunked_import_without_an_outer_transaction_stores_every_row_once(tmp_path, monkeypatch):
    monkeypatch.setattr(columnar, "CHUNK_ROWS", 7)
    rows = [penalty_row(n) for n in range(1, 30)] + [person_penalty_row(30, CITIZEN_ID, name="张三丰"),
                                                     penalty_row(31, CF_SY="")]
    path = write_csv(tmp_path / "p.csv", rows)
    market = Organization.objects.get(name="上饶市市场监督管理局")
    result = import_file(item=CatalogItem.objects.get(code="penalty"), provider=market, path=path, actor=None)
    assert (result.created, result.rejected, result.batch.status) == (30, 1, "done")
    assert CreditRecord.objects.count() == RecordVersion.objects.count() == 30
    assert Subject.objects.count() == 2  # the enterprise and the person, both registered from the file
    assert CreditRecord.objects.filter(subject__isnull=True).count() == 0
    again = import_file(item=CatalogItem.objects.get(code="penalty"), provider=market, path=path, actor=None)
    assert (again.created, again.unchanged) == (0, 30)


def test_a_failure_while_writing_marks_the_batch_failed_and_a_rerun_stores_every_row_once(tmp_path, monkeypatch):
    import itertools

    from publiccredit.collection import intake

    monkeypatch.setattr(columnar, "CHUNK_ROWS", 5)
    original_copy, original_insert = columnar.copy_frame, intake.Intake.insert_creates
    writes = itertools.count(1)  # next() is atomic: the writer threads share it

    def fail_second_write():
        if next(writes) == 2:  # the second chunk that writes rows fails; its transaction stores nothing
            raise OSError("磁盘已满")

    def failing_copy(model, frame):  # PostgreSQL: chunks are COPYed on writer threads
        if frame.height:
            fail_second_write()
        return original_copy(model, frame)

    def failing_insert(self, rows):  # SQLite: chunks are inserted in turn
        if rows:
            fail_second_write()
        return original_insert(self, rows)

    monkeypatch.setattr(columnar, "copy_frame", failing_copy)
    monkeypatch.setattr(intake.Intake, "insert_creates", failing_insert)
    path = write_csv(tmp_path / "p.csv", [penalty_row(n) for n in range(1, 16)])
    market = Organization.objects.get(name="上饶市市场监督管理局")
    with pytest.raises((OSError, RuntimeError)):
        import_file(item=CatalogItem.objects.get(code="penalty"), provider=market, path=path, actor=None)
    assert Batch.objects.get().status == "failed"
    assert CreditRecord.objects.count() < 15
    monkeypatch.setattr(columnar, "copy_frame", original_copy)
    monkeypatch.setattr(intake.Intake, "insert_creates", original_insert)
    again = import_file(item=CatalogItem.objects.get(code="penalty"), provider=market, path=path, actor=None)
    assert again.batch.status == "done"
    assert CreditRecord.objects.count() == 15


def test_the_writer_reports_a_failed_job_at_the_next_hand_over():
    writer = pipeline.BackgroundWriter()

    def broken():
        raise ValueError("坏任务")

    writer.submit(broken)
    with pytest.raises(RuntimeError, match="写入数据库失败"):
        writer.close()
