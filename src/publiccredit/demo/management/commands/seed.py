import os
import time

from django.core.management.base import BaseCommand, CommandError

from publiccredit.audit.context import set_channel
from publiccredit.demo.services import demo_accounts_file, ensure_demo_accounts, seed_subjects


class Command(BaseCommand):
    help = "生成演示城市：确定性的合成信用主体（同一 seed 结果相同，重复运行不产生重复）及各角色演示账号。"

    def add_arguments(self, parser):
        parser.add_argument("--subjects", type=int, default=5000, help="主体数量（含自然人），缺省 5000")
        parser.add_argument("--seed", type=int, default=1, help="随机种子，缺省 1")
        parser.add_argument("--records", type=int, default=0, help="生成的信用记录数（行政处罚、行政许可），缺省 0")
        parser.add_argument("--no-accounts", action="store_true", help="不创建演示账号")

    def handle(self, *args, **options):
        if options["subjects"] < 0:
            raise CommandError("--subjects 不能为负数")
        set_channel("cli")
        started = time.perf_counter()
        result = seed_subjects(count=options["subjects"], seed=options["seed"])
        elapsed = time.perf_counter() - started
        self.stdout.write(f"主体：新建 {result.created} 个，已存在 {result.already_present} 个；"
                          f"法定代表人/负责人 {result.representatives} 条；用时 {elapsed:.1f} 秒")
        if options["records"] > 0:
            from publiccredit.demo.records import seed_records

            started = time.perf_counter()
            totals = seed_records(count=options["records"], seed=options["seed"])
            if totals.get("skipped"):
                self.stdout.write("信用记录：演示记录已存在，未重复生成")
            else:
                self.stdout.write(f"信用记录：{totals['batches']} 个批次，接收 {totals['accepted']} 条，"
                                  f"退回 {totals['rejected']} 条；用时 {time.perf_counter() - started:.1f} 秒")
        from publiccredit.demo.remedies import seed_registered_contacts

        if contacts := seed_registered_contacts():
            self.stdout.write(f"登记联系电话：{contacts} 个单位主体（门户账号可用短信验证码绑定，演示短信写入 var/outbox/sms/）")
        from publiccredit.demo.articles import seed_articles

        if created_articles := seed_articles():
            self.stdout.write(f"诚信宣传：发布演示文章 {created_articles} 篇")
        if not options["no_accounts"]:
            created, password = ensure_demo_accounts(password=os.environ.get("PUBLICCREDIT_DEMO_PASSWORD"))
            if created:
                self.stdout.write(f"演示账号 {', '.join(created)} 的密码：{password}（另存于 {demo_accounts_file()}）")
            else:
                self.stdout.write(f"演示账号已存在，密码见 {demo_accounts_file()}")
        if options["records"] > 0:
            from publiccredit.demo.lists import seed_list_entries

            if listed := seed_list_entries():
                self.stdout.write(f"信用名单：{listed} 个主体进入认定流程（大部分已决定并公示）")
            if not options["no_accounts"]:
                from publiccredit.demo.lists import seed_screenings

                if screened := seed_screenings():
                    self.stdout.write(f"联合奖惩：财政、审批部门完成 {screened} 次比对并反馈措施执行情况")
            from publiccredit.demo.remedies import seed_remedies

            if remedies := seed_remedies():
                self.stdout.write(f"信用修复与异议：{sum(remedies.values())} 件，覆盖各办理状态")
            from publiccredit.demo.registrations import seed_registrations

            if registered := seed_registrations():
                self.stdout.write(f"信用信息自愿注册：{registered} 条（多数已核实，部分待核实、未通过，1条经查虚假）")
            from publiccredit.demo.grades import seed_tax_grades

            if taxed := seed_tax_grades():
                self.stdout.write(f"纳税信用等级：导入 {taxed} 个单位主体的评定结果")
            from publiccredit.demo.education import seed_education

            if learned := seed_education():
                self.stdout.write(f"诚信教育：{learned} 次课程完成记录（网上和窗口学习），计入信用评价，见 /education/")
            from publiccredit.evaluation.models import EvaluationModel
            from publiccredit.evaluation.services import start_run

            model = EvaluationModel.objects.filter(code="public", current_version__isnull=False).first()
            if model is not None:
                started = time.perf_counter()
                run = start_run(model=model)
                run.refresh_from_db()
                self.stdout.write(f"信用评价：按“{model.name}”评价 {run.subjects_graded} 个主体"
                                  f"（{run.get_state_display()}）；用时 {time.perf_counter() - started:.1f} 秒")
            from publiccredit.demo.inspections import seed_inspections

            if planned := seed_inspections():
                self.stdout.write(f"双随机抽查：{planned} 个计划（上季度已抽取并录入部分检查结果，本季度已冻结待抽取），"
                                  "见 /inspections/")
            if not options["no_accounts"]:
                import secrets

                from publiccredit.demo.remedies import ensure_enterprise_account, ensure_pending_applicant

                password = os.environ.get("PUBLICCREDIT_DEMO_PASSWORD") or secrets.token_urlsafe(9)
                if ensure_enterprise_account(password):
                    with demo_accounts_file().open("a", encoding="utf-8") as handle:
                        handle.write(f"demo-enterprise\t{password}\n")
                    self.stdout.write(f"企业演示账号 demo-enterprise 的密码：{password}（已绑定信用主体，可在线申请信用修复）")
                if ensure_pending_applicant(password):
                    with demo_accounts_file().open("a", encoding="utf-8") as handle:
                        handle.write(f"demo-applicant\t{password}\n")
                    self.stdout.write(f"门户演示账号 demo-applicant 的密码：{password}（待绑定：可获取短信验证码自行绑定，"
                                      "验证码写入 var/outbox/sms/；或由 credit-office 在业务工作台核验）")
            from publiccredit.demo.commitments import seed_commitments

            if committed := seed_commitments():
                self.stdout.write(f"信用承诺：{committed} 份（网上、窗口、审批系统签署；多数已履行，1份部分履行记入信用记录）"
                                  "及容缺受理决定，见 /commitments/")
            if not options["no_accounts"]:
                from publiccredit.demo.associations import seed_association

                if association := seed_association(password):
                    with demo_accounts_file().open("a", encoding="utf-8") as handle:
                        handle.write(f"{association}\t{password}\n")
                    self.stdout.write(f"行业协会：演示账号 {association} 的密码：{password}（上饶市光伏行业协会：会员、"
                                      "行业自律承诺和会员信用记录，登录后进入 /association/）")
            if not options["no_accounts"]:
                from publiccredit.demo.reports import seed_reports

                if reports := seed_reports():
                    self.stdout.write("信用报告：demo-enterprise 的标准版和专项信用报告 " + "、".join(reports)
                                      + "，可在 /reports/verify/ 核验")
                from publiccredit.demo.reports import seed_agency

                if agency := seed_agency(password):
                    with demo_accounts_file().open("a", encoding="utf-8") as handle:
                        handle.write(f"{agency}\t{password}\n")
                    self.stdout.write(f"信用服务机构：演示账号 {agency} 的密码：{password}（已获 demo-enterprise 授权查询，"
                                      "登录后进入 /agency/）")
            from publiccredit.demo.rectification import seed_rectification

            if rectified := seed_rectification():
                self.stdout.write(f"整改与约谈：{rectified} 件部门责令整改（待确认、按期完成、逾期认定并发布典型案例），"
                                  "见业务工作台“整改与约谈”")
