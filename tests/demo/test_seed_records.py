from django.core.management import call_command

from publiccredit.collection.models import Batch, BatchError, CreditRecord


def test_the_demo_city_gets_records_from_many_departments_and_counties_some_late_some_bad(db, capsys):
    call_command("seed", "--subjects", "300", "--seed", "4", "--records", "400", "--no-accounts")
    providers = set(CreditRecord.objects.values_list("provider__name", flat=True))
    assert len(providers) >= 10
    assert CreditRecord.objects.filter(provider__kind="county").exists()
    assert set(CreditRecord.objects.values_list("item__code", flat=True)) >= {"penalty", "license", "honor",
                                                                             "court_dishonest_debtor"}
    assert CreditRecord.objects.filter(on_time=False).exists() and CreditRecord.objects.filter(on_time=True).exists()
    assert BatchError.objects.exists()
    assert CreditRecord.objects.filter(party_kind="natural_person", subject__isnull=False).exists()
    accepted = CreditRecord.objects.filter(batch__channel=Batch.Channel.DEMO).count()
    assert accepted + BatchError.objects.values("batch", "row").distinct().count() == 400


def test_seeding_records_again_adds_nothing(db, capsys):
    call_command("seed", "--subjects", "100", "--seed", "4", "--records", "50", "--no-accounts")
    batches, records = Batch.objects.count(), CreditRecord.objects.count()
    call_command("seed", "--subjects", "100", "--seed", "4", "--records", "50", "--no-accounts")
    assert (Batch.objects.count(), CreditRecord.objects.count()) == (batches, records)
    assert "演示记录已存在" in capsys.readouterr().out


def test_the_demo_city_lists_subjects_with_serious_penalties_through_the_workflow(db, capsys):
    from publiccredit.lists.models import ListEntry

    call_command("seed", "--subjects", "400", "--seed", "4", "--records", "1500", "--no-accounts")
    states = set(ListEntry.objects.values_list("state", flat=True))
    assert {"published", "proposed"} <= states
    assert all(entry.records.exists() for entry in ListEntry.objects.all())


def test_the_demo_city_has_voluntary_registrations_in_every_state_and_the_verified_ones_count_in_its_grades(
        db, capsys):
    from publiccredit.evaluation.models import EvaluationResult
    from publiccredit.registrations.models import Registration

    call_command("seed", "--subjects", "200", "--seed", "4", "--records", "100", "--no-accounts")
    assert set(Registration.objects.values_list("state", flat=True)) == {"verified", "submitted", "rejected", "false"}
    false = Registration.objects.get(state="false")
    assert false.record.item.code == "false_registration" and false.record.subject_id == false.subject_id
    verified = Registration.objects.filter(state="verified").first()
    result = EvaluationResult.objects.get(subject=verified.subject, model__code="public", is_current=True)
    assert any(source["type"] == "registration" and source["id"] == verified.pk
               for part in result.contributions for source in part["sources"])
    out = capsys.readouterr().out
    assert "信用信息自愿注册：36 条" in out and "纳税信用等级：导入" in out
    assert EvaluationResult.objects.filter(model__code="tax_credit", is_current=True).count() >= 100
