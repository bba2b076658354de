"""Text from the data that the bundled font cannot draw, told once per run.

The bundled font is a Simplified Chinese subset (see ``tools/make_font.py``),
so a name written in traditional characters (區, 臺) or an emoji would print
as an empty box. matplotlib says so with one raw ``UserWarning`` per glyph
and per drawing; riskmap instead checks the text a document brings from the
data and the settings before any page is drawn and gives one warning that
names the characters and where they occur, and silences matplotlib's
per-glyph warnings for the bundled font.
"""

from __future__ import annotations

from collections.abc import Iterable

from riskmap.render.fonts import FAMILY, missing_characters
from riskmap.render.model import AreaStats, MapDocument

#: Examples shown per place in the warning (the rest are counted).
EXAMPLES = 3


def document_texts(doc: MapDocument) -> dict[str, list[str]]:
    """Text a document's pages draw that comes from data or settings, by place.

    Fixed page text (level names, headings) is left out: the font is built
    to hold it.
    """
    areas: list[AreaStats] = [doc.city, *(d.stats for d in doc.districts)]
    footer = doc.footer
    return {
        "title": [doc.title, doc.date],
        "district names": [d.name for d in doc.districts],
        "layer names": [
            text
            for layer in doc.layers
            for text in (layer.title, layer.style.base.label)
        ],
        "legend categories": [
            symbol.label
            for layer in doc.layers
            for symbol in layer.style.categories.values()
        ],
        "hotspot labels": [
            text
            for area in areas
            for text in (area.dominant, *(h.dominant for h in area.hotspots))
        ],
        "footer": [
            *footer.sources,
            footer.organisation,
            footer.review_number,
            footer.weights,
            *footer.notes,
        ],
    }


def _unique(texts: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(t for t in texts if t))


def missing_glyphs_warning(texts: dict[str, list[str]]) -> str | None:
    """One warning naming the characters the font lacks and where, or None."""
    places = []
    every: dict[str, None] = {}
    for place, values in texts.items():
        hits = [(v, missing_characters(v)) for v in _unique(values)]
        hits = [(v, m) for v, m in hits if m]
        if not hits:
            continue
        chars = "".join(dict.fromkeys("".join(m for _, m in hits)))
        every.update(dict.fromkeys(chars))
        shown = "、".join(v for v, _ in hits[:EXAMPLES])
        more = f" and {len(hits) - EXAMPLES} more" if len(hits) > EXAMPLES else ""
        places.append(f"{place}: {chars} in {shown}{more}")
    if not places:
        return None
    return (
        f"the map font ({FAMILY}) has no glyph for {''.join(every)}, so "
        f"{'it prints' if len(every) == 1 else 'they print'} as empty boxes "
        f"({'; '.join(places)}); the bundled font is a Simplified Chinese subset "
        "(GB 2312 and the 8,105 characters of the 通用规范汉字表): write these "
        "names in simplified characters in the data or the project settings"
    )


def document_warnings(doc: MapDocument) -> list[str]:
    """Warnings about the text of ``doc`` (at most one line)."""
    warning = missing_glyphs_warning(document_texts(doc))
    return [warning] if warning else []
