import pytest
from django.core.management import call_command


def run(capsys, *codes):
    with pytest.raises(SystemExit) as stopped:
        call_command("validate-id", *codes)
    return stopped.value.code, capsys.readouterr().out.splitlines()


def test_all_valid_codes_print_valid_and_exit_zero(capsys):
    call_command("validate-id", "91361102MA35ABCD4C", "36112319781105004X", "N2361127MA351111XP")
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["91361102MA35ABCD4C\tvalid", "36112319781105004X\tvalid", "N2361127MA351111XP\tvalid"]


def test_an_invalid_code_prints_its_reason_and_exits_one(capsys):
    code, lines = run(capsys, "91361102MA35ABCD4C", "91361102MA35ABCD4D")
    assert code == 1
    assert lines[0] == "91361102MA35ABCD4C\tvalid"
    original, verdict, reason = lines[1].split("\t")
    assert (original, verdict) == ("91361102MA35ABCD4D", "invalid")
    assert "应为“C”，实际为“D”" in reason


def test_the_console_script_runs_the_command_with_the_same_contract(tmp_path):
    import subprocess
    import sys

    completed = subprocess.run([sys.executable, "-m", "publiccredit.cli", "validate-id", "91361102MA35ABCD4C", "123"],
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 1
    assert completed.stdout.splitlines() == ["91361102MA35ABCD4C\tvalid", "123\tinvalid\t统一社会信用代码应为18位，实际为3位"]
