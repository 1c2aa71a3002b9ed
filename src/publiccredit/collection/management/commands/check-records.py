from django.core.management.base import BaseCommand

from publiccredit.collection.integrity import altered_records, dangling_links


class Command(BaseCommand):
    help = ("检查信用记录：与信息项、目录版本、报送单位、信用主体、批次之间的关联是否完整，以及每条记录的内容是否与入库时的内容摘要一致"
            "（数据库中被改动的记录逐条列出）。全部完好退出码 0，否则 1。")

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=100, help="最多列出多少条被改动的记录（默认 100）")

    def handle(self, *args, **options):
        problems = dangling_links()
        for label, count in problems:
            self.stderr.write(f"{label}不存在：{count} 行")
        altered = 0
        for record in altered_records():
            altered += 1
            if altered <= options["limit"]:
                self.stderr.write(f"记录 {record.id}（{record.provider} {record.decision_number}）的内容与入库摘要不一致，"
                                  "可能在数据库中被改动")
        if altered > options["limit"]:
            self.stderr.write(f"……另有 {altered - options['limit']} 条")
        if problems or altered:
            raise SystemExit(1)
        self.stdout.write("信用记录的关联完整，内容与入库摘要一致")
