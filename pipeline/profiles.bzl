"""The study's profiles as data: each is one study() of study.bzl, built by name (docs/DESIGN.md,
"Profiles"). pipeline/BUILD expands them all; report/BUILD reads the same entries for each report's
datasets and networks, so a profile's grid is written down once.
"""

load("//pipeline:methods.bzl", "method_names")
load("//pipeline:study.bzl", "study", "study_union")

# Every method of the table (smoke, the full pieces).
ALL_METHODS = method_names(exclude = ["dense_eta3"])

# Methods that build on dense layers only: low-rank decomposition has no rule for conv layers
# (lib/compress/lrd_method.cc), so convolutional architectures leave it out.
_DENSE_ONLY_METHODS = ["lrd"]

# The seed paper's methods (Baktash et al. 2019), written out so that methods added to the table
# for HashedNets' own study (rer, lrd, dk, hashed_dk) do not add cost to the paper's profiles.
SEED_METHODS = ["dense", "nn", "hashed", "mag_l1", "mag_l2", "obd", "obd_gn", "random"]

# sig100 trains at η₀ = 1 (lib/train/protocol.h): its baselines at the paper's literal η₀ = 3 run
# beside the working ones, the departure shown as evidence. sig30 trains at the paper's η₀ = 3.
PAPER_METHODS = SEED_METHODS + ["dense_eta3"]

# Claim 4 (a convolutional network against HashedNets) needs LeNet-5 equivalent-size networks
# storing no more weights than the sig30 HashedNets: lenet5 at 1/64 ... 1/256 stores about 6.7k ...
# 1.7k weights, sig30 hashed at 1/4 ... 1/16 stores 6.0k ... 1.5k.
_PAPER_ARCHS = {"sig30": "authors", "lenet5": "lenet"}
_PAPER_METHODS_BY_ARCH = {"sig30": SEED_METHODS, "lenet5": ["nn"]}
_CONV_STEPS = {"lenet5": [6, 7, 8]}
_PAPER_DATASETS = ["//data:mnist", "//data:bg_img", "//data:bg_rand", "//data:rot"]

# The authors' factors.
_PAPER_AUTHORS_FACTORS = ["1/10", "1/100", "1/500"]

# What the default profile cuts from halving (this project's addition) to fit its 30-minute budget,
# measured from the stages' timing files (README, "What each profile costs"): chains to 1/128 (at
# 1/256 and 1/500 sig30 stores 93 and 48 weights, where runs sit at chance and cannot vote) for
# the paper's three pruning methods (Gauss-Newton OBD and random pruning run the paper's schedule
# only), networks trained from scratch at every other factor (1/2, 1/8, 1/32, 1/128), LeNet-5 at
# 1/128 and 1/256 (the sizes claim 4 pairs with sig30 HashedNets: 3.4k and 1.7k weights).
_PAPER_HALVING_METHODS = ["mag_l1", "mag_l2", "obd"]

# sig30's networks trained from scratch (nn, hashed) train at η₀ = 1, not the paper's 3, where they
# stall far above their dense baseline: MNIST, seed 1, 53 epochs, validation error at η₀ = 3 / 1 /
# 0.3: hashed at 1/2 23.0 / 4.9 / 6.0%, at 1/10 42.2 / 6.6 / 7.3%; nn at 1/8 55.6 / 27.3% (README,
# "Protocols"). The dense baselines and the pruning methods keep η₀ = 3, where they train.
_PAPER_SCRATCH_LR = {"sig30": "1"}
_PAPER_SCRATCH_STEPS = {"sig30": [1, 3, 5, 7], "lenet5": [7, 8]}

# The slice of the seed paper's schedule run at its literal lengths beside the shortened one (the
# default profile cannot afford ~450 epochs per run on every dataset): what the cut changes is
# measured on it, not assumed. The pruning methods the seed paper ran, and HashedNets, which
# claims 1 and 3 compare them with. The equivalent-size network is left out of the slice for the
# budget: at 1/100 it is over its budget (one hidden unit stores 794 weights, the budget about 240) and
# cannot vote, and at 1/10 it has 3 hidden units; claim 3 meets it in the shortened schedule.
_PAPER_LITERAL_SLICE = {
    "datasets": ["mnist"],
    "factors": ["1/10", "1/100"],
    "methods": ["mag_l1", "mag_l2", "obd", "hashed"],
}

# The removal ratios r = 0.9 ... 0.998 of the authors' code, as factors 1 − r.
_AUTHORS_FACTORS = ["0.1", "0.05", "0.03", "0.02", "0.015", "0.012", "0.011", "0.01", "0.007", "0.005", "0.003", "0.002"]

PROFILES = {
    # smoke: every method, both schedules and every stage on tiny subsets, in a few minutes; CI
    # builds it, and a test checks that every method of the table reaches its report.
    "smoke": dict(
        archs = _PAPER_ARCHS,
        methods = {"sig30": ALL_METHODS + ["dense_eta3"], "lenet5": ["nn"]},
        datasets = ["//data:mnist"],
        epochs = 2,
        retrain_epochs = 1,
        steps = 3,
        scratch_steps = {"lenet5": [3]},
        extra_factors = ["1/10"],
        authors_factors = ["1/10"],
        authors = {"patience": 1, "tail": 1},
        authors_literal = {"datasets": ["mnist"], "factors": ["1/10"], "methods": ["mag_l2", "nn"]},
        # A pruning method without a halving chain (as the paper profile's obd_gn and random).
        halving_methods = [m for m in ALL_METHODS if m != "random"],
        limit_train = 1000,
        limit_test = 500,
    ),
    # paper: what `bazel run //report:paper` reproduces on one 2-core machine within its stated
    # budget: the seed paper's sig30 network on its four datasets, every method, baselines of the
    # paper's 50 epochs, the authors' schedule at 1/10, 1/100 and 1/500 shortened (patience 1, tail
    # 5) on every dataset and at its literal lengths on the MNIST slice beside it, halving to 1/256
    # plus the same three factors, three seeds. What it cuts from the paper's setting, the report's
    # departures table lists, computed from these numbers (//pipeline:paper_profile).
    "paper": dict(
        archs = _PAPER_ARCHS,
        methods = _PAPER_METHODS_BY_ARCH,
        datasets = _PAPER_DATASETS,
        epochs = {"sig30": 50, "lenet5": 10},
        retrain_epochs = 3,
        steps = 7,
        scratch_steps = _PAPER_SCRATCH_STEPS,
        halving_methods = _PAPER_HALVING_METHODS,
        scratch_lr = _PAPER_SCRATCH_LR,
        extra_factors = _PAPER_AUTHORS_FACTORS[:2],
        authors_factors = _PAPER_AUTHORS_FACTORS,
        authors = {"patience": 1, "tail": 5},
        authors_literal = _PAPER_LITERAL_SLICE,
        seeds = [1, 2, 3],
    ),
    # paper_full: the literal grid: both networks, all twelve of the authors' factors by their
    # schedule (its literal patience 25 and tail 50), the protocols' epochs, five seeds.
    "paper_full": dict(
        archs = dict(_PAPER_ARCHS, sig100 = "authors"),
        methods = dict(_PAPER_METHODS_BY_ARCH, sig100 = PAPER_METHODS),
        datasets = _PAPER_DATASETS,
        steps = 9,
        scratch_steps = _CONV_STEPS,
        extra_factors = _PAPER_AUTHORS_FACTORS,
        authors_factors = _AUTHORS_FACTORS,
        scratch_lr = _PAPER_SCRATCH_LR,
        seeds = [1, 2, 3, 4, 5],
    ),
    # lenet: the LeNet-300-100 / LeNet-5 analogue on MNIST (the default report until issue 13).
    "lenet": dict(
        archs = {"lenet300": "lenet", "lenet5": "lenet"},
        methods = {"lenet300": SEED_METHODS, "lenet5": ["dense", "nn"]},
        datasets = ["//data:mnist"],
        epochs = 10,
        retrain_epochs = 2,
        steps = 6,
    ),
}

# full: every dataset x architecture x method x factor, 3 seeds, each architecture with its own
# protocol. One study per dataset x architecture (full_<dataset>_<arch>), so it runs piecewise.
_FULL_DATASETS = ["mnist", "fashion", "basic", "rot", "bg_rand", "bg_img", "bg_img_rot", "rect", "convex"]
_FULL_ARCHS = {
    "fc3": "hashednets",
    "fc5": "hashednets",
    "lenet300": "lenet",
    "lenet5": "lenet",
    "sig30": "authors",
    "sig100": "authors",
}

_CONV_ARCHS = ["lenet5"]

FULL_PIECES = {
    "full_%s_%s" % (dataset, arch): dict(
        archs = {arch: protocol},
        datasets = ["//data:" + dataset],
        methods = [m for m in ALL_METHODS if not (arch in _CONV_ARCHS and m in _DENSE_ONLY_METHODS)],
        seeds = [1, 2, 3],
        steps = 6,
    )
    for dataset in _FULL_DATASETS
    for arch, protocol in _FULL_ARCHS.items()
}

# hashednets: HashedNets' own study (Chen et al. 2015, section 6, Tables 1 and 2): fc3 (784-1000-10)
# and fc5 (784-1000-1000-1000-10) under their protocol on their eight datasets, at 1/8 and 1/64,
# with their baselines and the seed paper's pruning methods as further columns; 3 seeds. The
# pruning chains halve to 1/64; the methods trained from scratch train at 1/8 and 1/64 only, as
# long as the chain that reaches their factor. One piece per dataset x network,
# hashednets_<dataset>_<arch>, whose cells are named as the whole grid's (prefix), so one machine
# builds one piece and the grid's report (//report:hashednets) reuses it.
HASHEDNETS_DATASETS = ["mnist", "basic", "rot", "bg_rand", "bg_img", "bg_img_rot", "rect", "convex"]
HASHEDNETS_ARCHS = ["fc3", "fc5"]
HASHEDNETS_METHODS = ["dense", "rer", "lrd", "nn", "dk", "hashed", "hashed_dk", "mag_l1", "mag_l2", "obd"]

HASHEDNETS_PIECES = {
    "hashednets_%s_%s" % (dataset, arch): dict(
        archs = {arch: "hashednets"},
        datasets = ["//data:" + dataset],
        methods = HASHEDNETS_METHODS,
        seeds = [1, 2, 3],
        steps = 6,
        scratch_steps = {arch: [3, 6]},
        prefix = "hashednets",
    )
    for dataset in HASHEDNETS_DATASETS
    for arch in HASHEDNETS_ARCHS
}

# smoke_hashednets: HashedNets' study on tiny subsets (fc3 on rect, every method of its grid, at 1/8
# and 1/64, 2 epochs): CI renders its report (//report:smoke_hashednets) from real pipeline outputs.
HASHEDNETS_SMOKE = dict(
    archs = {"fc3": "hashednets"},
    datasets = ["//data:rect"],
    methods = HASHEDNETS_METHODS,
    epochs = 2,
    retrain_epochs = 1,
    steps = 6,
    scratch_steps = {"fc3": [3, 6]},
    limit_train = 500,
    limit_test = 500,
)

def _pieces(dataset = None):
    return {
        name: piece
        for name, piece in HASHEDNETS_PIECES.items()
        if dataset == None or piece["datasets"] == ["//data:" + dataset]
    }

# The grid as a whole (//pipeline:hashednets) and one union per dataset (hashednets_<dataset>: both
# networks), each with the aggregate, parameters and filegroups of a study.
HASHEDNETS_UNIONS = dict(
    {"hashednets": _pieces()},
    **{"hashednets_" + dataset: _pieces(dataset) for dataset in HASHEDNETS_DATASETS}
)

def profile_studies():
    """Defines every profile's study (called once, from pipeline/BUILD)."""
    studies = PROFILES.items() + FULL_PIECES.items() + HASHEDNETS_PIECES.items()
    for name, profile in studies + [("smoke_hashednets", HASHEDNETS_SMOKE)]:
        study(name = name, **profile)
    for name, pieces in HASHEDNETS_UNIONS.items():
        study_union(name = name, pieces = pieces)
