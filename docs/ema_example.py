"""The EMA Workbench on netsustain, end to end: levers x uncertainties on a process pool.

Run it with ``python docs/ema_example.py`` (needs ``pip install netsustain[ema]``). It samples
16 uncertainty draws from the plausible ranges and 4 policies (seed 2013), runs each of the 64
experiments twice on seeds spawned from seed 1 (common to every experiment), on 2 processes, and
prints the mean share of networks alive 24 months after the funding end per policy.
"""

import numpy as np
from ema_workbench import MultiprocessingEvaluator, perform_experiments

from experiments.ema import ema_model

if __name__ == "__main__":  # the pool's processes import this file without running it
    model = ema_model(replicates=2, seed=1)  # replicate seeds: model.replications
    np.random.seed(2013)  # EMA's samplers draw from numpy's global generator
    with MultiprocessingEvaluator(model, n_processes=2) as evaluator:
        experiments, outcomes = perform_experiments(
            model, scenarios=16, policies=4, evaluator=evaluator
        )
    experiments["survival_24"] = outcomes["survival_24"]
    print(experiments.groupby("policy")["survival_24"].mean().round(3).to_string())
