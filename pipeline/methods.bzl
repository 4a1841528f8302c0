"""The method table: every compression method of the study, declared once (docs/DESIGN.md, "Methods").

Everything else derives from this table: the study macro's expansion (study.bzl), the per-method
stage binaries (pipeline/BUILD), and //pipeline:methods.csv, which the report reads for its method
order, labels, plot styles and the claims' method groups, and which a test checks every method
against the smoke results, the figures' data and the report.

Adding a method: write its library (one file registering itself: a ScratchMethod in
lib/compress/scratch_method.h or a PruningMethod in lib/compress/pruning_method.h), add its
cc_library to lib/compress/BUILD, and add one line here.

Fields:
  name:     the method's name in targets, records and the report.
  kind:     "baseline" (the uncompressed reference, trained by //pipeline:train), "scratch" (a
            network built at the factor and trained from scratch, by train_<lib>) or "pruning" (a
            chain pruned from a baseline and retrained, by compress_<lib>).
  family:   the group the claims reason about: dense, nn, hashed, magnitude, obd, random, and
            the baselines of HashedNets' own study, which no claim uses: rer, lrd, dk, hashed_dk
            (report/methods.cc lists them; a family of its own keeps dk out of nn's claims and
            hashed_dk out of claim 1, pruning against HashedNets).
  baseline: the regulariser the baseline was (baseline kind) or is (pruning kind) trained with.
  lib:      the library implementing it, //lib/compress:<lib>_method ("" for the baseline).
  label:    its description in the report.
  color:    its colour in every figure.
  train:    extra flags of its training action (baseline kind), e.g. a literal learning rate.
  reads:    a library its models need to be read (layer kinds of their own), linked only into
            evaluate_<name>, so editing it reruns only this method's evaluations.
  teacher:  scratch kind only: the regulariser of the cell's baseline whose model is the teacher
            (dark knowledge, lib/train/distillation.h), an input of every training action of the
            method ("" = none).
  encodings: the compressed model files its evaluations write (lib/io/compressed_file.h):
            default ["hashed"] for the hashed family (weights shared through a hash), else
            ["csr", "bitmask"]; evaluate fails with one line when a model does not fit.
"""

def _method(name, kind, family, label, color, baseline = "", lib = "", train = {}, reads = "", teacher = "", encodings = None):
    return struct(
        name = name,
        kind = kind,
        family = family,
        baseline = baseline,
        lib = lib,
        label = label,
        color = color,
        train = train,
        reads = reads,
        teacher = teacher,
        encodings = encodings if encodings != None else (["hashed"] if family == "hashed" else ["csr", "bitmask"]),
    )

METHODS = [
    _method("dense", "baseline", "dense", "the uncompressed reference", "#000000", baseline = "none"),
    _method("dense_eta3", "baseline", "dense", "the reference at the paper's literal η₀ = 3", "#7f7f7f", baseline = "none", train = {"lr": "3"}),
    _method("nn", "scratch", "nn", "equivalent-size dense network trained from scratch", "#8c564b", lib = "nn"),
    _method("hashed", "scratch", "hashed", "HashedNets trained from scratch", "#d62728", lib = "hashed", reads = "//lib/compress:hashed"),
    _method("rer", "scratch", "rer", "random edge removal: a fixed random mask trained from scratch", "#ff7f0e", lib = "rer"),
    _method("lrd", "scratch", "lrd", "low-rank decomposition W = VU trained from scratch", "#e377c2", lib = "lrd", reads = "//lib/compress:low_rank"),
    _method("dk", "scratch", "dk", "equivalent-size network trained with dark knowledge", "#c49c94", lib = "nn", teacher = "none"),
    _method("hashed_dk", "scratch", "hashed_dk", "HashedNets trained with dark knowledge", "#ff9896", lib = "hashed", reads = "//lib/compress:hashed", teacher = "none", encodings = ["hashed"]),
    _method("mag_l1", "pruning", "magnitude", "magnitude pruning after L1 training", "#1f77b4", baseline = "l1", lib = "magnitude"),
    _method("mag_l2", "pruning", "magnitude", "magnitude pruning after L2 training", "#17becf", baseline = "l2", lib = "magnitude"),
    _method("obd", "pruning", "obd", "OBD: exact diagonal and saliency ½·|h|·w² (the authors’ code)", "#2ca02c", baseline = "l2", lib = "obd"),
    _method("obd_gn", "pruning", "obd", "OBD: Gauss–Newton diagonal and saliency ½·h·w² (LeCun et al.)", "#bcbd22", baseline = "l2", lib = "obd_gn"),
    _method("random", "pruning", "random", "random pruning (the control)", "#9467bd", baseline = "l2", lib = "random"),
]

METHOD = {m.name: m for m in METHODS}

def method_names(kinds = ["baseline", "scratch", "pruning"], exclude = []):
    """Returns the names of the table's methods of these kinds, in table order."""
    return [m.name for m in METHODS if m.kind in kinds and m.name not in exclude]

def methods_run(methods):
    """Returns the table's methods a study runs, in table order.

    methods: a study's `methods` argument: a list of names, or a dict architecture -> list.
    """
    names = methods.values() if type(methods) == "dict" else [methods]
    return [m for m in METHODS if [n for n in names if m.name in n]]

def method_libs(kind):
    """Returns the distinct libraries of the methods of one kind, in table order."""
    libs = []
    for m in METHODS:
        if m.kind == kind and m.lib not in libs:
            libs.append(m.lib)
    return libs

def method_tool(method):
    """Returns the stage binary that runs a method's actions (it links only that method)."""
    m = METHOD[method]
    if m.kind == "baseline":
        return "//pipeline:train"
    if m.kind == "scratch":
        return "//pipeline:train_" + m.lib
    return "//pipeline:compress_" + m.lib

def method_evaluator(method):
    """Returns the evaluate binary for a method's models (evaluate_<name> when it reads layers of its own)."""
    return "//pipeline:evaluate_" + method if METHOD[method].reads else "//pipeline:evaluate"

def _table_impl(ctx):
    rows = ["name,kind,family,baseline,label,color,order"]
    for i, m in enumerate(METHODS):
        if "," in m.label or '"' in m.label:
            fail("method %s: its label must not hold a comma or a quote" % m.name)
        rows.append(",".join([m.name, m.kind, m.family, m.baseline, m.label, m.color, str(i)]))
    ctx.actions.write(ctx.outputs.out, "\n".join(rows) + "\n")

method_table = rule(
    implementation = _table_impl,
    doc = "Writes the method table as CSV (name,kind,family,baseline,label,color,order).",
    outputs = {"out": "%{name}.csv"},
)
