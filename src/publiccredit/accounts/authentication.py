from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from publiccredit.audit.context import set_channel

from .roles import session_scopes
from .services import authenticate_token


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer <token>`` for departments' systems."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        parts = header.split()
        if parts[0] != self.keyword:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed("Authorization 头格式应为：Bearer <令牌>")
        token = authenticate_token(parts[1])
        if token is None:
            raise exceptions.AuthenticationFailed("令牌无效、已过期或已撤销")
        set_channel("api")
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


class HasScope(permissions.BasePermission):
    """Allows a request whose token holds the view's ``required_scope``; a signed-in person without a token gets
    the scopes of their role (``roles.SESSION_SCOPES``: an auditor only reads)."""

    message = "令牌缺少调用此接口所需的权限范围"

    def has_permission(self, request, view):
        required = getattr(view, "required_scope", None)
        if not request.user or not request.user.is_authenticated:
            return False
        token = request.auth
        if token is None or not hasattr(token, "scopes"):
            allowed = session_scopes(request.user)
            if required is not None and required not in allowed:
                self.message = "当前账号的角色不能调用此接口（审计人员只能查阅）" if allowed else "当前账号不能调用此接口"
                return False
            return bool(allowed)
        return required is None or required in token.scopes


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """Documents the department tokens in the OpenAPI schema (Swagger UI offers an Authorize button)."""

    target_class = "publiccredit.accounts.authentication.BearerTokenAuthentication"
    name = "BearerToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "部门系统令牌：publiccredit issue-token 签发"}
