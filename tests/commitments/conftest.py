"""Fixtures of credit commitments: the market regulator's 告知承诺 template for a food business licence, a 主动型 one,
its window clerk, and an account bound to the enterprise."""

import pytest

from publiccredit.accounts.roles import Role
from publiccredit.accounts.services import create_user
from publiccredit.commitments.models import CommitmentTemplate


@pytest.fixture
def template(market_regulation):
    return CommitmentTemplate.objects.create(
        code="scjg-spjy-1", department=market_regulation, matter_code="361100-SCJG-001",
        matter_name="食品经营许可（仅销售预包装食品）", type="1", title="食品经营许可告知承诺书",
        reason="申请食品经营许可，以告知承诺方式办理", content="本单位承诺符合食品经营许可条件，所提交材料真实有效。",
        conditions="具有与经营的食品品种、数量相适应的经营场所\n有食品安全管理人员", liability="违背承诺的，撤销许可并记入信用记录。",
        validity_months=12)


@pytest.fixture
def voluntary(market_regulation):
    return CommitmentTemplate.objects.create(
        code="scjg-zd-6", department=market_regulation, matter_code="361100-SCJG-ZD", matter_name="诚信经营主动承诺",
        type="6", title="诚信经营承诺书", reason="主动向社会作出诚信经营承诺", content="依法诚信经营。",
        liability="违背承诺的记入信用记录。", disclosure="public")


@pytest.fixture
def window_clerk(market_regulation):
    return create_user(username="chuangkou-he", role=Role.REGULATOR, organization=market_regulation,
                       password="Chuangkou-2026!", full_name="何窗口")


@pytest.fixture
def owner(enterprise):
    return create_user(username="xinjiang-cn", role=Role.SUBJECT_USER, subject=enterprise, password="Qiye-2026!!x")


@pytest.fixture
def tolerance(market_regulation):
    return CommitmentTemplate.objects.create(
        code="scjg-rq-2", department=market_regulation, matter_code="361100-SCJG-009", matter_name="食品生产许可",
        type="2", title="食品生产许可容缺受理承诺书", reason="主要申请材料齐全，次要材料容缺受理",
        content="本单位承诺在期限内补齐容缺材料，逾期未补齐的同意终止办理。", liability="逾期未补齐的，终止办理并记入信用记录。",
        supply_working_days=5, disclosure="restricted")
