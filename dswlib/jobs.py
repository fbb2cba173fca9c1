"""What a batch run executes: one :class:`ReportJob` per notebook execution."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ReportJob:
    """One parameterised notebook run.

    ``name``      unique id in the batch, e.g. ``"annual_report"`` or ``"standards/10"``
    ``notebook``  file name under ``notebooks/`` (``"annual_report.ipynb"``)
    ``parameters`` papermill parameters (plain JSON types only)
    ``output``    path under ``outputs/<year>/`` without extension; the runner
                  writes ``<output>.ipynb`` and ``<output>.html``
    ``title``     Thai title shown in ``index.html``
    ``group``     heading it is listed under in ``index.html``
    ``label``     short Thai name in its group's list (e.g. the province's office); the title when empty
    ``inputs``    the params files the notebook reads with these parameters: paths or
                  globs relative to the params dir (``"2564/kpis.yaml"``,
                  ``"standards/assessments/2564/*"``). The batch hashes them to decide
                  whether a report is up to date; the registry fills them in
                  (:func:`dswlib.registry.declare_inputs`).
    """

    name: str
    notebook: str
    parameters: dict = field(default_factory=dict)
    output: str = ""
    title: str = ""
    group: str = ""
    inputs: tuple = ()
    label: str = ""

    def __post_init__(self):
        if not self.output:
            object.__setattr__(self, "output", self.name)
