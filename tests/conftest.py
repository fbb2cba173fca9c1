import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PARAMS = ROOT / "params"


@pytest.fixture
def params_dir():
    return PARAMS


@pytest.fixture
def params_copy(tmp_path):
    """A writable copy of params/ for tests that break a file on purpose."""
    dst = tmp_path / "params"
    shutil.copytree(PARAMS, dst)
    return dst

@pytest.fixture(scope="session")
def batch(tmp_path_factory):
    """One batch run of every year with data (about 3 minutes on 2 cores): (output root, {year: process})."""
    out = tmp_path_factory.mktemp("outputs")
    runs = {}
    for year in (2564, 2566, 2569):
        runs[year] = subprocess.run([sys.executable, "-m", "dswlib.cli", "run", str(year), "--out", str(out),
                                     "--no-progress"], cwd=ROOT, capture_output=True, text=True)
    return out, runs


# small notebooks the batch-runner tests execute on purpose (one of them fails): not for nbval
collect_ignore_glob = ["data/*"]
