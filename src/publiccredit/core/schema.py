"""OpenAPI schema post-processing (drf-spectacular ``POSTPROCESSING_HOOKS``): every operation documents the errors
the platform answers with, so that a client generated from the schema, or a conformance checker such as
schemathesis (`make api-fuzz`, docs/api.md), meets no undeclared status.

Every error is JSON with a Chinese ``detail`` (``core.api.exception_handler``); some add a ``code``, a ``field`` or
the problems found, hence ``additionalProperties``."""

ERROR_COMPONENT = "Error"
ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "中文说明"},
                   "code": {"type": "string", "description": "错误代码（领域错误）"}},
    "required": ["detail"],
    "additionalProperties": True,
}
# Status → why it can happen; 400/404 only where the operation takes input or names an object in its path.
ALWAYS = {"401": "令牌无效、已过期或已撤销", "403": "令牌缺少所需的权限范围，或角色不允许",
          "429": "请求过于频繁，稍后再试"}
WITH_INPUT = {"400": "请求内容或参数不符合要求（detail 说明原因）", "413": "请求体过大"}
WITH_OBJECT = {"404": "对象不存在，或不属于调用方可查看的范围"}
METHODS = ("get", "post", "put", "patch", "delete")


def add_error_responses(result, generator, request, public):
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault(ERROR_COMPONENT, ERROR_SCHEMA)
    reference = {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in METHODS:
                continue
            responses = operation.setdefault("responses", {})
            wanted = dict(ALWAYS)
            if operation.get("parameters") or operation.get("requestBody"):
                wanted.update(WITH_INPUT)
            if "{" in path:
                wanted.update(WITH_OBJECT)
            for status, description in wanted.items():
                responses.setdefault(status, {"description": description,
                                              "content": {"application/json": {"schema": reference}}})
    return result
