"""Where the off-resonant probe model holds for the paper's Cs-133 D2 probe: line positions,
margins, real (mu, nu)."""

import numpy as np
import pytest

from dissipative_entanglement.multilevel import probe_validity as pv

CS = {"species": "Cs133", "line": "D2"}


def probe_lines_MHz(reference):
    return pv.probe_lines_MHz(reference, **CS)


def probe_detuning_problems(*args, **kwargs):
    return pv.probe_detuning_problems(*args, **CS, **kwargs)


def allowed_detuning_intervals_MHz(*args, **kwargs):
    return pv.allowed_detuning_intervals_MHz(*args, **CS, **kwargs)


# Steck, Cesium D Line Data: 6S1/2 splitting 9192.631770 MHz; 6P3/2 intervals
# F'=5-4: 251.0916, 4-3: 201.2871, 3-2: 151.2247 MHz. Typed here, not taken from the code.
GROUND = 9192.631770
F5_F4, F4_F3, F3_F2 = 251.0916, 201.2871, 151.2247


def test_line_positions_from_the_hyperfine_intervals():
    """Resonances of the probe, counted from F=4 -> F'=5, built from Steck's intervals."""
    expected = {
        (4, 5): 0.0,
        (4, 4): -F5_F4,
        (4, 3): -F5_F4 - F4_F3,
        (3, 4): GROUND - F5_F4,
        (3, 3): GROUND - F5_F4 - F4_F3,
        (3, 2): GROUND - F5_F4 - F4_F3 - F3_F2,
    }
    lines = probe_lines_MHz("F5")
    assert set(lines) == set(expected)  # only |F - F'| <= 1: no F=4 -> F'=2, F=3 -> F'=5
    for line, position in expected.items():
        assert lines[line] == pytest.approx(position, abs=1e-3), line


def test_reference_line_shifts_every_position():
    """Counting from F=4 -> F'=2 moves every line by the F'=5 - F'=2 distance."""
    shift = F5_F4 + F4_F3 + F3_F2
    f5, f2 = probe_lines_MHz("F5"), probe_lines_MHz("F2")
    for line in f5:
        assert f2[line] == pytest.approx(f5[line] + shift, abs=1e-3)


@pytest.mark.parametrize("line", [(4, 5), (4, 4), (4, 3), (3, 4), (3, 3), (3, 2)])
def test_margin_is_inclusive_and_sharp(line):
    """A detuning at distance <= margin from a line is refused, just beyond it is not
    (unless the other rule, real (mu, nu), refuses it: checked with both polarizations)."""
    margin = 40.0
    position = probe_lines_MHz("F5")[line]
    label = f"F={line[0]} -> F'={line[1]}"
    for pol in ("y", "x"):
        reasons = probe_detuning_problems(
            [position, position - margin, position + margin], pol, "F5", margin
        )
        assert all(label in r for r in reasons), reasons
    outside = [position - margin - 0.01, position + margin + 0.01]
    near = [probe_detuning_problems(outside, pol, "F5", margin) for pol in ("y", "x")]
    assert not any(label in r for rs in near for r in rs)


def test_zero_margin_refuses_only_the_exact_resonance():
    assert probe_detuning_problems([0.0], "y", "F5", 0.0)[0].startswith("within 0 MHz")
    assert probe_detuning_problems([1e-6], "y", "F5", 0.0)[0] == ""


def test_polarization_and_side_sec_iv_1():
    """Sec. IV.1: y light goes with blue detuning, x light with red. Far from the lines
    only that side has |mu| > |nu| (real mu, nu); the other side is refused."""
    far = [-20000.0, 20000.0]
    y, x = (probe_detuning_problems(far, pol, "F5", 375.0) for pol in ("y", "x"))
    assert y[1] == "" and "no real (mu, nu)" in y[0]
    assert x[0] == "" and "no real (mu, nu)" in x[1]


def test_paper_operating_points_are_allowed():
    """+700 MHz (y) from F'=5 (Fig. 7) and -700 MHz (x) from F'=2 (the red variant)."""
    assert probe_detuning_problems([700.0], "y", "F5", 375.0)[0] == ""
    assert probe_detuning_problems([-700.0], "x", "F2", 375.0)[0] == ""


@pytest.mark.parametrize("pol", ["y", "x"])
def test_allowed_intervals_agree_with_the_pointwise_rule(pol):
    """Each interval's edges: allowed just inside, refused just outside (grid 0.25 MHz)."""
    margin = 375.0
    intervals = allowed_detuning_intervals_MHz(pol, "F5", margin)
    assert intervals
    for low, high in intervals:
        inside = [v for v in (low, high) if np.isfinite(v)]
        outside = [low - 0.25] if np.isfinite(low) else []
        outside += [high + 0.25] if np.isfinite(high) else []
        assert (probe_detuning_problems(inside, pol, "F5", margin) == "").all()
        assert (probe_detuning_problems(outside, pol, "F5", margin) != "").all()
    # every line, widened by the margin, lies outside every interval
    for position in probe_lines_MHz("F5").values():
        for low, high in intervals:
            assert position + margin < low or position - margin > high
