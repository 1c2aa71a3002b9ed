import json

from django.core.management.base import BaseCommand

from publiccredit.organizations.queries import active_organizations


class Command(BaseCommand):
    help = "列出单位（部门、县区、功能区）。--json 输出 [{\"code\", \"name\", \"region\"}]。"

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, **options):
        organizations = list(active_organizations())
        if options["json"]:
            rows = [{"code": o.code, "name": o.name, "region": o.region.code, "region_name": o.region.name,
                     "kind": o.kind, "short_name": o.short_name} for o in organizations]
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for o in organizations:
            self.stdout.write(f"{o.code}\t{o.name}\t{o.region.name}\t{o.get_kind_display()}")
