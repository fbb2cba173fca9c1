"""Excel intake of a round's results (``dsw intake``).

* :mod:`.layout`     the workbook's shape, shared by writer and reader (labels, sheets, units tables)
* :mod:`.template`   writes the workbook (blank or ``--filled``), protected, with data validation
* :mod:`.cells`      reads one cell as a number / text / ใช่-ไม่ใช่, errors naming ``sheet!cell``
* :mod:`.reader`     validates a whole workbook, collecting every problem
* :mod:`.apply`      plans the params changes (old → new) and writes all files or none
* :mod:`.provenance` ``params/<year>/provenance.yaml``: workbook, cell and time of each figure
* :mod:`.demo`       a SYNTHETIC filled workbook to try the cycle

Typical use (what ``dsw intake import`` does)::

    read = read_workbook(path, load_catalog(params, year), params)
    plan = plan_import(params, read)
    commit(plan, replace=False)
"""

from .apply import commit, plan_import
from .reader import read_workbook
from .template import write_template

__all__ = ["commit", "plan_import", "read_workbook", "write_template"]
