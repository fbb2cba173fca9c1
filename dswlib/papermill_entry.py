"""What papermill's ``papermill.engine`` entry point loads: a stand-in for the ``dsw-warm`` engine.

papermill loads every entry point while ``import papermill`` runs, and
:mod:`dswlib.engine` itself imports papermill. Pointing the entry point at
:mod:`dswlib.engine` would re-enter that module half-initialised whenever it is
imported before papermill (a worker's first import), and the import fails. This
module imports nothing from dswlib or papermill; its :class:`WarmEngine` hands
each call to :class:`dswlib.engine.WarmEngine` when papermill makes it.
"""

from __future__ import annotations


def _engine():
    from .engine import WarmEngine

    return WarmEngine


class WarmEngine:
    """The three calls papermill's engine registry makes, forwarded to the real engine."""

    @classmethod
    def execute_notebook(cls, nb, kernel_name, **kwargs):
        return _engine().execute_notebook(nb, kernel_name, **kwargs)

    @classmethod
    def nb_kernel_name(cls, nb, name=None):
        return _engine().nb_kernel_name(nb, name)

    @classmethod
    def nb_language(cls, nb, language=None):
        return _engine().nb_language(nb, language)
