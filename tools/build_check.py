"""Check the laptop bundle the way a laptop without Python or network uses it.

usage: python tools/build_check.py [dist/riskmap]

Runs the bundled ``riskmap`` from a temporary folder outside the source tree
with the network cut (``unshare -n`` where the system allows it) and the
bundle's own RISKMAP_NO_NETWORK guard on, which refuses any connection and
says so on stderr, failing the check:
``--version``, ``inspect`` on a sample layer, ``sample``, ``score`` and
``atlas`` on the sample project (outputs read back and checked like the
tests do), and the window started offscreen (its self-test,
RISKMAP_SELF_TEST) loading the sample project, exporting a page and
quitting. Prints the timings the README reports and exits non-zero on the
first failure.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _network_prefix() -> list[str]:
    if sys.platform.startswith("linux") and shutil.which("unshare"):
        probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
        if probe.returncode == 0:
            return ["unshare", "-n"]
    return []


def _folder_size(path: Path) -> int:
    """Bytes on disk, counting each file once (Qt's libraries are symlinked)."""
    seen: dict[tuple[int, int], int] = {}
    for f in path.rglob("*"):
        if f.is_file() and not f.is_symlink():
            st = f.stat()
            seen[(st.st_dev, st.st_ino)] = st.st_size
    return sum(seen.values())


class Check:
    def __init__(self, bundle: Path, work: Path) -> None:
        exe = "riskmap-cli.exe" if sys.platform == "win32" else "riskmap"
        self.exe = bundle / exe
        if not self.exe.exists():
            sys.exit(f"build check: {self.exe} not found; run 'make build' first")
        self.work = work
        self.prefix = _network_prefix()
        self.env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("PYTHON", "VIRTUAL_ENV", "PROJ_", "GDAL_"))
        }
        self.env["QT_QPA_PLATFORM"] = "offscreen"
        self.env["RISKMAP_LOG_DIR"] = str(work / "logs")
        self.env["RISKMAP_CONFIG_DIR"] = str(work / "config")
        self.env["RISKMAP_NO_NETWORK"] = "1"
        self.timings: dict[str, float] = {}

    def run(
        self, name: str, *args: str, timeout: float = 300, env: dict | None = None
    ) -> str:
        start = time.perf_counter()
        proc = subprocess.run(
            [*self.prefix, str(self.exe), *args],
            cwd=self.work,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=timeout,
        )
        self.timings[name] = time.perf_counter() - start
        output = proc.stdout + proc.stderr
        for bad in (
            "Traceback",
            "PROJ:",
            "proj_create",
            "ERROR 1:",
            "Cannot find proj.db",
            "network access refused",
        ):
            if bad in output:
                sys.exit(f"build check: '{name}' printed {bad!r}:\n{output}")
        if proc.returncode != 0:
            sys.exit(f"build check: '{name}' exit {proc.returncode}:\n{output}")
        print(f"ok  {name:<10} {self.timings[name]:6.2f} s")
        return output


def _check_outputs(out: Path, atlas: Path) -> None:
    from pypdf import PdfReader

    import rasterio

    with rasterio.open(out / "risk.tif") as src:
        assert src.count == 4 and src.crs.to_epsg() == 4545, "risk.tif bands/CRS"
        band = src.read(1, masked=True)
        assert band.min() >= 0 and band.max() <= 1, "risk.tif values in [0, 1]"
    raw = (out / "districts.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "districts.csv has a BOM"
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == 9 and any(r["district"] == "渝中区" for r in rows), rows
    reader = PdfReader(atlas)
    assert len(reader.pages) == 10, f"atlas has {len(reader.pages)} pages"
    text = reader.pages[1].extract_text()
    assert "安全风险四色图" in text and "示例数据" in text, "atlas page text"


def _check_window(check: Check) -> dict[str, float]:
    """Start the window offscreen on the sample, export a page, quit."""
    import json

    from pypdf import PdfReader

    out = check.work / "window"
    launched = time.time()
    check.run("window", env={"RISKMAP_SELF_TEST": str(out)}, timeout=600)
    report = json.loads((out / "selftest.json").read_text(encoding="utf-8"))
    assert report["ok"], report
    reader = PdfReader(out / "selftest_page.pdf")
    assert len(reader.pages) == 1, "self-test page"
    assert "安全风险四色图" in reader.pages[0].extract_text(), "self-test page text"
    assert (out / "selftest_window.png").stat().st_size > 10_000, "screenshot"
    return {k: v - launched for k, v in report["epoch"].items()}


def main() -> None:
    bundle = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "dist" / "riskmap")
    bundle = bundle.resolve()
    with tempfile.TemporaryDirectory(prefix="riskmap-build-check-") as tmp:
        work = Path(tmp)
        check = Check(bundle, work)
        how = " + ".join(filter(None, [" ".join(check.prefix), "RISKMAP_NO_NETWORK=1"]))
        size = _folder_size(bundle) / 1e6
        print(f"bundle {bundle} ({size:.0f} MB); network cut by {how}")
        version = check.run("version", "--version")
        assert version.strip().startswith("riskmap "), version
        info = check.run(
            "inspect", "inspect", str(bundle / "_internal/sample_layers/districts.gpkg")
        )
        assert "EPSG:4490" in info and "features: 9" in info, info
        check.run("sample", "sample", "sample")
        project = "sample/chongqing_sample.riskmap.toml"
        check.run("score", "score", project, "--out", "out")
        check.run("atlas", "atlas", project, "--out", "out/atlas.pdf")
        _check_outputs(work / "out", work / "out" / "atlas.pdf")
        window = _check_window(check)
        print("build check passed")
        for name, seconds in check.timings.items():
            print(f"  {name}: {seconds:.2f} s")
        for name, seconds in window.items():
            print(f"  process start to {name.replace('_', ' ')}: {seconds:.2f} s")


if __name__ == "__main__":
    main()
