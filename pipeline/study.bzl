"""The study grid as Bazel targets: one macro expands datasets x architectures x methods x factors x
seeds into train, compress and evaluate actions, and one aggregate over all their records.

Target names read as the cell they compute: <study>_<dataset>_<arch>_s<seed>_<method>_c<1/factor>.
Pruning methods form one chain per (dataset, arch, seed, method): the model at factor 1/2^k is pruned
from the one at 1/2^(k-1) and retrained (iterative halving), so every factor is one cached action and
editing one method's code reruns only that method's chain.
"""

load("//pipeline:stages.bzl", "nnc_aggregate", "nnc_compress", "nnc_evaluate", "nnc_train")

# Which baseline each pruning method starts from (Baktash et al. 2019 train with L1 or L2, then prune).
PRUNING_BASELINE = {
    "mag_l1": "l1",
    "mag_l2": "l2",
    "obd": "l2",
    "random": "l2",
}

# The compress binary of each pruning method: it links only that method (pipeline/BUILD), so
# editing one method's code reruns only that method's chain.
COMPRESS_TOOL = {
    "mag_l1": "//pipeline:compress_magnitude",
    "mag_l2": "//pipeline:compress_magnitude",
    "obd": "//pipeline:compress_obd",
    "random": "//pipeline:compress_random",
}

# Methods trained from scratch at the target size, one training action per factor.
FROM_SCRATCH = {
    "nn": "width_factor",
    "hashed": "hashed_factor",
}

def _factor(k):
    """Returns the factor 1/2^k as an exact decimal string ("0.125"): 1/2^k = 5^k / 10^k."""
    if k == 0:
        return "1"
    digits = str(_pow(5, k))
    return "0." + "0" * (k - len(digits)) + digits

def _pow(base, exponent):
    result = 1
    for _ in range(exponent):
        result *= base
    return result

def _evaluate(records, target, dataset, ids, method, factor, model, limit_test):
    nnc_evaluate(
        name = target,
        model = model,
        dataset = dataset,
        ids = dict(ids, method = method, target_factor = factor),
        limit_test = limit_test,
        tags = ["manual"],
    )
    records.append(":" + target)

def _baseline(runs, baselines, cell, dataset, arch, protocol, seed, epochs, regularizer, limit_train):
    """Returns the model label of the cell's baseline with this regulariser, defining it once."""
    if regularizer not in baselines:
        target = "%s_train_%s" % (cell, regularizer)
        nnc_train(
            name = target,
            dataset = dataset,
            arch = arch,
            protocol = protocol,
            regularizer = regularizer,
            seed = seed,
            epochs = epochs,
            tags = ["manual"],
            limit_train = limit_train,
        )
        baselines[regularizer] = ":%s.model" % target
        runs.append(":" + target)
    return baselines[regularizer]

def study(
        name,
        datasets,
        archs,
        methods,
        steps,
        seeds = [1],
        epochs = 0,
        retrain_epochs = -1,
        limit_train = 0,
        limit_test = 0,
        ranking = "global"):
    """Expands the grid and defines `<name>` (the aggregate: results.csv and summary.csv).

    Args:
      name: the study's name, prefix of every target.
      datasets: dataset targets, e.g. ["//data:mnist"].
      archs: dict architecture -> protocol, e.g. {"lenet300": "lenet"}.
      methods: any of dense, nn, hashed, mag_l1, mag_l2, obd, random; a list for every
        architecture, or a dict architecture -> list.
      steps: factors 1/2^1 ... 1/2^steps.
      seeds: one run of every cell per seed.
      epochs: override of the protocol's training epochs (0 = the protocol's).
      retrain_epochs: override of the protocol's retraining epochs (-1 = the protocol's).
      limit_train: cut the train and validation splits (smoke profile); 0 = all.
      limit_test: cut the test split (read by evaluate only); 0 = all.
      ranking: "global" or "layer".
    """
    records = []  # evaluate targets
    runs = []  # train and compress targets
    for dataset in datasets:
        ds = Label(dataset).name
        for arch, protocol in archs.items():
            for seed in seeds:
                cell = "%s_%s_%s_s%d" % (name, ds, arch, seed)
                ids = dict(dataset = ds, arch = arch, protocol = protocol, seed = str(seed))
                baselines = {}
                for method in (methods[arch] if type(methods) == "dict" else methods):
                    if method == "dense":
                        model = _baseline(runs, baselines, cell, dataset, arch, protocol, seed, epochs, "none", limit_train)
                        _evaluate(records, cell + "_dense_c1", dataset, ids, "dense", "1", model, limit_test)
                    elif method in FROM_SCRATCH:
                        for k in range(1, steps + 1):
                            target = "%s_%s_c%d" % (cell, method, 1 << k)
                            nnc_train(
                                name = target + "_train",
                                dataset = dataset,
                                arch = arch,
                                protocol = protocol,
                                seed = seed,
                                epochs = epochs,
                                tags = ["manual"],
                                limit_train = limit_train,
                                **{FROM_SCRATCH[method]: _factor(k)}
                            )
                            model = ":%s_train.model" % target
                            runs.append(":%s_train" % target)
                            _evaluate(records, target, dataset, ids, method, _factor(k), model, limit_test)
                    elif method in PRUNING_BASELINE:
                        regularizer = PRUNING_BASELINE[method]
                        previous = _baseline(runs, baselines, cell, dataset, arch, protocol, seed, epochs, regularizer, limit_train)

                        # The chain starts at its baseline: the method's point at factor 1.
                        _evaluate(records, "%s_%s_c1" % (cell, method), dataset, ids, method, "1", previous, limit_test)
                        for k in range(1, steps + 1):
                            target = "%s_%s_c%d" % (cell, method, 1 << k)
                            nnc_compress(
                                name = target + "_compress",
                                model = previous,
                                dataset = dataset,
                                method = method,
                                tool = COMPRESS_TOOL[method],
                                factor = _factor(k),
                                ranking = ranking,
                                seed = seed,
                                retrain_epochs = retrain_epochs,
                                tags = ["manual"],
                                limit_train = limit_train,
                            )
                            previous = ":%s_compress.model" % target
                            runs.append(":%s_compress" % target)
                            _evaluate(records, target, dataset, ids, method, _factor(k), previous, limit_test)
                    else:
                        fail("study %s: unknown method '%s'" % (name, method))

    # Manual: `bazel test //...` must not train the grid; profiles are built by name.
    nnc_aggregate(name = name, records = records, tags = ["manual"])

    # Every run of the study (models, logs, records, timings), for the report.
    native.filegroup(name = name + "_runs", srcs = runs + records, tags = ["manual"])
