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
    accepted = CreditRecord.objects.count()
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
