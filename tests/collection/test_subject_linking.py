"""Records are tied to subjects by code only: an unknown valid code creates the subject; a record without a usable
code waits, unlinked, for a clerk — even when its name matches a subject exactly."""

import datetime as dt

from publiccredit.collection.models import CreditRecord
from publiccredit.collection.services import submit_records
from publiccredit.subjects.models import Subject
from tests.builders import penalty_row, person_penalty_row
from tests.conftest import CITIZEN_ID, ENTERPRISE_USCC

TODAY = dt.date(2026, 11, 25)


def send(penalty, provider, rows):
    result = submit_records(item=penalty, provider=provider, records=rows, actor=None, today=TODAY)
    assert result.rejected == 0, result.errors
    return result


def test_a_record_is_linked_to_the_registered_subject_by_its_uscc(penalty, market_regulation, enterprise):
    send(penalty, market_regulation, [penalty_row(1, CF_XDR_MC="上饶市信江光伏科技(有限)公司")])
    assert CreditRecord.objects.get().subject == enterprise


def test_an_unknown_but_valid_uscc_with_a_name_creates_the_subject(penalty, market_regulation):
    send(penalty, market_regulation, [penalty_row(1, CF_XDR_LB="个体工商户", CF_XDR_MC="信州区老张小吃店")])
    subject = Subject.objects.get(uscc=ENTERPRISE_USCC)
    assert (subject.name, subject.kind, subject.region.name) == ("信州区老张小吃店", "individual_business", "信州区")
    assert CreditRecord.objects.get().subject == subject


def test_a_person_is_linked_by_citizen_id_and_created_when_unknown(penalty, market_regulation, citizen):
    send(penalty, market_regulation, [person_penalty_row(1, CITIZEN_ID, name="张三丰"),
                                      person_penalty_row(2, "36112319781105004X", name="李四")])
    linked = dict(CreditRecord.objects.values_list("decision_number", "subject__kind"))
    assert CreditRecord.objects.get(decision_number="饶市监罚〔2026〕1号").subject == citizen
    assert linked["饶市监罚〔2026〕2号"] == "natural_person"
    assert Subject.objects.filter(kind="natural_person").count() == 2


def test_a_record_with_only_an_old_registration_number_waits_unlinked_even_if_the_name_matches(
        penalty, market_regulation, enterprise):
    send(penalty, market_regulation, [penalty_row(1, CF_XDR_SHXYM=None, CF_XDR_GSZC="361102000012345",
                                                  CF_XDR_MC=enterprise.name)])
    record = CreditRecord.objects.get()
    assert record.subject is None
    assert record.party_name_normalized == enterprise.name_normalized


def test_the_persons_id_number_is_stored_masked_and_encrypted(penalty, market_regulation):
    from publiccredit.core.crypto import decrypt_text

    send(penalty, market_regulation, [person_penalty_row(1, CITIZEN_ID, name="张三丰")])
    record = CreditRecord.objects.get()
    assert record.payload["CF_XDR_ZJHM"] == "3611**********1230"
    assert record.party_code == "3611**********1230"
    assert decrypt_text(record.protected["CF_XDR_ZJHM"]) == CITIZEN_ID
    assert CITIZEN_ID not in str(record.payload) + record.key_hash.hex + record.content_hash
