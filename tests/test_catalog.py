import pytest
import yaml

from dswlib.catalog import load_catalog
from dswlib.errors import ParamsError


def _edit(params, year, fn):
    path = params / str(year) / "kpis.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    fn(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _kpi(data, kpi_id):
    return next(k for k in data["kpis"] if k["id"] == kpi_id)


def test_fy2564_structure(params_dir):
    cat = load_catalog(params_dir, 2564)
    assert [c.weight for c in cat.components] == [70, 30]
    assert [k.id for k in cat.children("3")] == ["3.1", "3.2"]
    assert sum(k.weight for k in cat.children("3")) == cat.kpi("3").weight == 20
    assert cat.kpi("3.1").result.numerator == 198 and cat.kpi("3.1").result.denominator == 1424
    assert cat.kpi("4").history[1].numerator == 1636  # "1,636" parsed


def test_malformed_yaml_names_file_and_line(params_copy):
    path = params_copy / "2564" / "kpis.yaml"
    path.write_text("fiscal_year: 2564\nkpis: [\n  - id: 1\n", encoding="utf-8")
    with pytest.raises(ParamsError) as info:
        load_catalog(params_copy, 2564)
    assert "kpis.yaml" in str(info.value) and "line" in str(info.value)


def test_weights_that_do_not_add_up(params_copy):
    _edit(params_copy, 2564, lambda d: _kpi(d, "3.2").update(weight=15))
    with pytest.raises(ParamsError) as info:
        load_catalog(params_copy, 2564)
    msg = str(info.value)
    assert "kpis.yaml" in msg and "sub-KPI weights add up to 25" in msg


def test_component_weights_must_total_100(params_copy):
    _edit(params_copy, 2564, lambda d: d["components"][1].update(weight=20))
    with pytest.raises(ParamsError, match="component weights add up to 90"):
        load_catalog(params_copy, 2564)


def test_non_monotonic_targets(params_copy):
    _edit(params_copy, 2564, lambda d: _kpi(d, "4").update(targets=[73.77, 75.31, 74.54]))
    with pytest.raises(ParamsError) as info:
        load_catalog(params_copy, 2564)
    assert "kpis" in str(info.value) and "not monotonic" in str(info.value)


def test_numerator_above_denominator(params_copy):
    _edit(params_copy, 2564, lambda d: _kpi(d, "3.2")["result"].update(numerator=400))
    with pytest.raises(ParamsError, match="numerator 400 is above result.denominator 329"):
        load_catalog(params_copy, 2564)


def test_missing_field_named(params_copy):
    _edit(params_copy, 2564, lambda d: _kpi(d, "1").pop("name_th"))
    with pytest.raises(ParamsError) as info:
        load_catalog(params_copy, 2564)
    assert "kpis[0].name_th" in str(info.value)


def test_thai_digits_and_separators_in_yaml(params_copy):
    _edit(params_copy, 2564, lambda d: _kpi(d, "3.1")["result"].update(numerator="๑๙๘", denominator="1,424", value="ร้อยละ ๑๓.๙๐"))
    cat = load_catalog(params_copy, 2564)
    r = cat.kpi("3.1").result
    assert (r.numerator, r.denominator, r.value) == (198, 1424, 13.9)


def test_bad_number_named(params_copy):
    _edit(params_copy, 2564, lambda d: _kpi(d, "3.1")["result"].update(value="สิบสาม"))
    with pytest.raises(ParamsError) as info:
        load_catalog(params_copy, 2564)
    assert "result.value" in str(info.value)


def test_year_mismatch(params_copy):
    _edit(params_copy, 2564, lambda d: d.update(fiscal_year=2565))
    with pytest.raises(ParamsError, match="fiscal_year"):
        load_catalog(params_copy, 2564)


def test_target_above_100_for_a_percentage_kpi_is_refused(params_copy):
    """Issue 11: `dsw score` and `dsw check` accepted ขั้นสูง 101 for a ร้อยละ KPI."""
    import pytest
    from click.testing import CliRunner

    from dswlib.catalog import load_catalog
    from dswlib.cli import main
    from dswlib.errors import ParamsError

    path = params_copy / "2566" / "kpis.yaml"
    text = path.read_text(encoding="utf-8")
    assert "targets: [10, 20, 30]" in text
    path.write_text(text.replace("targets: [10, 20, 30]", "targets: [10, 20, 101]"), encoding="utf-8")
    with pytest.raises(ParamsError, match=r"kpis.yaml: kpis\[0\].targets: .*percentage KPI.*between 0 and 100; 101 is not"):
        load_catalog(params_copy, 2566)
    for cmd in (["score", "2566"], ["check", "2566"]):
        res = CliRunner().invoke(main, [*cmd, "--params", str(params_copy)])
        assert res.exit_code == 2 and "between 0 and 100" in res.output and "Traceback" not in res.output, cmd
