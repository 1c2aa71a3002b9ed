"""Integrity education (诚信教育, docs/education.md): free courses — a text to read and a quiz — taken online from a
bound account or at a department's window, and the completions per subject that evaluation counts and credit repair
recognises as its 专题培训 route. Never a precondition of any admission (docs/education.md, "Never a condition")."""

from django.conf import settings
from django.db import models


class Course(models.Model):
    code = models.SlugField("课程编码", max_length=40, unique=True)
    title = models.CharField("课程名称", max_length=200)
    summary = models.CharField("简介", max_length=300)
    body = models.TextField("课程内容", help_text="课程正文，空行分段")
    repair_route = models.BooleanField("信用修复专题培训", default=False,
                                       help_text="完成本课程可作为信用修复的专题培训途径（自愿参加，不是修复的前提）")
    pass_score = models.PositiveSmallIntegerField("合格分（百分制）", default=80)
    minutes = models.PositiveSmallIntegerField("学习时长（分钟）", default=30)
    is_active = models.BooleanField("发布", default=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "诚信教育课程"
        verbose_name_plural = "诚信教育课程"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.title

    @property
    def paragraphs(self) -> list[str]:
        return [part.strip() for part in self.body.split("\n\n") if part.strip()]


class Question(models.Model):
    course = models.ForeignKey(Course, verbose_name="课程", on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField("题号")
    text = models.CharField("题目", max_length=500)
    options = models.JSONField("选项", help_text='选项文字的数组，如 ["对", "错"]')
    answer = models.PositiveSmallIntegerField("正确选项", help_text="从 0 起数：0 为第一个选项")
    explanation = models.CharField("解析", max_length=500, blank=True)

    class Meta:
        verbose_name = "测验题"
        verbose_name_plural = "测验题"
        ordering = ["course", "position"]
        constraints = [models.UniqueConstraint(fields=["course", "position"], name="one_question_per_position")]

    def __str__(self) -> str:
        return f"{self.position}. {self.text}"


class Completion(models.Model):
    """A subject passed a course's quiz on a day (one row per course, subject and day: a re-sent answer sheet
    writes nothing new)."""

    class Channel(models.TextChoices):
        ONLINE = "online", "网上学习"
        WINDOW = "window", "窗口学习"

    course = models.ForeignKey(Course, verbose_name="课程", on_delete=models.PROTECT, related_name="completions")
    subject = models.ForeignKey("subjects.Subject", verbose_name="信用主体", on_delete=models.PROTECT,
                                related_name="course_completions")
    completed_on = models.DateField("完成日期")
    score = models.PositiveSmallIntegerField("测验得分")
    channel = models.CharField("学习方式", max_length=8, choices=Channel.choices)
    learner_name = models.CharField("学习人", max_length=100, blank=True)
    department = models.ForeignKey("organizations.Organization", verbose_name="窗口单位", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="账号或经办人", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "诚信教育完成记录"
        verbose_name_plural = "诚信教育完成记录"
        ordering = ["-completed_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["course", "subject", "completed_on"],
                                               name="one_completion_per_course_and_day")]
        indexes = [models.Index(fields=["subject", "-completed_on"], name="completion_subject_idx")]

    def __str__(self) -> str:
        return f"{self.subject_id} {self.course_id} {self.completed_on}"
