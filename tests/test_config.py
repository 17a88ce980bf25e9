"""Configuration validation: every bad value is named with its key, value and allowed range."""

import copy

import numpy as np
import pytest

from dissipative_entanglement.config import canonical, grid_values, load_yaml, merge_config
from dissipative_entanglement.config_checks import ConfigError, validate_config

from .conftest import REPO

SCHEMA = load_yaml(REPO / "workflow/schemas/config.schema.yaml")
DEFAULT = load_yaml(REPO / "config/config.yaml")


def test_default_config_is_valid():
    validate_config(DEFAULT, SCHEMA)


def _set(config, path, value):
    node = config
    for key in path[:-1]:
        node = node[key]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value


BAD = [
    # (path, value, words the message must contain)
    (
        ("two_level", "fig3", "optical_depth"),
        -1,
        ["two_level.fig3.optical_depth", "-1", "minimum of 0"],
    ),
    (("two_level", "fig3", "Z", "start"), 0.5, ["two_level.fig3.Z", "0.5", ">= 1"]),
    (("two_level", "fig3", "Z", "num"), 0, ["two_level.fig3.Z.num", "0", "minimum of 1"]),
    (("two_level", "fig3", "Z"), [], ["two_level.fig3.Z", "non-empty"]),
    (("two_level", "fig3", "gamma_d_add"), [-1, 2], ["two_level.fig3.gamma_d_add", "-1.0", ">= 0"]),
    (("two_level", "fig4", "pump_x", "stop"), -2.0, ["two_level.fig4.pump_x", "start", "stop"]),
    (("two_level", "fig4", "inset_Z"), [0.0, 2.0], ["two_level.fig4.inset_Z", "0.0", ">= 1"]),
    (("two_level", "optimizer", "n_scan"), 2, ["two_level.optimizer.n_scan", "2", "minimum of 3"]),
    (("two_level", "optimizer", "xtol"), 0, ["two_level.optimizer.xtol", "0"]),
    (("two_level", "claims", "xi_target"), 1.5, ["two_level.claims.xi_target", "1.5"]),
    (("two_level", "fig3", "typo"), 1, ["two_level.fig3", "'typo' was unexpected"]),
    (("cesium", "probe_polarization"), "z", ["cesium.probe_polarization", "'z'", "'x', 'y'"]),
    (("cesium", "temperature_C"), -300, ["cesium.temperature_C", "-300"]),
    (("cesium", "fig7", "x_repump", "start"), 0.0, ["cesium.fig7.x_repump", "log", "start > 0"]),
    (("cesium", "fig8", "t"), [-1.0, 1.0], ["cesium.fig8.t", "-1.0", ">= 0"]),
    (("cesium", "couplings", "probe_polarization"), ["y", "y"], ["non-unique"]),
    (("two_level", "fig3", "Z"), "abc", ["two_level.fig3.Z", "'abc'"]),
    (("two_level", "optical_depth"), KeyError, ["two_level", "'optical_depth'"]),
    # physically meaningless values: NaN/inf anywhere, a probe on a line, unreal (mu, nu)
    (("cesium", "detuning_MHz"), float("nan"), ["cesium.detuning_MHz = nan", "not a finite"]),
    (("cesium", "detuning_MHz"), float("inf"), ["cesium.detuning_MHz = inf", "not a finite"]),
    (("cesium", "detuning_MHz"), -float("inf"), ["cesium.detuning_MHz = -inf"]),
    (("cesium", "optical_depth"), float("nan"), ["cesium.optical_depth = nan"]),
    (("two_level", "fig4", "optical_depth"), float("inf"), ["two_level.fig4.optical_depth = inf"]),
    (("two_level", "fig3", "gamma_d_add"), [0, float("nan")], ["two_level.fig3.gamma_d_add.1"]),
    (("two_level", "fig3", "Z", "stop"), float("nan"), ["two_level.fig3.Z.stop = nan"]),
    (("cesium", "model", "threshold"), float("nan"), ["cesium.model.threshold = nan"]),
    (("cesium", "detuning_MHz"), 0.0, ["cesium.detuning_MHz", "F=4 -> F'=5", "375"]),
    (("cesium", "detuning_MHz"), -251.09, ["cesium.detuning_MHz", "F=4 -> F'=4", "-251.09"]),
    (("cesium", "detuning_MHz"), 8941.5, ["cesium.detuning_MHz", "F=3 -> F'=4"]),
    (("cesium", "detuning_MHz"), -2000.0, ["cesium.detuning_MHz", "no real (mu, nu)", "y probe"]),
    (("cesium", "resonance_margin_MHz"), -1, ["cesium.resonance_margin_MHz", "-1"]),
]


@pytest.mark.parametrize(("path", "value", "words"), BAD, ids=[".".join(b[0]) for b in BAD])
def test_bad_config_is_named(path, value, words):
    config = copy.deepcopy(DEFAULT)
    _set(config, path, value)
    with pytest.raises(ConfigError) as info:
        validate_config(config, SCHEMA)
    message = str(info.value)
    assert "nothing was run" in message
    for word in words:
        assert word in message, message


def test_every_violation_is_listed():
    config = copy.deepcopy(DEFAULT)
    config["two_level"]["fig3"]["optical_depth"] = -1
    config["cesium"]["probe_polarization"] = "q"
    with pytest.raises(ConfigError) as info:
        validate_config(config, SCHEMA)
    assert "optical_depth" in str(info.value) and "probe_polarization" in str(info.value)


def test_partial_user_config_merges_over_defaults():
    user = {"two_level": {"fig3": {"optical_depth": 100, "Z": {"num": 11}}}}
    merged = merge_config(DEFAULT, user)
    assert merged["two_level"]["fig3"]["optical_depth"] == 100
    assert merged["two_level"]["fig3"]["Z"] == {"start": 1.0, "stop": 3.0, "num": 11}
    assert merged["two_level"]["fig4"] == DEFAULT["two_level"]["fig4"]
    validate_config(merged, SCHEMA)


def test_grid_values():
    np.testing.assert_allclose(grid_values({"start": 1, "stop": 3, "num": 3}), [1, 2, 3])
    np.testing.assert_allclose(
        grid_values({"start": 0.01, "stop": 10, "num": 4, "spacing": "log"}), [0.01, 0.1, 1, 10]
    )
    np.testing.assert_allclose(grid_values([0, 2, 5]), [0, 2, 5])
    np.testing.assert_allclose(grid_values(7), [7])


def test_canonical_is_sorted_plain_python():
    value = canonical({"b": [np.float64(1.5)], "a": {"d": np.int64(2), "c": 1}})
    assert list(value) == ["a", "b"] and list(value["a"]) == ["c", "d"]
    assert type(value["b"][0]) is float and type(value["a"]["d"]) is int


def test_x_probe_blue_of_the_manifold_is_refused_with_the_allowed_range():
    """The x probe at +700 MHz has |nu| > |mu| (Sec. IV.1: x goes with red detuning)."""
    config = copy.deepcopy(DEFAULT)
    config["cesium"]["probe_polarization"] = "x"
    with pytest.raises(ConfigError) as info:
        validate_config(config, SCHEMA)
    message = str(info.value)
    assert "cesium.detuning_MHz" in message and "700" in message
    assert "no real (mu, nu) for the x probe" in message
    assert "Allowed for probe_polarization = 'x'" in message and "(-inf, " in message


def test_red_x_probe_counted_from_f2_is_accepted():
    """The paper's red variant (x, -700 MHz counted from F'=2) is a valid operating point."""
    user = {"cesium": {"probe_polarization": "x", "detuning_MHz": -700}}
    user["cesium"]["model"] = {"detuning_reference": "F2"}
    validate_config(merge_config(DEFAULT, user), SCHEMA)


def test_margin_is_the_users_choice():
    """Narrowing the margin admits a detuning the default refuses (cold atoms, say)."""
    user = {"cesium": {"detuning_MHz": 300}}
    with pytest.raises(ConfigError, match="within 375 MHz of the D2 line F=4 -> F'=5"):
        validate_config(merge_config(DEFAULT, user), SCHEMA)
    user["cesium"]["resonance_margin_MHz"] = 100
    validate_config(merge_config(DEFAULT, user), SCHEMA)


def test_nan_in_a_study_grid_is_named():
    study = {
        "model": "two_level",
        "quantity": "xi_inf",
        "sweep": {"Z": {"start": 1.0, "stop": float("nan"), "num": 3}},
    }
    with pytest.raises(ConfigError, match=r"studies\.s\.sweep\.Z\.stop = nan: not a finite"):
        validate_config({**DEFAULT, "studies": {"s": study}}, SCHEMA)


def test_cesium_study_grid_across_a_line_is_refused():
    study = {
        "model": "cesium",
        "quantity": "xi_exp_inf",
        "sweep": {"detuning_MHz": {"start": -1000, "stop": 1000, "num": 21}},
        "fixed": {"x_repump": 1.0},
    }
    with pytest.raises(ConfigError) as info:
        validate_config({**DEFAULT, "studies": {"s": study}}, SCHEMA)
    message = str(info.value)
    assert "studies.s.sweep.detuning_MHz" in message
    # y probe: every point up to +375 MHz is within 375 MHz of an F=4 line (at 0, -251,
    # -452 MHz) or red of them, where it has no real (mu, nu); 400, ..., 1000 (7) remain
    assert "14 of 21 detuning(s)" in message


def test_printed_hh_entry_is_refused_for_the_default_build():
    """Under the printed Eq. (26) Fig. 7 has no steady state: stop before any job."""
    user = {"cesium": {"model": {"hh_entry": "printed"}}}
    with pytest.raises(ConfigError, match=r"cesium\.model\.hh_entry = 'printed'.*'conserving'"):
        validate_config(merge_config(DEFAULT, user), SCHEMA)
