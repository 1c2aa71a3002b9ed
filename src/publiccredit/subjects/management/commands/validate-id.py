from django.core.management.base import BaseCommand

from publiccredit.core.identifiers import check_citizen_id, check_identifier, check_uscc

CHECKS = {"auto": check_identifier, "uscc": check_uscc, "citizen-id": check_citizen_id}


class Command(BaseCommand):
    help = ("校验统一社会信用代码（GB 32100）或身份证号码（GB 11643）。每个代码输出一行："
            "CODE<TAB>valid 或 CODE<TAB>invalid<TAB>原因；全部有效时退出码 0，否则 1。")

    def add_arguments(self, parser):
        parser.add_argument("codes", nargs="+", metavar="CODE")
        parser.add_argument("--type", choices=sorted(CHECKS), default="auto",
                            help="代码类型；auto 按形态自动判断（缺省）")

    def handle(self, *args, **options):
        check = CHECKS[options["type"]]
        all_valid = True
        for code in options["codes"]:
            result = check(code)
            if result.valid:
                self.stdout.write(f"{code}\tvalid")
            else:
                all_valid = False
                self.stdout.write(f"{code}\tinvalid\t{result.message}")
        if not all_valid:
            raise SystemExit(1)
