"""When a record may be repaired (docs/repair.md): pure rules on a record, shared by the application form and the
website's 申请信用修复 link. No heavy imports: the visibility module reads this while the apps load."""

import datetime as dt

from publiccredit.catalog.models import CatalogItem
from publiccredit.collection.models import CreditRecord

REPAIRABLE_STATES = (CreditRecord.State.ACTIVE, CreditRecord.State.CORRECTED)


def record_repair_problems(record: CreditRecord, *, item_name: str, item_nature: str, item_repairable: bool,
                           today: dt.date) -> list[str]:
    """Why the record itself cannot be repaired on ``today`` (empty when it can): the rule shared by the application
    form and the website's 申请信用修复 link, which knows the item from its cached labels rather than a join."""
    problems = []
    if item_nature != CatalogItem.Nature.NEGATIVE:
        problems.append("只有失信信息可以申请信用修复")
    elif not item_repairable:
        problems.append(f"“{item_name}”不通过信用修复办理，请向作出认定的单位申请移出")
    if record.state not in REPAIRABLE_STATES:
        problems.append(f"该记录当前为“{record.get_state_display()}”，不能申请修复")
    elif not record.published:
        problems.append("该记录不向社会公示，无需申请修复")
    elif record.publicity_end and record.publicity_end < today:
        problems.append(f"该记录的公示期已于{record.publicity_end:%Y年%m月%d日}届满，已自动停止公示，无需申请修复")
    elif record.repairable_from and today < record.repairable_from:
        problems.append(f"最短公示期至{record.repairable_from:%Y年%m月%d日}，届满后方可申请修复")
    return problems
