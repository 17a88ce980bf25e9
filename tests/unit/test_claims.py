"""Claims table: the registry, the merge and the two-level checks C1-C4."""

import pandas as pd
import pytest

from dissipative_entanglement.config import load_yaml
from dissipative_entanglement.paper.claims import CLAIMS, COLUMNS, assemble_claims
from dissipative_entanglement.paper.two_level_claims import dephasing_tolerated, two_level_claims
from dissipative_entanglement.two_level.optimum import OptimizerOptions, xi_optimal

from ..helpers import REPO

CONFIG = load_yaml(REPO / "config/config.yaml")


def test_registry_holds_the_claims_in_order():
    assert list(CLAIMS) == [f"C{i}" for i in range(1, 20)]


def test_assemble_fills_unchecked_and_rejects_duplicates():
    part = pd.DataFrame([{c: "x" for c in COLUMNS} | {"id": "C2", "status": "reproduced"}])
    table = assemble_claims([part])
    assert list(table.columns) == COLUMNS and len(table) == len(CLAIMS)
    assert table.set_index("id").loc["C2", "status"] == "reproduced"
    assert (table["status"] == "not_checked").sum() == len(CLAIMS) - 1
    with pytest.raises(ValueError, match="twice"):
        assemble_claims([part, part])


def test_dephasing_root_is_a_root():
    opts = OptimizerOptions()
    g = dephasing_tolerated(0.85, 30.0, 0.0, opts)
    assert float(xi_optimal(30.0, g, 0.0, opts).xi_opt) == pytest.approx(0.85, abs=1e-9)


def test_two_level_claims_rows():
    section = CONFIG["two_level"]
    claims = {**section["claims"], "optical_depth": section["optical_depth"]}
    table = two_level_claims(claims, OptimizerOptions(**section["optimizer"])).set_index("id")
    assert list(table.index) == ["C1", "C2", "C3", "C4", "C13"]
    assert set(table["status"]) <= {"reproduced", "differs"}
    # the numbers behind C1 and C2 (paper: 20 and 37, whole units of Gamma)
    assert float(table.loc["C1", "reproduced_value"]) == pytest.approx(20.0, abs=0.5)
    assert float(table.loc["C2", "reproduced_value"]) == pytest.approx(37.0, abs=0.5)
    assert float(table.loc["C3", "reproduced_value"]) < 0


def test_series_claim_against_the_function_itself():
    """C16's coefficients against direct evaluation of the App. B.2 bracket at small x."""
    import numpy as np

    from dissipative_entanglement.paper.exact_claims import series_claim

    row = series_claim()
    assert row["status"] == "reproduced" and "(2/3) r^2 + (-11/45)" in row["reproduced_value"]
    x = np.array([1e-2, 2e-2])
    f = (np.sin(x) / x) * (np.sin(x) / x + np.cos(x) / x**2 - np.sin(x) / x**3)
    # next term 11 x^4/315: at x = 0.02 about 5.6e-9; cancellation in f costs ~eps/x^3 ~ 3e-11
    np.testing.assert_allclose(f, 2 / 3 - 11 * x**2 / 45, rtol=0, atol=1e-8)


def test_claims_html_holds_every_row_escaped_and_deterministic():
    from dissipative_entanglement.paper.claims import COLUMNS, claims_html

    table = pd.DataFrame(
        [
            dict.fromkeys(COLUMNS, "x") | {"id": "C1", "status": "reproduced", "note": "a < b & c"},
            dict.fromkeys(COLUMNS, "y") | {"id": "C2", "status": "differs"},
        ]
    )
    page = claims_html(table)
    assert page == claims_html(table)
    assert page.count("<tr id=") == 2 and '<tr id="C2">' in page
    assert "a &lt; b &amp; c" in page and "a < b & c" not in page
    assert page.count('class="status"') == 2
