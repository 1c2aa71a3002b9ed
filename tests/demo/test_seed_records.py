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
