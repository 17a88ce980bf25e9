"""Reference reproduction of Muschik, Polzik & Cirac, PRA 83, 052312 (2011).

Dissipatively driven entanglement of two macroscopic atomic ensembles. The package
holds the physics (pure functions on numpy arrays, no Snakemake); the workflow under
``workflow/`` calls it through thin scripts.

Units everywhere: rates in units of the single-particle probe rate Gamma, times in
1/Gamma, laser detunings in MHz.
"""

__version__ = "0.1.0"
