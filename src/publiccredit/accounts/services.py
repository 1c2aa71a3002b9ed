"""Accounts: users of organisations, their roles, and API tokens for departments' systems."""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from publiccredit.audit.services import record_write
from publiccredit.core.crypto import sm3_hex
from publiccredit.core.errors import DomainError, NotFound, PermissionDenied

from .models import ApiToken, User
from .roles import STAFF_ROLES, Role
from .scopes import parse_scopes

TOKEN_PREFIX = "pc_"


def create_user(*, username: str, role: str, organization=None, subject=None, password: str | None = None,
                full_name: str = "", email: str = "", actor=None) -> User:
    """Create a user of one organisation (or, for a subject user, bound to one subject)."""
    if role not in Role.values:
        raise DomainError(f"未知角色：{role}", code="unknown_role", field="role")
    if role == Role.SUBJECT_USER and subject is None:
        raise DomainError("信用主体用户必须绑定一个信用主体", code="subject_required", field="subject")
    if role != Role.SUBJECT_USER and organization is None:
        raise DomainError("用户必须属于一个单位", code="organization_required", field="organization")
    if User.objects.filter(username=username).exists():
        raise DomainError(f"用户名“{username}”已存在", code="duplicate_username", field="username")
    with transaction.atomic():
        user = User(username=username, role=role, organization=organization, subject=subject,
                    first_name=full_name, email=email, is_staff=role in STAFF_ROLES)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        record_write(actor=actor, action="accounts.user.create", target=user,
                     detail={"role": role, "organization": organization.code if organization else None})
    return user


def system_account_for(organization, *, actor=None) -> User:
    """The organisation's system account, used by its information systems through API tokens."""
    username = f"sys-{organization.code}"
    user = User.objects.filter(username=username).first()
    if user is None:
        user = create_user(username=username, role=Role.SYSTEM, organization=organization,
                           full_name=f"{organization.short_name or organization.name}系统账号", actor=actor)
    return user


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown once; only its hash is stored


def hash_token(secret: str) -> str:
    return sm3_hex(secret.encode("utf-8"))


def issue_token(*, organization, scopes: str | list[str], name: str = "", valid_days: int | None = None,
                actor=None) -> IssuedToken:
    """Issue a bearer token for the organisation's system account with the given scopes."""
    if actor is not None and getattr(actor, "is_authenticated", False) and not actor.has_perm("accounts.issue_token"):
        raise PermissionDenied("无权签发接口令牌", code="cannot_issue_token")
    scope_list = parse_scopes(scopes if isinstance(scopes, str) else ",".join(scopes))
    if valid_days is not None and valid_days <= 0:
        raise DomainError("有效天数必须大于0", code="bad_valid_days", field="days")
    with transaction.atomic():
        account = system_account_for(organization, actor=actor)
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = ApiToken.objects.create(
            user=account, name=name, prefix=secret[:12], token_hash=hash_token(secret), scopes=scope_list,
            expires_at=timezone.now() + timedelta(days=valid_days) if valid_days else None,
        )
        record_write(actor=actor, action="accounts.token.issue", target=token,
                     target_label=f"{organization.name} 令牌 {token.prefix}…",
                     detail={"organization": organization.code, "scopes": scope_list, "valid_days": valid_days})
    return IssuedToken(token=token, secret=secret)


def revoke_token(*, prefix: str, actor=None, reason: str = "") -> ApiToken:
    token = ApiToken.objects.filter(prefix=prefix, revoked_at__isnull=True).first()
    if token is None:
        raise NotFound(f"没有前缀为“{prefix}”的有效令牌", code="token_not_found")
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record_write(actor=actor, action="accounts.token.revoke", target=token, reason=reason)
    return token


def authenticate_token(secret: str) -> ApiToken | None:
    """The active token for this secret, or None. Touches last_used_at at most once a minute."""
    if not secret or not secret.startswith(TOKEN_PREFIX):
        return None
    # token_hash is unique: no ordering needed (``first()`` would add ORDER BY to a hot query).
    found = list(ApiToken.objects.select_related("user", "user__organization")
                 .filter(token_hash=hash_token(secret), revoked_at__isnull=True)[:1])
    token = found[0] if found else None
    now = timezone.now()
    if token is None or (token.expires_at and token.expires_at <= now) or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
