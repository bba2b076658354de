"""Medians, spreads, pair-by-pair ratios and the targets of the benchmark."""

from __future__ import annotations

import statistics

PHASES = ("load_reproject", "score", "aggregate", "atlas")
EXTRA = ("atlas_load",)
CONTENDERS = ("riskmap", "riskmap-cli", "qgis", "geopandas")


def _spread(values: list[float | None]) -> dict | None:
    xs = [float(v) for v in values if v is not None]
    if not xs:
        return None
    return {
        "median": round(statistics.median(xs), 3),
        "min": round(min(xs), 3),
        "max": round(max(xs), 3),
        "n": len(xs),
    }


def _phase(rec: dict, name: str) -> float | None:
    if name == "score+aggregate":
        s, a = _phase(rec, "score"), _phase(rec, "aggregate")
        return None if s is None or a is None else s + a
    if name == "atlas_per_page":
        a, pages = _phase(rec, "atlas"), rec.get("pages")
        return None if a is None or not pages else a / pages
    return (rec.get("phases") or {}).get(name)


def _ok(rec: dict) -> bool:
    return rec.get("rc") == 0


def _by_run(records: list[dict], size: str, peer: str) -> dict[int, dict]:
    return {
        r["run"]: r
        for r in records
        if r.get("peer") == peer and r.get("size") == size and _ok(r)
    }


def summarise(records: list[dict], runs: int) -> dict:
    """Per size: each contender's spreads, ratios to riskmap, the comparisons."""
    out: dict = {}
    for size in sorted({r["size"] for r in records}, key="SML".index):
        entry: dict = {"contenders": {}, "ratios": {}, "agreement": {}}
        for peer in CONTENDERS:
            recs = list(_by_run(records, size, peer).values())
            if not recs:
                continue
            c = {
                name: _spread([_phase(r, name) for r in recs])
                for name in (*PHASES, *EXTRA, "score+aggregate", "atlas_per_page")
            }
            c["whole_wall_s"] = _spread([r.get("wall_s") for r in recs])
            c["peak_rss_mb"] = _spread([r.get("whole_peak_rss_mb") for r in recs])
            c["pages"] = recs[0].get("pages")
            if peer == "riskmap-cli":
                for part in ("score_process", "atlas_process"):
                    c[part] = {
                        k: _spread([(r.get(part) or {}).get(k) for r in recs])
                        for k in ("wall_s", "peak_rss_mb")
                    }
            entry["contenders"][peer] = c
        ours = _by_run(records, size, "riskmap")
        cli = _by_run(records, size, "riskmap-cli")
        for peer in ("qgis", "geopandas"):
            theirs = _by_run(records, size, peer)
            if not theirs:
                continue
            ratios = {}
            for name in (*PHASES, "score+aggregate", "atlas_per_page"):
                ratios[name] = _spread(
                    [
                        _phase(theirs[i], name) / _phase(ours[i], name)
                        for i in theirs
                        if i in ours
                        and _phase(theirs[i], name)
                        and _phase(ours[i], name)
                    ]
                )
            ratios["whole_process"] = _spread(
                [theirs[i]["wall_s"] / cli[i]["wall_s"] for i in theirs if i in cli]
            )
            entry["ratios"][peer] = ratios
        for r in records:
            if r.get("peer") == "compare" and r["size"] == size:
                entry["agreement"][r["with"]] = {
                    k: v for k, v in r.items() if k not in ("peer", "size", "with")
                }
        out[size] = entry
    out["targets"] = targets(out)
    return out


def _med(d: dict | None) -> float | None:
    return None if not d else d["median"]


def targets(summary: dict) -> list[dict]:
    """Each target of the benchmark issue with the measured value."""
    rows = []

    def add(name: str, value: float | None, goal: float, higher: bool) -> None:
        met = None
        if value is not None:
            met = value >= goal if higher else value <= goal
        rows.append({"target": name, "value": value, "goal": goal, "met": met})

    for size, goal_whole in (("M", 2.0), ("L", 4.0)):
        r = summary.get(size, {}).get("ratios", {}).get("qgis", {})
        if not r:
            continue
        add(
            f"{size}: score+aggregate, QGIS / riskmap",
            _med(r.get("score+aggregate")),
            10.0,
            True,
        )
        add(
            f"{size}: whole score+atlas, QGIS / riskmap",
            _med(r.get("whole_process")),
            goal_whole,
            True,
        )
    for size in ("S", "M", "L"):
        r = summary.get(size, {}).get("ratios", {}).get("qgis", {})
        if r.get("atlas_per_page"):
            add(
                f"{size}: atlas seconds per page, QGIS / riskmap",
                _med(r["atlas_per_page"]),
                1.0,
                True,
            )
    cli = summary.get("L", {}).get("contenders", {}).get("riskmap-cli")
    if cli:
        add(
            "L: peak RSS of `riskmap score`, MB",
            _med(cli["score_process"]["peak_rss_mb"]),
            1024.0,
            False,
        )
    m = summary.get("M", {}).get("contenders", {})
    big = summary.get("L", {}).get("contenders", {})
    if m.get("riskmap") and big.get("riskmap"):
        sm, sl = (
            _med(m["riskmap"]["score+aggregate"]),
            _med(big["riskmap"]["score+aggregate"]),
        )
        if sm and sl:
            add("L / M, riskmap score+aggregate", round(sl / sm, 2), 10.0, False)
    if m.get("riskmap-cli") and big.get("riskmap-cli"):
        wm, wl = (
            _med(m["riskmap-cli"]["whole_wall_s"]),
            _med(big["riskmap-cli"]["whole_wall_s"]),
        )
        if wm and wl:
            add("L / M, riskmap whole score+atlas", round(wl / wm, 2), 10.0, False)
    return rows


def _fmt(d: dict | None, digits: int = 2) -> str:
    if not d:
        return "–"
    if d["n"] == 1 or d["min"] == d["max"]:
        return f"{d['median']:.{digits}f}"
    return f"{d['median']:.{digits}f} ({d['min']:.{digits}f}–{d['max']:.{digits}f})"


def markdown_table(results: dict) -> str:
    """The README's tables: times, ratios, targets."""
    s = results["summary"]
    lines = [
        f"Medians of {results['runs']} runs after a warm-up (min–max in brackets), "
        "seconds; runs interleaved.",
        "",
        "| size | contender | load_reproject | score | aggregate | score+aggregate "
        "| atlas (pages) | atlas_load | whole process | peak RSS MB |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for size in ("S", "M", "L"):
        for peer, c in s.get(size, {}).get("contenders", {}).items():
            pages = c.get("pages")
            atlas = _fmt(c.get("atlas")) + (f" ({pages})" if pages else "")
            if peer == "riskmap-cli":
                sp, ap = c["score_process"], c["atlas_process"]
                lines.append(
                    f"| {size} | riskmap score + riskmap atlas (processes) | | | | | | "
                    f"| {_fmt(c['whole_wall_s'])} = {_fmt(sp['wall_s'])} + "
                    f"{_fmt(ap['wall_s'])} | {_fmt(sp['peak_rss_mb'], 0)} / "
                    f"{_fmt(ap['peak_rss_mb'], 0)} |"
                )
                continue
            name = "riskmap (phases, one process)" if peer == "riskmap" else peer
            lines.append(
                f"| {size} | {name} | {_fmt(c['load_reproject'])} | {_fmt(c['score'])} "
                f"| {_fmt(c['aggregate'])} | {_fmt(c['score+aggregate'])} | {atlas} "
                f"| {_fmt(c.get('atlas_load'))} "
                f"| {_fmt(c['whole_wall_s'])} | {_fmt(c['peak_rss_mb'], 0)} |"
            )
    lines += [
        "",
        "Ratios peer / riskmap, pair by pair (run i with run i); above 1 means "
        "riskmap is faster. Whole process: the peer's one process against "
        "`riskmap score` + `riskmap atlas`.",
        "",
        "| size | peer | load_reproject | score | aggregate | score+aggregate "
        "| atlas per page | whole process |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for size in ("S", "M", "L"):
        for peer, r in s.get(size, {}).get("ratios", {}).items():
            lines.append(
                f"| {size} | {peer} | {_fmt(r['load_reproject'], 1)} "
                f"| {_fmt(r['score'], 1)} | {_fmt(r['aggregate'], 1)} "
                f"| {_fmt(r['score+aggregate'], 1)} | {_fmt(r['atlas_per_page'], 1)} "
                f"| {_fmt(r['whole_process'], 1)} |"
            )
    lines += ["", "| target | measured | goal | met |", "|---|---|---|---|"]
    for t in s.get("targets", []):
        v = "–" if t["value"] is None else f"{t['value']:.2f}"
        met = {True: "yes", False: "**no**", None: "–"}[t["met"]]
        lines.append(f"| {t['target']} | {v} | {t['goal']:g} | {met} |")
    gui = results.get("gui")
    if gui and "open_to_drawn_s" in gui:
        lines += [
            "",
            f"GUI (M, offscreen): sample project to a drawn map "
            f"{gui['open_to_drawn_s']:.2f} s; redraw after pan/zoom median "
            f"{gui['redraw_ms_median']:.0f} ms, 95th percentile "
            f"{gui['redraw_ms_p95']:.0f} ms over {gui['redraws']} redraws.",
        ]
    return "\n".join(lines)
