"""The canonical problem with scipy.integrate.solve_ivp (RK45 = Dormand-Prince 5(4), the method of
the reentry solver; DOP853 for the tight reference solution).

Events: demise (m = 1e-3 m0), ground (h = 0) and the melt switch (T rising through T_m: the
integration stops there, T is set to T_m exactly and it restarts, as the solver clamps T)."""

import math
import time

from scipy.integrate import solve_ivp

from . import model as M

MAX_TIME_S = 3000.0


def _demise(t, y):
    return y[6] - M.DEMISE_FRACTION * M.MASS0


_demise.terminal = True
_demise.direction = -1


def _ground(t, y):
    return M.geodetic(y[0], y[1], y[2])[2]


_ground.terminal = True
_ground.direction = -1


def _melt(t, y):
    return y[7] - M.T_MELT


_melt.terminal = True
_melt.direction = 1


def _net_heat(t, y):
    """Q_net (W): while melting at T_m, its fall through 0 ends the melting phase."""
    x, yy, z, vx, vy, vz, m, temp = y
    return M.rhs(t, y)[6] * -M.H_FUSION if temp >= M.T_MELT else -1.0


_net_heat.terminal = True
_net_heat.direction = -1


def solve(method="RK45", rtol=1e-8, absolute_position_m=1e-3):
    """Integrates to demise or ground (phases: heating, then melting at T_m until Q_net < 0). Returns (fate, t_end, y_end, rhs evaluations, min speed)."""
    atol = M.absolute_tolerances(absolute_position_m)
    t, y = 0.0, M.initial_state()
    nfev = 0
    min_speed = math.inf
    melting = False
    while True:
        switch = _net_heat if melting else _melt
        sol = solve_ivp(M.rhs, (t, MAX_TIME_S), y, method=method, rtol=rtol, atol=atol,
                        events=[_demise, _ground, switch])
        nfev += sol.nfev
        min_speed = min(min_speed, min(math.sqrt(sum(sol.y[i][k] ** 2 for i in (3, 4, 5)))
                                       for k in range(sol.y.shape[1])))
        if sol.status != 1:
            return "time-limit", sol.t[-1], list(sol.y[:, -1]), nfev, min_speed
        if len(sol.t_events[0]):
            return "demised", sol.t_events[0][0], list(sol.y_events[0][0]), nfev, min_speed
        if len(sol.t_events[1]):
            return "landed", sol.t_events[1][0], list(sol.y_events[1][0]), nfev, min_speed
        t = sol.t_events[2][0]
        y = list(sol.y_events[2][0])
        if not melting:
            y[7] = M.T_MELT
        melting = not melting


def timed(repeats=3, **kwargs):
    """Best wall time (s) of one trajectory over `repeats` runs, and the last result."""
    best, result = math.inf, None
    for _ in range(repeats):
        start = time.perf_counter()
        result = solve(**kwargs)
        best = min(best, time.perf_counter() - start)
    return best, result
