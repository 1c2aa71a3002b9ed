"""Back-office pages of the listing workflow: the entries by state, one entry with its history and the next step,
proposing by hand, and the generated documents (列入前告知书, 列入决定书)."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from publiccredit.accounts.access import staff_of_an_organization
from publiccredit.accounts.models import User
from publiccredit.audit.context import set_channel
from publiccredit.audit.services import record_read
from publiccredit.casework.evidence import evidence_response
from publiccredit.collection.models import CreditRecord
from publiccredit.core.audience import Audience, audience_for
from publiccredit.core.documents import pdf_response
from publiccredit.core.errors import DomainError
from publiccredit.organizations.queries import issuing_office
from publiccredit.subjects.queries import subject_by_code

from . import services
from .models import ListEntry, ListKind, ListStatement
from .queries import basis_facts, document_measures, remedies_text

State = ListEntry.State


def _entries(viewer):
    """The credit office and auditors see every entry; a department those it proposed or that rest on its records."""
    return ListEntry.objects.handled_by(viewer).select_related("kind", "subject", "proposed_by", "approver")


@staff_of_an_organization
def entries(request):
    rows = _entries(request.user)
    state, kind = request.GET.get("state") or "", request.GET.get("kind") or ""
    if state in State.values:
        rows = rows.filter(state=state)
    if kind:
        rows = rows.filter(kind__code=kind)
    counts = dict(_entries(request.user).values_list("state").annotate(n=Count("id")).order_by())
    page = Paginator(rows.order_by("-updated_at", "-id"), 50).get_page(request.GET.get("page"))
    return render(request, "lists/entries.html", {
        "page": page, "state": state, "kind": kind, "kinds": ListKind.objects.all(),
        "states": [(value, label, counts.get(value, 0)) for value, label in State.choices],
        "can_propose": request.user.has_perm("lists.propose_entry")})


class ProposeForm(forms.Form):
    kind = forms.ModelChoiceField(label="拟列入名单", queryset=ListKind.objects.filter(is_active=True),
                                  empty_label="请选择名单", to_field_name="code")
    reason = forms.CharField(label="列入事由", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    legal_basis = forms.CharField(label="依据", widget=forms.Textarea(attrs={"rows": 2}), required=False,
                                  help_text="留空则用该名单的设列依据")
    records = forms.ModelMultipleChoiceField(label="依据的信用记录", queryset=CreditRecord.objects.none(),
                                             widget=forms.CheckboxSelectMultiple, required=False)

    def __init__(self, *args, subject=None, audience=Audience.DEPARTMENT, **kwargs):
        super().__init__(*args, **kwargs)
        if subject is not None:  # only what the proposer's audience may see can ground a proposal
            self.fields["records"].queryset = (
                CreditRecord.objects.visible_to(audience).filter(subject=subject, item__nature="negative")
                .select_related("item", "provider").order_by("-decision_date"))
            self.fields["records"].label_from_instance = lambda r: (
                f"{r.item.name} {r.decision_number}（{r.provider.short_name or r.provider.name}，{r.decision_date}，"
                f"{r.get_severity_display() or '—'}，{r.get_state_display()}）")


@staff_of_an_organization
def propose(request):
    if not request.user.has_perm("lists.propose_entry"):
        raise PermissionDenied
    code = (request.POST.get("code") or request.GET.get("code") or "").strip()
    subject = subject_by_code(code, request.user) if code else None
    form = ProposeForm(request.POST or None, subject=subject, audience=audience_for(request.user)) if subject else None
    if code and subject is None:
        messages.error(request, f"没有找到代码为“{code[:30]}”的信用主体")
    if request.method == "POST" and form is not None and form.is_valid():
        set_channel("web")
        data = form.cleaned_data
        try:
            entry = services.propose_entry(kind=data["kind"], subject=subject, reason=data["reason"],
                                           legal_basis=data["legal_basis"], records=list(data["records"]),
                                           actor=request.user)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "已提出拟列入，下一步：送达列入前告知书")
            return redirect("backoffice:list-entry", entry_id=entry.pk)
    return render(request, "lists/propose.html", {"code": code, "subject": subject, "form": form})


class DecideForm(forms.Form):
    decision_number = forms.CharField(label="列入决定书文号", max_length=128)
    approver = forms.ModelChoiceField(label="批准人", queryset=User.objects.none())
    measures = forms.CharField(label="惩戒或激励措施", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    start = forms.DateField(label="列入日期", required=False, help_text="留空为今天",
                            widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="期限至", required=False, help_text="留空按名单默认期限",
                          widget=forms.DateInput(attrs={"type": "date"}))
    lifetime = forms.BooleanField(label="终身（仅市场和行业禁入）", required=False)

    def __init__(self, *args, proposer_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        # four eyes: whoever proposed the entry is not offered as its approver
        self.fields["approver"].queryset = (User.objects.filter(is_active=True, role="credit_office")
                                            .exclude(pk=proposer_id).order_by("pk"))
        self.fields["approver"].help_text = "须为提出人以外的信用主管部门人员（双人审核）"


class ExitForm(forms.Form):
    reason = forms.ChoiceField(label="移出原因", choices=ListEntry.ExitReason.choices)
    note = forms.CharField(label="说明", max_length=500, required=False)


class WithdrawForm(forms.Form):
    note = forms.CharField(label="终止理由", max_length=500)


@staff_of_an_organization
def entry(request, entry_id: int):
    item = get_object_or_404(_entries(request.user).prefetch_related("records__item", "records__provider"), pk=entry_id)
    can_manage = request.user.has_perm("lists.manage_entries")
    if can_manage and item.statements.exists():  # the statements carry the filer's phone number: an audited read
        record_read(actor=request.user, action="lists.entry.read", target=item, detail={"statements": True})
    return render(request, "lists/entry.html", {
        "entry": item, "steps": item.steps.select_related("actor"),
        "statements": item.statements.prefetch_related("attachments").select_related("answered_by"),
        "can_manage": can_manage,
        "decide_form": DecideForm(proposer_id=item.proposed_by_id, initial={
            "approver": request.user.pk if request.user.role == "credit_office" and request.user.pk != item.proposed_by_id
            else None, "measures": _default_measures(item)}),
        "exit_form": ExitForm(initial={"reason": "basis_lapsed"} if item.state == "suspended" else None),
        "withdraw_form": WithdrawForm(), "service_methods": [
            (value, label) for value, label in ListEntry.ServiceMethod.choices if value != "electronic"],
        "window_open": bool(item.objection_until and timezone.localdate() <= item.objection_until)})


def _default_measures(entry: ListEntry) -> str:
    names = [m.name for m in entry.kind.measures.filter(is_active=True)[:8]]
    return "；".join(names)


STEPS = {"notify", "serve", "decide", "publish", "exit", "withdraw", "resume"}


@staff_of_an_organization
@require_POST
def act(request, entry_id: int, step: str):
    if step not in STEPS or not request.user.has_perm("lists.manage_entries"):
        raise PermissionDenied
    item = get_object_or_404(ListEntry, pk=entry_id)
    set_channel("web")
    try:
        if step == "notify":
            item = services.notify_entry(entry=item, actor=request.user)
            messages.success(request, "已生成告知书并以站内信电子送达，异议期内不能作出决定" if item.served_on
                             else "已生成告知书：请送达后登记送达方式、日期和凭证")
        elif step == "serve":
            try:
                served_on = dt.date.fromisoformat(request.POST.get("served_on", ""))
            except ValueError:
                raise DomainError("请填写送达日期") from None
            item = services.serve_notice(entry=item, method=request.POST.get("method", ""), served_on=served_on,
                                         files=request.FILES.getlist("files"), note=request.POST.get("note", ""),
                                         actor=request.user)
            messages.success(request, f"已登记送达，异议期至{item.objection_until:%Y年%m月%d日}")
        elif step == "publish":
            services.publish_entry(entry=item, actor=request.user)
            messages.success(request, "已在信用网站公示")
        elif step == "decide":
            form = DecideForm(request.POST)
            if not form.is_valid():
                raise DomainError("；".join(f"{form.fields[f].label}：{e[0]}" for f, e in form.errors.items()))
            data = form.cleaned_data
            services.decide_entry(entry=item, decision_number=data["decision_number"], approver=data["approver"],
                                  actor=request.user, measures=data["measures"], start=data["start"], end=data["end"],
                                  lifetime=data["lifetime"])
            messages.success(request, "已作出列入决定，下一步：公示")
        elif step == "resume":
            services.resume_entry(entry=item, actor=request.user, note=request.POST.get("note", ""))
            messages.success(request, "已恢复")
        elif step == "exit":
            form = ExitForm(request.POST)
            if not form.is_valid():
                raise DomainError("请选择移出原因")
            services.exit_entry(entry=item, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"],
                                actor=request.user)
            messages.success(request, "已移出名单")
        else:
            services.withdraw_entry(entry=item, note=request.POST.get("note", ""), actor=request.user)
            messages.success(request, "已终止列入程序")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("backoffice:list-entry", entry_id=item.pk)


@staff_of_an_organization
@require_POST
def answer_statement(request, entry_id: int, statement_id: int):
    if not request.user.has_perm("lists.manage_entries"):
        raise PermissionDenied
    statement = get_object_or_404(ListStatement, pk=statement_id, entry_id=entry_id)
    set_channel("web")
    try:
        services.answer_statement(statement=statement, adopted=request.POST.get("adopted") == "yes",
                                  answer=request.POST.get("answer", ""), actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已答复。陈述申辩成立的，请终止列入程序；不成立的，异议期满后可作出列入决定。")
    return redirect("backoffice:list-entry", entry_id=entry_id)


@staff_of_an_organization
def service_proof(request, entry_id: int, proof_id: int):
    if not request.user.has_perm("lists.manage_entries"):
        raise PermissionDenied
    entry = get_object_or_404(_entries(request.user), pk=entry_id)
    stored = get_object_or_404(entry.service_proofs, pk=proof_id)
    return evidence_response(stored, actor=request.user, target=entry, action="lists.service_proof.read")


@staff_of_an_organization
def statement_file(request, entry_id: int, statement_id: int, attachment_id: int):
    if not request.user.has_perm("lists.manage_entries"):
        raise PermissionDenied
    statement = get_object_or_404(ListStatement, pk=statement_id, entry_id=entry_id)
    stored = get_object_or_404(statement.attachments, pk=attachment_id)
    return evidence_response(stored, actor=request.user, target=statement.entry, action="lists.statement.file.read")


DOCUMENTS = {"notice": ("lists/notice_document.html", (State.NOTIFIED, State.DECIDED, State.PUBLISHED, State.EXITED,
                                                       State.WITHDRAWN, State.SUSPENDED)),
             "decision": ("lists/decision_document.html", (State.DECIDED, State.PUBLISHED, State.EXITED,
                                                           State.SUSPENDED)),
             "exit": ("lists/exit_document.html", (State.EXITED,))}


@staff_of_an_organization
def document_pdf(request, entry_id: int, document: str):
    """The same document as a PDF (WeasyPrint from the same template), to serve or archive."""
    response = _render_document(request, entry_id, document)
    if response.status_code != 200:
        return response
    return pdf_response(response, request, filename=f"list-entry-{entry_id}-{document}.pdf")


@staff_of_an_organization
def document(request, entry_id: int, document: str):
    return _render_document(request, entry_id, document)


def _render_document(request, entry_id: int, document: str):
    if document not in DOCUMENTS:
        raise PermissionDenied
    template, states = DOCUMENTS[document]
    item = get_object_or_404(_entries(request.user).prefetch_related("records__item", "records__provider"), pk=entry_id)
    if item.state not in states or (document == "notice" and not item.notice_number):
        messages.error(request, "该环节尚未办理，文书还不能生成")
        return redirect("backoffice:list-entry", entry_id=item.pk)
    issuer = issuing_office(item.approver)
    return render(request, template, {
        "entry": item, "today": timezone.localdate(), "issuer": issuer, "measures": document_measures(item),
        "facts": basis_facts(item), "statements": item.statements.order_by("filed_at", "pk"),
        "remedies": remedies_text(issuer.name if issuer else "")})
