"""The one way the tool makes a HiGHS solver, for every integer programme it solves: the portfolio under a binding
budget (engine/portfolio.py), the phased roadmap (engine/roadmap.py) and the audit's minimum cover (audit/cover.py).

highspy is imported here, and only when a programme is solved: plain `plan` never loads it (tests/test_imports.py).
"""

from __future__ import annotations

BLAS_THREADS = ("OPENBLAS_NUM_THREADS",)
"""Read by numpy's OpenBLAS once, when it loads."""


def load_highspy():
    """The highspy module. It imports numpy, whose OpenBLAS starts a thread per core and sizes buffers for
    each as it loads: on two cores `import highspy` took about 300 ms of processor time with them and
    245 ms with one, for nothing, as the programmes built here do no linear algebra in numpy. So one
    thread is asked for while it loads, unless the user chose a number; the environment is restored at
    once, so that child processes see the user's own."""
    import sys

    if "highspy" in sys.modules:
        return sys.modules["highspy"]
    import os

    saved = {name: os.environ.get(name) for name in BLAS_THREADS}
    for name, value in saved.items():
        if value is None and "numpy" not in sys.modules:
            os.environ[name] = "1"
    try:
        import highspy
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
    return highspy


def new_highs(time_limit: float, *, mip_abs_gap: float = 1e-9, maximize: bool = False):
    """A silent `highspy.Highs` set up as every solve of the tool is: one thread, a fixed random seed (the same
    input gives the same answer), no relative gap (an optimum is proven to `mip_abs_gap`), `time_limit` seconds.

    One thread always: HiGHS keeps one thread scheduler per process, sized by the first solve, and a later solve
    asking for another number of threads fails ("Not Set"), as a roadmap after the audit's cover once did
    (tests/audit/test_cover.py).

    HiGHS prints its banner from C++ while it is constructed, before any option can silence it, so standard
    output is pointed at the null device for that moment: stdout may be the JSON the user asked for (the
    command's own output is written later, in one piece)."""
    import os
    import sys

    highspy = load_highspy()
    sys.stdout.flush()
    saved, null = os.dup(1), os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 1)
        highs = highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(null)
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("threads", 1)
    highs.setOptionValue("random_seed", 0)
    highs.setOptionValue("time_limit", float(time_limit))
    highs.setOptionValue("mip_rel_gap", 0.0)
    highs.setOptionValue("mip_abs_gap", float(mip_abs_gap))
    if maximize:
        highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
    return highs
