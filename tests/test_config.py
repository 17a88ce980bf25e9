"""Configuration validation: every bad value is named with its key, value and allowed range."""

import copy

import numpy as np
import pytest

from dissipative_entanglement.config import (
    ConfigError,
    canonical,
    grid_values,
    load_yaml,
    merge_config,
    validate_config,
)

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
    (("two_level", "fig3", "optical_depth"), KeyError, ["two_level.fig3", "'optical_depth'"]),
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
