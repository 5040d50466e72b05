"""Drawing knot diagrams and certificate movies (``pybridge draw``), headless.

* :mod:`.embedding` — a planar embedding of a PD code's 4-valent graph by circle packing;
* :mod:`.strands` — smooth strands through the embedding, cut at under-crossings, with arrows;
* :mod:`.render` — SVG (written directly) and PNG (matplotlib's Agg backend), no Tk and no display;
* :mod:`.diagram` — PD code to picture file in one call; :mod:`.closure` — braid closures as PD codes;
* :mod:`.movie` — a certificate replayed by the trusted checker, one frame per band move;
* :mod:`.commands` — the ``pybridge draw`` command.
"""
