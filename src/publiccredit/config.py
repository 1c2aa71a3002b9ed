"""Environment-driven configuration helpers used by settings.

Secrets that are not given in the environment are generated once and kept under the
instance's ``var/`` directory (never in the repository), so a fresh clone runs as is.
"""

import os
import secrets
from pathlib import Path

TRUE_WORDS = {"1", "true", "yes", "on", "y", "t"}


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in TRUE_WORDS


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [part.strip() for part in value.split(",") if part.strip()]


def instance_home() -> Path:
    """The directory that holds ``var/``: $PUBLICCREDIT_HOME, else the source checkout, else the cwd."""
    explicit = os.environ.get("PUBLICCREDIT_HOME")
    if explicit:
        return Path(explicit).resolve()
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "pyproject.toml").exists():
        return checkout
    return Path.cwd()


def persistent_secret(var_dir: Path, filename: str, env_name: str, nbytes: int) -> str:
    """Return the secret from the environment, else from ``var/<filename>``, creating it (mode 0600) if absent."""
    from_env = os.environ.get(env_name)
    if from_env:
        return from_env.strip()
    path = var_dir / filename
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    value = secrets.token_hex(nbytes)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(value + "\n")
    return value
