"""Property tests: whatever a user types as a SPEC, the parser answers or raises a PybridgeError."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pybridge.errors import PybridgeError
from pybridge.knots import parse_spec

prefixes = st.sampled_from(["", "braid:", "braid:3:", "pd:", "dt:", "@", "K", "L", "8_", "pd:[[", "braid:["])
garbage = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
structured = st.builds(
    lambda p, body: p + body,
    prefixes,
    st.one_of(
        garbage,
        st.lists(st.integers(-12, 12), max_size=12).map(lambda xs: ",".join(map(str, xs))),
        st.lists(st.lists(st.integers(-2, 9), min_size=0, max_size=5), max_size=6).map(str),
    ),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(garbage, structured))
def test_parser_only_raises_pybridge_errors(spec):
    try:
        knot = parse_spec(spec)
    except PybridgeError as exc:
        assert str(exc)  # a message naming the problem
    else:
        assert knot.components >= 1
