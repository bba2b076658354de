"""What a user's terminal sees, in real processes: no traceback for bad
input, nothing reaching the network, nothing executed from a project file."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reliability.blocks import chinese_paths
from tests.reliability.table import CASES
from tests.reliability.test_bad_inputs import snapshot

ROOT = Path(__file__).resolve().parents[2]
IN_A_PROCESS = [
    "gpkg-truncated",
    "tif-local-engineering-crs",
    "shp-missing-shx",
]


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["RISKMAP_LOG_DIR"] = str(tmp_path / "logs")
    env["PYTHONPATH"] = str(ROOT)
    env.pop("PYTHONWARNINGS", None)
    return env


@pytest.mark.parametrize("case_id", IN_A_PROCESS)
def test_python_m_riskmap_shows_no_traceback(case_id: str, tmp_path: Path) -> None:
    case = next(c for c in CASES if c.id == case_id)
    inputs = tmp_path / "in"
    inputs.mkdir()
    target = case.build(inputs)
    before = snapshot(inputs)
    done = subprocess.run(
        [sys.executable, "-m", "riskmap", "score", str(target),
         "--out", str(tmp_path / "out")],
        capture_output=True, text=True, env=_env(tmp_path), cwd=tmp_path,
    )  # fmt: skip
    assert "Traceback" not in done.stderr + done.stdout
    assert done.returncode == case.code, done.stderr
    lines = done.stderr.splitlines()
    if case.code == 2:
        assert len(lines) == 1 and lines[0].startswith("riskmap: error: ")
        assert all(text in lines[0] for text in case.expect)
    else:
        assert all(line.startswith("riskmap: warning: ") for line in lines)
        assert all(text in done.stderr for text in case.expect)
    assert snapshot(inputs) == before


HOSTILE = {
    "eval.riskmap.toml": "schema_version = 1\n[project]\n"
    "title = \"__import__('os').system('touch pwned')\"\n",
    "expression.riskmap.toml": "schema_version = __import__('os').getpid()\n",
    "pickle.riskmap.toml": b"\x80\x04\x95\x15\x00\x00\x00\x00\x00\x00\x00\x8c\x02os"
    b"\x94\x8c\x06system\x94\x93\x94.",
    "yaml-tag.riskmap.toml": "!!python/object/apply:os.system ['touch pwned']\n",
}


def test_the_whole_pipeline_runs_offline_and_executes_nothing(tmp_path: Path) -> None:
    project = chinese_paths(tmp_path / "in")
    out = tmp_path / "out"
    out.mkdir()
    watch = tmp_path / "watch"
    (watch / "hostile").mkdir(parents=True)
    for name, content in HOSTILE.items():
        data = content.encode() if isinstance(content, str) else content
        (watch / "hostile" / name).write_bytes(data)
    layer = project.parent / "危化 点位.gpkg"
    commands = [
        ["score", str(project), "--out", str(out / "score")],
        ["map", str(project), "--district", "西城", "--out", str(out / "m.pdf"),
         "--dpi", "50"],
        ["atlas", str(project), "--out", str(out / "a.pdf"), "--dpi", "50"],
        ["inspect", str(layer)],
    ]  # fmt: skip
    argv = [sys.executable, str(Path(__file__).with_name("offline_run.py")),
            str(watch)]  # fmt: skip
    for command in commands:
        argv += ["--", *command]
    done = subprocess.run(
        argv, capture_output=True, text=True, env=_env(tmp_path), cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    codes = [x for x in done.stdout.splitlines() if x.startswith("riskmap-exit")]
    assert codes == ["riskmap-exit 0"] * 4, done.stderr
    assert not (watch / "network.txt").exists()
    assert not (watch / "executed.txt").exists()
    assert not (tmp_path / "pwned").exists()
    assert (out / "score" / "risk.tif").exists() and (out / "a.pdf").exists()


def test_the_guard_itself_sees_a_connection(tmp_path: Path) -> None:
    """The offline runner would notice: a command that opens a socket fails."""
    watch = tmp_path / "watch"
    (watch / "hostile").mkdir(parents=True)
    (watch / "hostile" / "x.riskmap.toml").write_text("schema_version = 1\n")
    script = "\n".join(
        [
            "import socket, sys",
            "def probe(args):",
            "    socket.create_connection(('example.org', 80), timeout=1)",
            "sys.argv = sys.argv[1:]",
            "import tests.reliability.offline_run as runner",
            "import riskmap.cli.commands as commands",
            "commands._COMMANDS['inspect'] = '__main__:probe'",
            "sys.exit(runner.main())",
        ]
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "x", str(watch), "--", "inspect",
         "example.org"],
        capture_output=True, text=True, env=_env(tmp_path), cwd=ROOT,
    )  # fmt: skip
    assert (
        "socket.getaddrinfo ('example.org', 80" in (watch / "network.txt").read_text()
    )
    assert "riskmap-exit 1" in done.stdout  # the command failed: it was stopped


_FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__"}
_FORBIDDEN_MODULES = {"pickle", "marshal", "shelve", "dill", "yaml"}


def test_no_module_can_execute_data() -> None:
    """Project files are data only: no eval/exec, no pickle anywhere in riskmap."""
    found = []
    for path in sorted((ROOT / "riskmap").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            call = isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            if call and node.func.id in _FORBIDDEN_CALLS:
                found.append(f"{path.name}: {node.func.id}()")
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names]
                if isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                for name in names:
                    if name.split(".")[0] in _FORBIDDEN_MODULES:
                        found.append(f"{path.name}: import {name}")
    assert found == []
