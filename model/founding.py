"""Phase 3 of a month: facilitators with free hours found networks.

The format follows their partner's format mix (seed l.57-58: "I have tried to make networks with
different themes"; docs/odd.md, submodel "Founding").
"""

from __future__ import annotations

import numpy as np

from model import formats, rules
from model.jit import njit
from model.state import HOSTED, SECTORS


@njit
def found_networks(s, p, rng, t, running, planned_hours):
    """Active facilitators at paying, engaged partners found networks where their hours allow.

    Each tries with ``founding_rate``; the format is drawn from its partner's mix, and the network
    is founded if the hours it needs at half its capacity (``planned_hours``) fit the
    facilitator's free hours. A share ``infiltration_share`` is built inside an existing company
    network of the partner's region, a sector drawn at random (seed l.41-44).
    """
    st, n = s.staff, s.networks
    active = np.empty(st.size, np.int64)
    k = 0
    for i in range(st.size):
        k_p = st.partner[i]
        if st.active[i] and running[k_p] and s.partners.engaged[k_p]:
            active[k] = i
            k += 1
    if k == 0:
        return
    u = rules.uniforms(rng, k)
    tries = np.empty(k, np.int64)
    n_tries = 0
    for j in range(k):
        if u[j] < p.founding_rate:
            tries[n_tries] = active[j]
            n_tries += 1
    if n_tries == 0:
        return
    v = rules.uniforms(rng, n_tries)
    hosts = np.empty(n_tries, np.int64)
    fmts = np.empty(n_tries, np.int64)
    m = 0
    for j in range(n_tries):
        cdf = s.partners[st.partner[tries[j]]].mix_cdf
        fmt = 0
        for f in range(formats.N_FORMATS):
            fmt += v[j] > cdf[f]
        fmt = min(fmt, formats.N_FORMATS - 1)
        if st.free_hours[tries[j]] >= planned_hours[fmt]:
            hosts[m] = tries[j]
            fmts[m] = fmt
            m += 1
    if m == 0:
        return
    topics = rules.whole_numbers(rng, p.n_topics, m)
    inside = rules.uniforms(rng, m)
    sector = rules.whole_numbers(rng, len(SECTORS), m)
    first = s.tally[0].networks
    for j in range(m):
        h, fmt, i = hosts[j], fmts[j], first + j
        st.free_hours[h] -= planned_hours[fmt]
        n.format[i] = fmt
        n.partner[i] = st.partner[h]
        n.host[i] = h
        n.first_host[i] = h
        n.host_embeddedness[i] = st.embeddedness[h]
        n.carrier[i] = HOSTED
        n.topic[i] = topics[j]
        group = st.partner[h] * len(SECTORS) + sector[j]
        if inside[j] < p.infiltration_share and s.groups[group].association_count >= p.min_members:
            n.association[i] = group
        n.next_meeting[i] = t + min(formats.INTERVAL[fmt], 3)
        n.alive[i] = True
        n.founded[i] = t
        n.expected_share[i] = 1.0
        n.fit_share[i] = min(1.0, st.listening[h] * p.agenda_items / p.n_topics * 2)
    s.tally[0].networks = first + m
