import datetime as dt

import pytest

from publiccredit.core.errors import DomainError
from publiccredit.subjects.names import display_name, normalize_name
from publiccredit.subjects.queries import subjects_named
from publiccredit.subjects.services import rename_subject


def test_full_width_half_width_brackets_and_spaces_give_one_matching_key():
    assert normalize_name("上饶市 鑫源（商贸）有限公司") == normalize_name("上饶市鑫源(商贸)有限公司")
    assert normalize_name("上饶ＡＢＣ科技\u3000有限公司") == "上饶ABC科技有限公司"
    assert normalize_name("上饶市【鑫源】公司") == normalize_name("上饶市(鑫源)公司")


def test_the_display_form_uses_chinese_brackets_and_drops_stray_spaces():
    assert display_name(" 上饶市 鑫源(商贸) 有限公司 ") == "上饶市鑫源（商贸）有限公司"


def test_a_renamed_subject_keeps_its_former_name_and_is_found_by_it(enterprise):
    old = enterprise.name
    rename_subject(subject=enterprise, new_name="江西信江新能源有限公司", effective_on=dt.date(2024, 3, 1), actor=None)
    history = list(enterprise.names.order_by("valid_from").values_list("name", "valid_to"))
    assert history == [(old, dt.date(2024, 3, 1)), ("江西信江新能源有限公司", None)]
    assert list(subjects_named("上饶市 信江光伏科技有限公司")) == [enterprise]
    assert list(subjects_named("江西信江新能源有限公司")) == [enterprise]


def test_renaming_to_the_same_name_in_another_width_is_refused(enterprise):
    with pytest.raises(DomainError):
        rename_subject(subject=enterprise, new_name="上饶市 信江光伏科技有限公司", actor=None)
