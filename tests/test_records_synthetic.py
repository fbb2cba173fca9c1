"""Synthetic generators: reproducible, labelled, valid IDs; outputs built from them carry no PII."""

import json
from pathlib import Path

import pandas as pd
import pytest

from dswlib import pii
from dswlib.records import irp, returns
from dswlib.records.synthetic import (
    SYNTHETIC_LABEL, generate_households, generate_irp, generate_stays, write_synthetic_dataset,
)

ROOT = Path(__file__).resolve().parents[1]


def test_same_seed_same_data_other_seed_other_data():
    a, b, c = generate_irp(600, seed=1), generate_irp(600, seed=1), generate_irp(600, seed=2)
    pd.testing.assert_frame_equal(a.assessments, b.assessments)
    pd.testing.assert_frame_equal(a.exits, b.exits)
    assert not a.assessments.equals(c.assessments)
    h1, h2 = generate_households(2_000, seed=4), generate_households(2_000, seed=4)
    pd.testing.assert_frame_equal(h1.developments, h2.developments)
    pd.testing.assert_frame_equal(h1.households, h2.households)


def test_everything_is_labelled_synthetic():
    frames = [generate_irp(300, seed=1).assessments, generate_stays(300, seed=1).stays,
              generate_households(1_000, seed=1).households]
    for df in frames:
        assert df["synthetic"].all() and df.attrs["synthetic"] is True and df.attrs["label"] == SYNTHETIC_LABEL


def test_ids_are_valid_and_distinct_and_names_synthetic():
    a = generate_irp(1_000, seed=8).assessments
    people = a.drop_duplicates("national_id")
    assert people["national_id"].map(pii.is_valid_national_id).all()
    assert set(people["given_name"]) <= set(pii.SYNTHETIC_GIVEN_NAMES)
    assert set(people["surname"]) <= set(pii.SYNTHETIC_SURNAMES)
    # one person, one name
    assert a.groupby("national_id")[["given_name", "surname"]].nunique().max().max() == 1


def test_household_events_follow_the_requested_counts():
    data = generate_households(10_000, developed_by_fiscal_year={2565: 1_000, 2566: 2_000},
                               followup_share=0.25, repeat_event_share=0.0, seed=5)
    dev = data.developments
    fy = dev["developed_on"].dt.year + (dev["developed_on"].dt.month >= 10)
    assert dev[fy == 2022]["household_id"].nunique() == 1_000  # FY2565 = Oct 2021 - Sep 2022
    assert dev[fy == 2023]["household_id"].nunique() == 2_000
    assert data.expected_developed(2566) == 1_000 + 1_500  # 25 % of FY2566 are FY2565 households


def test_written_dataset_is_labelled(tmp_path):
    files = write_synthetic_dataset(tmp_path, n_households=3_000, n_residents=200, n_service_users=150, seed=1,
                                    fmt="csv")
    manifest = json.loads(Path(files["manifest"]).read_text(encoding="utf-8"))
    assert manifest["synthetic"] is True and manifest["label"] == SYNTHETIC_LABEL
    for key, path in files.items():
        if key != "manifest":
            assert Path(path).name.startswith("synthetic_") and Path(path).is_file()
    # raw synthetic records hold IDs and names: the scanner must see them
    kinds = {f.kind for f in pii.scan_for_pii(files["irp_assessments"]).findings}
    assert kinds == {"national_id", "name"}


def test_reports_built_from_records_carry_no_pii(tmp_path):
    gen = generate_irp(800, seed=3)
    stays = generate_stays(500, seed=3)
    key = b"synthetic-records-key-of-32bytes"
    a = irp.load_assessments(gen.assessments, key=key)
    e = irp.load_exits(gen.exits, key=key)
    tables = [irp.compute_kpi3_1(a).to_frame(), irp.compute_kpi3_2(a, e).to_frame(),
              returns.compute_kpi4(returns.load_stays(stays.stays, key=key)).to_frame()]
    for i, t in enumerate(tables):
        (tmp_path / f"t{i}.html").write_text(t.to_html(), encoding="utf-8")
        (tmp_path / f"t{i}.csv").write_text(t.to_csv(index=False), encoding="utf-8")
    (tmp_path / "people.csv").write_text(a.to_csv(index=False), encoding="utf-8")  # pseudonymised log
    assert pii.scan_for_pii(tmp_path).clean
    # the same directory with one raw record added is caught
    (tmp_path / "leak.csv").write_text(gen.assessments.head(1).to_csv(index=False), encoding="utf-8")
    assert {f.kind for f in pii.scan_for_pii(tmp_path).findings} == {"national_id", "name"}


def test_batch_outputs_carry_no_pii():
    """Scans every output of the report batch (``outputs/``) once the lead's runner has made it."""
    outputs = ROOT / "outputs"
    if not outputs.is_dir() or not any(outputs.rglob("*.*")):
        pytest.skip("no batch outputs yet (run `dsw run <year>` first)")
    report = pii.scan_for_pii(outputs)
    assert report.findings == [], "\n".join(map(str, report.findings[:20]))
    # screenshots kept by the browser test are pictures: listed as not scanned, nothing else may be
    assert [n for n in report.not_scanned if not n.path.endswith(".png")] == []
