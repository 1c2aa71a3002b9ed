"""Large CSV files are checked column by column; that path must accept, reject and store exactly what the row path
does. The same messy file goes through the row path (then rolled back) and the columnar path, and is compared."""

import datetime as dt

from django.db import transaction

from publiccredit.collection.models import CreditRecord
from publiccredit.collection.services import import_file
from tests.builders import penalty_row, person_penalty_row, write_csv
from tests.conftest import CITIZEN_ID

TODAY = dt.date(2026, 11, 25)


def messy_rows() -> list[dict]:
    return [
        penalty_row(1),
        penalty_row(2, CF_NR_FK=" 2 "),  # stray spaces
        penalty_row(3, CF_JDRQ="2026/11/20"),  # another date format
        penalty_row(4, CF_XDR_SHXYM="91361102ma35abcd4c"),  # lower case code
        penalty_row(5, CF_NR_FK="-1"),  # bad amount
        penalty_row(6, CF_SY=""),  # missing facts
        penalty_row(1, CF_NR="重复的一行"),  # duplicate key of row 1
        person_penalty_row(8, CITIZEN_ID, name="张三丰"),
        person_penalty_row(9, "36112319781105004x", name="李四"),  # lower-case x
        person_penalty_row(10, "361102199001011231"),  # wrong check digit
        penalty_row(11, CF_XDR_SHXYM=None, CF_XDR_GSZC="361102000012345"),  # unlinked
        penalty_row(12, CF_CFLB="罚款;吊销许可证件", CF_NR_FK="120"),  # serious
        penalty_row(13, CF_CFLB="警告", CF_NR_FK=None),  # minor
        penalty_row(14, CF_JDRQ="2026-11-26", CF_YXQ="2027-11-26"),  # future
        penalty_row(15, CF_YXQ="2026-01-01"),  # validity before decision
        penalty_row(16, CF_XDR_LB="自然人", CF_XDR_SHXYM=None),  # person without ID
        penalty_row(17, CF_WSH="饶市监罚〔2026〕17号", CZLX="撤销", CXYY="录入错误"),  # withdrawal of unknown
        penalty_row(18, CF_FR_ZJLX="身份证", CF_FR_ZJHM=CITIZEN_ID),  # representative's ID
        penalty_row(19, BZ="备" * 513),  # remarks too long
        penalty_row(20, CF_CFLB="警告；罚款"),  # full-width separator
    ]


def outcome(result):
    return ({k: getattr(result, k) for k in ("total", "accepted", "rejected", "created", "updated", "unchanged")},
            [(e.row, e.field, e.code, e.message) for e in result.errors])


def stored(provider):
    fields = ("decision_number", "party_name", "party_kind", "party_code", "payload", "content_hash", "severity",
              "published", "publicity_start", "repairable_from", "publicity_end", "lateness_working_days", "on_time",
              "state", "version", "subject__uscc", "subject__id_hash", "decision_date")
    return {r["decision_number"]: r for r in CreditRecord.objects.filter(provider=provider).values(*fields)}


def test_the_columnar_path_accepts_rejects_and_stores_what_the_row_path_does(tmp_path, penalty, market_regulation,
                                                                           citizen, monkeypatch):
    from publiccredit.collection import columnar

    clean_counts, original_clean = [], columnar.ColumnChecker.clean

    def counting_clean(self, frame):
        clean, doubtful = original_clean(self, frame)
        clean_counts.append(clean.height)
        return clean, doubtful

    monkeypatch.setattr(columnar.ColumnChecker, "clean", counting_clean)
    path = write_csv(tmp_path / "messy.csv", messy_rows())
    with transaction.atomic():  # one decision has one source: the row path's run is rolled back after reading it
        slow = import_file(item=penalty, provider=market_regulation, path=path, actor=None, today=TODAY,
                           columnar=False)
        slow_outcome, slow_rows = outcome(slow), stored(market_regulation)
        transaction.set_rollback(True)
    assert sum(clean_counts) == 0
    fast = import_file(item=penalty, provider=market_regulation, path=path, actor=None, today=TODAY)
    assert sum(clean_counts) >= 8  # most rows really took the columnar path
    assert outcome(fast) == slow_outcome
    assert (fast.accepted, fast.rejected) == (11, 9)
    fast_rows = stored(market_regulation)
    assert fast_rows.keys() == slow_rows.keys()
    for number, row in fast_rows.items():
        assert row == slow_rows[number], number
    assert fast_rows["饶市监罚〔2026〕18号"]["payload"]["CF_FR_ZJHM"] == "3611**********1230"


def test_re_sending_through_the_row_path_after_a_columnar_import_changes_nothing(tmp_path, penalty,
                                                                                  market_regulation):
    from publiccredit.collection.services import submit_records

    rows = messy_rows()
    import_file(item=penalty, provider=market_regulation, path=write_csv(tmp_path / "m.csv", rows), actor=None,
                today=TODAY)
    again = submit_records(item=penalty, provider=market_regulation, records=rows, actor=None, today=TODAY)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 11)
