from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView


class WhoAmIView(APIView):
    """The caller's account, organisation and, for a token, its scopes — for checking an integration."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="当前调用者",
        responses=inline_serializer("WhoAmI", {
            "username": serializers.CharField(), "role": serializers.CharField(),
            "organization": serializers.DictField(allow_null=True), "scopes": serializers.ListField(),
        }),
    )
    def get(self, request):
        user = request.user
        organization = user.organization
        return Response({
            "username": user.username,
            "role": user.role,
            "organization": {"code": organization.code, "name": organization.name} if organization else None,
            "scopes": list(getattr(request.auth, "scopes", []) or []),
        })
