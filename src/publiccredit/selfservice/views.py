"""Portal pages for enterprises and citizens: an account bound to its subject, repair of its records, voluntary
registration of credit information, objections to a record (anyone concerned), and progress by number and query
code."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.password_validation import password_validators_help_texts
from django.contrib.auth.views import LoginView
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from publiccredit.accounts.access import staff_of_an_organization
from publiccredit.accounts.roles import Role
from publiccredit.audit.context import set_channel
from publiccredit.collection.models import CreditRecord
from publiccredit.core.audience import Audience
from publiccredit.core.errors import DomainError
from publiccredit.core.masking import looks_like_citizen_id
from publiccredit.core.ratelimits import refusal, too_many, too_many_sign_ins
from publiccredit.lists import services as list_services
from publiccredit.lists.models import ListEntry
from publiccredit.objections import queries as objection_queries
from publiccredit.objections import services as objection_services
from publiccredit.objections.models import Objection
from publiccredit.rectification import queries as rectification_queries
from publiccredit.rectification import services as rectification_services
from publiccredit.registrations import queries as registration_queries
from publiccredit.registrations import services as registration_services
from publiccredit.registrations.models import Registration
from publiccredit.repair import queries as repair_queries
from publiccredit.repair import services as repair_services
from publiccredit.repair.models import RepairApplication

from . import services
from .models import BindingRequest

LOGIN_URL = "/account/login/"
NUMBER_KINDS = {"XF": "repair", "YY": "objection"}
KEPT = "已填写的内容保留在下方，附件需要重新选择。"


class PortalLoginView(LoginView):
    template_name = "selfservice/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return "/account/"

    def post(self, request, *args, **kwargs):
        if too_many_sign_ins(request, "login"):
            form = self.get_form()
            form.add_error(None, refusal("login"))
            return self.render_to_response(self.get_context_data(form=form, limited=refusal("login")), status=429)
        return super().post(request, *args, **kwargs)


def register(request):
    values = request.POST if request.method == "POST" else {}
    error, status = None, 200
    if request.method == "POST" and too_many(request, "register"):
        error, status = refusal("register"), 429
    elif request.method == "POST":
        set_channel("web")
        if values.get("password") != values.get("password2"):
            error = "两次输入的密码不一致"
        else:
            try:
                binding = services.register_subject_account(
                    username=values.get("username", ""), password=values.get("password", ""),
                    name=values.get("name", ""), phone=values.get("phone", ""),
                    subject_code=values.get("subject_code", ""), capacity=values.get("capacity", ""))
            except DomainError as exc:
                error = exc.message
            else:
                login(request, binding.user, backend="publiccredit.accounts.backends.RoleModelBackend")
                if services.code_destination(binding):
                    messages.success(request, "注册成功。可在下方获取发送到该主体登记手机号码的验证码，立即完成绑定；"
                                              "也可携营业执照（或授权委托书、身份证）到信用窗口核验。")
                else:
                    messages.success(request, "注册成功。请携营业执照（或授权委托书、身份证）到信用窗口核验，或等待工作人员电话核验。")
                return redirect("/account/")
    if looks_like_citizen_id(values.get("subject_code", "")):  # an ID number is not written back into the page
        values = {**values.dict(), "subject_code": ""}
    return render(request, "selfservice/register.html", {
        "values": values, "error": error, "capacities": BindingRequest.Capacity.choices,
        "password_rules": password_validators_help_texts()}, status=status)


@login_required(login_url=LOGIN_URL)
def home(request):
    user = request.user
    if user.role == Role.ASSOCIATION:  # an association works on its own pages (docs/associations.md)
        return redirect("/association/")
    if user.role == Role.AGENCY:  # so does a credit service agency (docs/reports.md, "Agencies")
        return redirect("/agency/")
    bindings = list(user.binding_requests.select_related("subject")[:5])
    context = {"bindings": bindings, "subject": user.subject, "code_valid_minutes": services.CODE_VALID_MINUTES}
    pending = next((b for b in bindings if b.state == BindingRequest.State.PENDING), None)
    if pending is not None and not user.subject_id:
        context["pending"], context["code_destination"] = pending, services.code_destination(pending)
    elif not user.subject_id:
        context["capacities"] = BindingRequest.Capacity.choices
    if user.subject_id:
        from publiccredit.publicity.queries import public_ref

        context["file_ref"] = public_ref(user.subject)
        records = (CreditRecord.objects.visible_to(Audience.SUBJECT)
                   .filter(subject_id=user.subject_id, item__nature="negative")
                   .select_related("item", "provider").order_by("-decision_date"))
        context["records"] = [(r, repair_services.repair_problems(r)) for r in records[:100]]
        context["repairs"] = RepairApplication.objects.filter(subject_id=user.subject_id).select_related("record")[:50]
        context["objections"] = Objection.objects.filter(record__subject_id=user.subject_id).select_related("record")[:50]
        context["list_entries"] = (ListEntry.objects.visible_to(Audience.SUBJECT).filter(subject_id=user.subject_id)
                                   .exclude(state=ListEntry.State.EXITED).select_related("kind")
                                   .prefetch_related("statements").order_by("-pk")[:20])
        context["today"] = timezone.localdate()
    return render(request, "selfservice/home.html", context)


@login_required(login_url=LOGIN_URL)
@require_POST
def binding_new(request):
    """A signed-in account that is not bound (refused, withdrawn) asks to be bound again."""
    set_channel("web")
    values = request.POST
    try:
        services.request_binding(user=request.user, subject_code=values.get("subject_code", ""),
                                 capacity=values.get("capacity", ""), name=values.get("name", ""),
                                 phone=values.get("phone", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "绑定申请已提交。")
    return redirect("/account/")


@login_required(login_url=LOGIN_URL)
@require_POST
def binding_step(request, binding_id: int):
    """On the account's own pending request: send the one-time code (``action=send``), check it (``confirm``), or
    withdraw the request (``withdraw``)."""
    binding = get_object_or_404(BindingRequest.objects.select_related("subject"), pk=binding_id, user=request.user)
    set_channel("web")
    action = request.POST.get("action")
    try:
        if action == "confirm":
            if too_many(request, "binding_code", by_user=True):
                raise DomainError(refusal("binding_code"))
            services.confirm_binding_code(request=binding, user=request.user, code=request.POST.get("code", ""))
            messages.success(request, f"验证通过，账号已绑定“{binding.subject.name}”。")
        elif action == "withdraw":
            services.withdraw_binding(request=binding, user=request.user)
            messages.success(request, "绑定申请已撤回，可以重新申请。")
        elif action == "send":
            sent = services.send_binding_code(request=binding, user=request.user)
            messages.success(request, f"验证码已发送至登记手机号码{sent.sent_to}，{services.CODE_VALID_MINUTES}"
                                      "分钟内有效。")
        else:
            messages.error(request, "无法识别的操作，请在页面上重新点击")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("/account/")


@login_required(login_url=LOGIN_URL)
def list_statement(request, entry_id: int):
    """陈述申辩 on a prior notice of listing, by the subject's bound account, within the objection period."""
    entry = ListEntry.objects.restrict(request.user).select_related("kind", "subject").filter(pk=entry_id).first()
    if entry is None or not request.user.subject_id or entry.subject_id != request.user.subject_id:
        raise PermissionDenied
    values = request.POST if request.method == "POST" else {"filer_name": request.user.first_name,
                                                            "contact_phone": request.user.phone}
    error, status = None, 200
    if request.method == "POST" and too_many(request, "objection", by_user=True):
        error, status = refusal("objection") + KEPT, 429
    elif request.method == "POST":
        set_channel("web")
        try:
            list_services.submit_statement(entry=entry, text=values.get("text", ""),
                                           filer_name=values.get("filer_name", ""),
                                           contact_phone=values.get("contact_phone", ""),
                                           files=request.FILES.getlist("files"), actor=request.user)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, "陈述申辩已提交。信用主管部门将答复后再作出决定，答复会发到“我的消息”。")
            return redirect("/account/")
    return render(request, "selfservice/list_statement.html", {
        "entry": entry, "values": values, "error": error, "statements": entry.statements.all(),
        "window_open": entry.state == ListEntry.State.NOTIFIED and bool(
            entry.objection_until and timezone.localdate() <= entry.objection_until)}, status=status)


def _own_record(request, record_id: int) -> CreditRecord:
    if not request.user.subject_id:
        raise PermissionDenied
    # a withdrawn record is not the subject's to act on, nor another subject's record
    record = (CreditRecord.objects.visible_to(Audience.SUBJECT).filter(subject_id=request.user.subject_id, pk=record_id)
              .select_related("item", "provider", "subject").first())
    if record is None:
        raise PermissionDenied
    return record


@login_required(login_url=LOGIN_URL)
def repair_apply(request, record_id: int):
    record = _own_record(request, record_id)
    problems = repair_services.repair_problems(record)
    values = request.POST if request.method == "POST" else {"applicant_name": record.subject.name,
                                                            "contact_name": request.user.first_name,
                                                            "contact_phone": request.user.phone}
    error, status = None, 200
    if request.method == "POST" and not problems and too_many(request, "repair", by_user=True):
        error, status = refusal("repair") + KEPT, 429
    elif request.method == "POST" and not problems:
        set_channel("web")
        try:
            application, code = repair_services.apply_for_repair(
                record=record, applicant=repair_services.Applicant.from_form(values),
                statement=values.get("statement", ""), commitment_accepted=values.get("commitment") == "on",
                files=request.FILES.getlist("files"), actor=request.user, channel="portal")
        except DomainError as exc:
            error = exc.message
        else:
            _remember_verified(request, application.number)
            return render(request, "selfservice/submitted.html", {
                "kind": "信用修复申请", "number": application.number, "code": code, "progress": "repair",
                "deadline": application.decide_by})
    return render(request, "selfservice/repair_form.html", {
        "record": record, "problems": problems, "values": values, "error": error,
        "commitment": repair_services.COMMITMENT_TEXT}, status=status)


def _registering_subject(request):
    if not request.user.subject_id:
        raise PermissionDenied
    return request.user.subject


@login_required(login_url=LOGIN_URL)
def registrations(request):
    """信用信息自愿注册: the account's own registrations and the form to file one (docs/registrations.md)."""
    subject = _registering_subject(request)
    values = request.POST if request.method == "POST" else {"contact_phone": request.user.phone}
    context, status = {}, 200
    if request.method == "POST" and too_many(request, "registration", by_user=True):
        context["error"], status = refusal("registration") + KEPT, 429
    elif request.method == "POST":
        set_channel("web")
        try:
            registration, code = registration_services.file_registration(
                subject=subject, kind=values.get("kind", ""), title=values.get("title", ""),
                issuer=values.get("issuer", ""), certificate_number=values.get("certificate_number", ""),
                issued_on=values.get("issued_on", ""), valid_until=values.get("valid_until", ""),
                description=values.get("description", ""), department_id=values.get("department", ""),
                commitment_accepted=values.get("commitment") == "on", files=request.FILES.getlist("files"),
                contact_phone=values.get("contact_phone", ""), actor=request.user)
        except DomainError as exc:
            context["error"], status = exc.message + KEPT, 400
        else:
            context.update(submitted=registration, submitted_code=code)
            values = {"contact_phone": request.user.phone}
    context.update(subject=subject, values=values, registrations=registration_queries.own_registrations(request.user),
                   kinds=Registration.Kind.choices, departments=registration_queries.verifying_departments(),
                   commitment=registration_services.COMMITMENT_TEXT)
    return render(request, "selfservice/registrations.html", context, status=status)


@login_required(login_url=LOGIN_URL)
@require_POST
def registration_withdraw(request, registration_id: int):
    _registering_subject(request)
    registration = get_object_or_404(registration_queries.own_registrations(request.user), pk=registration_id)
    set_channel("web")
    try:
        registration_services.withdraw_registration(registration=registration, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"注册信息 {registration.number} 已撤回")
    return redirect("/account/registrations/")


def objection_new(request, record_id: int):
    """Anyone concerned may object to a record they can see; a bound account also to its own non-public records.
    The subject's bound account files as the subject (flagged at once); anyone else proves a mobile number with an
    SMS code and files as a third party (flagged when the provider accepts it, docs/repair.md)."""
    record = (CreditRecord.objects.restrict(request.user).filter(pk=record_id)
              .select_related("item", "provider", "subject").first())
    if record is None:
        raise PermissionDenied
    own = bool(request.user.is_authenticated and request.user.subject_id == record.subject_id)
    filers = [(value, label) for value, label in Objection.Filer.choices
              if (value == Objection.Filer.SUBJECT) == own]
    values = request.POST if request.method == "POST" else {
        "filer_kind": filers[0][0], "filer_name": record.subject.name if own else "",
        "contact_phone": getattr(request.user, "phone", "")}
    error, status, code_sent = None, 200, ""
    problems = objection_services.objection_problems(record)
    action = request.POST.get("action", "file")
    if request.method == "POST" and not problems and action == "send_code" and not own:
        if too_many(request, "objection_code"):
            error, status = refusal("objection_code") + KEPT, 429
        else:
            try:
                check = objection_services.send_filer_code(phone=values.get("contact_phone", ""), actor=request.user)
            except DomainError as exc:
                error = exc.message
            else:
                code_sent = check.phone_masked
    elif request.method == "POST" and not problems and too_many(request, "objection", by_user=True):
        error, status = refusal("objection") + KEPT, 429
    elif request.method == "POST" and not problems:
        set_channel("web")
        try:
            objection, code = objection_services.file_objection(
                record=record, filer_kind=values.get("filer_kind", ""), filer_name=values.get("filer_name", ""),
                contact_phone=values.get("contact_phone", ""), contact_email=values.get("contact_email", ""),
                reasons=values.get("reasons", ""), requested=values.get("requested", ""),
                files=request.FILES.getlist("files"), actor=request.user, channel="portal",
                sms_code=values.get("sms_code", ""))
        except DomainError as exc:
            error = exc.message
        else:
            _remember_verified(request, objection.number)
            return render(request, "selfservice/submitted.html", {
                "kind": "异议", "number": objection.number, "code": code, "progress": "objection",
                "deadline": objection.decide_by, "awaiting_acceptance": objection.third_party,
                "accept_by": objection.flag_by})
    return render(request, "selfservice/objection_form.html", {
        "record": record, "problems": problems, "values": values, "error": error, "own": own,
        "filers": filers, "code_sent": code_sent}, status=status)


def progress(request):
    """The look-up form posts number and query code, so the code never stands in a URL (or an access log);
    a link may name the kind and the number to fill in."""
    values = request.POST if request.method == "POST" else request.GET
    number, code = values.get("number", ""), request.POST.get("code", "")
    # the number says what it is (XF… a repair, YY… an objection), whatever the selector was left at
    kind = NUMBER_KINDS.get(number.strip().upper()[:2], values.get("kind", "repair"))
    found, result, limited = None, None, ""
    asked = request.method == "POST"
    if asked and too_many(request, "progress"):
        limited = refusal("progress")
    elif asked:
        if kind == "objection":
            found = objection_queries.find_by_query_code(number, code)
            result = objection_queries.progress_of(found) if found else None
        else:
            found = repair_queries.find_by_query_code(number, code)
            result = repair_queries.progress_of(found) if found else None
        if found is not None:
            _remember_verified(request, found.number)
    return render(request, "selfservice/progress.html", {
        "kind": kind, "number": number, "result": result, "asked": asked, "limited": limited,
        "can_follow_up": bool(found is not None and kind != "objection" and found.is_open),
        "can_ask_review": bool(found is not None and kind == "objection"
                               and not objection_services.review_problems(found)),
        "decided": bool(found is not None and kind != "objection" and found.decided_at)},
        status=429 if limited else 200)


def repair_decision(request, number: str, as_pdf: bool = False):
    from publiccredit.repair.documents import decision_document

    application = get_object_or_404(RepairApplication.objects.select_related("record__item", "record__provider",
                                                                             "subject", "decided_by"),
                                    number=number.strip().upper())
    if not _may_follow_up(request, application.number, subject_id=application.subject_id, filed_by_id=None):
        return redirect(f"/progress/?kind=repair&number={application.number}")
    return decision_document(request, application, back=f"/repairs/{application.number}/",
                             pdf=f"/repairs/{application.number}/decision.pdf", as_pdf=as_pdf)


def repair_decision_pdf(request, number: str):
    return repair_decision(request, number, as_pdf=True)


VERIFIED = "verified_numbers"  # repair (XF…) and objection (YY…) numbers whose query code this session showed


def _remember_verified(request, number: str) -> None:
    """Whoever showed the number and the query code (or just filed it) may follow it up in this session."""
    verified = [n for n in request.session.get(VERIFIED, []) if n != number][-19:]
    request.session[VERIFIED] = [*verified, number]


def _may_follow_up(request, number: str, *, subject_id: int | None, filed_by_id: int | None) -> bool:
    """The subject's bound account (repairs), the account that filed it (objections), or whoever showed (or just
    got) its query code in this session may follow an application or objection up."""
    user = request.user
    if user.is_authenticated and ((user.subject_id and user.subject_id == subject_id) or user.pk == filed_by_id):
        return True
    return number in request.session.get(VERIFIED, [])


def objection_follow_up(request, number: str):
    """The filer's page of one objection (who showed number + query code this session): progress, and after an
    upheld or not accepted outcome, a request for review by the credit office."""
    objection = get_object_or_404(Objection.objects.select_related("record__item", "provider"),
                                  number=number.strip().upper())
    if not _may_follow_up(request, objection.number, subject_id=None, filed_by_id=objection.submitted_by_id):
        return redirect(f"/progress/?kind=objection&number={objection.number}")
    error, status = None, 200
    if request.method == "POST" and too_many(request, "objection", by_user=True):
        error, status = refusal("objection") + KEPT, 429
    elif request.method == "POST":
        set_channel("web")
        try:
            objection_services.request_review(objection=objection, reasons=request.POST.get("reasons", ""),
                                              actor=request.user, files=request.FILES.getlist("files"))
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, "复核申请已提交，信用主管部门将在复核时限内作出决定并告知您。")
            return redirect(f"/objections/{objection.number}/")
    objection.refresh_from_db()
    return render(request, "selfservice/objection_follow_up.html", {
        "objection": objection, "result": objection_queries.progress_of(objection), "error": error,
        "problems": objection_services.review_problems(objection), "values": request.POST if error else {}},
        status=status)


def repair_follow_up(request, number: str):
    """The applicant's page of one application: progress, and while it is open, more material after a return or
    withdrawal. Open to the bound account of the subject and to whoever showed number + query code this session."""
    application = get_object_or_404(RepairApplication.objects.select_related("record__item", "record__provider"),
                                    number=number.strip().upper())
    if not _may_follow_up(request, application.number, subject_id=application.subject_id, filed_by_id=None):
        return redirect(f"/progress/?kind=repair&number={application.number}")
    error, status = None, 200
    if request.method == "POST":
        action = request.POST.get("action")
        if too_many(request, "repair", by_user=True):
            error, status = refusal("repair") + KEPT, 429
        else:
            set_channel("web")
            try:
                if action == "resubmit":
                    repair_services.resubmit_application(
                        application=application, statement=request.POST.get("statement", ""),
                        files=request.FILES.getlist("files"), actor=request.user)
                    messages.success(request, "补正材料已提交，办理期限重新计算。")
                elif action == "withdraw":
                    repair_services.withdraw_application(application=application, actor=request.user,
                                                         note="申请人在信用网站撤回")
                    messages.success(request, "申请已撤回。该记录仍可在符合条件时重新申请修复。")
                else:
                    raise DomainError("请选择要办理的事项")
            except DomainError as exc:
                error = exc.message
            else:
                return redirect(f"/repairs/{application.number}/")
    application.refresh_from_db()
    return render(request, "selfservice/repair_follow_up.html", {
        "application": application, "result": repair_queries.progress_of(application), "error": error,
        "values": request.POST if error else {}}, status=status)


# back office: verifying bindings ------------------------------------------------------------------------------
@staff_of_an_organization
def bindings(request):
    if not request.user.has_perm("selfservice.verify_binding"):
        raise PermissionDenied
    state = request.GET.get("state", "pending")
    rows = BindingRequest.objects.select_related("user", "subject").filter(
        state=state if state in BindingRequest.State.values else "pending")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "selfservice/bindings.html", {"page": page, "state": state,
                                                         "states": BindingRequest.State.choices})


@staff_of_an_organization
@require_POST
def binding_decide(request, binding_id: int):
    if not request.user.has_perm("selfservice.verify_binding"):
        raise PermissionDenied
    binding = get_object_or_404(BindingRequest, pk=binding_id)
    set_channel("web")
    try:
        if request.POST.get("decision") == "approve":
            services.approve_binding(request=binding, actor=request.user, note=request.POST.get("note", ""))
            messages.success(request, "已绑定")
        else:
            services.reject_binding(request=binding, actor=request.user, note=request.POST.get("note", ""))
            messages.success(request, "已记录未通过")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("backoffice:bindings")


@login_required(login_url=LOGIN_URL)
def rectifications(request):
    """责令整改 of the bound subject: each task's requirement and deadline, its reports and the department's answers,
    and the form to report how it rectified (docs/rectification.md)."""
    subject = _registering_subject(request)
    tasks = rectification_queries.tasks_of_account(request.user)
    context, status = {}, 200
    if request.method == "POST":
        task = next((t for t in tasks if str(t.pk) == request.POST.get("task", "")), None)
        if task is None:
            raise PermissionDenied
        set_channel("web")
        try:
            rectification_services.report_progress(task=task, text=request.POST.get("text", ""), actor=request.user,
                                                   files=request.FILES.getlist("files"),
                                                   is_final=request.POST.get("final") == "on")
        except DomainError as exc:
            context.update(error=exc.message + KEPT, failed_task=task.pk, text=request.POST.get("text", ""))
            status = 400
        else:
            messages.success(request, f"整改情况已报告（{task.number}），{task.department.name}将核查确认")
            return redirect("/account/rectifications/")
    context.update(subject=subject, tasks=tasks, today=timezone.localdate())
    return render(request, "selfservice/rectifications.html", context, status=status)
