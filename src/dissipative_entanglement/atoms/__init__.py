"""Atomic data of the alkali species the multi-level model supports (D1 and D2 lines).

See :mod:`dissipative_entanglement.atoms.species` and ``docs/atoms.md``.
"""
