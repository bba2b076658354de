"""Build the bundled Simplified Chinese font in ``resources/fonts/``.

The printed maps need a CJK font that embeds cleanly in PDF on any machine:
TrueType (``glyf``) outlines, Simplified Chinese glyph forms, small enough to
commit. Debian's ``fonts-noto-cjk`` ships Noto Sans CJK as CFF-outline ``.ttc``
collections whose first face is Japanese, and matplotlib embeds CFF fonts
poorly with ``pdf.fonttype = 42``. This script therefore:

1. picks the face named "Noto Sans CJK SC" (never the first face) from the
   Regular and Bold collections;
2. subsets it to the characters a Chinese risk map can need (below);
3. converts the cubic CFF outlines to quadratic ``glyf`` outlines with
   fontTools' cu2qu (the fontTools otf2ttf recipe);
4. renames the family to "Riskmap Sans SC" so that a system copy of Noto can
   never be picked instead of the bundled file (the OFL also asks modified
   versions to carry their own name), and writes ``OFL.txt`` beside it.

Character set: ASCII, Latin-1, general punctuation, letter-like symbols,
number forms, arrows, mathematical operators, enclosed numbers, box drawing,
geometric shapes, CJK symbols and punctuation, full-width forms, every
character of GB 2312 (6,763 hanzi plus its symbols, Greek, Cyrillic and kana)
and the 8,105 characters of the 通用规范汉字表 (Unihan ``kTGH``), which covers
the rarer characters of place names that GB 2312 lacks.

Usage (Debian, as root)::

    apt-get install -y fonts-noto-cjk unicode-data
    python tools/make_font.py            # writes resources/fonts/

The output is deterministic for a given input font and fontTools version.
"""

from __future__ import annotations

import argparse
import bz2
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

NOTO_DIR = Path("/usr/share/fonts/opentype/noto")
UNIHAN = Path("/usr/share/unicode/Unihan_OtherMappings.txt.bz2")
DEBIAN_COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")
OUT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"

SOURCE_FACE = "Noto Sans CJK SC"
FAMILY = "Riskmap Sans SC"
WEIGHTS = {"Regular": "NotoSansCJK-Regular.ttc", "Bold": "NotoSansCJK-Bold.ttc"}
# Maximum distance between the cubic and the quadratic outline, in font units
# (1000 per em): a tenth of a point at 100 pt type, invisible in print.
MAX_ERR = 1.0

BLOCKS = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 (° ± × · ²)
    (0x2000, 0x206F),  # general punctuation (– — ‰ …)
    (0x2100, 0x214F),  # letter-like symbols (℃ № ™)
    (0x2150, 0x218F),  # number forms (Ⅰ Ⅱ Ⅲ)
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators (≥ ≤ ≈)
    (0x2460, 0x24FF),  # enclosed alphanumerics (① ②)
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # geometric shapes (■ ▲ ●)
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0xFF00, 0xFFEF),  # half-width and full-width forms
]

OFL_HEADER = (
    "Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font "
    "Name 'Source'.\n\n"
    "RiskmapSansSC-Regular.ttf and RiskmapSansSC-Bold.ttf are Modified Versions "
    "of Noto Sans CJK SC 2.004\n(subset and converted to TrueType outlines by "
    "tools/make_font.py), released under the same licence.\n\n"
)


def gb2312_chars() -> set[int]:
    """Every character GB 2312 encodes (two-byte rows 0xA1-0xF7)."""
    chars: set[int] = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes((hi, lo)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return chars


def tgh_chars(unihan: Path) -> set[int]:
    """The 通用规范汉字表 (2013) from Unihan's kTGH field."""
    chars: set[int] = set()
    with bz2.open(unihan, "rt", encoding="utf-8") as fh:
        for line in fh:
            if "\tkTGH\t" in line:
                chars.add(int(line.split("\t", 1)[0][2:], 16))
    return chars


def wanted_codepoints(unihan: Path) -> set[int]:
    chars = {cp for lo, hi in BLOCKS for cp in range(lo, hi + 1)}
    chars |= gb2312_chars()
    chars |= tgh_chars(unihan)
    return chars


def load_face(path: Path, family: str) -> TTFont:
    """The face of a collection whose family name is ``family``."""
    for font in TTCollection(str(path)).fonts:
        if font["name"].getDebugName(1) == family:
            return font
    raise SystemExit(f"{path}: no face named {family!r}")


def subset_font(font: TTFont, codepoints: set[int]) -> None:
    options = subset.Options()
    options.layout_features = []  # matplotlib does no OpenType shaping
    options.hinting = False  # CFF hints do not survive conversion anyway
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.drop_tables += ["VORG", "vhea", "vmtx", "BASE", "GSUB", "GPOS", "DSIG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)


def cff_to_glyf(font: TTFont) -> None:
    """Replace CFF outlines by quadratic TrueType ones (fontTools otf2ttf)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        tt_pen = TTGlyphPen(glyph_set)
        # CFF contours run counter-clockwise, TrueType ones clockwise.
        glyph_set[name].draw(Cu2QuPen(tt_pen, MAX_ERR, reverse_direction=True))
        glyphs[name] = tt_pen.glyph()

    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    glyf.compile(font)

    hmtx = font["hmtx"]
    for name, glyph in glyphs.items():
        advance = hmtx.metrics[name][0]
        hmtx.metrics[name] = (advance, getattr(glyph, "xMin", 0))

    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for attr in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
        "maxComponentDepth",
    ):
        setattr(maxp, attr, 0)
    maxp.compile(font)

    # Windows-platform subtables only: the Unicode-platform copies double the
    # cmap that every PDF export decompiles when it subsets the font.
    cmap = font["cmap"]
    cmap.tables = [t for t in cmap.tables if t.platformID == 3]

    # Stored glyph names (format 2) cost 90 kB but spare every PDF export
    # from deriving 9,500 names from the cmap while subsetting (a third of
    # the subsetting time).
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\0\1\0\0"


def rename(font: TTFont, weight: str) -> None:
    name = font["name"]
    ps_name = f"{FAMILY.replace(' ', '')}-{weight}"
    version = name.getDebugName(5) or ""
    for record in list(name.names):
        if record.nameID in (1, 2, 3, 4, 6, 16, 17):
            name.removeNames(nameID=record.nameID)
    values = {
        1: FAMILY,
        2: weight,
        3: f"{ps_name};{version.split(';')[0]}",
        4: f"{FAMILY} {weight}" if weight != "Regular" else FAMILY,
        6: ps_name,
    }
    description = (
        "Subset of Noto Sans CJK SC converted to TrueType outlines for riskmap "
        "(tools/make_font.py)."
    )
    for name_id, value in [*values.items(), (10, description)]:
        name.setName(value, name_id, 3, 1, 0x409)
        name.setName(value, name_id, 1, 0, 0)
    if weight == "Bold":
        font["OS/2"].usWeightClass = 700


def ofl_text(copyright_file: Path) -> str:
    text = copyright_file.read_text(encoding="utf-8")
    start = text.index("License: SIL-1.1\n -----")
    body = text[start:].split("\n\n", 1)[0].splitlines()[1:]
    lines = [ln[1:] if ln.startswith(" ") else ln for ln in body]
    return OFL_HEADER + "\n".join("" if ln == "." else ln for ln in lines) + "\n"


def build(out_dir: Path, noto_dir: Path, unihan: Path) -> list[Path]:
    codepoints = wanted_codepoints(unihan)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for weight, collection in WEIGHTS.items():
        font = load_face(noto_dir / collection, SOURCE_FACE)
        subset_font(font, codepoints)
        cff_to_glyf(font)
        rename(font, weight)
        path = out_dir / f"{FAMILY.replace(' ', '')}-{weight}.ttf"
        font.save(str(path), reorderTables=True)
        cmap = font.getBestCmap()
        print(
            f"{path.name}: {len(cmap)} characters, {len(font.getGlyphOrder())} "
            f"glyphs, {path.stat().st_size / 1e6:.2f} MB",
            file=sys.stderr,
        )
        written.append(path)
    licence = out_dir / "OFL.txt"
    licence.write_text(ofl_text(DEBIAN_COPYRIGHT), encoding="utf-8")
    written.append(licence)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--noto-dir", type=Path, default=NOTO_DIR)
    parser.add_argument("--unihan", type=Path, default=UNIHAN)
    args = parser.parse_args(argv)
    build(args.out, args.noto_dir, args.unihan)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
