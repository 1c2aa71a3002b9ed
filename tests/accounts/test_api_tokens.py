import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from rest_framework.test import APIClient

from publiccredit.accounts.models import ApiToken
from publiccredit.accounts.services import issue_token, revoke_token
from publiccredit.audit.models import AuditEntry


def issue_by_command(capsys, *args):
    call_command("issue-token", *args)
    return capsys.readouterr().out.strip().splitlines()[-1]


def whoami(secret):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client.get("/api/v1/whoami/")


def test_issue_token_prints_the_token_last_and_it_authenticates_the_organisation(market_regulation, capsys):
    secret = issue_by_command(capsys, "--org", market_regulation.code, "--scopes", "records:write,subjects:read")
    response = whoami(secret)
    assert response.status_code == 200
    body = response.json()
    assert body["organization"] == {"code": market_regulation.code, "name": "上饶市市场监督管理局"}
    assert body["scopes"] == ["records:write", "subjects:read"]
    assert body["role"] == "system"


def test_only_a_hash_of_the_token_is_stored(market_regulation):
    issued = issue_token(organization=market_regulation, scopes="records:write")
    stored = ApiToken.objects.get()
    assert issued.secret not in (stored.token_hash, stored.prefix)
    assert AuditEntry.objects.filter(action="accounts.token.issue").exists()


def test_an_unknown_scope_is_refused_with_the_list_of_known_ones(market_regulation):
    with pytest.raises(CommandError) as refused:
        call_command("issue-token", "--org", market_regulation.code, "--scopes", "records:write,everything")
    assert "everything" in str(refused.value)
    assert "records:write" in str(refused.value)


def test_an_unknown_organisation_is_refused(db):
    with pytest.raises(CommandError) as refused:
        call_command("issue-token", "--org", "91361102MA35ABCD4C", "--scopes", "records:write")
    assert "找不到" in str(refused.value)


def test_a_revoked_token_no_longer_authenticates(market_regulation):
    issued = issue_token(organization=market_regulation, scopes="records:write")
    revoke_token(prefix=issued.token.prefix, actor=None, reason="测试")
    response = whoami(issued.secret)
    assert response.status_code == 401
    assert "令牌无效" in response.json()["detail"]


def test_an_expired_token_no_longer_authenticates(market_regulation):
    issued = issue_token(organization=market_regulation, scopes="records:write", valid_days=1)
    ApiToken.objects.filter(pk=issued.token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert whoami(issued.secret).status_code == 401


def test_a_made_up_token_is_refused(db):
    assert whoami("pc_not-a-real-token").status_code == 401
    assert APIClient().get("/api/v1/whoami/").status_code in (401, 403)


def test_a_token_may_call_only_endpoints_within_its_scopes(market_regulation):
    from rest_framework.response import Response
    from rest_framework.test import APIRequestFactory
    from rest_framework.views import APIView

    from publiccredit.accounts.authentication import HasScope

    class SubmitRecords(APIView):
        permission_classes = [HasScope]
        required_scope = "records:write"

        def post(self, request):
            return Response({"ok": True})

    allowed = issue_token(organization=market_regulation, scopes="records:write").secret
    other = issue_token(organization=market_regulation, scopes="subjects:read").secret
    factory = APIRequestFactory()
    view = SubmitRecords.as_view()
    assert view(factory.post("/x", HTTP_AUTHORIZATION=f"Bearer {allowed}")).status_code == 200
    refused = view(factory.post("/x", HTTP_AUTHORIZATION=f"Bearer {other}"))
    assert refused.status_code == 403
    assert "权限范围" in refused.data["detail"]


def test_a_token_is_revoked_from_the_command_line_and_stops_working_at_once(market_regulation, capsys):
    secret = issue_by_command(capsys, "--org", market_regulation.code, "--scopes", "records:read")
    assert whoami(secret).status_code == 200
    call_command("revoke-token", secret[:12], "--reason", "系统下线")
    assert "已撤销令牌" in capsys.readouterr().out
    assert whoami(secret).status_code == 401
    assert AuditEntry.objects.get(action="accounts.token.revoke").reason == "系统下线"
    with pytest.raises(CommandError, match="没有前缀为"):
        call_command("revoke-token", secret[:12])
