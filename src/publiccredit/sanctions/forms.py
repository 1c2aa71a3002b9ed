from django import forms
from django.conf import settings

from publiccredit.collection.forms import ALLOWED_SUFFIXES

from .models import Matter


class ScreeningForm(forms.Form):
    matter = forms.ModelChoiceField(label="业务事项", queryset=Matter.objects.filter(is_active=True),
                                    empty_label="请选择办理的业务事项", to_field_name="code")
    reference = forms.CharField(label="业务编号", max_length=100, required=False, help_text="如采购项目编号、审批件号（选填）")
    subjects = forms.CharField(label="查询对象", required=False, widget=forms.Textarea(attrs={"rows": 6}),
                               help_text="每行一个：统一社会信用代码、身份证号码或单位名称；也可写“代码 名称”")
    file = forms.FileField(label="或上传名单文件", required=False,
                           help_text="CSV 或 XLSX，列名“代码”和/或“名称”，最多100,000行")

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        if not upload.name.lower().endswith(ALLOWED_SUFFIXES):
            raise forms.ValidationError("只接受 CSV 或 XLSX 文件")
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(f"文件过大：上限为 {settings.UPLOAD_MAX_BYTES // (1024 * 1024)} MB")
        return upload

    def clean(self):
        data = super().clean()
        if not (data.get("subjects") or "").strip() and not data.get("file") and not self.errors.get("file"):
            raise forms.ValidationError("请填写查询对象或上传名单文件")
        return data


def lines_to_subjects(text: str) -> list[dict]:
    """One subject a line: a code, a name, or a code followed by a name (space, comma or tab between)."""
    import re

    from publiccredit.core.identifiers import normalize_code

    subjects = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        head, *rest = re.split(r"[\s,，]+", line, maxsplit=1)
        code = normalize_code(head)
        if code.isascii() and code.isalnum() and 15 <= len(code) <= 20:  # a code, valid or not (checked later)
            subjects.append({"code": code, "name": rest[0].strip() if rest else ""})
        else:
            subjects.append({"name": line})
    return subjects


class FeedbackForm(forms.Form):
    executed = forms.TypedChoiceField(label="执行情况", choices=[("1", "已执行"), ("0", "未执行")],
                                      coerce=lambda v: v == "1")
    note = forms.CharField(label="说明", max_length=500, required=False)
