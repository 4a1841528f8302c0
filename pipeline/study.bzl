"""The study grid as Bazel targets: one macro expands datasets x architectures x methods x factors x
seeds into train, compress and evaluate actions, and one aggregate over all their records. Which
actions a method gets, and which binary runs them, comes from the method table (methods.bzl).

Target names read as the cell they compute: <study>_<dataset>_<arch>_s<seed>_<method>_c<1/factor>
(and ..._<method>_authors_c<1/factor> for the seed paper's schedule).
Pruning methods form one chain per (dataset, arch, seed, method): the model at factor 1/2^k is pruned
from the one at 1/2^(k-1) and retrained (iterative halving), so every factor is one cached action and
editing one method's code reruns only that method's chain. A factor 1/N off the chain (1/10, 1/100)
is one more step from the nearest chain factor above it.
"""

load("//pipeline:methods.bzl", "METHOD", "method_evaluator", "method_tool")
load("//pipeline:stages.bzl", "nnc_aggregate", "nnc_compress", "nnc_evaluate", "nnc_profile", "nnc_speed", "nnc_train")

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

def _denominator(factor):
    """Returns N of a factor written "1/N"."""
    if not factor.startswith("1/") or not factor[2:].isdigit() or int(factor[2:]) < 2:
        fail("factor '%s': write extra factors as 1/N with N >= 2" % factor)
    return int(factor[2:])

def _suffix(factor):
    """Returns the target-name suffix of a factor: "c10" for "1/10", "c0_03" for "0.03"."""
    if factor.startswith("1/"):
        return "c" + factor[2:]
    return "c" + factor.replace(".", "_")

def _chain_step(n):
    """Returns k, the halving step 1/2^k just above 1/n (2^k < n <= 2^(k+1))."""
    k = 0
    for _ in range(64):
        if _pow(2, k + 1) >= n:
            break
        k += 1
    return k


# The columns of a study's actions table (<study>_actions.json): one row per timed action, as the
# macro defined it, so a cost projection (tests/bench/paper_cost.py) reads each action's identity
# and length from here, never from its file name. epochs 0 and retrain_epochs -1 mean the
# protocol's; schedule is the action's ("none" for an evaluation outside a schedule); authors holds
# the schedule's overrides ({} = the paper's lengths).
ACTION_COLUMNS = ["timing", "stage", "dataset", "arch", "protocol", "seed", "method", "factor", "schedule", "regularizer", "epochs", "retrain_epochs", "budget_steps", "authors"]

def _action(g, target, stage, method, factor, schedule, regularizer = "", budget_steps = 0, authors = {}):
    g.actions.append([target + ".timing.json", stage, g.dataset_name, g.arch, g.protocol, g.seed, method, factor, schedule, regularizer, g.epochs, g.retrain_epochs, budget_steps, authors])

def _evaluate(g, target, ids, method, factor, schedule, model):
    nnc_evaluate(
        name = target,
        model = model,
        dataset = g.dataset,
        ids = dict(ids, method = method, target_factor = factor, schedule = schedule),
        limit_test = g.limit_test,
        limit_valid = g.limit_train,
        tool = method_evaluator(method),
        encodings = METHOD[method].encodings,
        tags = ["manual"],
    )
    g.evaluations.append(":" + target)
    if g.timed:
        g.speed_runs.append(":" + target)
    g.records.append(":%s.json" % target)
    g.timings.append(":%s.timing.json" % target)
    _action(g, target, "evaluate", method, factor, schedule)

def _model_action(g, stage, target, **attrs):
    """Declares a train or compress action (`stage`) of the cell: its dataset, seed, retraining epochs
    and sample limit are the cell's; lists its run and timing. Returns the label of its model."""
    stage(
        name = target,
        dataset = g.dataset,
        seed = g.seed,
        retrain_epochs = g.retrain_epochs,
        limit_train = g.limit_train,
        tags = ["manual"],
        **attrs
    )
    g.runs.append(":" + target)
    g.timings.append(":%s.timing.json" % target)
    return ":%s.model" % target

def _train(g, target, method, factor = "1", regularizer = "none", budget_steps = 0, train = {}, teacher = None, budget_schedule = "halving", authors = {}):
    _action(g, target, "train", method, factor, budget_schedule, regularizer, budget_steps, authors)
    return _model_action(
        g,
        nnc_train,
        target,
        arch = g.arch,
        protocol = g.protocol,
        regularizer = regularizer,
        method = method,
        factor = factor,
        epochs = g.epochs,
        budget_steps = budget_steps,
        budget_schedule = budget_schedule,
        authors = authors,
        lr = train.get("lr", ""),
        tool = method_tool(method),
        teacher = teacher,
    )

def _baseline(g, regularizer):
    """Returns the model label of the cell's baseline with this regulariser, defining it once."""
    if regularizer not in g.baselines:
        target = "%s_train_%s" % (g.cell, regularizer)
        g.baselines[regularizer] = _train(g, target, "dense", regularizer = regularizer)
        if g.first_seed:
            g.baseline_logs.append(":%s.log.csv" % target)
    return g.baselines[regularizer]

def _compress(g, target, method, model, factor, schedule = "halving", authors = {}):
    _action(g, target + "_compress", "compress", method, factor, schedule, authors = authors)
    return _model_action(
        g,
        nnc_compress,
        target + "_compress",
        model = model,
        method = method,
        tool = method_tool(method),
        factor = factor,
        ranking = g.ranking,
        schedule = schedule,
        authors = authors,
    )

def _baseline_method(g, ids, m):
    if m.train:
        model = _train(g, "%s_%s_train" % (g.cell, m.name), "dense", regularizer = m.baseline, train = m.train)
    else:
        model = _baseline(g, m.baseline)
    _evaluate(g, "%s_%s_c1" % (g.cell, m.name), ids, m.name, "1", "none", model)

def _scratch_method(g, ids, m):
    rate = {"lr": g.scratch_lr} if g.scratch_lr else {}
    # Where the architecture also has pruning chains, each factor 1/2^k trains as long as the
    # chain that reaches it: the baseline's epochs and k retraining rounds (equal budgets).
    # A method trained on a teacher (dark knowledge) reads the cell's baseline of its `teacher`
    # regulariser: same dataset, architecture, protocol and seed.
    teacher = _baseline(g, m.teacher) if m.teacher else None
    for k in g.scratch_steps:
        target = "%s_%s_c%d" % (g.cell, m.name, 1 << k)
        budget = k if g.has_chains else 0
        model = _train(g, target + "_train", m.name, _factor(k), budget_steps = budget, train = rate, teacher = teacher)
        _evaluate(g, target, ids, m.name, _factor(k), "none", model)

    # At the seed paper's factors, as long as its schedule trains at most (equal budgets with the
    # pruning runs of that schedule, whose setting they join: their records' schedule names it),
    # where the architecture has pruning chains to compare with.
    for s in (_authors_settings(g, m.name) if g.has_pruning else []):
        for factor in s.factors:
            target = "%s_%s_%s_%s" % (g.cell, m.name, s.schedule, _suffix(factor))
            model = _train(g, target + "_train", m.name, factor, train = rate, teacher = teacher, budget_schedule = "authors", authors = s.overrides)
            _evaluate(g, target, ids, m.name, factor, s.schedule, model)

def _authors_settings(g, method):
    """Returns the seed paper's schedule as this cell runs it for a method: the profile's (with its
    overrides, records' schedule "authors") and, where the profile asks for it, the literal slice
    beside it (no overrides, records' schedule "authors_literal")."""
    settings = [struct(schedule = "authors", factors = g.authors_factors, overrides = g.authors)]
    literal = g.authors_literal
    if literal and g.dataset_name in literal["datasets"] and method in literal["methods"]:
        settings.append(struct(schedule = "authors_literal", factors = literal["factors"], overrides = {}))
    return settings

def _pruning_method(g, ids, m):
    baseline = _baseline(g, m.baseline)
    if m.name in g.halving_methods:
        _halving_chain(g, ids, m, baseline)
    for s in _authors_settings(g, m.name):
        for factor in s.factors:
            target = "%s_%s_%s_%s" % (g.cell, m.name, s.schedule, _suffix(factor))
            model = _compress(g, target, m.name, baseline, factor, schedule = "authors", authors = s.overrides)
            _evaluate(g, target, ids, m.name, factor, s.schedule, model)

def _halving_chain(g, ids, m, baseline):
    # The chain starts at its baseline: the method's point at factor 1.
    _evaluate(g, "%s_%s_c1" % (g.cell, m.name), ids, m.name, "1", "halving", baseline)
    chain = [baseline]
    for k in range(1, g.steps + 1):
        target = "%s_%s_c%d" % (g.cell, m.name, 1 << k)
        chain.append(_compress(g, target, m.name, chain[-1], _factor(k)))
        _evaluate(g, target, ids, m.name, _factor(k), "halving", chain[-1])
    for factor in g.extra_factors:
        n = _denominator(factor)
        k = _chain_step(n)
        if k > g.steps:
            fail("study: extra factor %s lies beyond the chain's last step 1/%d" % (factor, 1 << g.steps))
        target = "%s_%s_c%d" % (g.cell, m.name, n)
        _evaluate(g, target, ids, m.name, factor, "halving", _compress(g, target, m.name, chain[k], factor))

_EXPAND = {"baseline": _baseline_method, "scratch": _scratch_method, "pruning": _pruning_method}

def _halving_methods(arch_methods, chosen):
    """Returns the pruning methods of arch_methods that run halving chains: those of `chosen`, or
    every one when chosen is None."""
    return [m for m in arch_methods if METHOD[m].kind == "pruning" and (chosen == None or m in chosen)]

# A study's files by role: its actions' labels, and the <study>_<role> filegroups the report reads
# (by role, never by guessing from file names).
_ROLES = ["records", "timings", "runs", "baseline_logs", "evaluations", "speed_runs"]

# study()'s arguments that hold for the whole grid (not per network), with their defaults: the
# pieces of a study_union share them, and the profile JSON states them.
_SHARED = dict(
    seeds = [1],
    retrain_epochs = -1,
    extra_factors = [],
    authors_factors = [],
    authors = {},
    authors_literal = {},
    scratch_lr = {},
    limit_train = 0,
    limit_test = 0,
    ranking = "global",
)

def _profile_params(name, datasets, archs, steps, per_arch, shared):
    """Returns the grid's parameters as its profile JSON states them (for study and study_union).

    datasets: the dataset names; per_arch: dict methods/scratch_steps/epochs/halving_methods -> dict
    architecture -> value; shared: the _SHARED arguments, a missing one taking its default.
    """
    params = dict(
        study = name,
        datasets = datasets,
        archs = archs,
        methods = per_arch["methods"],
        halving_steps = steps,
        scratch_steps = {a: list(per_arch["scratch_steps"][a]) for a in archs},
        halving_methods = per_arch["halving_methods"],
        epochs = per_arch["epochs"],
    )
    params.update({key: shared.get(key, default) for key, default in _SHARED.items()})
    return params

def study(
        name,
        datasets,
        archs,
        methods,
        steps,
        seeds = _SHARED["seeds"],
        epochs = 0,
        scratch_steps = {},
        halving_methods = None,
        retrain_epochs = _SHARED["retrain_epochs"],
        extra_factors = _SHARED["extra_factors"],
        authors_factors = _SHARED["authors_factors"],
        authors = _SHARED["authors"],
        authors_literal = _SHARED["authors_literal"],
        scratch_lr = _SHARED["scratch_lr"],
        limit_train = _SHARED["limit_train"],
        limit_test = _SHARED["limit_test"],
        ranking = _SHARED["ranking"],
        prefix = ""):
    """Expands the grid and defines `<name>` (the aggregate: results.csv, summary.csv, ...).

    Args:
      name: the study's name, prefix of every target.
      datasets: dataset targets, e.g. ["//data:mnist"].
      archs: dict architecture -> protocol, e.g. {"lenet300": "lenet"}.
      methods: names from the method table (methods.bzl); a list for every architecture, or a
        dict architecture -> list.
      steps: halving factors 1/2^1 ... 1/2^steps.
      seeds: one run of every cell per seed.
      epochs: override of the protocol's training epochs (0 = the protocol's); an int, or a dict
        architecture -> int.
      scratch_steps: dict architecture -> the k of the factors 1/2^k its from-scratch methods train
        at (default 1 ... steps).
      halving_methods: the pruning methods that run halving chains (default: every one); the
        others run only the seed paper's schedule.
      retrain_epochs: override of the protocol's retraining epochs (-1 = the protocol's).
      extra_factors: factors "1/N" off the halving chain (e.g. the seed paper's 1/10, 1/100): one
        more pruning step from the chain factor above (pruning methods only).
      authors_factors: factors "1/N" at which every pruning method also runs the seed paper's
        schedule (15 steps while training, lib/compress/schedule.h).
      authors: overrides of that schedule's constants: {"patience": N, "tail": N}.
      authors_literal: a slice run beside a shortened schedule at its literal lengths (no
        overrides), to measure what the shortening changes: {"datasets": names, "factors":
        ["1/N", ...], "methods": names (pruning methods, and the from-scratch methods compared
        with them)}; its records' schedule is "authors_literal".
      scratch_lr: dict architecture -> the initial learning rate (a string) of every method
        trained from scratch on it, replacing the protocol's (the departures table shows it).
      limit_train: cut the train and validation splits (smoke profile); 0 = all.
      limit_test: cut the test split (read by evaluate only); 0 = all.
      ranking: "global" or "layer".
      prefix: the cells' target prefix (default: name). A piece of a bigger grid names its cells
        as the grid does: study "hashednets_rect_fc3" with prefix "hashednets" defines
        hashednets_rect_fc3_s1_dense_c1, ..., so the piece and the grid share every action.
    """
    # Each per-network argument as a value per architecture: what the cells and the profile read.
    per_arch = dict(
        methods = {a: (methods[a] if type(methods) == "dict" else methods) for a in archs},
        scratch_steps = {a: scratch_steps.get(a, range(1, steps + 1)) for a in archs},
        epochs = {a: (epochs[a] if type(epochs) == "dict" else epochs) for a in archs},
    )
    per_arch["halving_methods"] = {a: _halving_methods(per_arch["methods"][a], halving_methods) for a in archs}
    shared = dict(seeds = seeds, retrain_epochs = retrain_epochs, extra_factors = extra_factors, authors_factors = authors_factors, authors = authors, authors_literal = authors_literal, scratch_lr = scratch_lr, limit_train = limit_train, limit_test = limit_test, ranking = ranking)
    roles = {role: [] for role in _ROLES}
    actions = []
    for dataset in datasets:
        ds = Label(dataset).name
        for arch, protocol in archs.items():
            arch_methods = per_arch["methods"][arch]
            for method in arch_methods:
                if method not in METHOD:
                    fail("study %s: method '%s' is not in the method table (pipeline/methods.bzl)" % (name, method))
            chained = per_arch["halving_methods"][arch]
            for seed in seeds:
                # The cell: the shared arguments (the schedule's overrides as flag values, this
                # network's scratch_lr), the network's own, and the lists its actions join.
                g = struct(**dict(
                    shared,
                    cell = "%s_%s_%s_s%d" % (prefix or name, ds, arch, seed),
                    dataset = dataset,
                    arch = arch,
                    protocol = protocol,
                    seed = seed,
                    first_seed = seed == seeds[0],
                    # The speed stage times the first seed's runs on the first dataset.
                    timed = seed == seeds[0] and dataset == datasets[0],
                    steps = steps,
                    scratch_steps = per_arch["scratch_steps"][arch],
                    has_pruning = [m for m in arch_methods if METHOD[m].kind == "pruning"] != [],
                    has_chains = chained != [],
                    halving_methods = chained,
                    epochs = per_arch["epochs"][arch],
                    authors = {k: str(v) for k, v in authors.items()},
                    scratch_lr = scratch_lr.get(arch, ""),
                    dataset_name = ds,
                    baselines = {},
                    actions = actions,
                    **roles
                ))
                ids = dict(dataset = ds, arch = arch, protocol = protocol, seed = str(seed))
                for method in arch_methods:
                    _EXPAND[METHOD[method].kind](g, ids, METHOD[method])

    _study_outputs(name, roles, datasets, _profile_params(name, [Label(d).name for d in datasets], archs, steps, per_arch, shared))

    # Every timed action's identity and length (ACTION_COLUMNS), for the cost projections.
    nnc_profile(name = name + "_actions", content = json.encode(dict(columns = ACTION_COLUMNS, rows = actions)), tags = ["manual"])

def _study_outputs(name, roles, datasets, params):
    """Defines a study's aggregate, its parameters as JSON, its speed stage and its files by role.

    roles: dict role (_ROLES) -> labels.
    datasets: the dataset targets the timed runs were evaluated on.
    """
    records, timings, runs, baseline_logs = roles["records"], roles["timings"], roles["runs"], roles["baseline_logs"]

    # Manual: `bazel test //...` must not train the grid; profiles are built by name.
    nnc_aggregate(name = name, records = records, tags = ["manual"])

    # Inference speed of the first seed's runs on the first dataset, from their compressed files.
    # It reads every record of the study (not just the timed runs'), so Bazel starts it only after
    # every evaluation has finished, when little else is left to run beside it.
    nnc_speed(name = name + "_speed", study = name, runs = [":%s_speed_runs" % name], records = [":%s_records" % name], datasets = datasets, tags = ["manual"])
    # The same files timed again, after the first timing: only for checking that the speed figure's
    # order by factor holds between timings (//tests/bench:<study>_speed_order); the report reads
    # the first.
    nnc_speed(name = name + "_speed_retimed", study = name, retimed = True, runs = [":%s_speed_runs" % name], records = [":%s_records" % name], after = [":%s_speed" % name], datasets = datasets, tags = ["manual"])

    # The grid's parameters, for the report's departures table (what this profile cut).
    nnc_profile(name = name + "_profile", content = json.encode(params), tags = ["manual"])

    # What the report reads, by role (never by guessing from file names).
    native.filegroup(name = name + "_records", srcs = records, tags = ["manual"])
    native.filegroup(name = name + "_timings", srcs = timings, tags = ["manual"])
    # Every evaluation's record, timing and compressed files (<run>.csr, .bitmask, .hashed).
    native.filegroup(name = name + "_evaluations", srcs = roles["evaluations"], tags = ["manual"])
    # The evaluations the speed stage times (their records and compressed files).
    native.filegroup(name = name + "_speed_runs", srcs = roles["speed_runs"], tags = ["manual"])
    # The first seed's baseline training logs (the report's training curves).
    native.filegroup(name = name + "_baseline_logs", srcs = baseline_logs, tags = ["manual"])
    native.filegroup(name = name + "_runs", srcs = runs + records, tags = ["manual"])

def study_union(name, pieces):
    """Defines `<name>` as the union of studies defined elsewhere (pieces of one grid).

    The union's aggregate, parameters and filegroups are those of study(): its report reads it as
    it reads one study. The pieces must share every parameter but their datasets and networks.

    Args:
      name: the union's name.
      pieces: dict piece name -> its study() arguments (as passed to study()).
    """
    first = pieces.values()[0]
    per_arch = ["methods", "epochs", "scratch_steps", "halving_methods"]
    datasets, archs, merged = [], {}, {key: {} for key in per_arch}
    for piece in pieces.values():
        for key in piece:
            if key not in ["datasets", "archs"] + per_arch and piece[key] != first.get(key):
                fail("study_union %s: pieces differ in '%s'" % (name, key))
        datasets += [Label(d).name for d in piece["datasets"] if Label(d).name not in datasets]
        for arch, protocol in piece["archs"].items():
            archs[arch] = protocol
            steps = range(1, piece["steps"] + 1)
            for key, default in [("methods", None), ("epochs", 0), ("scratch_steps", {arch: steps})]:
                value = piece.get(key, default)
                merged[key][arch] = value[arch] if type(value) == "dict" else value
            merged["halving_methods"][arch] = _halving_methods(merged["methods"][arch], piece.get("halving_methods"))
    roles = {role: [":%s_%s" % (piece, role) for piece in pieces] for role in _ROLES}
    labels = []
    for piece in pieces.values():
        labels += [d for d in piece["datasets"] if d not in labels]
    _study_outputs(name, roles, labels, _profile_params(name, datasets, archs, first["steps"], merged, first))
