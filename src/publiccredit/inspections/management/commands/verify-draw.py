from django.core.management.base import BaseCommand, CommandError

from publiccredit.inspections.models import InspectionPlan
from publiccredit.inspections.queries import verify


class Command(BaseCommand):
    help = "按公开的算法重新计算双随机抽查计划的抽取结果并与公布的结果核对（docs/inspections.md）"

    def add_arguments(self, parser):
        parser.add_argument("number", help="计划编号，如 SS2026120400001")

    def handle(self, *args, **options):
        number = options["number"].strip().upper()
        plan = InspectionPlan.objects.exclude(state=InspectionPlan.State.DRAFT).filter(number=number).first()
        if plan is None:
            raise CommandError(f"没有已公布的抽查计划“{number}”")
        problems = verify(plan)
        if plan.state == InspectionPlan.State.DRAWN and not problems:
            self.stdout.write(f"计划{plan.number}核验通过：候选名单 SHA-256、种子承诺值、{plan.tasks.count()}户抽中名单"
                              "和检查人员分配均与重新计算的结果一致")
            return
        if problems == ["计划尚未抽取，只能核对候选名单"]:
            self.stdout.write(f"计划{plan.number}尚未抽取：候选名单与公布的 SHA-256 一致")
            return
        raise CommandError(f"计划{plan.number}核验未通过：" + "；".join(problems))
