from django.core.management.base import BaseCommand, CommandError

from publiccredit.audit.context import set_channel
from publiccredit.core.errors import DomainError
from publiccredit.evaluation import services
from publiccredit.evaluation.models import EvaluationModel, EvaluationRun
from publiccredit.evaluation.queries import failed_chunks


class Command(BaseCommand):
    help = "对全部信用主体开展信用评价（分块，可在多台机器的 worker 上并行；--resume 续跑中断的批次）"

    def add_arguments(self, parser):
        parser.add_argument("--model", default="public", help="模型代码（默认 public）")
        parser.add_argument("--chunk-size", type=int, default=services.DEFAULT_CHUNK_SIZE, help="每块的主体编号区间")
        parser.add_argument("--resume", type=int, metavar="RUN", help="续跑这个批次中未完成的分块")
        parser.add_argument("--prepare", action="store_true",
                            help="只创建批次和分块，由各台机器以 --work 领取评价（不用消息队列时多机并行）")
        parser.add_argument("--work", type=int, metavar="RUN",
                            help="在本机参与这个批次：逐个领取未完成的分块评价，直到没有可领取的分块（多台机器可同时运行）")

    def handle(self, *args, **options):
        set_channel("cli")
        try:
            if options["work"]:
                run = EvaluationRun.objects.filter(pk=options["work"]).first()
                if run is None:
                    raise CommandError(f"没有编号为 {options['work']} 的评价批次")
                graded = services.work_on(run=run)
                self.stdout.write(f"本机评价 {graded} 个主体")
            elif options["resume"]:
                run = EvaluationRun.objects.filter(pk=options["resume"]).first()
                if run is None:
                    raise CommandError(f"没有编号为 {options['resume']} 的评价批次")
                run = services.resume_run(run=run)
            else:
                model = EvaluationModel.objects.filter(code=options["model"]).first()
                if model is None:
                    raise CommandError(f"没有代码为“{options['model']}”的评价模型")
                if options["chunk_size"] < 1:
                    raise CommandError("--chunk-size 应为正整数")
                run = services.start_run(model=model, chunk_size=options["chunk_size"],
                                         dispatch_chunks=not options["prepare"])
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        run.refresh_from_db()
        self.stdout.write(f"评价批次 {run.pk}（{run.version}）：{run.get_state_display()}，"
                          f"分块 {run.chunks_done}/{run.chunks_total}，已评价 {run.subjects_graded} 个主体")
        failed = failed_chunks(run)
        if failed and not options["work"]:
            causes = "；".join(f"第{chunk.number}块（主体编号 {chunk.first_subject_id}–{chunk.last_subject_id}，"
                              f"已尝试{chunk.attempts}次）：{chunk.error}" for chunk in failed[:10])
            more = f"，另有{len(failed) - 10}块" if len(failed) > 10 else ""
            raise CommandError(f"有{len(failed)}个分块评价失败，这些主体保留原有等级：{causes}{more}。"
                               f"排除原因后运行 publiccredit evaluate --resume {run.pk} 续跑")
