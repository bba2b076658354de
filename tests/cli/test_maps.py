"""``riskmap map`` and ``riskmap atlas``: the commands' own parsers and
run functions, with loading and scoring faked.

The loader and the engine are exercised by their own tests; here they hand
back the synthetic print case so that these tests check the commands.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import types
from pathlib import Path

import pytest
from pypdf import PdfReader

from riskmap.cli import build_parser
from riskmap.cli.commands import dispatch
from riskmap.errors import RiskmapError
from tests.print_fixtures import CENTRE, FIXED_EPOCH, TALL, make_print_case

CALLS: list[str] = []  # what the faked pipeline was asked, in order


def run(argv: list[str]) -> int:
    """Parse ``argv`` with the command's own subparser and run it."""
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    args = sub.choices[argv[0]].parse_args(argv[1:])
    args.command = argv[0]
    return dispatch(args)


def _module(name: str, monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    try:
        return importlib.import_module(name)
    except ImportError:
        module = types.ModuleType(name)
        monkeypatch.setitem(sys.modules, name, module)
        return module


@pytest.fixture
def project_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    project, data, result = make_print_case(tmp_path)
    path = tmp_path / "test.riskmap.toml"
    path.write_text("schema_version = 1\n", encoding="utf-8")
    CALLS.clear()
    loading = _module("riskmap.pipeline.loading", monkeypatch)
    scoring = _module("riskmap.pipeline.scoring", monkeypatch)

    def open_project(p):
        assert Path(p) == path
        CALLS.append("open")
        return project

    def load_project_data(proj, feedback=None, **options):
        assert proj is project
        CALLS.append("load")
        return data

    def score_project(proj, d, feedback=None):
        assert proj is project and d is data
        CALLS.append("score")
        return result

    monkeypatch.setattr(loading, "open_project", open_project, raising=False)
    monkeypatch.setattr(loading, "load_project_data", load_project_data, raising=False)
    monkeypatch.setattr(scoring, "score_project", score_project, raising=False)
    monkeypatch.chdir(tmp_path)
    return path


def test_map_default_name_and_stdout(project_file: Path, capsys) -> None:
    assert run(["map", str(project_file), "--district", CENTRE, "--dpi", "72"]) == 0
    out = capsys.readouterr().out.strip()
    assert out == f"{CENTRE}_风险图.pdf"
    assert CALLS == ["open", "load", "score"]
    reader = PdfReader(project_file.parent / out)
    assert f"{CENTRE} 安全风险四色图" in reader.pages[0].extract_text()


def test_map_png_with_paper_options(project_file: Path, capsys) -> None:
    out = project_file.parent / "tall.png"
    code = run(
        [
            "map",
            str(project_file),
            "--district",
            TALL,
            "--out",
            str(out),
            "--paper",
            "A3",
            "--orientation",
            "portrait",
            "--dpi",
            "50",
        ]
    )
    assert code == 0
    from matplotlib.image import imread

    assert imread(out).shape[:2] == (round(420 / 25.4 * 50), round(297 / 25.4 * 50))


def test_unknown_district_is_a_user_error_listing_the_districts(
    project_file: Path,
) -> None:
    with pytest.raises(RiskmapError) as info:
        run(["map", str(project_file), "--district", "不存在区"])
    assert "不存在区" in str(info.value) and CENTRE in str(info.value)
    assert not list(project_file.parent.glob("*.pdf"))


def test_atlas_with_split(project_file: Path, capsys) -> None:
    (project_file.parent / "maps").mkdir()
    args = ["atlas", str(project_file), "--out", "maps/atlas.pdf"]
    assert run([*args, "--split", "maps/districts", "--dpi", "72"]) == 0
    out = capsys.readouterr().out
    assert "atlas.pdf: 6 pages" in out
    assert len(PdfReader(project_file.parent / "maps" / "atlas.pdf").pages) == 6
    assert (project_file.parent / "maps" / "districts" / f"{CENTRE}.pdf").exists()


def test_atlas_page_failure_exits_1_and_reports(
    project_file: Path, capsys, monkeypatch
) -> None:
    from riskmap.render.page import PageMaker

    real = PageMaker.district

    def flaky(self, name):
        if name == TALL:
            raise RuntimeError("district geometry broken")
        return real(self, name)

    monkeypatch.setattr(PageMaker, "district", flaky)
    from riskmap.cli import main

    assert main(["atlas", str(project_file), "--dpi", "72"]) == 1
    err = capsys.readouterr().err
    assert f"FAILED page '{TALL}'" in err and "district geometry broken" in err
    assert len(PdfReader(project_file.parent / "atlas.pdf").pages) == 5
    # The traceback the line leaves out is in the log file it names.
    assert "details are in the log file" in err
    log = Path(err.split("details are in the log file ")[1].split()[0])
    assert "RuntimeError: district geometry broken" in log.read_text(encoding="utf-8")


def test_atlas_page_failing_on_the_data_exits_2(
    project_file: Path, capsys, monkeypatch
) -> None:
    from riskmap.errors import RiskmapError
    from riskmap.render.page import PageMaker

    real = PageMaker.district

    def refuse(self, name):
        if name == TALL:
            raise RiskmapError(f"district '{name}': outline has no area", "fix it")
        return real(self, name)

    monkeypatch.setattr(PageMaker, "district", refuse)
    assert run(["atlas", str(project_file), "--dpi", "72"]) == 2
    err = capsys.readouterr().err
    assert f"FAILED page '{TALL}': district '{TALL}': outline has no area" in err
    assert "Traceback" not in err and "log file" not in err
    assert len(PdfReader(project_file.parent / "atlas.pdf").pages) == 5


@pytest.mark.parametrize(
    ("typed", "guess"), [(CENTRE[:-1], CENTRE), (CENTRE[:-1] + "去", CENTRE)]
)
def test_a_mistyped_district_gets_a_suggestion(
    project_file: Path, capsys, typed, guess
):
    from riskmap.cli import main

    assert main(["map", str(project_file), "--district", typed]) == 2
    err = capsys.readouterr().err
    assert f"no district named '{typed}'" in err
    assert f"did you mean '{guess}'?" in err
