"""Admin for the subject registry: writes go through the services; ID numbers are never shown unmasked,
except through the audited 'reveal' page for users who hold the permission and give a reason."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from publiccredit.audit.context import set_channel
from publiccredit.audit.modeladmin import AuditedModelAdmin
from publiccredit.audit.services import record_read
from publiccredit.core.errors import DomainError
from publiccredit.core.identifiers import check_citizen_id, normalize_code

from . import services
from .models import Industry, RegisteredContact, Representative, Subject, SubjectName
from .names import normalize_name
from .queries import subject_by_code


@admin.register(Industry)
class IndustryAdmin(AuditedModelAdmin):
    list_display = ("code", "name", "parent")
    search_fields = ("code", "name")
    list_filter = ("parent",)


class SubjectNameInline(admin.TabularInline):
    model = SubjectName
    fields = ("name", "valid_from", "valid_to")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = "名称"
    verbose_name_plural = "名称历史（含曾用名）"

    def has_add_permission(self, request, obj=None):
        return False


class RepresentativeInline(admin.TabularInline):
    model = Representative
    fk_name = "organization"
    fields = ("role", "person_label", "since", "until")
    readonly_fields = fields
    extra = 0
    can_delete = False

    @admin.display(description="自然人")
    def person_label(self, link):
        return f"{link.person.public_name}（{link.person.id_masked}）"

    def has_add_permission(self, request, obj=None):
        return False


class SubjectAddForm(forms.ModelForm):
    code = forms.CharField(label="统一社会信用代码或身份证号码", max_length=30,
                           help_text="单位填写18位统一社会信用代码；自然人填写18位身份证号码（加密保存，只显示掩码）")

    class Meta:
        model = Subject
        fields = ("kind", "name", "code", "region", "industry", "status", "established_on", "registered_capital",
                  "address")

    def clean(self):
        data = super().clean()
        try:
            spec_kind = data.get("kind")
            code = data.get("code", "")
            if spec_kind == Subject.Kind.NATURAL_PERSON:
                services.require_citizen_id(code, field="code")
            elif spec_kind:
                services.require_uscc(code, field="code")
        except DomainError as exc:
            self.add_error("code", exc.message)
            return data
        if code and subject_by_code(code) is not None:
            self.add_error("code", "该代码的主体已在主体库中（一个代码只能对应一个主体）")
        return data


class SubjectChangeForm(forms.ModelForm):
    class Meta:
        model = Subject
        fields = ("name", "region", "industry", "status", "established_on", "registered_capital", "address")

    def clean_name(self):
        name = self.cleaned_data["name"]
        if "name" in self.changed_data and normalize_name(name) == self.instance.name_normalized:
            raise forms.ValidationError("新名称与现用名称相同（仅全半角、括号或空格不同）")
        return name


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ("listed_name", "masked_code", "kind", "region", "industry", "status")
    list_filter = ("kind", "status", "region")
    search_fields = ("name", "uscc")
    list_select_related = ("region", "industry")
    readonly_fields = ("masked_code", "kind", "created_at", "updated_at", "reveal_link")
    inlines = [SubjectNameInline, RepresentativeInline]
    show_full_result_count = False

    @admin.display(description="名称", ordering="name")
    def listed_name(self, subject):
        """Lists show persons' names masked; the full name is on the (audited) detail page."""
        return subject.public_name

    @admin.display(description="代码")
    def masked_code(self, subject):
        return subject.code

    @admin.display(description="完整身份证号码")
    def reveal_link(self, subject):
        if not subject.is_person:
            return "—"
        url = reverse("admin:subjects_subject_reveal", args=[subject.pk])
        return format_html('<a href="{}">查看（需说明事由，将记录审计日志）</a>', url)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else ()

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = SubjectChangeForm if obj else SubjectAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return list(SubjectAddForm.Meta.fields)
        extra = ["reveal_link"] if obj.is_person else []
        return ["masked_code", "kind", *SubjectChangeForm.Meta.fields, *extra, "created_at", "updated_at"]

    def changelist_view(self, request, extra_context=None):
        term = normalize_code(request.GET.get("q", ""))
        if check_citizen_id(term).valid:
            # Searched by ID number: answer with the matching row, without echoing the number back in the page.
            found = subject_by_code(term)
            return HttpResponseRedirect(f"{request.path}?id__exact={found.pk if found else 0}")
        return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        set_channel("admin")
        data = form.cleaned_data
        if not change:
            spec = services.SubjectSpec(
                kind=data["kind"], name=data["name"], code=data["code"], region=data.get("region"),
                industry=data.get("industry"), status=data.get("status") or Subject.Status.ACTIVE,
                established_on=data.get("established_on"), registered_capital=data.get("registered_capital"),
                address=data.get("address") or "")
            created = services.register_subject(spec=spec, actor=request.user)
            obj.__dict__.update({k: v for k, v in created.__dict__.items() if k != "_state"})
            obj._state.adding = False
            return
        current = Subject.objects.get(pk=obj.pk)
        if "name" in form.changed_data:
            services.rename_subject(subject=current, new_name=data["name"], actor=request.user)
        changes = {k: data[k] for k in form.changed_data if k in services.UPDATABLE_FIELDS}
        if changes:
            services.update_subject(subject=current, changes=changes, actor=request.user)

    def has_delete_permission(self, request, obj=None):
        return False  # records are evidence: subjects are never deleted, only their status changes

    def change_view(self, request, object_id, form_url="", extra_context=None):
        subject = Subject.objects.filter(pk=object_id).first()
        if subject is not None and subject.is_person and request.method == "GET":
            set_channel("admin")
            record_read(actor=request.user, action="subjects.person.view", target=subject,
                        reason="管理后台查看自然人主体")
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        custom = [path("<int:pk>/reveal/", self.admin_site.admin_view(self.reveal_view),
                       name="subjects_subject_reveal")]
        return custom + super().get_urls()

    def reveal_view(self, request, pk):
        subject = get_object_or_404(Subject, pk=pk, kind=Subject.Kind.NATURAL_PERSON)
        if not request.user.has_perm("subjects.reveal_citizen_id"):
            raise DjangoPermissionDenied
        context = {**self.admin_site.each_context(request), "subject": subject, "opts": self.model._meta,
                   "title": "查看完整身份证号码", "revealed": None, "error": None}
        if request.method == "POST":
            set_channel("admin")
            try:
                context["revealed"] = services.reveal_citizen_id(subject=subject, actor=request.user,
                                                                 reason=request.POST.get("reason", ""))
            except DomainError as exc:
                context["error"] = exc.message
        response = TemplateResponse(request, "admin/subjects/subject/reveal.html", context)
        response["Cache-Control"] = "no-store"
        return response


class RepresentativeForm(forms.ModelForm):
    class Meta:
        model = Representative
        fields = ("organization", "person", "role", "since")

    def clean(self):
        data = super().clean()
        organization, person = data.get("organization"), data.get("person")
        if organization is not None and organization.is_person:
            self.add_error("organization", "请选择单位主体（法人、非法人组织或个体工商户）")
        if person is not None and not person.is_person:
            self.add_error("person", "法定代表人、负责人等必须是自然人主体")
        return data


@admin.register(Representative)
class RepresentativeAdmin(admin.ModelAdmin):
    """Links are added through the service (which closes the previous holder's link); never edited or deleted."""

    form = RepresentativeForm
    list_display = ("organization", "role", "person_masked", "since", "until")
    list_filter = ("role",)
    search_fields = ("organization__name", "organization__uscc")
    raw_id_fields = ("organization", "person")
    list_select_related = ("organization", "person")

    @admin.display(description="自然人")
    def person_masked(self, link):
        return f"{link.person.public_name}（{link.person.id_masked}）"

    def save_model(self, request, obj, form, change):
        set_channel("admin")
        data = form.cleaned_data
        link = services.set_representative(organization=data["organization"], person=data["person"],
                                           role=data["role"], since=data.get("since"), actor=request.user)
        obj.pk = link.pk
        obj._state.adding = False

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False


class RegisteredContactForm(forms.ModelForm):
    """The number is written, never read back: the form starts empty and the lists show it masked."""

    new_phone = forms.CharField(label="登记手机号码", max_length=20,
                                help_text="11位手机号码，门户账号绑定主体时验证码发送到此号码（加密保存，只显示掩码）")

    class Meta:
        model = RegisteredContact
        fields = ("subject", "source")

    def clean(self):
        data = super().clean()
        if data.get("new_phone"):
            try:
                services.check_contact_phone(data["new_phone"])
            except DomainError as exc:
                self.add_error("new_phone", exc.message)
        return data


@admin.register(RegisteredContact)
class RegisteredContactAdmin(admin.ModelAdmin):
    form = RegisteredContactForm
    list_display = ("subject", "phone_masked", "source", "updated_at", "updated_by")
    search_fields = ("subject__uscc", "subject__name")
    raw_id_fields = ("subject",)
    list_select_related = ("subject", "updated_by")
    show_full_result_count = False

    def get_readonly_fields(self, request, obj=None):
        return ("subject", "phone_masked", "updated_at", "updated_by") if obj else ()

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("subject", "new_phone", "source")
        return ("subject", "phone_masked", "new_phone", "source", "updated_at", "updated_by")

    def save_model(self, request, obj, form, change):
        set_channel("admin")
        saved = services.set_registered_contact(subject=obj.subject, phone=form.cleaned_data["new_phone"],
                                                source=form.cleaned_data["source"], actor=request.user)
        obj.__dict__.update({k: v for k, v in saved.__dict__.items() if k != "_state"})
        obj._state.adding = False

    def has_delete_permission(self, request, obj=None):
        return False  # a wrong number is replaced, so that the audit trail shows what it was replaced by
