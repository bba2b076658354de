"""ERG consequence distances by GB 6944 / UN class (DOMAIN.md 5.2).

Each class or division maps to (r_iso, r_out): the initial isolation
distance (weight 1 up to it) and the large-spill protective distance where
the weight has fallen linearly to 0. Where the guide gives a liquid / solid
pair (50 / 25 m) the larger is used. The values are transcriptions of the
ERG2016/2020 guides; the rows DOMAIN.md tags [V] still need checking against
the ERG2024 print.

Toxic-by-inhalation gases (division 2.3) need ERG Table 1/3 by UN number,
which riskmap does not ship: they take the conservative placeholder
r_iso = 1000 m, r_out = 5000 m and the layer is flagged (DOMAIN.md 5.2).
A class given without its division takes the largest distances among its
divisions that have real guide values.
"""

from __future__ import annotations

ERG_DISTANCES: dict[str, tuple[float, float]] = {
    "1.1": (500.0, 800.0),
    "1.2": (500.0, 800.0),
    "1.3": (500.0, 800.0),
    "1.5": (500.0, 800.0),
    "1.4": (100.0, 250.0),
    "1.6": (100.0, 250.0),
    "2.1": (100.0, 800.0),
    "2.2": (100.0, 500.0),
    "3": (50.0, 300.0),
    "4.1": (50.0, 100.0),
    "4.2": (50.0, 100.0),
    "4.3": (50.0, 100.0),
    "5.1": (50.0, 100.0),
    "5.2": (50.0, 250.0),
    "6.1": (50.0, 100.0),
    "6.2": (50.0, 100.0),
    "7": (25.0, 100.0),
    "8": (50.0, 300.0),
    "9": (50.0, 100.0),
}
#: Classes given without a division: the largest real distances among them.
CLASS_ONLY: dict[str, tuple[float, float]] = {
    "1": (500.0, 800.0),
    "2": (100.0, 800.0),
    "4": (50.0, 100.0),
    "5": (50.0, 250.0),
    "6": (50.0, 100.0),
}
TIH_DIVISIONS = ("2.3",)
#: The class assumed for a route whose class cannot be read (the most common
#: class on Chinese roads, flammable liquids); such routes are counted.
FALLBACK_CLASS = "3"


def distances(un_class: str, tih: tuple[float, float]) -> tuple[float, float] | None:
    """(r_iso, r_out) for a class or division, or None when unknown.

    ``tih`` is the placeholder pair used for division 2.3.
    """
    if un_class in TIH_DIVISIONS:
        return tih
    if un_class in ERG_DISTANCES:
        return ERG_DISTANCES[un_class]
    if un_class in CLASS_ONLY:
        return CLASS_ONLY[un_class]
    main = un_class.split(".")[0]
    if main in ERG_DISTANCES:  # e.g. "3.1" for a class without divisions
        return ERG_DISTANCES[main]
    return None
