"""Pages of integrity education (docs/education.md): the website's free courses — read, then take the quiz; a bound
account's pass is recorded for its subject — and the back office's window, where a clerk records the quiz a
subject's representative took at the counter."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from publiccredit.accounts.access import staff_of_an_organization
from publiccredit.accounts.roles import speaks_for
from publiccredit.audit.context import set_channel
from publiccredit.core.errors import DomainError
from publiccredit.subjects.queries import subject_by_code

from . import services
from .models import Completion
from .queries import published_courses, window_completions


def quiz_rows(course, answers) -> list[dict]:
    """The quiz as the form shows it, with what the reader chose (kept when the sheet comes back with an error)."""
    return [{"position": q.position, "text": q.text,
             "options": [{"index": index, "text": text, "checked": str(answers.get(f"q{q.position}", "")) == str(index)}
                         for index, text in enumerate(q.options)]}
            for q in course.questions.order_by("position")]


def courses(request):
    return render(request, "education/courses.html", {"courses": published_courses()})


def course(request, code: str):
    """Anyone may read and take the quiz; a pass is recorded when the reader is signed in with a bound account."""
    course = get_object_or_404(published_courses(), code=code)
    context, status = {"course": course, "questions": quiz_rows(course, request.POST)}, 200
    user = request.user
    bound = user.is_authenticated and speaks_for(user, user.subject_id)
    context["bound"] = bound
    if request.method == "POST":
        set_channel("web")
        try:
            if bound:
                result, completion = services.complete_course(
                    course=course, subject=user.subject, answers=request.POST, actor=user,
                    channel=Completion.Channel.ONLINE, learner_name=user.first_name)
            else:
                result, completion = services.score_quiz(course, request.POST), None
        except DomainError as exc:
            context["error"], status = exc.message, 400
        else:
            context.update(result=result, completion=completion)
    return render(request, "education/course.html", context, status=status)


@staff_of_an_organization
def window(request):
    """窗口学习: the representative reads the course and answers the quiz at the counter; the clerk enters the
    answers for the subject's code."""
    form = request.POST if request.method == "POST" else {}
    chosen = form.get("course") or request.GET.get("course") or ""
    course = published_courses().filter(code=chosen).first() or published_courses().first()
    if request.method == "POST":
        set_channel("web")
        try:
            subject = subject_by_code(form.get("code", ""))
            if subject is None:
                raise DomainError(f"没有找到代码为“{form.get('code', '').strip()}”的信用主体")
            result, completion = services.complete_course(
                course=services.course_by_code(form.get("course", "")), subject=subject, answers=form,
                actor=request.user, channel=Completion.Channel.WINDOW, learner_name=form.get("learner_name", ""))
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            if completion is None:
                messages.error(request, f"测验得分{result.score}分，未达到合格分{course.pass_score}分，"
                                        f"答错第{'、'.join(str(n) for n in result.wrong)}题，可重新学习后再测验")
            else:
                messages.success(request, f"{subject.name}已完成“{completion.course.title}”，得分{completion.score}分")
                return redirect("backoffice:education")
    return render(request, "education/window.html", {
        "courses": published_courses(), "course": course,
        "questions": quiz_rows(course, form) if course else [], "form": form,
        "completions": window_completions(request.user)[:50]})
