"""An uploaded file is kept only as ciphertext beside its batch, downloadable by its department (audited), and deleted
after the retention period; no plaintext copy outlives the import, even when the file is refused."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from publiccredit.audit.models import AuditEntry
from publiccredit.collection.models import Batch
from publiccredit.collection.sources import prune_sources
from tests.builders import penalty_row, write_csv
from tests.collection.test_back_office_upload import upload

pytestmark = pytest.mark.django_db
MARKER = "在网店宣传中使用虚假的销售数据UNIQUEMARK"


def every_file(root):
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_the_uploaded_file_is_kept_encrypted_and_no_plaintext_copy_remains(client, market_clerk, penalty, tmp_path,
                                                                           settings):
    settings.SOURCE_RETENTION_DAYS = 30
    client.force_login(market_clerk)
    path = write_csv(tmp_path / "p.csv", [penalty_row(1, CF_SY=MARKER)])
    upload(client, path, "十一月处罚.csv")
    batch = Batch.objects.get()
    assert batch.source_kept_until == timezone.localdate() + dt.timedelta(days=30)
    stored = every_file(settings.MEDIA_ROOT)
    assert len(stored) == 1 and stored[0].name.endswith(".enc")
    assert MARKER.encode() not in stored[0].read_bytes() and "UNIQUEMARK".encode("gbk") not in stored[0].read_bytes()


def test_the_department_downloads_the_original_bytes_and_the_read_is_audited(client, market_clerk, penalty, tmp_path):
    client.force_login(market_clerk)
    path = write_csv(tmp_path / "p.csv", [penalty_row(1, CF_SY=MARKER)], encoding="gbk")
    upload(client, path, "十一月处罚.csv")
    batch = Batch.objects.get()
    response = client.get(f"/backoffice/collection/batches/{batch.pk}/source/")
    assert b"".join(response.streaming_content) == path.read_bytes()
    assert AuditEntry.objects.filter(action="collection.batch_source.read", actor_name=market_clerk.username).exists()


def test_a_refused_file_leaves_no_plaintext_behind(client, market_clerk, penalty, tmp_path, settings):
    client.force_login(market_clerk)
    path = tmp_path / "bad.csv"
    path.write_text("完全无关的列\n一些内容\n", encoding="utf-8")
    page = upload(client, path, "bad.csv").content.decode()
    assert "缺少必填列" in page
    assert every_file(settings.MEDIA_ROOT) == []


def test_files_past_their_retention_are_deleted_once_and_the_batch_says_so(client, market_clerk, penalty, tmp_path,
                                                                         settings, capsys):
    client.force_login(market_clerk)
    upload(client, write_csv(tmp_path / "p.csv", [penalty_row(1)]), "p.csv")
    batch = Batch.objects.get()
    assert prune_sources(today=batch.source_kept_until) == 0  # still within the period
    call_command("prune-sources")
    assert "已删除 0 个" in capsys.readouterr().out
    assert prune_sources(today=batch.source_kept_until + dt.timedelta(days=1)) == 1
    assert every_file(settings.MEDIA_ROOT) == []
    assert prune_sources(today=batch.source_kept_until + dt.timedelta(days=2)) == 0
    page = client.get(f"/backoffice/collection/batches/{batch.pk}/").content.decode()
    assert "超过保存期限" in page
    assert client.get(f"/backoffice/collection/batches/{batch.pk}/source/").status_code == 404


def test_an_altered_ciphertext_is_refused(client, market_clerk, penalty, tmp_path, settings):
    from publiccredit.core.crypto import DecryptionError

    client.force_login(market_clerk)
    upload(client, write_csv(tmp_path / "p.csv", [penalty_row(1)]), "p.csv")
    [stored] = every_file(settings.MEDIA_ROOT)
    data = bytearray(stored.read_bytes())
    data[30] ^= 0xFF
    stored.write_bytes(bytes(data))
    with pytest.raises(DecryptionError):
        b"".join(client.get(f"/backoffice/collection/batches/{Batch.objects.get().pk}/source/").streaming_content)
