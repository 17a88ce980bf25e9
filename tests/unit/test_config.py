"""Configuration validation: every bad value is named with its key, value and allowed range."""

import copy

import numpy as np
import pytest

from dissipative_entanglement.config import canonical, grid_values, load_yaml, merge_config
from dissipative_entanglement.config_checks import ConfigError, validate_config

from ..helpers import REPO

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
    (
        ("multilevel", "probe_polarization"),
        "z",
        ["multilevel.probe_polarization", "'z'", "'x', 'y'"],
    ),
    (("multilevel", "temperature_C"), -300, ["multilevel.temperature_C", "-300"]),
    (
        ("multilevel", "fig7", "x_repump", "start"),
        0.0,
        ["multilevel.fig7.x_repump", "log", "start > 0"],
    ),
    (("multilevel", "fig8", "t"), [-1.0, 1.0], ["multilevel.fig8.t", "-1.0", ">= 0"]),
    (("multilevel", "couplings", "probe_polarization"), ["y", "y"], ["non-unique"]),
    (("two_level", "fig3", "Z"), "abc", ["two_level.fig3.Z", "'abc'"]),
    (("two_level", "optical_depth"), KeyError, ["two_level", "'optical_depth'"]),
    # physically meaningless values: NaN/inf anywhere, a probe on a line, unreal (mu, nu)
    (
        ("multilevel", "detuning_MHz"),
        float("nan"),
        ["multilevel.detuning_MHz = nan", "not a finite"],
    ),
    (
        ("multilevel", "detuning_MHz"),
        float("inf"),
        ["multilevel.detuning_MHz = inf", "not a finite"],
    ),
    (("multilevel", "detuning_MHz"), -float("inf"), ["multilevel.detuning_MHz = -inf"]),
    (("multilevel", "optical_depth"), float("nan"), ["multilevel.optical_depth = nan"]),
    (("two_level", "fig4", "optical_depth"), float("inf"), ["two_level.fig4.optical_depth = inf"]),
    (("two_level", "fig3", "gamma_d_add"), [0, float("nan")], ["two_level.fig3.gamma_d_add.1"]),
    (("two_level", "fig3", "Z", "stop"), float("nan"), ["two_level.fig3.Z.stop = nan"]),
    (("multilevel", "model", "threshold"), float("nan"), ["multilevel.model.threshold = nan"]),
    (("multilevel", "detuning_MHz"), 0.0, ["multilevel.detuning_MHz", "F=4 -> F'=5", "375"]),
    (
        ("multilevel", "detuning_MHz"),
        -251.09,
        ["multilevel.detuning_MHz", "F=4 -> F'=4", "-251.09"],
    ),
    (("multilevel", "detuning_MHz"), 8941.5, ["multilevel.detuning_MHz", "F=3 -> F'=4"]),
    (
        ("multilevel", "detuning_MHz"),
        -2000.0,
        ["multilevel.detuning_MHz", "no real (mu, nu)", "y probe"],
    ),
    (("multilevel", "resonance_margin_MHz"), -1, ["multilevel.resonance_margin_MHz", "-1"]),
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
    config["multilevel"]["probe_polarization"] = "q"
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
    config["multilevel"]["probe_polarization"] = "x"
    with pytest.raises(ConfigError) as info:
        validate_config(config, SCHEMA)
    message = str(info.value)
    assert "multilevel.detuning_MHz" in message and "700" in message
    assert "no real (mu, nu) for the x probe" in message
    assert "Allowed for probe_polarization = 'x'" in message and "(-inf, " in message


def test_red_x_probe_counted_from_f2_is_accepted():
    """The paper's red variant (x, -700 MHz counted from F'=2) is a valid operating point."""
    user = {"multilevel": {"probe_polarization": "x", "detuning_MHz": -700}}
    user["multilevel"]["model"] = {"detuning_reference": "F2"}
    validate_config(merge_config(DEFAULT, user), SCHEMA)


def test_margin_is_the_users_choice():
    """Narrowing the margin admits a detuning the default refuses (cold atoms, say)."""
    user = {"multilevel": {"detuning_MHz": 300}}
    with pytest.raises(ConfigError, match="within 375 MHz of the D2 line F=4 -> F'=5"):
        validate_config(merge_config(DEFAULT, user), SCHEMA)
    user["multilevel"]["resonance_margin_MHz"] = 100
    validate_config(merge_config(DEFAULT, user), SCHEMA)


def test_nan_in_a_study_grid_is_named():
    study = {
        "model": "two_level",
        "quantity": "xi_inf",
        "sweep": {"Z": {"start": 1.0, "stop": float("nan"), "num": 3}},
    }
    with pytest.raises(ConfigError, match=r"studies\.s\.sweep\.Z\.stop = nan: not a finite"):
        validate_config({**DEFAULT, "studies": {"s": study}}, SCHEMA)


def test_multilevel_study_grid_across_a_line_is_refused():
    study = {
        "model": "multilevel",
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
    user = {"multilevel": {"model": {"hh_entry": "printed"}}}
    with pytest.raises(ConfigError, match=r"multilevel\.model\.hh_entry = 'printed'.*'conserving'"):
        validate_config(merge_config(DEFAULT, user), SCHEMA)


# ----------------------------------------------------------------------- deprecated names


def test_cesium_section_is_read_as_multilevel_with_one_warning():
    from dissipative_entanglement.config_deprecations import resolve_deprecations

    user = {"cesium": {"detuning_MHz": 800, "model": {"h_return": "f3_manifold"}}}
    old, warnings, refused = resolve_deprecations(merge_config(DEFAULT, user), user)
    new_user = {"multilevel": {"detuning_MHz": 800, "model": {"h_return": "lower_manifold"}}}
    new, new_warnings, _ = resolve_deprecations(merge_config(DEFAULT, new_user), new_user)
    assert old == new and refused == [] and new_warnings == []
    assert "cesium" not in old and old["multilevel"]["detuning_MHz"] == 800
    assert old["multilevel"]["optical_depth"] == DEFAULT["multilevel"]["optical_depth"]
    assert warnings == [
        "config key 'cesium' is deprecated: use 'multilevel' (same keys)",
        "multilevel.model.h_return = 'f3_manifold' is deprecated: use 'lower_manifold'",
    ]


def test_old_and_new_name_together_are_refused():
    from dissipative_entanglement.config_deprecations import resolve_deprecations

    user = {"cesium": {"detuning_MHz": 800}, "multilevel": {"optical_depth": 20}}
    _, _, refused = resolve_deprecations(merge_config(DEFAULT, user), user)
    assert refused == [
        "cesium and multilevel are both set: cesium is the deprecated name of multilevel; "
        "keep only multilevel"
    ]
    maps = {"validation": {"error_maps": {"cesium": {"gamma_d_add": [0]}, "multilevel": {}}}}
    _, _, refused = resolve_deprecations(merge_config(DEFAULT, maps), maps)
    assert len(refused) == 1 and "validation.error_maps.cesium" in refused[0]


def test_study_model_cesium_is_read_as_multilevel():
    from dissipative_entanglement.config_deprecations import resolve_deprecations

    study = {"model": "cesium", "quantity": "xi_exp_inf", "sweep": {"x_repump": [1.0]}}
    user = {"studies": {"s": study}}
    resolved, warnings, _ = resolve_deprecations(merge_config(DEFAULT, user), user)
    assert resolved["studies"]["s"]["model"] == "multilevel"
    assert warnings == ["studies.s.model = 'cesium' is deprecated: use 'multilevel'"]
    assert user["studies"]["s"]["model"] == "cesium"  # the user's mapping is not changed
    validate_config(resolved, SCHEMA)
