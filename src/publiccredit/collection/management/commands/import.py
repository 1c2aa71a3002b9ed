import json

from django.core.management.base import BaseCommand

from publiccredit.audit.context import set_channel
from publiccredit.catalog.queries import active_item
from publiccredit.collection.services import import_file
from publiccredit.core.errors import DomainError
from publiccredit.organizations.queries import organization_by_code


class Command(BaseCommand):
    help = ("导入部门报送的信用信息文件（CSV：UTF-8 或 GBK；XLSX）。列名可用字段代码或中文字段名。"
            "无法使用的输入（未知信息项、文件无法读取、编码错误、缺少必填列）退出码 2，不写入任何数据。")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--item", required=True, help="信息项代码，如 penalty、license")
        parser.add_argument("--provider", required=True, help="报送单位统一社会信用代码")
        parser.add_argument("--dry-run", action="store_true", help="只校验，不入库")
        parser.add_argument("--atomic", action="store_true", help="有任何一行不通过则整批不入库")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")

    def fail(self, message: str):
        self.stderr.write(message)
        raise SystemExit(2)

    def handle(self, *args, **options):
        set_channel("cli")
        item = active_item(options["item"])
        if item is None:
            self.fail(f"未知的信息项“{options['item']}”。可用的信息项见管理后台“目录信息项”。")
        provider = organization_by_code(options["provider"])
        if provider is None:
            self.fail(f"找不到统一社会信用代码为“{options['provider']}”的单位（publiccredit orgs 可列出全部单位）")
        try:
            result = import_file(item=item, provider=provider, path=options["file"], actor=None,
                                 dry_run=options["dry_run"], atomic=options["atomic"])
        except DomainError as exc:
            self.fail(exc.message)
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
            return
        self.stdout.write(f"批次 {result.batch.pk}（{result.batch.get_status_display()}）：共 {result.total} 行，"
                          f"接收 {result.accepted}（新增 {result.created}，更正 {result.updated}，"
                          f"未变化 {result.unchanged}，其中撤销 {result.withdrawn}），退回 {result.rejected}")
        for error in result.errors[:20]:
            decision = f"（{error.decision_number}）" if error.decision_number else ""
            self.stdout.write(f"  第{error.row}行{decision} {error.field}：{error.message}")
        more = len(result.errors) - 20 + result.unlisted_errors
        if more > 0:
            self.stdout.write(f"  ……另有 {more} 个错误，完整错误报告可在业务工作台下载（行号与 Excel 一致，表头为第1行）")
