"""What is specific to the paper: its checkable claims and its Cs-133 scenario.

The models (:mod:`..two_level`, :mod:`..multilevel`, :mod:`..exact`) hold the physics for
any parameters and atoms; this package holds the paper's statements about them, the
claims C1-C19 (:mod:`.claims` and one module per model), and which atoms its Sec. IV is
about (:data:`.cesium_claims.PAPER_ATOMS`). It is the top layer: nothing imports it but
the workflow's scripts and the tests.
"""

#: the atoms and probe line of the paper's Sec. IV (App. E: Cs, probe on D2)
PAPER_ATOMS = {"species": "Cs133", "line": "D2"}


def is_paper_atoms(atom) -> bool:
    """True for the paper's atoms and probe line (:data:`PAPER_ATOMS`).

    Parameters
    ----------
    atom : mapping
        ``{species, line}`` (config ``multilevel.atom``).

    Returns
    -------
    bool
    """
    return {k: atom.get(k) for k in PAPER_ATOMS} == PAPER_ATOMS


__all__ = ["PAPER_ATOMS", "is_paper_atoms"]
