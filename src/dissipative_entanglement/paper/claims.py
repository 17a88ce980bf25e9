"""The claims table: the registry of the paper's claims C1-C19 and its assembly.

A claim row has the columns of ``results/tables/claims.csv``: id, statement, paper_value,
reproduced_value, tolerance, status (reproduced | differs | not_checked), note, where.
Everything specific to the paper's claims lives in this package, one module per model
they check: C1-C4 and C13 in :mod:`.two_level_claims`, C5-C9, C14, C15, C18 and C19 (the
paper's Cs-133) in :mod:`.cesium_claims`, C10-C12, C16 and C17 in :mod:`.exact_claims`;
:func:`assemble_claims` merges their rows with this registry so that unchecked claims
appear as ``not_checked`` (docs/physics.md#claims).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

COLUMNS = [
    "id",
    "statement",
    "paper_value",
    "reproduced_value",
    "tolerance",
    "status",
    "note",
    "where",
]

CLAIMS: dict[str, tuple[str, str]] = {
    "C1": (
        "two-level, d = 30, probe only: Gamma_d^add up to 20 Gamma still allows "
        "xi_inf^opt = 0.85 (a 15 % reduction)",
        "Sec. III.4, Fig. 3",
    ),
    "C2": (
        "with pump x = 5, Gamma_d^add up to 37 Gamma still allows xi_inf^opt = 0.85",
        "Sec. III.4, Fig. 4",
    ),
    "C3": (
        "pumping helps at large dephasing: xi_inf^opt(x = 5) < xi_inf^opt(x = 0) for "
        "Gamma_d^add >= 15 Gamma",
        "Fig. 4",
    ),
    "C4": ("no noise: xi_inf = (|mu|-|nu|)^2; d -> infinity: xi_inf -> (|mu|-|nu|)^2", "Sec. II"),
    "C5": (
        "Cs, y-polarized probe, Delta = +700 MHz: Z = 2.3; x-polarized, Delta = -700 MHz: Z = 2.4",
        "Sec. IV.1",
    ),
    "C6": (
        "Cs: Gamma(|4,4>->|4,2>) = 0.03 Gamma(|4,4>->|4,3>), Gamma(|4,4>->|3,2>) = "
        "0.02 Gamma(|4,4>->|4,3>)",
        "App. E",
    ),
    "C7": ("Doppler factor k = 5 MHz / 380 MHz", "App. E"),
    "C8": (
        "Cs, d = 30, with repump: steady-state xi_exp,inf ~ 0.9 is attainable",
        "Sec. II, Fig. 7",
    ),
    "C9": (
        "Cs without repump: xi_exp(t) falls below 1 then rises (quasi steady state); "
        "for t > 0.05/Gamma it follows Eq. 30",
        "Fig. 8",
    ),
    "C10": (
        "bosonic modes: the two-mode squeezed state is the unique steady state of Eq. 2; "
        "var(x+)+var(p-) = (mu-nu)^2",
        "App. A",
    ),
    "C11": ("collective dephasing terms (jump operators C, D) leave xi unchanged", "App. C.2"),
    "C12": (
        "averaged pair rate (3/4)Gamma/(k_L L)^2; inter-ensemble rate equals single-ensemble rate",
        "App. B.2",
    ),
    "C13": (
        "two-level scheme of Fig. 2: mu, nu = (Delta +- Omega)/(2 sqrt(Delta Omega)), so "
        "Z = sqrt(Delta/Omega)",
        "Sec. III.1, App. B.1",
    ),
    "C14": (
        "Cs: transitions from |4,4> to m = +-2 are two orders of magnitude slower than "
        "|4,4> -> |4,3>",
        "App. E",
    ),
    "C15": ("Fig. 8 shows xi_exp as a function of time in ms", "Sec. IV.2, Fig. 8"),
    "C16": (
        "averaged-rate integrand: r^2 (sin x/x)(sin x/x + cos x/x^2 - sin x/x^3) = (2/3) r^2 + "
        "O(r^4), x = k_L r",
        "App. B.2",
    ),
    "C17": (
        "steady state of the J_x moment equation: <J_x^2> - <J_x>^2 = N/4 + <J_x>, an error a "
        "factor N below <J_x^2> at all times (decorrelation of J_x)",
        "footnote 76, App. C.1",
    ),
    "C18": (
        "Cs in B ~ 1 Gauss: Larmor splitting Omega ~ 300 kHz, much smaller than the excited "
        "hyperfine splittings",
        "Sec. IV.1",
    ),
    "C19": (
        "the pump's collective terms scale as (gamma_LW d / delta_Doppler)^2 against the "
        "single-particle ones and are negligible (|delta_Doppler| >> gamma_LW d)",
        "App. C.2",
    ),
}


def claim_row(
    claim_id: str,
    paper_value: str,
    reproduced_value: str,
    tolerance: str,
    reproduced: bool,
    *,
    note: str,
) -> dict[str, str]:
    """One row of the claims table for a checked claim.

    Statement and paper reference are taken from :data:`CLAIMS`; the status is
    ``reproduced`` or ``differs``.

    Parameters
    ----------
    claim_id : str
        Key of :data:`CLAIMS`, ``"C1"`` ... ``"C12"``.
    paper_value : str
        The value the paper states, as text (with its unit where it has one).
    reproduced_value : str
        The value this reproduction computes, as text.
    tolerance : str
        The acceptance criterion, as text.
    reproduced : bool
        True if the criterion is met (status ``reproduced``), else ``differs``.
    note : str
        Free-text remark (keyword-only).

    Returns
    -------
    dict of str to str
        The row, keyed by the columns of :data:`COLUMNS`.

    Raises
    ------
    KeyError
        If ``claim_id`` is not registered.
    """
    statement, where = CLAIMS[claim_id]
    return {
        "id": claim_id,
        "statement": statement,
        "paper_value": paper_value,
        "reproduced_value": reproduced_value,
        "tolerance": tolerance,
        "status": "reproduced" if reproduced else "differs",
        "note": note,
        "where": where,
    }


def not_checked_row(claim_id: str, reason: str) -> dict[str, str]:
    """A claim that cannot be checked, with the reason.

    Parameters
    ----------
    claim_id : str
        Key of :data:`CLAIMS`.
    reason : str
        Why it cannot be checked (goes to ``note``).

    Returns
    -------
    dict of str
        A row with status ``not_checked``.
    """
    statement, where = CLAIMS[claim_id]
    return {
        "id": claim_id,
        "statement": statement,
        "paper_value": "",
        "reproduced_value": "",
        "tolerance": "",
        "status": "not_checked",
        "note": reason,
        "where": where,
    }


def assemble_claims(parts: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Every registered claim in order: rows from ``parts``, the rest ``not_checked``.

    Parameters
    ----------
    parts : iterable of pandas.DataFrame
        Tables of checked claims (rows as made by :func:`claim_row`), e.g. from the
        two-level, Cs and exact-check claim modules.

    Returns
    -------
    pandas.DataFrame
        One row per registered claim, in registry order, columns :data:`COLUMNS`, all
        text (missing cells are empty strings).

    Raises
    ------
    ValueError
        If a claim id occurs twice in ``parts`` or is not registered.
    """
    checked = {}
    for part in parts:
        for row in part.to_dict("records"):
            if row["id"] in checked:
                raise ValueError(f"claim {row['id']} computed twice")
            checked[row["id"]] = row
    rows = []
    for claim_id, (statement, where) in CLAIMS.items():
        rows.append(
            checked.get(claim_id)
            or {
                "id": claim_id,
                "statement": statement,
                "paper_value": "",
                "reproduced_value": "",
                "tolerance": "",
                "status": "not_checked",
                "note": "check not implemented yet",
                "where": where,
            }
        )
    unknown = set(checked) - set(CLAIMS)
    if unknown:
        raise ValueError(f"unknown claim ids {sorted(unknown)}")
    return pd.DataFrame(rows, columns=COLUMNS).fillna("")


_STATUS_COLORS = {"reproduced": "#d8f0d8", "differs": "#f6e0c0", "not_checked": "#e4e4e4"}


def claims_html(table: pd.DataFrame) -> str:
    """The claims table as a self-contained HTML page (the report's in-page view).

    Parameters
    ----------
    table : pandas.DataFrame
        The claims table (columns :data:`COLUMNS`, text), as written to claims.csv.

    Returns
    -------
    str
        One ``<table id="claims">`` with a row per claim (``id`` attribute = claim id),
        status cells coloured by status; every cell HTML-escaped. Deterministic (no
        dates), so the same table gives the same bytes.
    """
    import html

    head = "".join(f"<th>{html.escape(c)}</th>" for c in COLUMNS)
    rows = []
    for record in table[COLUMNS].astype(str).to_dict("records"):
        cells = []
        for column in COLUMNS:
            value = html.escape(record[column])
            if column == "status":
                color = _STATUS_COLORS.get(record[column], "#ffffff")
                cells.append(f'<td class="status" style="background:{color}">{value}</td>')
            else:
                cells.append(f'<td class="{column}">{value}</td>')
        rows.append(f'<tr id="{html.escape(record["id"])}">{"".join(cells)}</tr>')
    style = (
        "body{font-family:sans-serif;font-size:12px;margin:8px}"
        "table{border-collapse:collapse}"
        "th,td{border:1px solid #bbb;padding:3px 5px;vertical-align:top;text-align:left}"
        "th{background:#f0f0f0}td.note,td.statement{max-width:28em}"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Claims of the paper</title><style>{style}</style></head><body>\n"
        f'<table id="claims"><thead><tr>{head}</tr></thead><tbody>\n'
        + "\n".join(rows)
        + "\n</tbody></table></body></html>\n"
    )
