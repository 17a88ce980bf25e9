"""The species study cut to a size the tests can run (local and on the SLURM cluster)."""

from __future__ import annotations

from dissipative_entanglement.config import load_yaml

from .helpers import REPO

SPECIES_FILE = REPO / "config" / "studies" / "species.yaml"


def small_species_config(names=("species_Rb87_D2", "species_Cs133_D1")) -> dict:
    """The shipped species file cut to two studies on 4 x 4 grids, one chunk each."""
    full = load_yaml(SPECIES_FILE)
    studies = {}
    for name in names:
        study = dict(full["studies"][name])
        sweep = dict(study["sweep"])
        sweep["detuning_MHz"] = dict(sweep["detuning_MHz"], num=4)
        sweep["optical_depth"] = {"start": 1, "stop": 1000, "num": 4, "spacing": "log"}
        studies[name] = dict(study, sweep=sweep, chunks=1)
    comparison = dict(full["comparisons"]["species"], studies=list(names), optical_depths=[100])
    return {
        "multilevel": full["multilevel"],
        "comparisons": {"species": comparison},
        "studies": studies,
    }
