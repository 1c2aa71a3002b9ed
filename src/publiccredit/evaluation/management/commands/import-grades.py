from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from publiccredit.audit.context import set_channel
from publiccredit.core.errors import DomainError
from publiccredit.evaluation.imports import import_results, imported_model, rows_from_csv


class Command(BaseCommand):
    help = ("导入外部计算的信用评价结果（如国家发展改革委推送的公共信用综合评价、税务部门的纳税信用等级）："
            "CSV 文件，表头含“代码,等级”，可选“得分,评价日期”")

    def add_arguments(self, parser):
        parser.add_argument("model", help="外部评价模型代码，如 tax_credit")
        parser.add_argument("file", help="CSV 文件（UTF-8）")

    def handle(self, *args, **options):
        set_channel("cli")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        try:
            model = imported_model(options["model"])
            outcome = import_results(model=model, rows=rows_from_csv(path.read_bytes()), actor=None, channel="cli")
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        for error in outcome.errors[:50]:
            self.stdout.write(f"第{error['index'] + 1}行：{error['message']}")
        if len(outcome.errors) > 50:
            self.stdout.write(f"……另有 {len(outcome.errors) - 50} 行有误")
        self.stdout.write(f"“{model.name}”：共 {outcome.total} 行，导入 {outcome.accepted}，未变化 {outcome.unchanged}，"
                          f"有误 {outcome.rejected}")
