"""The multi-level model of Sec. IV and App. D-E (Figs. 7 and 8), for any alkali atoms.

The paper evaluates it for Cs-133 with the probe on D2; the same code runs the D1 and D2
probe of Cs-133, Rb-87, Rb-85, K-39 and Na-23 (:class:`.setup.MultilevelSetup`, config
``multilevel``). Atomic data, couplings and single-atom rates come from
:mod:`dissipative_entanglement.atoms`.
"""
