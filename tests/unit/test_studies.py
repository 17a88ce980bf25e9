"""Parameter-grid studies, library level: kernels, grid and chunks, merge, optimum, figures,
validation. The workflow (Snakemake) tests are in test_studies_workflow.py."""

from __future__ import annotations

import logging

import matplotlib
import numpy as np
import pyarrow.parquet as pq
import pytest

from dissipative_entanglement.config import load_yaml
from dissipative_entanglement.config_checks import ConfigError, validate_config
from dissipative_entanglement.io import NonFiniteTableError
from dissipative_entanglement.studies import (
    Kernel,
    StudyGrid,
    get_kernel,
    register_kernel,
    resolve_study,
    unregister_kernel,
)
from dissipative_entanglement.studies.chunks import (
    compute_chunk,
    merge_chunks,
    optimum_table,
    read_summaries,
)
from dissipative_entanglement.studies.figures import (
    display_selection,
    study_figure_from_files,
    subsample,
)
from dissipative_entanglement.studies.study_checks import study_errors
from dissipative_entanglement.two_level.optimum import OptimizerOptions, xi_optimal
from dissipative_entanglement.two_level.steady_state import xi_steady_state

from ..helpers import REPO

matplotlib.use("Agg")

BASE = load_yaml(REPO / "config" / "config.yaml")
SCHEMA = load_yaml(REPO / "workflow" / "schemas" / "config.schema.yaml")


def run_study(spec, tmp_path, block_size=1 << 18, chunks=None):
    """Compute every chunk, merge; return (values path, optimum table, summaries)."""
    spec = dict(spec, chunks=chunks or spec["chunks"])
    values, summaries = [], []
    for i in range(spec["chunks"]):
        v, s = tmp_path / f"c{i}.parquet", tmp_path / f"c{i}.json"
        compute_chunk(spec, i, v, s, block_size=block_size)
        values.append(v)
        summaries.append(s)
    out = tmp_path / f"values_{spec['chunks']}.parquet"
    merge_chunks(spec, values, out)
    return out, optimum_table(spec, read_summaries(summaries)), read_summaries(summaries)


def two_level_spec(quantity, sweep, fixed=None, chunks=3, options=None):
    study = {"model": "two_level", "quantity": quantity, "sweep": sweep, "chunks": chunks}
    if fixed is not None:
        study["fixed"] = fixed
    if options is not None:
        study["options"] = options
    return resolve_study("t", study, BASE)


# --- kernels and registry -------------------------------------------------------------


def test_registry_names_match_contract():
    assert get_kernel("two_level", "xi_inf").parameters == (
        "optical_depth",
        "Z",
        "pump_x",
        "gamma_d_add",
    )
    assert get_kernel("two_level", "xi_opt").columns == ("xi_opt", "Z_opt")
    assert "Z" not in get_kernel("two_level", "xi_opt").parameters
    cs = get_kernel("multilevel", "xi_exp_inf")
    assert set(cs.parameters) == {
        "optical_depth",
        "detuning_MHz",
        "x_repump",
        "gamma_d_add",
        "temperature_C",
    }
    with pytest.raises(KeyError, match="no study kernel"):
        get_kernel("two_level", "xi_exp_inf")


def test_resolve_defaults_from_main_config():
    spec = two_level_spec("xi_opt", {"gamma_d_add": [0, 5]})
    assert spec["fixed"] == {"optical_depth": 30.0, "pump_x": 0.0}  # fig3's d, probe only
    assert spec["options"] == BASE["two_level"]["optimizer"]
    cs = resolve_study(
        "c",
        {
            "model": "multilevel",
            "quantity": "xi_exp_inf",
            "sweep": {"detuning_MHz": [700]},
            "fixed": {"x_repump": 1.0},
        },
        BASE,
    )
    assert cs["fixed"] == {
        "optical_depth": 30.0,
        "x_repump": 1.0,
        "gamma_d_add": 0.0,
        "temperature_C": 22.0,
    }
    assert cs["options"]["probe_polarization"] == "y"
    assert cs["options"].get("model") == BASE["multilevel"].get("model")
    assert cs["options"]["atom"] == {"species": "Cs133", "line": "D2"}


# --- grid, chunks, merge --------------------------------------------------------------


def test_chunks_cover_grid_in_c_order(tmp_path):
    sweep = {
        "optical_depth": {"start": 1, "stop": 100, "num": 7, "spacing": "log"},
        "Z": [1.0, 1.5, 2.0, 3.0],
        "gamma_d_add": {"start": 0, "stop": 20, "num": 5},
    }
    spec = two_level_spec("xi_inf", sweep, {"pump_x": 2.0}, chunks=4)
    path, optimum, _ = run_study(spec, tmp_path, block_size=17)  # many blocks per chunk
    table = pq.read_table(path).to_pandas()
    assert list(table.columns) == ["optical_depth", "Z", "gamma_d_add", "xi_inf"]
    d, z, g = np.meshgrid(
        np.geomspace(1, 100, 7), [1.0, 1.5, 2.0, 3.0], np.linspace(0, 20, 5), indexing="ij"
    )
    np.testing.assert_array_equal(table["optical_depth"], d.ravel())
    np.testing.assert_array_equal(table["Z"], z.ravel())
    np.testing.assert_array_equal(table["gamma_d_add"], g.ravel())
    # the same kernel on the same floats: identical results, not merely close
    np.testing.assert_array_equal(table["xi_inf"], xi_steady_state(z, d, g, 2.0).ravel())
    i = int(np.argmin(table["xi_inf"]))
    assert optimum.loc[0, "flat_index"] == i
    assert optimum.loc[0, "xi_inf"] == table["xi_inf"][i]
    assert optimum.loc[0, "Z"] == table["Z"][i] and optimum.loc[0, "pump_x"] == 2.0
    assert optimum.loc[0, "n_points"] == 7 * 4 * 5


def test_xi_opt_study_matches_optimiser_and_brute_force(tmp_path):
    sweep = {"optical_depth": [10.0, 30.0, 100.0], "gamma_d_add": [0.0, 5.0, 20.0]}
    spec = two_level_spec("xi_opt", sweep, chunks=2)
    path, optimum, _ = run_study(spec, tmp_path)
    table = pq.read_table(path).to_pandas()
    assert list(table.columns) == ["optical_depth", "gamma_d_add", "xi_opt", "Z_opt"]
    result = xi_optimal(
        table["optical_depth"].to_numpy(),
        table["gamma_d_add"].to_numpy(),
        0.0,
        OptimizerOptions(**BASE["two_level"]["optimizer"]),
    )
    np.testing.assert_array_equal(table["xi_opt"], result.xi_opt)
    # independent check: a dense scan in Z; xi is stationary at Z*, so the scan's minimum
    # is above xi_opt by O(step^2) only (step 1e-4 in ln Z -> ~1e-8 relative)
    z = np.exp(np.arange(0.0, np.log(50.0), 1e-4))
    for row in table.itertuples():
        scan = xi_steady_state(z, row.optical_depth, row.gamma_d_add, 0.0)
        assert row.xi_opt <= scan.min() + 1e-12
        assert row.xi_opt == pytest.approx(scan.min(), rel=1e-7)
        assert row.Z_opt == pytest.approx(z[np.argmin(scan)], rel=2e-4)
    best = table.loc[table["xi_opt"].idxmin()]
    assert optimum.loc[0, "Z_opt"] == best["Z_opt"]
    assert optimum.loc[0, "optical_depth"] == 100.0 and optimum.loc[0, "gamma_d_add"] == 0.0


def test_merged_file_independent_of_chunking(tmp_path):
    """Fixed row groups, no timestamps, no chunk count in metadata: identical bytes."""
    sweep = {"Z": {"start": 1, "stop": 3, "num": 1500}, "gamma_d_add": [0, 1, 2]}
    spec = two_level_spec("xi_inf", sweep)
    sizes = {}
    for chunks, block in [(1, 1 << 18), (3, 1000), (7, 333)]:
        (tmp_path / str(chunks)).mkdir()
        path, optimum, _ = run_study(spec, tmp_path / str(chunks), block, chunks)
        sizes[chunks] = (path.read_bytes(), optimum.to_csv(index=False))
    assert sizes[1] == sizes[3] == sizes[7]


def test_merge_uses_fixed_row_groups(tmp_path, monkeypatch):
    import dissipative_entanglement.studies.chunks as chunks_module

    monkeypatch.setattr(chunks_module, "ROW_GROUP_ROWS", 1000)
    spec = two_level_spec("xi_inf", {"Z": {"start": 1, "stop": 3, "num": 2500}}, chunks=3)
    path, _, _ = run_study(spec, tmp_path, block_size=300)
    meta = pq.ParquetFile(path).metadata
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [1000, 1000, 500]
    assert b"study" in pq.read_schema(path).metadata
    assert b"chunks" not in pq.read_schema(path).metadata[b"study"]


def test_progress_is_logged(tmp_path, caplog):
    spec = two_level_spec("xi_inf", {"Z": {"start": 1, "stop": 3, "num": 1000}}, chunks=1)
    with caplog.at_level(logging.INFO, logger="dissipative_entanglement"):
        compute_chunk(
            spec,
            0,
            tmp_path / "v.parquet",
            tmp_path / "s.json",
            block_size=100,
            progress_seconds=0.0,
        )
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("progress")]
    assert len(lines) == 10  # one per block with progress_seconds = 0
    assert lines[-1].startswith("progress: 1000/1000 points (100.0 %)")
    assert "points/s" in lines[0] and "left" in lines[0]


# --- a fake model: registry extension and multi-dimensional figures --------------------


def fake_kernel(a, b, c, d, e, *, scale=1.0):
    """Smooth bowl with its minimum 0.5 + d at a = 1, b = 2, c = 3; e is ignored."""
    return {"xi_fake": 0.5 + scale * ((a - 1) ** 2 + (b - 2) ** 2 + (c - 3) ** 2) + d, "aux": a}


@pytest.fixture
def fake_model(monkeypatch):
    from dissipative_entanglement.studies import kernels

    monkeypatch.setitem(kernels.MODEL_PARAMETERS, "fake", ("a", "b", "c", "d", "e"))
    register_kernel(
        Kernel(
            model="fake",
            quantity="xi_fake",
            parameters=("a", "b", "c", "d", "e"),
            columns=("xi_fake", "aux"),
            function=fake_kernel,
        )
    )
    yield
    unregister_kernel("fake", "xi_fake")


FAKE_AXES = [
    {"name": "a", "grid": {"start": 0, "stop": 2, "num": 21}},
    {"name": "b", "grid": {"start": 0.1, "stop": 10, "num": 15, "spacing": "log"}},
    {"name": "c", "grid": {"start": 0, "stop": 6, "num": 13}},  # c = 3 is index 6
    {"name": "d", "grid": [0.0, 0.5, 1.0]},
    {"name": "e", "grid": [0.0, 1.0]},
]


@pytest.mark.parametrize("dim", [3, 4, 5])
def test_fake_model_small_multiples(fake_model, tmp_path, dim):
    axes = FAKE_AXES[:dim]
    fixed = {a["name"]: 0.0 for a in FAKE_AXES[dim:]}
    spec = {
        "name": "fake",
        "model": "fake",
        "quantity": "xi_fake",
        "axes": axes,
        "fixed": fixed,
        "options": {"scale": 2.0},
        "chunks": 3,
    }
    path, optimum, _ = run_study(spec, tmp_path, block_size=500)
    grid = StudyGrid(spec)
    b_best = grid.values[1][np.argmin(np.abs(grid.values[1] - 2))]
    assert optimum.loc[0, "xi_fake"] == pytest.approx(0.5 + 2.0 * (2 - b_best) ** 2)
    assert optimum.loc[0, "c"] == 3.0 and optimum.loc[0, "a"] == 1.0
    assert optimum.loc[0, "d"] == 0.0 and optimum.loc[0, "e"] == 0.0
    selection = display_selection(grid, int(optimum.loc[0, "flat_index"]))
    assert 6 in selection[2]  # the optimum's panel is always drawn
    if dim == 5:
        assert list(selection[4]) == [0]  # held at the optimum
    sub = subsample(path, grid, selection)
    full = pq.read_table(path).to_pandas()["xi_fake"].to_numpy().reshape(grid.shape)
    np.testing.assert_array_equal(sub["xi_fake"], full[np.ix_(*selection)])
    fig = study_figure_from_files(spec, path, optimum.iloc[0].to_dict())
    n_panels = len(selection[2]) * (len(selection[3]) if dim >= 4 else 1)
    maps = [ax for ax in fig.axes if ax.collections and ax.get_label() != "<colorbar>"]
    assert len(maps) == n_panels
    fig.savefig(tmp_path / "f.png", dpi=40)


def test_subsample_is_bounded_and_strided(fake_model, tmp_path, monkeypatch):
    import dissipative_entanglement.studies.figures as figures

    monkeypatch.setitem(figures.MAX_POINTS, 2, (10, 0))
    spec = {
        "name": "f2",
        "model": "fake",
        "quantity": "xi_fake",
        "axes": [
            {"name": "a", "grid": {"start": 0, "stop": 2, "num": 101}},
            {"name": "b", "grid": {"start": 0, "stop": 4, "num": 57}},
        ],
        "fixed": {"c": 3.0, "d": 0.0, "e": 0.0},
        "options": {},
        "chunks": 2,
    }
    path, optimum, _ = run_study(spec, tmp_path, block_size=1000)
    grid = StudyGrid(spec)
    selection = display_selection(grid, int(optimum.loc[0, "flat_index"]))
    assert [len(s) for s in selection] == [10, 10]
    assert selection[0][0] == 0 and selection[0][-1] == 100  # both ends kept
    sub = subsample(path, grid, selection)
    np.testing.assert_array_equal(sub["a"][:, 0], grid.values[0][selection[0]])
    fig = study_figure_from_files(spec, path, optimum.iloc[0].to_dict())
    assert len([a for a in fig.axes if a.get_label() != "<colorbar>"]) == 2  # xi_fake, aux


def test_one_dimensional_study_figure(tmp_path):
    spec = two_level_spec("xi_opt", {"gamma_d_add": {"start": 0, "stop": 40, "num": 41}})
    path, optimum, _ = run_study(spec, tmp_path)
    fig = study_figure_from_files(spec, path, optimum.iloc[0].to_dict())
    lines = [ax.lines[0] for ax in fig.axes]
    assert len(lines) == 2  # xi_opt and Z_opt panels
    np.testing.assert_array_equal(lines[0].get_xdata(), np.linspace(0, 40, 41))


# --- validation -----------------------------------------------------------------------


def good_study(**changes):
    study = {
        "model": "two_level",
        "quantity": "xi_opt",
        "sweep": {"optical_depth": {"start": 1, "stop": 100, "num": 5, "spacing": "log"}},
        "fixed": {"pump_x": 0},
        "chunks": 2,
    }
    study.update(changes)
    return study


def errors_for(name, study):
    return study_errors({**BASE, "studies": {name: study}})


def test_valid_examples_have_no_errors():
    for name in ["two_level_depth_dephasing", "cesium_detuning_depth"]:
        config = {**BASE, **load_yaml(REPO / "config" / "studies" / f"{name}.yaml")}
        validate_config(config, SCHEMA)  # raises if invalid
        assert study_errors(config) == []


@pytest.mark.parametrize(
    "name, study, expected",
    [
        ("s", good_study(sweep={"depth": [1, 2]}), "studies.s.sweep.depth: unknown parameter"),
        ("s", good_study(fixed={"pump_x": 0, "Zed": 2}), "studies.s.fixed.Zed: unknown"),
        ("s", good_study(sweep={"pump_x": []}), "studies.s.sweep.pump_x = []: an empty list"),
        (
            "s",
            good_study(sweep={"pump_x": {"start": 0, "stop": 1, "num": 0}}),
            "studies.s.sweep.pump_x.num = 0: an empty range",
        ),
        (
            "s",
            good_study(sweep={"pump_x": {"start": 2, "stop": 1, "num": 3}}),
            "studies.s.sweep.pump_x: start = 2 > stop = 1",
        ),
        ("s", good_study(sweep={"pump_x": [0, 1]}), "studies.s.fixed.pump_x: 'pump_x' is both"),
        ("s", good_study(sweep={"Z": [1, 2]}, fixed={}), "studies.s.sweep.Z: 'Z' cannot be set"),
        ("s", good_study(fixed={"Z": 2}), "studies.s.fixed.Z: 'Z' cannot be set for 'xi_opt'"),
        ("s", good_study(model="rydberg"), "studies.s.model = 'rydberg': unknown model"),
        ("s", good_study(quantity="xi_exp_inf"), "studies.s.quantity = 'xi_exp_inf': unknown"),
        ("s", good_study(chunks=0), "studies.s.chunks = 0: need an integer >= 1"),
        ("s", good_study(chunks=6), "studies.s.chunks = 6: more chunks than the 5 grid points"),
        ("bad name!", good_study(), "studies.bad name!: bad study name"),
        ("s", good_study(quantity="xi_inf"), "studies.s.fixed.Z: required (no default)"),
        ("s", good_study(sweep={"gamma_d_add": [-1, 0]}), "studies.s.sweep.gamma_d_add: value -1"),
        (
            "s",
            good_study(
                sweep={"optical_depth": {"start": 0, "stop": 1, "num": 3, "spacing": "log"}}
            ),
            "studies.s.sweep.optical_depth: spacing = 'log' needs",
        ),
        ("s", good_study(options={"tol": 1}), "studies.s.options.tol: unknown option"),
        ("s", good_study(options={"z_max": 0.5}), "studies.s.options.z_max = 0.5: need z_max > 1"),
        ("s", good_study(options={"n_scan": 2.5}), "studies.s.options.n_scan = 2.5: need an"),
        (
            "s",
            {"model": "multilevel", "quantity": "xi_exp_inf", "sweep": {"detuning_MHz": [700]}},
            "studies.s.fixed.x_repump: required",
        ),
    ],
)
def test_invalid_study_names_the_key(name, study, expected):
    errors = errors_for(name, study)
    assert any(e.startswith(expected) for e in errors), errors


@pytest.mark.parametrize(
    "study, key",
    [
        (good_study(model="rydberg"), "studies.s.model = 'rydberg'"),
        (good_study(chunks=0), "studies.s.chunks = 0"),
        (good_study(sweep={"pump_x": []}), "studies.s.sweep.pump_x"),
        (good_study(sweep={"Z": [1, 2]}, fixed={}), "studies.s.sweep.Z"),
        ({**good_study(), "chunk": 2}, "studies.s"),
    ],
)
def test_validate_config_rejects_through_schema_and_checks(study, key):
    """The path the workflow takes: schema first, then the study checks."""
    with pytest.raises(ConfigError, match="nothing was run") as info:
        validate_config({**BASE, "studies": {"s": study}}, SCHEMA)
    assert key in str(info.value)


def test_validate_config_rejects_bad_name():
    with pytest.raises(ConfigError, match="bad/name"):
        validate_config({**BASE, "studies": {"bad/name": good_study()}}, SCHEMA)


def test_chunk_refuses_nan_and_writes_nothing(fake_model, tmp_path):
    """A kernel result of NaN stops the chunk with the grid point named; no file is left."""
    spec = {
        "name": "n",
        "model": "fake",
        "quantity": "xi_fake",
        "axes": [{"name": "a", "grid": [0.0, 1.0]}],
        "fixed": {"b": 2.0, "c": 3.0, "d": float("nan"), "e": 0.0},
        "options": {},
        "chunks": 2,
    }
    values, summary = tmp_path / "c0.parquet", tmp_path / "c0.json"
    with pytest.raises(NonFiniteTableError, match=r"xi_fake is not finite.*'a': 0\.0"):
        compute_chunk(spec, 0, values, summary)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_multilevel_study_equals_the_direct_kernel(tmp_path):
    """A small multi-level (Cs) study through chunks and merge gives the grid kernel values."""
    from dissipative_entanglement.multilevel.scenario import xi_exp_inf_grid
    from dissipative_entanglement.multilevel.setup import MultilevelSetup

    spec = resolve_study(
        "cs",
        {
            "model": "multilevel",
            "quantity": "xi_exp_inf",
            "chunks": 2,
            "sweep": {"detuning_MHz": [500, 700], "optical_depth": [10, 30, 100]},
            "fixed": {"x_repump": 1.0},
        },
        BASE,
    )
    path, optimum, _ = run_study(spec, tmp_path)
    table = pq.read_table(path).to_pandas()
    assert list(table.columns) == ["detuning_MHz", "optical_depth", "xi_exp_inf"]
    setup = MultilevelSetup(
        detuning_MHz=table["detuning_MHz"].to_numpy(),
        probe_polarization="y",
        optical_depth=table["optical_depth"].to_numpy(),
        temperature_C=22.0,
        species="Cs133",
        line="D2",
    )
    direct = xi_exp_inf_grid(setup, 1.0, 0.0)["xi_exp_inf"]
    np.testing.assert_allclose(table["xi_exp_inf"], direct, rtol=1e-13)
    best = table.loc[table["xi_exp_inf"].idxmin()]
    assert optimum.loc[0, "optical_depth"] == best["optical_depth"] == 100.0
    assert optimum.loc[0, "temperature_C"] == 22.0


@pytest.mark.parametrize(
    ("z_grid", "edge"),
    [
        ({"start": 1.0, "stop": 3.0, "num": 41}, ""),  # Eq. (15) has its minimum near Z = 1.55
        ({"start": 1.0, "stop": 1.3, "num": 7}, "Z at its upper end (1.3)"),
        ([1.6, 2.0, 3.0], "Z at its lower end (1.6)"),
    ],
)
def test_optimum_on_the_grid_edge_is_flagged(tmp_path, z_grid, edge):
    """An optimum the grid does not bracket is named in optimum.csv (at_grid_edge, grid_edge)."""
    spec = two_level_spec("xi_inf", {"Z": z_grid}, fixed={"gamma_d_add": 0.0}, chunks=1)
    _, optimum, _ = run_study(spec, tmp_path)
    assert bool(optimum.loc[0, "at_grid_edge"]) == bool(edge)
    assert optimum.loc[0, "grid_edge"] == edge


def test_grid_edges_go_by_value_and_skip_physical_bounds(tmp_path):
    """An unsorted list: the edge is its smallest/largest value, not its first/last entry;
    Gamma_d^add = 0 is a physical bound, not an edge of the search."""
    from dissipative_entanglement.studies.chunks import grid_edges
    from dissipative_entanglement.studies.spec import StudyGrid

    spec = two_level_spec(
        "xi_opt", {"optical_depth": [10.0, 1000.0, 100.0], "gamma_d_add": [0.0, 5.0]}, chunks=1
    )
    grid = StudyGrid(spec)
    flat = {(i, j): i * 2 + j for i in range(3) for j in range(2)}
    assert grid_edges(grid, flat[(1, 0)]) == ["optical_depth at its upper end (1000)"]
    assert grid_edges(grid, flat[(2, 0)]) == []  # d = 100 lies inside [10, 1000]
    assert grid_edges(grid, flat[(0, 1)]) == [
        "optical_depth at its lower end (10)",
        "gamma_d_add at its upper end (5)",
    ]
