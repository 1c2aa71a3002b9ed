from django.core.management.base import BaseCommand, CommandError

from publiccredit.audit.context import set_channel
from publiccredit.workdays.services import load_year_from_package, package_years


class Command(BaseCommand):
    help = "从 chinesecalendar 软件包载入某年的法定节假日和调休安排（覆盖该年已有设置）。"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, action="append", help="年份，可重复；缺省为软件包已知的全部年份")

    def handle(self, *args, **options):
        set_channel("cli")
        for year in options["year"] or package_years():
            try:
                count = load_year_from_package(year=year)
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"{year}年：载入 {count} 个节假日/调休日")
