import json

from django.core.management.base import BaseCommand

from publiccredit.audit.context import set_channel
from publiccredit.core.errors import DomainError
from publiccredit.core.files import DeliveredFile
from publiccredit.subjects.services import import_registered_contacts

CODE_HEADERS = {"统一社会信用代码", "身份证号码", "代码", "主体代码", "CODE", "USCC"}
PHONE_HEADERS = {"联系电话", "手机号码", "手机", "联络员手机", "联络员手机号码", "登记联系电话", "PHONE", "MOBILE"}


class ContactColumns:
    """The two columns of a registered-contact list, for ``DeliveredFile`` (which reads CSV in UTF-8 or GBK and XLSX)."""

    def map_headers(self, headers):
        mapped, unknown = [], []
        for header in headers:
            text = str(header or "").strip().upper()
            column = "code" if text in CODE_HEADERS else "phone" if text in PHONE_HEADERS else None
            mapped.append(column)
            if column is None and text:
                unknown.append(str(header).strip())
        return mapped, unknown

    def missing_required_columns(self, mapped):
        names = {"code": "统一社会信用代码（或身份证号码）", "phone": "联系电话（手机号码）"}
        return [name for column, name in names.items() if column not in mapped]


class Command(BaseCommand):
    help = ("导入信用主体的登记联系电话（如市场监管局企业登记联络员手机号码），用于门户账号以短信验证码绑定主体。"
            "文件为 CSV（UTF-8 或 GBK）或 XLSX，列为“统一社会信用代码”（自然人为“身份证号码”）和“联系电话”。"
            "有问题的行逐行报告、其余照常导入；重复导入不产生重复。文件无法使用时退出码 2。")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--source", required=True, help="来源，如“市场监管局企业登记联络员信息”")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")

    def handle(self, *args, **options):
        set_channel("cli")
        try:
            delivered = DeliveredFile(options["file"], ContactColumns())
            rows = ((number, values.get("code"), values.get("phone")) for number, values in delivered.rows())
            result = import_registered_contacts(rows, source=options["source"], actor=None)
        except DomainError as exc:
            self.stderr.write(exc.message)
            raise SystemExit(2) from None
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
            return
        self.stdout.write(f"共 {result.total} 行：新增 {result.created}，更新 {result.updated}，未变化 {result.unchanged}，"
                          f"退回 {len(result.errors)}")
        for row, message in result.errors[:50]:
            self.stdout.write(f"  第{row}行：{message}")
        if len(result.errors) > 50:
            self.stdout.write(f"  ……另有 {len(result.errors) - 50} 行有问题（用 --json 可得到完整列表）")
