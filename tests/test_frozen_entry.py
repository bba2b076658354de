"""The frozen build's entry point: a clean geodata environment and the
network guard the build check relies on."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

ENTRY = Path(__file__).resolve().parents[1] / "packaging" / "entry.py"


def _entry():
    spec = importlib.util.spec_from_file_location("riskmap_frozen_entry", ENTRY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_stray_gis_variables_are_dropped_and_matplotlib_cache_persists(
    tmp_path, monkeypatch
):
    for name in ("PROJ_LIB", "PROJ_DATA", "GDAL_DATA", "GDAL_DRIVER_PATH"):
        monkeypatch.setenv(name, str(tmp_path / "other-gis"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("MPLCONFIGDIR", raising=False)
    _entry()._prepare_environment()
    assert not {"PROJ_LIB", "PROJ_DATA", "GDAL_DATA", "GDAL_DRIVER_PATH"} & set(
        os.environ
    )
    if sys.platform.startswith("linux"):
        expected = tmp_path / "cache" / "riskmap" / "matplotlib"
        assert os.environ["MPLCONFIGDIR"] == str(expected)
        assert expected.is_dir()


def test_the_network_guard_refuses_and_says_so_even_when_the_error_is_caught():
    code = f"""
import importlib.util, socket
spec = importlib.util.spec_from_file_location("e", {str(ENTRY)!r})
e = importlib.util.module_from_spec(spec); spec.loader.exec_module(e)
e._block_network()
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    s.connect(("192.0.2.1", 80))
except OSError:
    print("caught")
a, b = socket.socketpair()  # local sockets still work
a.sendall(b"x"); print(b.recv(1).decode())
server = socket.create_server(("127.0.0.1", 0))
c = socket.create_connection(server.getsockname())  # loopback too
d, _ = server.accept(); c.sendall(b"y"); print(d.recv(1).decode())
"""
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["caught", "x", "y"]
    assert "riskmap: network access refused: ('192.0.2.1', 80)" in proc.stderr
