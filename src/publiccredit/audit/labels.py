"""Chinese names of audited actions, registered by each app in its AppConfig.ready()."""

_labels: dict[str, str] = {}


def register(labels: dict[str, str]) -> None:
    _labels.update(labels)


def action_label(action: str) -> str:
    if action in _labels:
        return _labels[action]
    model, _, verb = action.rpartition(".")  # admin configuration changes: "<app>.<model>.<verb>"
    verbs = {"create": "新增", "update": "修改", "delete": "删除"}
    return f"{verbs[verb]}配置（{model}）" if verb in verbs else action
