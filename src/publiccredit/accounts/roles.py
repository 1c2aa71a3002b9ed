"""Roles and what each may do. Permissions are Django permission names ("app_label.codename").

A user has one role; the role grants these permissions through ``RoleModelBackend``. Individual extra
permissions can still be granted in the admin.
"""

from django.db import models


class Role(models.TextChoices):
    CREDIT_OFFICE = "credit_office", "信用主管部门（平台管理员）"
    PROVIDER_CLERK = "provider_clerk", "数据报送人员"
    REGULATOR = "regulator", "监管人员"
    AUDITOR = "auditor", "审计人员"
    SUBJECT_USER = "subject_user", "信用主体用户"
    SYSTEM = "system", "单位系统账号（接口）"
    ASSOCIATION = "association", "行业协会商会用户"
    AGENCY = "agency", "信用服务机构用户"


CONFIG_MODELS = [
    "organizations.region", "organizations.organization", "subjects.industry",
    "catalog.category", "catalog.catalogitem", "catalog.itemfield", "catalog.severityrule", "catalog.publicityperiod",
    "workdays.calendaryear", "workdays.calendarday",
    "publicity.article", "lists.listkind", "lists.proposalrule",
    "sanctions.matter", "sanctions.memorandum", "sanctions.measure",
    "repair.repairsettings", "objections.objectionsettings", "notifications.messagetemplate",
    "evaluation.evaluationmodel", "evaluation.indicatorfamily", "evaluation.indicator", "evaluation.gradeband",
    "evaluation.hardrule", "education.course", "education.question", "reports.reportsettings", "reports.reportdomain",
]


def _crud(model: str, *verbs: str) -> set[str]:
    app_label, name = model.split(".")
    return {f"{app_label}.{verb}_{name}" for verb in verbs}


def _all_config(*verbs: str) -> set[str]:
    perms: set[str] = set()
    for model in CONFIG_MODELS:
        perms |= _crud(model, *verbs)
    return perms


VIEW_SUBJECTS = _crud("subjects.subject", "view") | _crud("subjects.subjectname", "view") | _crud(
    "subjects.representative", "view")
VIEW_RECORDS = (_crud("collection.batch", "view") | _crud("collection.batcherror", "view")
                | _crud("collection.creditrecord", "view") | _crud("collection.recordversion", "view")
                | _crud("catalog.catalogitemversion", "view") | _crud("evaluation.modelversion", "view")
                | _crud("evaluation.evaluationrun", "view") | _crud("evaluation.evaluationresult", "view"))

# A sector's department defines its own industry model in the admin (restricted there to the models it owns).
INDUSTRY_MODELS = set().union(*(_crud(f"evaluation.{name}", "add", "change") for name in (
    "evaluationmodel", "indicatorfamily", "indicator", "gradeband", "hardrule")))

# A department keeps its own 双随机 directories and plans (the admin shows it only its own rows); the credit office
# all of them and the grade → ratio table (docs/inspections.md).
INSPECTION_DIRECTORIES = set().union(*(_crud(f"inspections.{name}", "view", "add", "change") for name in (
    "inspectionmatter", "objectdirectory", "inspector", "inspectorconflict", "inspectionplan"))) | _crud(
    "inspections.inspectiontask", "view") | _crud("inspections.inspectionresult", "view") | _crud(
    "inspections.graderatio", "view")
VIEW_INSPECTIONS = {permission for permission in INSPECTION_DIRECTORIES if ".view_" in permission}
# A department keeps its commitment templates and accepts, decides and determines its commitments (docs/commitments.md).
COMMITMENTS = _crud("commitments.commitmenttemplate", "view", "add", "change") | _crud(
    "commitments.commitment", "view") | {"commitments.manage_commitments"}
# Rectification and interviews are a department's own work (谁认定、谁约谈, docs/rectification.md).
RECTIFICATION = _crud("rectification.rectificationtask", "view") | _crud("rectification.interview", "view") | {
    "rectification.manage_rectifications"}

ROLE_PERMISSIONS: dict[str, set[str]] = {
    Role.CREDIT_OFFICE: (
        _all_config("view", "add", "change", "delete")
        | VIEW_SUBJECTS
        | _crud("subjects.subject", "add", "change")
        | _crud("subjects.representative", "add", "change")
        | _crud("subjects.registeredcontact", "view", "add", "change")
        | _crud("accounts.user", "view", "add", "change")
        | _crud("accounts.apitoken", "view")
        | _crud("audit.auditentry", "view")
        | _crud("events.outboxevent", "view")
        | _crud("notifications.notification", "view")
        | VIEW_RECORDS
        | _crud("lists.listentry", "view") | _crud("lists.listentrystep", "view") | _crud("lists.liststatement", "view")
        | _crud("sanctions.screening", "view") | _crud("sanctions.measurefeedback", "view")
        | INSPECTION_DIRECTORIES | _crud("inspections.graderatio", "add", "change") | RECTIFICATION
        | COMMITMENTS | _crud("commitments.eligibilityrule", "view", "add", "change")
        | _crud("associations.membership", "view") | _crud("associations.membernote", "view")
        | _crud("education.completion", "view")
        | _crud("reports.creditreport", "view") | _crud("reports.authorisation", "view")
        | _crud("reports.agencyquery", "view")
        | {"subjects.reveal_citizen_id", "accounts.issue_token", "lists.manage_entries", "lists.propose_entry",
           "repair.handle_repair", "objections.handle_objection", "objections.review_objection",
           "selfservice.verify_binding"}
    ),
    Role.PROVIDER_CLERK: _all_config("view") | VIEW_SUBJECTS | {"objections.handle_objection"},
    Role.REGULATOR: _all_config("view") | VIEW_SUBJECTS | INDUSTRY_MODELS | INSPECTION_DIRECTORIES | RECTIFICATION
    | COMMITMENTS
    | {"lists.propose_entry", "objections.handle_objection"},
    Role.AUDITOR: _all_config("view") | VIEW_SUBJECTS | VIEW_RECORDS | _crud("audit.auditentry", "view")
    | _crud("events.outboxevent", "view") | _crud("accounts.user", "view") | _crud("accounts.apitoken", "view")
    | _crud("notifications.notification", "view") | VIEW_INSPECTIONS
    | {p for p in RECTIFICATION if ".view_" in p},
    Role.SUBJECT_USER: set(),
    Role.SYSTEM: set(),
    # an association keeps its members, their credit notes and its 行业自律 commitments on its own pages
    # (/association/, docs/associations.md); it is not staff and never enters the back office or the admin
    Role.ASSOCIATION: {"commitments.manage_commitments", "associations.manage_members"},
    # a credit service agency queries 授权查询 information only within a subject's recorded authorisation, on its own
    # page (/agency/, docs/reports.md "Agencies"); it is not staff
    Role.AGENCY: set(),
}

STAFF_ROLES = {Role.CREDIT_OFFICE, Role.PROVIDER_CLERK, Role.REGULATOR, Role.AUDITOR}

# Roles that read and never write, on any channel: back-office forms, uploads, screening, the API (docs/api.md).
READ_ONLY_ROLES = {Role.AUDITOR}

READ_SCOPES = {"subjects:read", "records:read", "lists:read", "stats:read"}
# What a signed-in person may call on the API with the session alone. A department system uses a token, whose scopes
# were chosen when it was issued; a session never adds to them (the token wins when both are sent).
SESSION_SCOPES: dict[str, set[str]] = {
    Role.CREDIT_OFFICE: READ_SCOPES | {"records:write", "screening:write", "screening:feedback", "repairs:write",
                                       "objections:write"},
    Role.PROVIDER_CLERK: READ_SCOPES | {"records:write", "screening:write", "screening:feedback", "objections:write"},
    Role.REGULATOR: READ_SCOPES | {"screening:write", "screening:feedback", "objections:write"},
    Role.AUDITOR: set(READ_SCOPES),
}


def speaks_for(user, subject_id: int | None) -> bool:
    """A portal account bound to the subject (a signed-in person acting for it online)."""
    return getattr(user, "role", "") == Role.SUBJECT_USER and bool(subject_id) and user.subject_id == subject_id


def sees_everything(user) -> bool:
    """The credit office and auditors see every organisation's rows and figures, and so does a system account of the
    credit office (its token); everyone else sees their own organisation's."""
    if not user or not getattr(user, "is_authenticated", False):
        return False
    role = getattr(user, "role", "")
    if user.is_superuser or role in (Role.CREDIT_OFFICE, Role.AUDITOR):
        return True
    organization = getattr(user, "organization", None) if role == Role.SYSTEM else None
    return bool(organization is not None and organization.kind == "credit_office")


def may_write(user) -> bool:
    """False for the read-only roles: an auditor looks at everything and changes nothing."""
    return bool(user.is_superuser or getattr(user, "role", "") not in READ_ONLY_ROLES)


def require_writer(actor) -> None:
    """Services call this before writing for a person: a read-only role is refused whichever channel it came by."""
    if actor is not None and getattr(actor, "pk", None) and not may_write(actor):
        from publiccredit.core.errors import PermissionDenied

        raise PermissionDenied("审计人员只能查阅，不能提交、上传或修改", code="read_only_role")


def session_scopes(user) -> set[str]:
    if user.is_superuser:
        from .scopes import SCOPES

        return set(SCOPES)
    if not (user.is_active and user.is_staff):
        return set()
    return SESSION_SCOPES.get(getattr(user, "role", ""), set())


def permissions_for(role: str) -> set[str]:
    return ROLE_PERMISSIONS.get(role, set())
