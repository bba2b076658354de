"""Test-wide guards: nothing reaches the network, settings stay in tmp."""

from __future__ import annotations

import os
import socket

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")


class NetworkBlocked(RuntimeError):
    pass


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _guard(sock: socket.socket, address: object) -> None:
    if sock.family == socket.AF_UNIX:
        return
    raise NetworkBlocked(f"a test tried to reach the network: {address!r}")


def _blocked_connect(self: socket.socket, address: object) -> None:
    _guard(self, address)
    return _real_connect(self, address)


def _blocked_connect_ex(self: socket.socket, address: object) -> int:
    _guard(self, address)
    return _real_connect_ex(self, address)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _blocked_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _blocked_connect_ex)


@pytest.fixture(autouse=True)
def _private_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point config, logs and caches at a temp folder, never the user's."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("RISKMAP_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("RISKMAP_LOG_DIR", str(home / "logs"))
