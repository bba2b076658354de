"""Run riskmap commands in a process that cannot reach the network.

``python offline_run.py WATCH_DIR -- CMD ARGS... [-- CMD ARGS...]`` installs
an audit hook before riskmap is imported: creating an internet socket or
resolving a host name raises, and is written to ``WATCH_DIR/network.txt``;
while each project file in ``WATCH_DIR/hostile/`` is opened, any attempt to
compile, exec, unpickle or start a program is written to
``WATCH_DIR/executed.txt``. Each command's exit code is printed after it
(``riskmap-exit N``).
"""

from __future__ import annotations

import socket
import sys
from pathlib import Path

_NET = {"socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex",
        "socket.gethostbyaddr", "socket.connect", "socket.sendto", "urllib.Request"}  # fmt: skip
_RUN = {"exec", "compile", "pickle.find_class", "marshal.loads", "os.system",
        "subprocess.Popen", "os.exec", "os.posix_spawn", "os.spawn"}  # fmt: skip
_watching = False


def main() -> int:
    watch = Path(sys.argv[1])
    commands: list[list[str]] = []
    for token in sys.argv[2:]:
        if token == "--":
            commands.append([])
        else:
            commands[-1].append(token)

    def hook(event: str, args: tuple) -> None:
        internet = event == "socket.__new__" and args[1] != socket.AF_UNIX
        if event in _NET or internet:
            with open(watch / "network.txt", "a", encoding="utf-8") as fh:
                fh.write(f"{event} {args!r}\n")
            raise OSError(f"network blocked: {event}")
        if _watching and event in _RUN:
            with open(watch / "executed.txt", "a", encoding="utf-8") as fh:
                fh.write(f"{event}\n")

    sys.addaudithook(hook)
    from riskmap.cli import main as cli
    from riskmap.errors import ProjectFileError
    from riskmap.io.project_file import load_project

    for command in commands:
        print(f"riskmap-exit {cli(command)}", flush=True)
    global _watching
    for path in sorted((watch / "hostile").glob("*")):
        _watching = True
        try:
            load_project(path)
        except ProjectFileError:
            pass
        finally:
            _watching = False
    return 0


if __name__ == "__main__":
    sys.exit(main())
