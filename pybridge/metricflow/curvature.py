"""Batched curvature of metrics given as jets (torch), same conventions as :mod:`.geometry`.

A *jet* of a metric at P points is (g, dg, ddg) with shapes (P,n,n), (P,n,n,n), (P,n,n,n,n):
``dg[p,i,j,k] = ∂_k g_ij`` and ``ddg[p,i,j,k,l] = ∂_k∂_l g_ij`` in chart coordinates. Everything is
differentiable, so curvature losses can be trained with autograd.
"""

from __future__ import annotations

import torch


def jet(fn, u: torch.Tensor):
    """Values, first and second coordinate derivatives of a pointwise map ``fn``: (P,n) -> (P,n,n).

    ``fn`` must act on each point independently (true for the metric networks), so the derivative of
    the sum over points is the per-point derivative. The graph is kept (``create_graph=True``)."""
    u = u.detach().clone().requires_grad_(True)
    g = fn(u)
    n = u.shape[1]
    dg = torch.zeros(*g.shape, n, dtype=g.dtype)
    ddg = torch.zeros(*g.shape, n, n, dtype=g.dtype)
    for i in range(n):
        for j in range(i, n):
            (d,) = torch.autograd.grad(g[:, i, j].sum(), u, create_graph=True)
            dg[:, i, j] = dg[:, j, i] = d
            for k in range(n):
                (dd,) = torch.autograd.grad(d[:, k].sum(), u, create_graph=True)
                ddg[:, i, j, k] = ddg[:, j, i, k] = dd
    return g, dg, ddg


def christoffel(g, dg):
    """Γ^k_ij = ½ g^kl (∂_i g_lj + ∂_j g_li − ∂_l g_ij), shape (P,k,i,j); also returns g^-1."""
    gi = torch.linalg.inv(g)
    return torch.einsum("pkl,plij->pkij", gi, _lower(dg)), gi


def _lower(dg):
    """Γ_lij = ½(∂_i g_lj + ∂_j g_li − ∂_l g_ij) as [p,l,i,j] (trailing derivative axes carried)."""
    rest = tuple(range(4, dg.dim()))
    return 0.5 * (dg.permute(0, 1, 3, 2, *rest) + dg - dg.permute(0, 3, 1, 2, *rest))


def christoffel_derivative(g, dg, ddg, gi):
    """∂_m Γ^k_ij, shape (P,k,i,j,m)."""
    lower, d_lower = _lower(dg), _lower(ddg)
    d_gi = -torch.einsum("pka,pabm,pbl->pklm", gi, dg, gi)
    return torch.einsum("pklm,plij->pkijm", d_gi, lower) + torch.einsum("pkl,plijm->pkijm", gi, d_lower)


def ricci(g, dg, ddg):
    """R_jk = ∂_i Γ^i_jk − ∂_k Γ^i_ji + Γ^i_ip Γ^p_jk − Γ^i_kp Γ^p_ji, shape (P,n,n)."""
    gamma, gi = christoffel(g, dg)
    d_gamma = christoffel_derivative(g, dg, ddg, gi)
    term1 = torch.einsum("pijki->pjk", d_gamma)
    term2 = torch.einsum("pijik->pjk", d_gamma)
    term3 = torch.einsum("piiq,pqjk->pjk", gamma, gamma)
    term4 = torch.einsum("pikq,pqji->pjk", gamma, gamma)
    return term1 - term2 + term3 - term4


def scalar(g, ric):
    """R = g^ij R_ij."""
    return torch.einsum("pij,pij->p", torch.linalg.inv(g), ric)


def ricci_norm2(g, ric):
    """|Ric|² = g^ia g^jb R_ij R_ab."""
    gi = torch.linalg.inv(g)
    return torch.einsum("pia,pjb,pij,pab->p", gi, gi, ric, ric)


def sqrt_det(g):
    """√det g, the volume density."""
    return torch.sqrt(torch.linalg.det(g))
