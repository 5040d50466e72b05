"""Neumann's moves on plumbing forests: round trips, exact preconditions, canonical forms, invariants."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from pybridge.plumbing.canonical import canonical_form, isomorphism
from pybridge.plumbing.graph import (PlumbingGraphError, from_document, make_graph, parse_inline, random_tree,
                                     to_document)
from pybridge.plumbing.invariants import determinant, distinguishing_invariant, h1_invariant_factors, signature
from pybridge.plumbing.moves import IllegalPlumbingMove, apply_move, inverse_move, reducing_moves
from pybridge.plumbing.scramble import random_move, scramble

#    0(-2) - 1(1) - 2(-3)
#            |
#            3(0) - 4(-2)      plus an isolated vertex 5(-1)
G = make_graph({0: -2, 1: 1, 2: -3, 3: 0, 4: -2, 5: -1}, [(0, 1), (1, 2), (1, 3), (3, 4)])
STAR = make_graph({0: 0, 1: -2, 2: -3, 3: -4, 4: 2}, [(0, 1), (0, 2), (1, 3), (2, 4)])

ROUND_TRIPS = [
    (G, ("blowup_leaf", 2, 1)),
    (G, ("blowup_leaf", 5, -1)),
    (G, ("blowup_edge", 0, 1, -1)),
    (G, ("blowup_point", 1)),
    (G, ("blowdown_point", 5)),
    (G, ("split", 1, 4, 0, 3)),
    (G, ("split", 4, -2)),
    (make_graph({0: -2, 1: 1}, [(0, 1)]), ("blowdown_leaf", 1)),
    (make_graph({0: -2, 1: -1, 2: -3}, [(0, 1), (1, 2)]), ("blowdown_edge", 1)),
    (STAR, ("absorb", 0)),
]


@pytest.mark.parametrize("graph,move", ROUND_TRIPS, ids=lambda x: str(x[0]) if isinstance(x, tuple) else "")
def test_move_then_inverse_returns_an_isomorphic_graph(graph, move):
    after = apply_move(graph, move)
    assert canonical_form(after) != canonical_form(graph)
    back = apply_move(after, inverse_move(graph, move, after))
    assert canonical_form(back) == canonical_form(graph)
    assert isomorphism(back, graph) is not None


def test_exact_effects_of_each_move():
    assert to_document(apply_move(G, ("blowup_leaf", 2, 1))) == {
        "vertices": [[0, -2], [1, 1], [2, -2], [3, 0], [4, -2], [5, -1], [6, 1]],
        "edges": [[0, 1], [1, 2], [1, 3], [2, 6], [3, 4]]}
    chain = make_graph({0: -2, 1: -1, 2: -3}, [(0, 1), (1, 2)])
    assert to_document(apply_move(chain, ("blowdown_edge", 1))) == {"vertices": [[0, -1], [2, -2]], "edges": [[0, 2]]}
    assert to_document(apply_move(STAR, ("absorb", 0))) == {"vertices": [[1, -5], [3, -4], [4, 2]],
                                                             "edges": [[1, 3], [1, 4]]}
    split = to_document(apply_move(G, ("split", 1, 4, 0, 3)))
    assert split["vertices"][1] == [1, -3] and [6, 4] in split["vertices"] and [7, 0] in split["vertices"]
    assert sorted(split["edges"]) == [[0, 6], [1, 2], [1, 7], [3, 4], [3, 6], [6, 7]]


def test_random_scrambles_round_trip_move_by_move():
    rng = random.Random(7)
    for _ in range(30):
        graph = random_tree(rng.randint(1, 12), rng)
        for _ in range(15):
            move = random_move(graph, rng)
            after = apply_move(graph, move)
            back = apply_move(after, inverse_move(graph, move, after))
            assert canonical_form(back) == canonical_form(graph), move
            assert nx.is_forest(after) or after.number_of_nodes() == 0
            graph = after


ILLEGAL = [
    (("blowdown_leaf", 0), "weight -2, not ±1"),
    (("blowdown_leaf", 1), "degree 3, not 1"),
    (("blowdown_edge", 5), "degree 0, not 2"),
    (("blowdown_point", 9), "does not exist"),
    (("blowup_leaf", 2, 2), "sign must be 1 or -1"),
    (("blowup_edge", 0, 2, 1), "no edge 0-2"),
    (("absorb", 1), "weight 1, not 0"),
    (("absorb", 3), "degree 1, not 2"),
    (("split", 1, 0, 3, 0), "strictly increasing"),
    (("split", 1, 0, 4), "not a neighbour"),
    (("twist", 1), "unknown move"),
    (("blowup_leaf", 1), "takes 2 argument"),
]


@pytest.mark.parametrize("move,message", ILLEGAL, ids=lambda x: str(x))
def test_illegal_moves_are_rejected_with_a_message(move, message):
    g = G
    if move == ("absorb", 3):  # make 3 a 0-vertex of degree 1
        g = make_graph({0: -2, 3: 0}, [(0, 3)])
    with pytest.raises(IllegalPlumbingMove, match=message.replace("(", r"\(")):
        apply_move(g, move)


def test_reducing_moves_list_every_candidate():
    assert sorted(reducing_moves(G)) == [("absorb", 3), ("blowdown_point", 5)]
    assert sorted(reducing_moves(make_graph({0: 1, 1: 0, 2: -1}, [(0, 1), (1, 2)]))) == [
        ("absorb", 1), ("blowdown_leaf", 0), ("blowdown_leaf", 2)]


def test_canonical_form_is_a_complete_isomorphism_invariant():
    relabelled = nx.relabel_nodes(G, {0: 10, 1: 3, 2: 7, 3: 1, 4: 0, 5: 2})
    assert canonical_form(relabelled) == canonical_form(G)
    mapping = isomorphism(relabelled, G)
    assert all(relabelled.nodes[x]["weight"] == G.nodes[y]["weight"] for x, y in mapping.items())
    other = G.copy()
    other.nodes[4]["weight"] = -3
    assert canonical_form(other) != canonical_form(G) and isomorphism(other, G) is None
    # same degree sequence and weights, different trees
    a = parse_inline("g:-2,-2,-2,-2,-2/0-1,1-2,2-3,1-4")
    b = parse_inline("g:-2,-2,-2,-2,-2/0-1,1-2,2-3,2-4")
    c = parse_inline("g:-2,-2,-2,-2,-2/0-1,1-2,2-3,3-4")
    assert len({canonical_form(a), canonical_form(b), canonical_form(c)}) == 2  # a ≅ b (mirror), c a chain


@pytest.mark.parametrize("text,message", [
    ("g:-2,-2,-2/0-1,1-2,2-0", "not a forest"),
    ("g:-2,-2/0-1,1-0", "listed twice"),
    ("g:-2/0-0", "loop"),
    ("g:-2,-2/0-5", "names vertex 5"),
    ("g:-2,x", "expected WEIGHTS"),
])
def test_bad_graphs_are_refused_with_the_reason(text, message):
    with pytest.raises(PlumbingGraphError, match=message):
        parse_inline(text)


def test_document_form_round_trips_and_names_bad_fields():
    assert canonical_form(from_document(to_document(G))) == canonical_form(G)
    with pytest.raises(PlumbingGraphError, match=r"g.vertices\[1\] weight"):
        from_document({"vertices": [[0, 1], [1, 2.5]], "edges": []}, "g")
    with pytest.raises(PlumbingGraphError, match="id 0 is listed twice"):
        from_document({"vertices": [[0, 1], [0, 2]], "edges": []})


def test_h1_and_determinant_are_move_invariants_and_the_signature_is_not():
    rng = random.Random(3)
    changed = 0
    for _ in range(12):
        a = random_tree(rng.randint(1, 8), rng)
        b, moves = scramble(a, 12, rng)
        assert abs(determinant(a)) == abs(determinant(b))
        assert h1_invariant_factors(a) == h1_invariant_factors(b)
        assert distinguishing_invariant(a, b) is None
        changed += signature(a) != signature(b)
    assert changed > 0  # blow-ups shift the signature of the 4-manifold
    leaf = make_graph({0: -3}, [])
    assert signature(apply_move(leaf, ("blowup_leaf", 0, 1))) == signature(leaf) + 1
    assert signature(apply_move(STAR, ("absorb", 0))) == signature(STAR)


def test_lens_space_invariants():
    assert abs(determinant(parse_inline("g:-5"))) == 5 and h1_invariant_factors(parse_inline("g:-5")) == [5]
    assert determinant(parse_inline("g:0")) == 0 and h1_invariant_factors(parse_inline("g:0")) == [0]
    assert determinant(parse_inline("g:/")) == 1  # the empty graph is S^3
    reason = distinguishing_invariant(parse_inline("g:-5"), parse_inline("g:-2,-2/0-1"))
    assert "|det Q| differs: 5 vs 3" in reason
