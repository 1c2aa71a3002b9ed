from publiccredit.audit.labels import action_label


def test_audited_actions_are_named_in_chinese():
    assert action_label("subjects.citizen_id.reveal") == "查看完整身份证号码"
    assert action_label("accounts.token.issue") == "签发接口令牌"


def test_admin_configuration_changes_get_a_generic_chinese_name():
    assert action_label("organizations.organization.update") == "修改配置（organizations.organization）"
