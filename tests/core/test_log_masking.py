import logging

from publiccredit.core.logging import MaskIdentifiersFilter, mask_citizen_ids_in
from tests.conftest import CITIZEN_ID


def test_valid_citizen_ids_in_log_messages_are_masked():
    assert mask_citizen_ids_in(f"查询 {CITIZEN_ID} 完成") == "查询 3611**********1230 完成"


def test_a_mistyped_citizen_id_is_masked_like_a_valid_one():
    assert mask_citizen_ids_in("查询 361102199001011231 完成") == "查询 3611**********1231 完成"


def test_other_long_numbers_are_left_alone():
    assert mask_citizen_ids_in("订单号 123456789012345678") == "订单号 123456789012345678"
    assert mask_citizen_ids_in("代码 91361102MA35ABCD4C") == "代码 91361102MA35ABCD4C"


def test_the_filter_masks_formatted_arguments_too():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "主体 %s 已登记", (CITIZEN_ID,), None)
    MaskIdentifiersFilter().filter(record)
    assert record.getMessage() == "主体 3611**********1230 已登记"


def test_query_codes_in_request_lines_are_masked():
    line = '"GET /api/v1/repairs/XF3611002026000001/?code=K7PQ2M9X HTTP/1.1" 200'
    assert mask_citizen_ids_in(line) == '"GET /api/v1/repairs/XF3611002026000001/?code=*** HTTP/1.1" 200'
    assert mask_citizen_ids_in("/progress/?kind=repair&number=XF1&code=ABCD") == "/progress/?kind=repair&number=XF1&code=***"


def test_runserver_request_lines_pass_through_the_masking_filter():
    from django.conf import settings

    server = settings.LOGGING["loggers"]["django.server"]
    handlers = [settings.LOGGING["handlers"][name] for name in server["handlers"]]
    assert all("mask_identifiers" in handler.get("filters", []) for handler in handlers)
