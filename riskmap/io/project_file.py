"""Read and write ``*.riskmap.toml`` project files.

Project files are data only: TOML parsed by :mod:`tomllib`, validated against
the schema below, never executed. Unknown or mistyped keys are rejected with
the key and its line. Paths are stored relative to the project file and the
file is written atomically.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from riskmap.core.project import (
    CLASSIFICATION_METHODS,
    COMPOSITE_METHODS,
    ORIENTATIONS,
    PAPERS,
    SCHEMA_VERSION,
    ClassificationSettings,
    CompositeSettings,
    DistrictSpec,
    LayerSpec,
    PrintSettings,
    Project,
)
from riskmap.errors import ProjectFileError
from riskmap.io.atomic import write_text

PROJECT_SUFFIX = ".riskmap.toml"
#: Cell sizes (metres) a project file may hold; memory decides what runs.
CELL_SIZE_RANGE = (1.0, 5000.0)

# ---------------------------------------------------------------- validation


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


_Check = Callable[[Any], str | None]


def _type(kind: type | tuple[type, ...], label: str) -> _Check:
    def check(v: Any) -> str | None:
        if isinstance(v, bool) and bool not in (
            kind if isinstance(kind, tuple) else (kind,)
        ):
            return f"must be {label}"
        return None if isinstance(v, kind) else f"must be {label}"

    return check


_STR = _type(str, "text in quotes")
_BOOL = _type(bool, "true or false")


def _number(
    lo: float | None = None, hi: float | None = None, integer: bool = False
) -> _Check:
    def check(v: Any) -> str | None:
        if not _is_number(v) or (integer and not isinstance(v, int)):
            return "must be a whole number" if integer else "must be a number"
        if (lo is not None and v < lo) or (hi is not None and v > hi):
            return f"must be between {lo:g} and {hi:g}"
        return None

    return check


def _choice(options: tuple[str, ...]) -> _Check:
    def check(v: Any) -> str | None:
        if v not in options:
            return f"must be one of {', '.join(options)}"
        return None

    return check


def _numbers(n: int) -> _Check:
    def check(v: Any) -> str | None:
        if not isinstance(v, list) or len(v) != n or not all(_is_number(x) for x in v):
            return f"must be a list of {n} numbers"
        return None

    return check


def _thresholds(v: Any) -> str | None:
    if _numbers(3)(v):
        return "must be a list of 3 numbers"
    if not (0 < v[0] < v[1] < v[2] < 1):
        return "must rise strictly between 0 and 1, e.g. [0.25, 0.5, 0.75]"
    return None


def _str_table(v: Any) -> str | None:
    if not isinstance(v, dict) or not all(isinstance(x, str) for x in v.values()):
        return "must be a table of names in quotes"
    return None


def _simple(v: Any) -> bool:
    """Text, a number, true/false, or a list of those (what the writer writes)."""
    if isinstance(v, list):
        return all(_simple(x) for x in v)
    return isinstance(v, str | int | float | bool)


def _finite(v: Any) -> bool:
    if isinstance(v, list):
        return all(_finite(x) for x in v)
    return not (isinstance(v, float) and not math.isfinite(v))


def _value_table(v: Any) -> str | None:
    if not isinstance(v, dict) or not all(_simple(x) for x in v.values()):
        return "must be a table of simple values"
    if not all(_finite(x) for x in v.values()):
        return "must not hold inf or nan"
    return None


_PROJECT = {
    "title": _STR,
    "crs": _STR,
    "cell_size": _number(*CELL_SIZE_RANGE),
    "extent": _numbers(4),
    "date": _STR,
    "sample": _BOOL,
    "attribution": _STR,
}


def _iso_date(v: Any) -> str | None:
    """A date written "YYYY-MM-DD" (or as a bare TOML date)."""
    if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
        return None
    if not isinstance(v, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        return 'must be a date written "YYYY-MM-DD"'
    try:
        dt.date.fromisoformat(v)
    except ValueError:
        return f"is not a date in the calendar ({v})"
    return None


def _date_text(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value or "")


_SOURCE = {
    "path": _STR,
    "layer": _STR,
    "source_crs": _STR,
    "encoding": _STR,
    "date": _iso_date,
}
_DISTRICTS = {**_SOURCE, "name_field": _STR}
_LAYER = {
    **_SOURCE,
    "id": _STR,
    "kind": _STR,
    "name": _STR,
    "weight": _number(0, 1e6),
    "fields": _str_table,
    "params": _value_table,
    "style": _value_table,
    "visible": _BOOL,
    "opacity": _number(0, 1),
}
_COMPOSITE = {
    "method": _choice(COMPOSITE_METHODS),
    "take_highest": _BOOL,
    "exposure": _STR,
}
_CLASSIFICATION = {"method": _choice(CLASSIFICATION_METHODS), "thresholds": _thresholds}
_PRINT = {
    "paper": _choice(PAPERS),
    "orientation": _choice(ORIENTATIONS),
    "dpi": _number(50, 1200, integer=True),
    "organisation": _STR,
    "review_number": _STR,
    "internal": _BOOL,
    "hatch": _BOOL,
}
_TABLES = {
    "project": _PROJECT,
    "districts": _DISTRICTS,
    "composite": _COMPOSITE,
    "classification": _CLASSIFICATION,
    "print": _PRINT,
}


class _Locator:
    """Finds the line of a key in the TOML text, for error messages."""

    _HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")
    _KEY = re.compile(r"^\s*\"?([^\"=\s]+)\"?\s*=")

    def __init__(self, text: str) -> None:
        self.index: dict[tuple[str, int, str], int] = {}
        self.tables: dict[tuple[str, int], int] = {}
        counts: dict[str, int] = {}
        table, number = "", 0
        for lineno, line in enumerate(text.splitlines(), start=1):
            header = self._HEADER.match(line)
            if header:
                table = header.group(2).replace(" ", "")
                if header.group(1) == "[[":
                    counts[table] = counts.get(table, -1) + 1
                base = table.split(".")[0]
                number = counts.get(base, 0)
                self.tables.setdefault((table, number), lineno)
                continue
            key = self._KEY.match(line)
            if key:
                self.index.setdefault((table, number, key.group(1)), lineno)

    def line(self, table: str, key: str, number: int = 0) -> int | None:
        found = self.index.get((table, number, key))
        return found if found is not None else self.tables.get((table, number))


class _Reader:
    def __init__(self, text: str, source: str) -> None:
        self.source = source
        self.where = _Locator(text)

    def fail(
        self, message: str, table: str, key: str, number: int = 0, hint: str = ""
    ) -> None:
        line = self.where.line(table, key, number)
        at = f"{self.source}, line {line}" if line else self.source
        raise ProjectFileError(f"{at}: {message}", hint)

    def table(
        self, data: Any, schema: Mapping[str, _Check], name: str, number: int = 0
    ) -> dict[str, Any]:
        if not isinstance(data, dict):
            self.fail(f"[{name}] must be a table", name, name, number)
        for key, value in data.items():
            check = schema.get(key)
            if check is None:
                self.fail(
                    f"unknown key '{key}' in [{name}]",
                    name,
                    key,
                    number,
                    f"known keys: {', '.join(schema)}",
                )
                continue
            problem = check(value)
            if problem:
                self.fail(f"'{key}' in [{name}] {problem}", name, key, number)
        return data


def _migrate(data: dict[str, Any], reader: _Reader) -> dict[str, Any]:
    """Bring older schema versions up to date (version 1 is the first)."""
    version = data.get("schema_version")
    if version is None:
        reader.fail(
            "missing schema_version",
            "",
            "schema_version",
            hint=f"add 'schema_version = {SCHEMA_VERSION}' as the first line",
        )
    if not isinstance(version, int) or isinstance(version, bool):
        reader.fail("schema_version must be a whole number", "", "schema_version")
    if version > SCHEMA_VERSION:
        reader.fail(
            f"schema_version {version} is newer than this riskmap understands "
            f"({SCHEMA_VERSION})",
            "",
            "schema_version",
            hint="update riskmap to open this project",
        )
    if version < 1:
        reader.fail(f"schema_version {version} is not valid", "", "schema_version")
    return data


def _resolve(base: Path, value: str) -> Path:
    path = Path(value.replace("\\", "/")).expanduser()
    return path if path.is_absolute() else (base / path)


def parse_project(text: str, base_dir: Path, source: str = "project") -> Project:
    """Build a :class:`Project` from TOML text; paths resolve against ``base_dir``."""
    reader = _Reader(text, source)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProjectFileError(
            f"{source}: not a valid TOML file ({exc})",
            "check quotes, brackets and '=' on the line named",
        ) from None
    except RecursionError:
        raise ProjectFileError(
            f"{source}: not a project file (arrays or tables nested too deeply)",
            "check that this is the project file riskmap saved",
        ) from None
    data = _migrate(data, reader)
    known = {"schema_version", "layers", *_TABLES}
    for key in data:
        if key not in known:
            reader.fail(
                f"unknown top-level key or table '{key}'",
                key if isinstance(data[key], dict) else "",
                key,
                hint=f"known tables: {', '.join(sorted(known - {'schema_version'}))}",
            )
    tables = {
        name: reader.table(data.get(name, {}), schema, name)
        for name, schema in _TABLES.items()
    }

    p = tables["project"]
    project = Project(
        title=p.get("title", ""),
        crs=p.get("crs"),
        cell_size=float(p.get("cell_size", 50.0)),
        extent=tuple(float(x) for x in p["extent"]) if "extent" in p else None,  # type: ignore[arg-type]
        date=p.get("date", ""),
        sample=p.get("sample", False),
        attribution=p.get("attribution", ""),
    )
    if "extent" in p:
        x0, y0, x1, y1 = p["extent"]
        if not (x1 > x0 and y1 > y0):
            reader.fail(
                "'extent' must be [xmin, ymin, xmax, ymax] with max > min",
                "project",
                "extent",
            )

    d = tables["districts"]
    if d:
        if "path" not in d:
            reader.fail("[districts] needs a 'path'", "districts", "districts")
        project.districts = DistrictSpec(
            path=_resolve(base_dir, d["path"]),
            layer=d.get("layer"),
            name_field=d.get("name_field"),
            source_crs=d.get("source_crs"),
            encoding=d.get("encoding"),
            date=_date_text(d.get("date")),
        )

    layers = data.get("layers", [])
    if not isinstance(layers, list):
        reader.fail("'layers' must be written as [[layers]] tables", "", "layers")
    seen: set[str] = set()
    for number, raw in enumerate(layers):
        entry = reader.table(raw, _LAYER, "layers", number)
        for required in ("id", "kind", "path"):
            if required not in entry:
                reader.fail(
                    f"[[layers]] number {number + 1} needs '{required}'",
                    "layers",
                    "layers",
                    number,
                )
        if entry["id"] in seen:
            reader.fail(
                f"layer id '{entry['id']}' is used twice",
                "layers",
                "id",
                number,
                "give every layer its own id",
            )
        seen.add(entry["id"])
        project.layers.append(
            LayerSpec(
                id=entry["id"],
                kind=entry["kind"],
                path=_resolve(base_dir, entry["path"]),
                layer=entry.get("layer"),
                name=entry.get("name", ""),
                source_crs=entry.get("source_crs"),
                encoding=entry.get("encoding"),
                weight=float(entry.get("weight", 1.0)),
                fields=dict(entry.get("fields", {})),
                params=dict(entry.get("params", {})),
                style=dict(entry.get("style", {})),
                visible=entry.get("visible", True),
                opacity=float(entry.get("opacity", 1.0)),
                date=_date_text(entry.get("date")),
            )
        )
    hazards = project.hazard_layers()
    if hazards and sum(spec.weight for spec in hazards) <= 0:
        reader.fail(
            "all hazard weights are zero",
            "layers",
            "weight",
            hint="give at least one hazard layer a weight above 0",
        )

    c = tables["composite"]
    project.composite = CompositeSettings(
        method=c.get("method", "union"),
        take_highest=c.get("take_highest", True),
        exposure=c.get("exposure"),
    )
    if project.composite.exposure and project.composite.exposure not in seen:
        reader.fail(
            f"exposure layer '{project.composite.exposure}' is not a layer id",
            "composite",
            "exposure",
            hint=f"layer ids: {', '.join(sorted(seen)) or '(none)'}",
        )
    k = tables["classification"]
    project.classification = ClassificationSettings(
        method=k.get("method", "fixed"),
        thresholds=tuple(float(x) for x in k.get("thresholds", (0.25, 0.5, 0.75))),  # type: ignore[arg-type]
    )
    project.print = PrintSettings(**tables["print"])
    return project


def load_project(path: str | os.PathLike[str]) -> Project:
    """Read a project file. Problems raise :class:`ProjectFileError`."""
    file = Path(path)
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise ProjectFileError(
            f"{file}: project file not found",
            "check the path, or run 'riskmap sample DIR'",
        ) from None
    except IsADirectoryError:
        raise ProjectFileError(f"{file}: is a folder, not a project file") from None
    except OSError as exc:
        raise ProjectFileError(f"{file}: cannot read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProjectFileError(
            f"{file}: not UTF-8 text (byte {exc.start})",
            "save the project file as UTF-8 (for example from Notepad: Save As, UTF-8)",
        ) from None
    project = parse_project(text, file.resolve().parent, source=str(file))
    project.path = file.resolve()
    return project


# ------------------------------------------------------------------- writing

_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _toml_str(value: str) -> str:
    out = ['"']
    for ch in value:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("cannot write inf or nan to a project file")
        return repr(value)
    if isinstance(value, str):
        return _toml_str(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to a project file")


def _key(name: str) -> str:
    return name if _BARE.fullmatch(name) else _toml_str(name)


def _lines(values: Mapping[str, Any]) -> list[str]:
    return [f"{_key(k)} = {_toml_value(v)}" for k, v in values.items() if v is not None]


def _relative(path: Path, base: Path) -> str:
    try:
        rel = os.path.relpath(path, base)
    except ValueError:  # another drive on Windows
        return path.as_posix()
    return Path(rel).as_posix()


def _number_out(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)


def dump_project(project: Project, base_dir: Path) -> str:
    """The TOML text of ``project`` with paths relative to ``base_dir``."""
    out = [f"schema_version = {SCHEMA_VERSION}", "", "[project]"]
    out += _lines(
        {
            "title": project.title,
            "crs": project.crs,
            "cell_size": _number_out(project.cell_size),
            "extent": list(project.extent) if project.extent else None,
            "date": project.date or None,
            "sample": project.sample or None,
            "attribution": project.attribution or None,
        }
    )
    if project.districts is not None:
        d = project.districts
        out += ["", "[districts]"]
        out += _lines(
            {
                "path": _relative(d.path, base_dir),
                "layer": d.layer,
                "name_field": d.name_field,
                "source_crs": d.source_crs,
                "encoding": d.encoding,
                "date": d.date or None,
            }
        )
    for spec in project.layers:
        out += ["", "[[layers]]"]
        out += _lines(
            {
                "id": spec.id,
                "kind": spec.kind,
                "name": spec.name or None,
                "path": _relative(spec.path, base_dir),
                "layer": spec.layer,
                "source_crs": spec.source_crs,
                "encoding": spec.encoding,
                "weight": _number_out(spec.weight),
                "visible": None if spec.visible else False,
                "opacity": None if spec.opacity == 1.0 else spec.opacity,
                "date": spec.date or None,
            }
        )
        for table in ("fields", "params", "style"):
            values = getattr(spec, table)
            if values:
                out += [f"[layers.{table}]", *_lines(values)]
    c, k, pr = project.composite, project.classification, project.print
    out += ["", "[composite]"]
    out += _lines(
        {"method": c.method, "take_highest": c.take_highest, "exposure": c.exposure}
    )
    out += ["", "[classification]"]
    out += _lines({"method": k.method, "thresholds": [float(t) for t in k.thresholds]})
    out += ["", "[print]"]
    out += _lines(
        {
            "paper": pr.paper,
            "orientation": pr.orientation,
            "dpi": pr.dpi,
            "organisation": pr.organisation or None,
            "review_number": pr.review_number or None,
            "internal": pr.internal or None,
            "hatch": pr.hatch or None,
        }
    )
    return "\n".join(out) + "\n"


def save_project(project: Project, path: str | os.PathLike[str]) -> Path:
    """Write ``project`` to ``path`` atomically and remember the path."""
    file = Path(path)
    if not file.name.endswith(PROJECT_SUFFIX) and file.suffix != ".toml":
        file = file.with_name(file.name + PROJECT_SUFFIX)
    file = file.resolve()
    write_text(file, dump_project(project, file.parent))
    project.path = file
    return file
