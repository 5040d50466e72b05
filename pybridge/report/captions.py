"""What each plot of the report measured: one caption per plot file the steps of ``pybridge run`` write.

The HTML report (and ``summary.md``) print these under the figures. A plot without an entry here gets a
caption that says so, and ``tests/test_report_render.py`` fails on it: add the entry when adding a plot.
"""

from __future__ import annotations

from pathlib import PurePosixPath

CAPTIONS = {
    "kernels.png": "Checking time per certificate (seconds, log scale) of each kernel — the Python trusted "
                   "checker, Coq and Lean where installed — as recorded in this run's ledger; the x axis names "
                   "certificates by the first 8 hex digits of their SHA-256.",
    "g2_vs_separation.png": "NN field theory: the two-point function G2(r) against the input separation r, one "
                            "panel per architecture; line: exact (sympy) value, points: Monte-Carlo mean over the "
                            "network ensemble with ±4 standard errors.",
    "g4c_vs_width.png": "NN field theory: |G4c|, the connected four-point function of the cos-net, against the "
                        "width N (log–log); points: Monte-Carlo ± one standard error, line: the exact 1/N value. "
                        "The fitted slope (target −1) is in the title.",
    "phi4.png": "NN field theory: the shift ΔG4c of the connected four-point function under a φ⁴ deformation of "
                "coupling λ, Monte-Carlo by reweighting (± SE) against the first-order prediction −λ∫ΠG2.",
    "sphere_flow.png": "Metric flows on the round S²: the squared radius r² against flow time t for the "
                       "neural-network flow (L = −2F/Ω), points, and exact Ricci flow, line.",
    "ntk_width.png": "Metric flows: relative error ‖Δg_real − Δg_NTK‖/‖Δg_real‖ between the realised metric update "
                     "and the neural-tangent-kernel prediction, against the network width N (log–log, ∫|Ric|² on T²).",
    "torus_flow.png": "Metric flows on a perturbed flat T²: the perturbation amplitude RMS(u − ū)/RMS(u₀ − ū₀) "
                      "against flow time t for the grid flow, the linearised flow and the neural-network flows.",
    "cy_sigma.png": "Calabi–Yau (Monge–Ampère) training on a flat torus: the σ accuracy measure on fresh sample "
                    "points after each L-BFGS pass (log scale), with the 10⁻³ target.",
    "ntk_locality.png": "Neural tangent kernel locality: left, the normalised kernel profile Θ(x₀, x₀+s·e₁)/Θ(x₀, x₀) "
                        "against the distance s for several frequency cutoffs; right, locality and frozen-ness "
                        "of the kernel against the width N.",
    "saliency.png": "Conjecture generation: gradient saliency (normalised mean |∂L/∂x_i|, Davies et al. eq. 1) "
                    "of each hyperbolic invariant for predicting the signature, over the KnotInfo knots used.",
    "signature_vs_slope.png": "Conjecture generation: the signature σ of each KnotInfo knot against its cusp slope "
                              "Re(longitude/meridian), with the line σ = slope/2.",
    "bound_ratio.png": "Conjecture generation: distribution of |2σ − slope|·inj³/vol over the KnotInfo knots "
                       "(training) and the random held-out knots; the red line is the exported constant c.",
}

MOVIE_CAPTION = ("Ribbon movie of {label}: the input diagram; for each band move the diagram with the band drawn "
                 "in orange across its face (braids: the smoothed crossing ringed) and the diagram after it (the "
                 "band's two sides in magenta); {every} and the final unlink ({frames} "
                 "frames), replayed by the trusted checker's move functions (pybridge draw --movie).")
UNKNOTTING_MOVIE_CAPTION = ("Unknotting movie of {label}: the input diagram, each crossing change before and after "
                            "(the crossing ringed in orange), {every} and the final circle "
                            "({frames} frames), replayed by the trusted checker's move functions.")
DIAGRAM_CAPTION = "Input diagram {label}: {crossings} crossings, {components} component(s) (pybridge draw)."


def caption_for(relative: str, captions: dict[str, str] | None = None) -> str:
    """The caption of the plot at ``relative`` (a path inside the report directory): a section's own
    caption first, then :data:`CAPTIONS` by file name."""
    if captions and relative in captions:
        return captions[relative]
    return CAPTIONS.get(PurePosixPath(relative).name, f"{relative}: no caption registered (report/captions.py)")


def every_kth(every: int) -> str:
    """``'every isotopy step'``, ``'every 2nd isotopy step'``, ..., or ``'no isotopy step'`` for 0."""
    if every <= 0:
        return "no isotopy step"
    if every == 1:
        return "every isotopy step"
    suffix = "th" if 10 <= every % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(every % 10, "th")
    return f"every {every}{suffix} isotopy step"
