"""Pages of associations (docs/associations.md): the association's own workspace at /association/ (members and
their public credit, member credit records, 行业自律 templates, members' commitments and their fulfilment) and the
member's page at /account/associations/."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from publiccredit.accounts.roles import Role
from publiccredit.audit.context import set_channel
from publiccredit.audit.services import record_read
from publiccredit.commitments import services as commitment_services
from publiccredit.commitments.models import Commitment, Disclosure
from publiccredit.core.errors import DomainError

from . import services, topics
from .models import MemberNote, Membership
from .queries import commitments_accepted_by, credit_overview, member_view, members_of, notes_kept_by, templates_of

LOGIN_URL = "/account/login/"
HOME = "/association/"


def association_account(view):
    @login_required(login_url=LOGIN_URL)
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if getattr(user, "role", "") != Role.ASSOCIATION or not user.organization_id:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@association_account
def workspace(request):
    association = request.user.organization
    members = list(members_of(association.pk).order_by("subject__name")[:500])
    record_read(actor=request.user, action=topics.MEMBERS_READ, target=association,
                detail={"members": len(members)})
    return render(request, "associations/workspace.html", {
        "association": association, "members": credit_overview(members),
        "former": members_of(association.pk, state=Membership.State.ENDED)[:50],
        "templates": templates_of(association.pk), "commitments": commitments_accepted_by(association.pk)[:100],
        "notes": notes_kept_by(association.pk)[:100], "note_kinds": [k for k in MemberNote.Kind.choices
                                                                       if k[0] != MemberNote.Kind.BREACH],
        "disclosures": Disclosure.choices, "fulfilments": Commitment.Fulfilment.choices[1:],
        "form": request.POST if request.method == "POST" else {}})


def _done(request, message: str):
    messages.success(request, message)
    return redirect(HOME)


def _own_membership(request, membership_id) -> Membership:
    return get_object_or_404(Membership.objects.select_related("subject"), pk=membership_id,
                             association_id=request.user.organization_id)


@association_account
@require_POST
def act(request, step: str):
    set_channel("web")
    form = request.POST
    try:
        if step == "admit":
            membership = services.admit_member(actor=request.user, code=form.get("code", ""),
                                               joined_on=form.get("joined_on", ""),
                                               member_number=form.get("member_number", ""))
            return _done(request, f"已登记会员：{membership.subject.name}")
        if step == "end":
            membership = services.end_membership(actor=request.user,
                                                 membership=_own_membership(request, form.get("membership")))
            return _done(request, f"已办理退会：{membership.subject.name}")
        if step == "note":
            note = services.record_note(actor=request.user, membership=_own_membership(request, form.get("membership")),
                                        kind=form.get("kind", ""), title=form.get("title", ""),
                                        content=form.get("content", ""), decided_on=form.get("decided_on", ""),
                                        decision_number=form.get("decision_number", ""))
            return _done(request, f"已记录会员信用信息：{note.title}")
        if step == "template":
            template = services.publish_template(
                actor=request.user, title=form.get("title", ""), matter_name=form.get("matter_name", ""),
                reason=form.get("reason", ""), content=form.get("content", ""), liability=form.get("liability", ""),
                conditions=form.get("conditions", ""), validity_months=form.get("validity_months", ""),
                disclosure=form.get("disclosure", Disclosure.PUBLIC))
            return _done(request, f"已发布行业自律承诺书：{template.title}")
        if step == "sign":
            commitment = services.sign_for_member(
                actor=request.user, membership=_own_membership(request, form.get("membership")),
                template=services.own_template(request.user, form.get("template", "")))
            return _done(request, f"已为会员签署承诺 {commitment.number}")
        if step == "fulfilment":
            commitment = get_object_or_404(Commitment, pk=form.get("commitment"),
                                           department_id=request.user.organization_id)
            commitment_services.record_fulfilment(commitment=commitment, fulfilment=form.get("fulfilment", ""),
                                                  unfulfilled=form.get("unfulfilled", ""),
                                                  pursued=form.get("pursued", ""), actor=request.user)
            return _done(request, f"已认定承诺 {commitment.number} 的履行情况")
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(HOME)
    raise PermissionDenied


@login_required(login_url=LOGIN_URL)
def membership_page(request):
    """A member's view: its associations, the records they keep on it, and their 行业自律 commitments to sign."""
    if not request.user.subject_id:
        raise PermissionDenied
    if request.method == "POST":
        set_channel("web")
        try:
            if request.POST.get("agree") != "on":
                raise DomainError("请阅读承诺内容并勾选“本单位自愿作出以上承诺”")
            commitment = services.sign_as_member(
                user=request.user, template=commitment_services.template_by_code(request.POST.get("template", "")))
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已作出行业自律承诺，承诺编码 {commitment.number}")
        return redirect("/account/associations/")
    return render(request, "associations/member.html", {"subject": request.user.subject,
                                                        **member_view(request.user.subject_id)})
