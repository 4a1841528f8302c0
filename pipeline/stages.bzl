"""One Bazel rule per pipeline stage: each runs its stage binary as one hermetic, cached action.

Stage binaries are built in the target configuration (cfg = "target"), so the tests and the pipeline
share one optimised build instead of compiling the library twice (once more for the host).
Every action gets OPENBLAS_NUM_THREADS=1: Bazel runs actions side by side, and one BLAS thread keeps
floating-point sums in a fixed order, so outputs are byte-identical and safe to share through a cache
(OPENBLAS_CORETYPE likewise fixes the kernels across CPU models).
"""

# OPENBLAS_CORETYPE pins OpenBLAS's kernels (it otherwise picks them by CPU model), so any AVX2
# machine computes the same bits and a shared cache can mix their outputs. `--config=native`
# (.bazelrc) sets --define=openblas_coretype=autodetect: the variable is then left unset and
# OpenBLAS picks the kernel for the CPU (faster, not byte-identical across CPU models).
_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}

def _env(ctx):
    """Returns the stage actions' environment: _ENV plus the OpenBLAS kernel unless autodetected."""
    coretype = ctx.var.get("openblas_coretype", "Haswell")
    if coretype == "autodetect":
        return _ENV
    return dict(_ENV, OPENBLAS_CORETYPE = coretype)

def _dataset_dir(dataset):
    """Returns the directory of a dataset target: the folder holding its manifest.json."""
    for f in dataset.files.to_list():
        if f.basename == "manifest.json":
            return f.dirname
    fail("dataset %s has no manifest.json" % dataset.label)

def _run(ctx, mnemonic, tool, inputs, outputs, args):
    ctx.actions.run(
        executable = tool,
        arguments = args,
        inputs = inputs,
        outputs = outputs,
        env = _env(ctx),
        mnemonic = mnemonic,
        progress_message = "%s %s" % (mnemonic, ctx.label.name),
    )

def _limit_train(ctx):
    return ["--limit-train", str(ctx.attr.limit_train)] if ctx.attr.limit_train else []

def _seed_and_outputs(ctx):
    """Returns the flags train and compress end their common part with: the seed and _MODEL_OUTPUTS."""
    return [
        "--seed", str(ctx.attr.seed),
        "--out", ctx.outputs.model.path,
        "--log", ctx.outputs.log.path,
        "--timing", ctx.outputs.timing.path,
    ]

def _authors_flags(ctx):
    """Returns the authors' schedule overrides (attr `authors`) as --authors-<key> flags, sorted."""
    args = []
    for key, value in sorted(ctx.attr.authors.items()):
        args += ["--authors-" + key, value]
    return args

def _run_model_stage(ctx, mnemonic, inputs, args):
    """Runs train or compress: its tool writes the three _MODEL_OUTPUTS (args + --limit-train)."""
    outputs = [ctx.outputs.model, ctx.outputs.log, ctx.outputs.timing]
    _run(ctx, mnemonic, ctx.executable.tool, inputs, outputs, args + _limit_train(ctx))

_TOOL = dict(executable = True, cfg = "target")

# Train and compress read the train and validation splits; only evaluate reads the test split.
_LIMIT_TRAIN = {"limit_train": attr.int(doc = "keep only the first N training (and validation) samples; 0 = all")}

def _train_impl(ctx):
    args = [
        "--data", _dataset_dir(ctx.attr.dataset),
        "--arch", ctx.attr.arch,
        "--protocol", ctx.attr.protocol,
        "--regularizer", ctx.attr.regularizer,
        "--method", ctx.attr.method,
        "--factor", ctx.attr.factor,
    ] + _seed_and_outputs(ctx)
    if ctx.attr.epochs:
        args += ["--epochs", str(ctx.attr.epochs)]
    if ctx.attr.budget_steps:
        args += ["--budget-steps", str(ctx.attr.budget_steps), "--retrain-epochs", str(ctx.attr.retrain_epochs)]
    if ctx.attr.budget_schedule == "authors":
        args += ["--budget-schedule", "authors"] + _authors_flags(ctx)
    if ctx.attr.lr:
        args += ["--lr", ctx.attr.lr]
    inputs = ctx.attr.dataset.files
    if ctx.file.teacher:
        args += ["--teacher", ctx.file.teacher.path]
        inputs = depset([ctx.file.teacher], transitive = [inputs])
    _run_model_stage(ctx, "Train", inputs, args)

# Predeclared outputs make each file addressable by label, e.g. ":<name>.model".
_MODEL_OUTPUTS = {"model": "%{name}.model", "log": "%{name}.log.csv", "timing": "%{name}.timing.json"}

nnc_train = rule(
    implementation = _train_impl,
    outputs = _MODEL_OUTPUTS,
    doc = "dataset + architecture + protocol + regulariser + method + factor + seed (+ teacher) -> model, per-epoch log, timing.",
    attrs = dict(
        dataset = attr.label(mandatory = True),
        arch = attr.string(mandatory = True),
        protocol = attr.string(mandatory = True),
        regularizer = attr.string(default = "none"),
        method = attr.string(default = "dense", doc = "dense, or a method trained from scratch (methods.bzl)"),
        factor = attr.string(default = "1", doc = "the method's compression factor"),
        seed = attr.int(default = 1),
        epochs = attr.int(doc = "override the protocol's epoch count; 0 = the protocol's"),
        budget_steps = attr.int(doc = "train as long as a pruning chain of this many steps (equal budgets)"),
        retrain_epochs = attr.int(default = -1, doc = "one chain step's retraining epochs; -1 = the protocol's"),
        budget_schedule = attr.string(default = "halving", values = ["halving", "authors"], doc = "authors: train as long as the seed paper's schedule at most trains after the baseline"),
        authors = attr.string_dict(doc = "with budget_schedule authors: the schedule's patience and tail overrides"),
        lr = attr.string(doc = "override the protocol's initial learning rate; empty = the protocol's"),
        teacher = attr.label(
            allow_single_file = [".model"],
            doc = "the teacher's model, for methods trained on its outputs (dark knowledge)",
        ),
        tool = attr.label(
            default = "//pipeline:train",
            doc = "the train binary; the graph uses train_<method> for methods trained from scratch",
            **_TOOL
        ),
        **_LIMIT_TRAIN
    ),
)

def _compress_impl(ctx):
    src = ctx.file.model
    args = [
        "--model", src.path,
        "--data", _dataset_dir(ctx.attr.dataset),
        "--method", ctx.attr.method,
        "--factor", ctx.attr.factor,
        "--ranking", ctx.attr.ranking,
    ] + _seed_and_outputs(ctx)
    if ctx.attr.retrain_epochs >= 0 and ctx.attr.schedule == "halving":
        args += ["--retrain-epochs", str(ctx.attr.retrain_epochs)]
    if ctx.attr.schedule != "halving":
        args += ["--schedule", ctx.attr.schedule] + _authors_flags(ctx)
    inputs = depset([src], transitive = [ctx.attr.dataset.files])
    _run_model_stage(ctx, "Compress", inputs, args)

nnc_compress = rule(
    implementation = _compress_impl,
    outputs = _MODEL_OUTPUTS,
    doc = "model + method + target factor + seed -> pruned model (retrained), log, timing.",
    attrs = dict(
        model = attr.label(mandatory = True, allow_single_file = [".model"]),
        dataset = attr.label(mandatory = True),
        method = attr.string(mandatory = True),
        factor = attr.string(mandatory = True, doc = "target compression factor, e.g. '0.125' or '1/8'"),
        ranking = attr.string(default = "global"),
        seed = attr.int(default = 1),
        retrain_epochs = attr.int(default = -1, doc = "-1 = the protocol's retraining epochs"),
        schedule = attr.string(default = "halving", doc = "halving (one step to the factor) or authors (15 steps while training)"),
        authors = attr.string_dict(doc = "overrides of the authors' schedule: patience, tail, first-epoch"),
        tool = attr.label(
            default = "//pipeline:compress",
            doc = "the compress binary; the graph uses compress_<method> (see study.bzl)",
            **_TOOL
        ),
        **_LIMIT_TRAIN
    ),
)

def _evaluate_impl(ctx):
    record, timing = ctx.outputs.record, ctx.outputs.timing
    args = [
        "--model", ctx.file.model.path,
        "--data", _dataset_dir(ctx.attr.dataset),
        "--out", record.path,
        "--timing", timing.path,
    ]
    for key, value in sorted(ctx.attr.ids.items()):
        args += ["--id", "%s=%s" % (key, value)]
    inputs = depset([ctx.file.model], transitive = [ctx.attr.dataset.files])
    if ctx.attr.limit_test:
        args += ["--limit-test", str(ctx.attr.limit_test)]
    if ctx.attr.limit_valid:
        args += ["--limit-valid", str(ctx.attr.limit_valid)]

    # The compressed files <name>.<encoding>, written in one all-or-nothing group with the record.
    compressed = []
    for encoding in ctx.attr.encodings:
        if encoding not in _ENCODINGS:
            fail("encodings: '%s' is not one of %s" % (encoding, ", ".join(_ENCODINGS)))
        f = ctx.actions.declare_file("%s.%s" % (ctx.label.name, encoding))
        compressed.append(f)
        args += ["--compressed", "%s=%s" % (encoding, f.path)]
    _run(ctx, "Evaluate", ctx.executable.tool, inputs, [record, timing] + compressed, args)
    return [DefaultInfo(files = depset([record, timing] + compressed))]

_ENCODINGS = ["csr", "bitmask", "hashed"]

nnc_evaluate = rule(
    implementation = _evaluate_impl,
    outputs = {"record": "%{name}.json", "timing": "%{name}.timing.json"},
    doc = "model + test set -> one JSON record (science), the model's compressed files " +
          "(<name>.csr, <name>.bitmask or <name>.hashed: the target's default outputs) and one " +
          "timing file (wall clock).",
    attrs = dict(
        model = attr.label(mandatory = True, allow_single_file = [".model"]),
        encodings = attr.string_list(
            doc = "the compressed files to write (csr, bitmask, hashed): the method table's " +
                  "`encodings`; the record's bytes are their sizes",
        ),
        dataset = attr.label(mandatory = True),
        ids = attr.string_dict(doc = "identifiers copied into the record (method, target factor, ...)"),
        tool = attr.label(
            default = "//pipeline:evaluate",
            doc = "the evaluate binary; evaluate_<method> for methods whose models need layers of their own",
            **_TOOL
        ),
        limit_test = attr.int(doc = "keep only the first N test samples; 0 = all"),
        limit_valid = attr.int(doc = "keep only the first N validation samples (as training did); 0 = all"),
    ),
)

def _aggregate_impl(ctx):
    results, summary = ctx.outputs.results, ctx.outputs.summary
    layers, histograms, steps = ctx.outputs.layers, ctx.outputs.histograms, ctx.outputs.steps
    records = ctx.files.records
    args = [
        "--results", results.path,
        "--summary", summary.path,
        "--layers", layers.path,
        "--histograms", histograms.path,
        "--steps", steps.path,
    ] + [f.path for f in records]
    _run(ctx, "Aggregate", ctx.executable._tool, records, [results, summary, layers, histograms, steps], args)

nnc_aggregate = rule(
    implementation = _aggregate_impl,
    outputs = {
        "results": "%{name}.results.csv",
        "summary": "%{name}.summary.csv",
        "layers": "%{name}.layers.csv",
        "histograms": "%{name}.histograms.csv",
        "steps": "%{name}.steps.csv",
    },
    doc = "all records -> results.csv (a row per run), summary.csv (mean +- std per cell, with n), " +
          "layers.csv (survivors per layer) and histograms.csv (weight histograms).",
    attrs = dict(
        records = attr.label_list(allow_files = True),
        _tool = attr.label(default = "//pipeline:aggregate", **_TOOL),
    ),
)

def _speed_impl(ctx):
    out = ctx.outputs.csv
    files = ctx.files.runs
    paths = {f.path: f for f in files}
    args = ["--out", out.path]
    for f in files:
        if f.extension in _ENCODINGS:
            record = f.path[:-len(f.extension)] + "json"
            if record not in paths:
                fail("speed: %s has no record beside it" % f.path)
            args += ["--run", "%s=%s" % (f.path, record)]
    for dataset in ctx.attr.datasets:
        args += ["--data", "%s=%s" % (dataset.label.name, _dataset_dir(dataset))]
    datasets = [d.files for d in ctx.attr.datasets]

    # The study's records, and an earlier timing's CSV, are inputs only to order the action after
    # them: so it starts after every evaluation, and two timings never share the cores.
    inputs = depset(files + ctx.files.records + ctx.files.after, transitive = datasets)
    _run(ctx, "Speed", ctx.executable._tool, inputs, [out], args)

def _speed_outputs(study, retimed):
    return {"csv": "%s.%s.csv" % (study, "speed_retimed" if retimed else "speed")}

nnc_speed = rule(
    implementation = _speed_impl,
    outputs = _speed_outputs,
    doc = "compressed model files -> <study>.speed.csv (or <study>.speed_retimed.csv, a second " +
          "timing): samples/s at batch 1 and 64 (median, quartiles and maximum " +
          "of thread CPU time). A timing: not deterministic, read by the report and speed_order.py only.",
    attrs = dict(
        study = attr.string(mandatory = True, doc = "the study's name (names the CSV)"),
        runs = attr.label_list(doc = "evaluations whose compressed files to time (their records beside them)"),
        records = attr.label_list(allow_files = [".json"], doc = "every record of the study: orders the action last"),
        datasets = attr.label_list(doc = "the datasets the runs were evaluated on (test images)"),
        retimed = attr.bool(doc = "a second timing of the same files: writes <study>.speed_retimed.csv"),
        after = attr.label_list(allow_files = [".csv"], doc = "an earlier timing: only orders this one after it"),
        _tool = attr.label(default = "//pipeline:speed", **_TOOL),
    ),
)

def _profile_impl(ctx):
    ctx.actions.write(ctx.outputs.out, ctx.attr.content + "\n")

nnc_profile = rule(
    implementation = _profile_impl,
    doc = "Writes a study's grid parameters as JSON, so the report states what the run did.",
    outputs = {"out": "%{name}.json"},
    attrs = dict(content = attr.string(mandatory = True)),
)
