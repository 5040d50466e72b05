"""What an accepted certificate proves, in the words of a textbook.

:func:`statement` turns a certificate (already accepted by a checker) into the sentence a reader can
quote: the relation of the specification that the kernels prove (``coq/theories/*Spec.v``), and the
classical theorem that turns it into a statement about knots or 3-manifolds. The trusted base is
named each time: the Coq kernel with ``vm_compute``, and the theorems of Markov (braids),
Reidemeister (diagrams), the ribbon-disc argument (bands) and Neumann (plumbing).

``provenance.source`` is a label written by whoever made the file; no kernel checks it, and the
sentence says so.

>>> from pybridge.certs.model import Certificate
>>> cert = Certificate.create("unknot", "braid", {"strands": 2, "word": [1]}, {"components": 1},
...                           [["destabilize"]], {"source": "example"})
>>> print(statement(cert).splitlines()[0])
The closure of the braid σ1 on 2 strands is Markov-equivalent to the trivial braid on 1 strand (Coq: check_spec_unknot); by Markov's theorem it is the unknot.
"""

from __future__ import annotations

from .model import Certificate

#: the Coq theorem that states each claim in specification terms (``coq/theories``)
SPEC_THEOREM = {
    ("braid", "unknot"): "check_spec_unknot",
    ("braid", "unlink"): "check_spec_unlink",
    ("braid", "ribbon"): "check_spec_ribbon",
    ("pd", "unknot"): "pd_spec_unknot",
    ("pd", "unlink"): "pd_spec_unlink",
    ("pd", "ribbon"): "pd_ribbon_movie",
    ("pd", "unknotting"): "unknotting_spec_sound",
    ("plumbing", "plumbing-equivalence"): "check_plumbing_spec",
}
SUPERSCRIPT_MINUS_ONE = "⁻¹"
MAX_LETTERS = 24


def braid_word(word: list[int]) -> str:
    """``[-2, 1]`` as ``σ2⁻¹σ1`` (shortened after :data:`MAX_LETTERS` letters)."""
    letters = [f"σ{abs(g)}{SUPERSCRIPT_MINUS_ONE if g < 0 else ''}" for g in word[:MAX_LETTERS]]
    if len(word) > MAX_LETTERS:
        letters.append(f"… ({len(word)} letters)")
    return "".join(letters) or "1 (the empty word)"


def _braid(cert: Certificate, theorem: str) -> str:
    beta = f"the braid {braid_word(cert.input['word'])} on {cert.input['strands']} strands"
    if cert.kind == "ribbon":
        b = cert.claim["bands"]
        return (f"The closure of {beta} is a knot (one component), and Markov moves with exactly {b} oriented band "
                f"move(s) (smoothings of one crossing each) take it to the trivial braid on {b + 1} strands "
                f"(Coq: {theorem}); so the {b + 1}-component unlink arises from the knot by {b} band(s), and the knot "
                "bounds a ribbon disc: it is ribbon, hence slice.")
    k = cert.claim["components"]
    if cert.kind == "unknot":
        return (f"The closure of {beta} is Markov-equivalent to the trivial braid on 1 strand (Coq: {theorem}); "
                "by Markov's theorem it is the unknot.")
    return (f"The closure of {beta} is Markov-equivalent to the trivial braid on {k} strands (Coq: {theorem}); "
            f"by Markov's theorem it is the {k}-component unlink.")


def _pd(cert: Certificate, theorem: str) -> str:
    diagram = f"the planar diagram with {len(cert.input['pd'])} crossings"
    if cert.kind == "ribbon":
        b = cert.claim["bands"]
        return (f"{diagram[0].upper()}{diagram[1:]} is a knot (one component: its strands run through every edge, "
                "Coq: strands_connected_components), and Reidemeister moves with exactly "
                f"{b} oriented band move(s) (each a band inside one face joining two edges walked the same way, "
                f"with its full twists) and removals of split unknotted circles take it to a crossing-free unlink of "
                f"{b + 1} components (Coq: {theorem}); so the knot bounds a ribbon disc with {b} band(s): it is "
                "ribbon, hence slice.")
    if cert.kind == "unknotting":
        k = cert.claim["changes"]
        return (f"{diagram[0].upper()}{diagram[1:]} is related by Reidemeister moves R1, R2, R3 and exactly {k} "
                f"crossing change(s) to the crossing-free diagram of one circle (Coq: {theorem}); by Reidemeister's "
                f"theorem the knot K it presents has unknotting number u(K) ≤ {k}.")
    k = cert.claim["components"]
    target = "the unknot" if cert.kind == "unknot" else f"the {k}-component unlink"
    return (f"{diagram[0].upper()}{diagram[1:]} is related by Reidemeister moves R1, R2, R3 to the crossing-free "
            f"diagram of {k} circle(s) (Coq: {theorem}); by Reidemeister's theorem it is {target}. Every move keeps "
            f"the number of components, so the diagram has exactly {k} (Coq: pd_unlink_components).")


def _plumbing(cert: Certificate, theorem: str) -> str:
    a, b = cert.input["a"], cert.input["b"]
    return (f"The weighted plumbing forest A ({len(a['vertices'])} vertices) is carried to one isomorphic to B "
            f"({len(b['vertices'])} vertices) by Neumann's moves (Coq: {theorem}); by Neumann's calculus "
            "(Trans. AMS 268, 1981) the plumbed 3-manifolds are homeomorphic.")


def statement(cert: Certificate) -> str:
    """The sentence an accepted ``cert`` proves, and the label caveat, one per line.

    The first line states the claim in specification terms, naming the Coq soundness theorem and the
    classical theorem that interprets it; the second says that ``provenance.source`` is unchecked.
    """
    theorem = SPEC_THEOREM.get((cert.calculus, cert.kind), "check")
    render = {"braid": _braid, "pd": _pd, "plumbing": _plumbing}[cert.calculus]
    lines = [render(cert, theorem)]
    source = cert.provenance.get("source") if isinstance(cert.provenance, dict) else None
    if source:
        lines.append(f"The label provenance.source = {str(source)[:80]!r} is not checked by any kernel.")
    return "\n".join(lines)
