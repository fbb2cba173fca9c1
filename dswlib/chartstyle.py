"""The one place where matplotlib is set up for report charts.

- Sarabun (from the ``fontpkg-sarabun`` package) for Thai glyphs;
- ``text.parse_math`` off and ``text.usetex`` off: names from params are shown
  literally. A ``$`` in a facility or project name would otherwise start
  mathtext (``A $x$ B`` drawn as math, ``$\\foo{$`` raising at draw time).

Every chart module gets pyplot through :func:`pyplot`, and
``dswlib.notebook.setup()`` calls :func:`apply`.
"""

from __future__ import annotations


def apply() -> None:
    import matplotlib

    from .thaifont import use_in_matplotlib

    use_in_matplotlib()
    matplotlib.rcParams["text.parse_math"] = False
    matplotlib.rcParams["text.usetex"] = False


def pyplot():
    """``matplotlib.pyplot`` after :func:`apply`."""
    import matplotlib.pyplot as plt

    apply()
    return plt
