"""Entry point of the frozen laptop build: the same ``riskmap`` command.

Two things must happen before any geodata library is imported:

* pyogrio, fiona, rasterio and pyproj each ship their own GDAL and PROJ data
  inside the bundle. A PROJ_LIB, PROJ_DATA or GDAL_DATA left in the user's
  environment by another GIS points them at an incompatible proj.db
  ("DATABASE.LAYOUT.VERSION.MINOR ... comes from another PROJ
  installation"), so those variables are removed and each library finds its
  own data.
* matplotlib's runtime hook points MPLCONFIGDIR at a fresh temporary folder
  on every start, which rebuilds the font cache at each launch; a persistent
  per-user folder keeps start-up fast. (This runs after the runtime hooks, so
  it wins.)
"""

import os
import sys
from pathlib import Path


def _prepare_environment() -> None:
    for name in ("PROJ_LIB", "PROJ_DATA", "GDAL_DATA", "GDAL_DRIVER_PATH"):
        os.environ.pop(name, None)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData/Local")
        cache = base / "riskmap" / "Cache" / "matplotlib"
    elif sys.platform == "darwin":
        cache = Path.home() / "Library" / "Caches" / "riskmap" / "matplotlib"
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        cache = Path(xdg or Path.home() / ".cache") / "riskmap" / "matplotlib"
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # an unwritable home: matplotlib falls back to a temp folder
    os.environ["MPLCONFIGDIR"] = str(cache)


def _block_network() -> None:
    """With RISKMAP_NO_NETWORK=1, any attempt to connect is an error.

    riskmap never uses the network; the build check sets this on every run
    (with the network cut by ``unshare`` too where it can) and fails on the
    line each refused attempt prints.
    """
    import socket

    def local(address: object) -> bool:
        # Loopback stays open: Windows builds socketpair() on it.
        host = address[0] if isinstance(address, tuple) else None
        return host in ("127.0.0.1", "::1", "localhost")

    def refuse(self: socket.socket, address: object) -> None:
        if self.family != getattr(socket, "AF_UNIX", None) and not local(address):
            # Said on stderr as well: code that catches OSError would
            # otherwise hide the attempt from the build check.
            message = f"riskmap: network access refused: {address!r}"
            print(message, file=sys.stderr, flush=True)
            raise OSError(message)

    connect, connect_ex = socket.socket.connect, socket.socket.connect_ex

    def guarded(self: socket.socket, address: object) -> None:
        refuse(self, address)
        return connect(self, address)

    def guarded_ex(self: socket.socket, address: object) -> int:
        refuse(self, address)
        return connect_ex(self, address)

    socket.socket.connect = guarded  # type: ignore[method-assign]
    socket.socket.connect_ex = guarded_ex  # type: ignore[method-assign]


if __name__ == "__main__":
    _prepare_environment()
    if os.environ.get("RISKMAP_NO_NETWORK") == "1":
        _block_network()
    from riskmap.cli import main

    sys.exit(main())
