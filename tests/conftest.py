"""Fixtures shared by the tests, and the marker of each test folder.

``tests/unit`` builds nothing (the fast lane: ``pytest tests/unit``); ``tests/workflow``
runs Snakemake (marker ``workflow``; ``test_report_browser.py`` also ``browser``);
``tests/cluster`` starts a SLURM cluster (markers ``workflow`` and ``cluster``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import REPO, SMALL_VALIDATION, copy_workflow, run_snakemake, write_config

FOLDER_MARKERS = {"workflow": ("workflow",), "cluster": ("workflow", "cluster")}


def pytest_collection_modifyitems(config, items):
    """Mark every test by its folder (workflow, cluster), the browser test as browser."""
    for item in items:
        folder = Path(item.fspath).parent.name
        for name in FOLDER_MARKERS.get(folder, ()):
            item.add_marker(getattr(pytest.mark, name))
        if Path(item.fspath).name == "test_report_browser.py":
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The default workflow, built once per test session in a scratch directory."""
    workdir = copy_workflow(tmp_path_factory.mktemp("build"))
    run_snakemake(workdir, "--cores", "2")
    return workdir


@pytest.fixture(scope="session")
def validated(built, tmp_path_factory) -> Path:
    """A copy of the default build with the validation target built on small grids, and
    the default target brought up to date with it (config file ``small.yaml`` in the work
    directory, :data:`SMALL_VALIDATION`)."""
    import shutil

    import yaml

    work = tmp_path_factory.mktemp("validated") / "work"
    shutil.copytree(built, work, symlinks=True)
    (work / "small.yaml").write_text(yaml.safe_dump(SMALL_VALIDATION))
    # both targets: the claims of the exact checks are computed from the validation tables
    run_snakemake(work, "all", "validation", "--cores", "2", "--configfile", "small.yaml")
    return work


@pytest.fixture(scope="session")
def small_species_run(tmp_path_factory):
    """The small species study (:func:`small_species_config`) run locally once per session:
    (config path, work directory)."""
    from .helpers_species import small_species_config

    root = tmp_path_factory.mktemp("species")
    config = write_config(root / "species.yaml", small_species_config())
    work = copy_workflow(root / "local")
    run_snakemake(work, "--cores", "2", "--configfile", str(config))
    return config, work


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every matplotlib figure a test leaves open (their memory, for the session)."""
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
