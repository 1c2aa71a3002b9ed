"""API token scopes. A token may call an endpoint only if it holds the endpoint's scope."""

SCOPES = {
    "subjects:read": "查询信用主体及其信用档案",
    "records:write": "报送信用信息（归集）",
    "records:read": "查询本单位报送的信用信息与批次",
    "screening:write": "提交联合奖惩比对（查询-比对）",
    "screening:feedback": "反馈联合奖惩措施执行情况",
    "lists:read": "查询名单信息",
    "repairs:write": "信用修复申请与处理",
    "objections:write": "异议申请与处理",
    "stats:read": "查询统计信息",
    "evaluations:write": "导入外部信用评价结果（如纳税信用等级）",
    "commitments:write": "代主体签署信用承诺（审批系统）、查询容缺受理",
    "reports:write": "代主体申请出具信用报告（办事窗口、审批系统）",
}


def parse_scopes(text: str) -> list[str]:
    """Split ``a,b`` into scopes; raise DomainError naming every unknown scope."""
    from publiccredit.core.errors import DomainError

    scopes = sorted({part.strip() for part in (text or "").split(",") if part.strip()})
    if not scopes:
        raise DomainError("至少需要一个权限范围（scope）", code="no_scopes", field="scopes")
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown:
        known = "、".join(SCOPES)
        raise DomainError(f"未知的权限范围：{'、'.join(unknown)}。可用的有：{known}", code="unknown_scope",
                          field="scopes")
    return scopes
