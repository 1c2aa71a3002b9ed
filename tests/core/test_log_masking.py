import logging

from publiccredit.core.logging import MaskIdentifiersFilter, mask_citizen_ids_in
from tests.conftest import CITIZEN_ID


def test_valid_citizen_ids_in_log_messages_are_masked():
    assert mask_citizen_ids_in(f"查询 {CITIZEN_ID} 完成") == "查询 3611**********1230 完成"


def test_other_long_numbers_are_left_alone():
    assert mask_citizen_ids_in("订单号 361102199001011231") == "订单号 361102199001011231"
    assert mask_citizen_ids_in("代码 91361102MA35ABCD4C") == "代码 91361102MA35ABCD4C"


def test_the_filter_masks_formatted_arguments_too():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "主体 %s 已登记", (CITIZEN_ID,), None)
    MaskIdentifiersFilter().filter(record)
    assert record.getMessage() == "主体 3611**********1230 已登记"
