from django import forms
from django.conf import settings

from publiccredit.catalog.queries import active_items

ALLOWED_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm")


class UploadForm(forms.Form):
    item = forms.ModelChoiceField(label="信息项", queryset=active_items(), empty_label="请选择信息项",
                                  to_field_name="code")
    file = forms.FileField(label="文件", help_text="CSV（UTF-8 或 GBK 编码）或 XLSX；第一行为字段代码或中文字段名")
    dry_run = forms.BooleanField(label="只校验，不入库（试校验）", required=False)
    atomic = forms.BooleanField(label="有任何一行不通过则整批不入库", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from publiccredit.core.files import limits_text

        self.fields["file"].help_text = f"{self.fields['file'].help_text}。{limits_text()}"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ALLOWED_SUFFIXES):
            raise forms.ValidationError("只接受 CSV 或 XLSX 文件")
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(f"文件过大：上限为 {settings.UPLOAD_MAX_BYTES // (1024 * 1024)} MB")
        return upload


class LinkForm(forms.Form):
    subject_code = forms.CharField(label="主体代码", max_length=30,
                                   help_text="统一社会信用代码；自然人填写身份证号码（不会显示）")
    reason = forms.CharField(label="关联依据", max_length=300, help_text="如：经核对营业执照，原工商注册号对应该主体")
