from publiccredit.audit.models import AuditEntry


def test_signing_in_and_out_of_the_back_office_is_audited(client, market_clerk):
    assert client.login(username="clerk-wang", password="Baosong-2026!")
    client.post("/admin/logout/")
    actions = list(AuditEntry.objects.filter(kind="access").order_by("seq").values_list("action", "actor_name"))
    assert actions == [("accounts.session.login", "clerk-wang"), ("accounts.session.logout", "clerk-wang")]


def test_a_failed_sign_in_is_audited_without_the_password(client, market_clerk):
    client.post("/admin/login/", {"username": "clerk-wang", "password": "wrong-password-123"})
    entry = AuditEntry.objects.get(action="accounts.session.login_failed")
    assert entry.reason == "用户名：clerk-wang"
    assert "wrong-password-123" not in repr(entry.detail) + entry.reason


def test_a_command_without_a_platform_user_is_attributed_to_the_system_account_that_ran_it(db, capsys):
    from django.core.management import call_command

    call_command("seed", "--subjects", "3", "--seed", "2", "--no-accounts")
    entry = AuditEntry.objects.get(action="subjects.subject.bulk_register")
    assert entry.channel == "cli"
    assert entry.actor_name.startswith("命令行（")
