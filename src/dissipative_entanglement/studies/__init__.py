"""Parameter-grid studies (docs/interface.md#parameter-grid-studies).

A study sweeps some parameters of a model over a Cartesian grid and evaluates one
quantity at every point. The pieces, each usable without Snakemake:

* :mod:`.kernels` -- registry (model, quantity) -> vectorised kernel;
* :mod:`.spec` -- resolution of a config entry into a canonical spec, the grid, chunks;
* :mod:`.chunks` -- chunk evaluation in blocks with progress, streaming merge, optimum;
* :mod:`.figures` -- figure by grid dimension from a bounded subsample;
* :mod:`.study_checks` -- checks of the ``studies`` config (from ``config_checks``).
"""

from .kernels import Kernel, get_kernel, register_kernel, registered, unregister_kernel
from .spec import StudyGrid, resolve_study

__all__ = [
    "Kernel",
    "StudyGrid",
    "get_kernel",
    "register_kernel",
    "registered",
    "resolve_study",
    "unregister_kernel",
]
