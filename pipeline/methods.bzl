"""The method table: every compression method of the study, declared once (docs/DESIGN.md, "Methods").

Everything else derives from this table: the study macro's expansion (study.bzl), the per-method
stage binaries (pipeline/BUILD), and //pipeline:methods.csv, which the report reads for its method
order, labels, plot styles and the claims' method groups, and which a test checks every method
against the smoke results, the figures' data and the report.

Adding a method (docs/DESIGN.md, "Adding a method"): write its library (one file registering
itself: a ScratchMethod in lib/compress/scratch_method.h or a PruningMethod in
lib/compress/pruning_method.h) and its test, add their targets to lib/compress/BUILD and
tests/compress/BUILD, and add one line here.

Fields:
  name:     the method's name in targets, records and the report.
  kind:     "baseline" (the uncompressed reference, trained by //pipeline:train), "scratch" (a
            network built at the factor and trained from scratch, by train_<lib>) or "pruning" (a
            chain pruned from a baseline and retrained, by compress_<lib>).
  family:   what kind of compression it is, as the report's method list and HashedNets' tables
            name it (dense, nn, hashed, magnitude, obd, random, rer, lrd, dk, hashed_dk); the
            baselines table takes the dense family's methods.
  claims:   the sides it takes in the seed paper's claims (report/claims.h), none by default, so a
            new method joins a claim only when its line says so: "pruning" (claim 1's best
            pruning method), "magnitude" (claims 2 and 3's magnitude pruning), "obd" (claim 2's
            OBD), "hashed" (the HashedNet of claims 1, 3 and 4), "nn" (claim 3's equivalent-size
            network; with "dense", claim 4's convolutional network), "dense" (the uncompressed
            reference whose baseline a method trained from scratch rests on; the first in table
            order). The figures of magnitude pruning's weight histograms show the "magnitude"
            methods.
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

def _method(name, kind, family, label, color, baseline = "", lib = "", train = {}, reads = "", teacher = "", encodings = None, claims = []):
    return struct(
        name = name,
        kind = kind,
        family = family,
        claims = claims,
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
    _method("dense", "baseline", "dense", "the uncompressed reference", "#000000", baseline = "none", claims = ["dense"]),
    _method("dense_eta3", "baseline", "dense", "the reference at the paper's literal η₀ = 3", "#7f7f7f", baseline = "none", train = {"lr": "3"}, claims = ["dense"]),
    _method("nn", "scratch", "nn", "equivalent-size dense network trained from scratch", "#8c564b", lib = "nn", claims = ["nn"]),
    _method("hashed", "scratch", "hashed", "HashedNets trained from scratch", "#d62728", lib = "hashed", reads = "//lib/compress:hashed", claims = ["hashed"]),
    _method("rer", "scratch", "rer", "random edge removal: a fixed random mask trained from scratch", "#ff7f0e", lib = "rer"),
    _method("lrd", "scratch", "lrd", "low-rank decomposition W = VU trained from scratch", "#e377c2", lib = "lrd", reads = "//lib/compress:low_rank"),
    _method("dk", "scratch", "dk", "equivalent-size network trained with dark knowledge", "#c49c94", lib = "nn", teacher = "none"),
    _method("hashed_dk", "scratch", "hashed_dk", "HashedNets trained with dark knowledge", "#ff9896", lib = "hashed", reads = "//lib/compress:hashed", teacher = "none", encodings = ["hashed"]),
    _method("mag_l1", "pruning", "magnitude", "magnitude pruning after L1 training", "#1f77b4", baseline = "l1", lib = "magnitude", claims = ["pruning", "magnitude"]),
    _method("mag_l2", "pruning", "magnitude", "magnitude pruning after L2 training", "#17becf", baseline = "l2", lib = "magnitude", claims = ["pruning", "magnitude"]),
    _method("obd", "pruning", "obd", "OBD: exact diagonal and saliency ½·|h|·w² (the authors’ code)", "#2ca02c", baseline = "l2", lib = "obd", claims = ["pruning", "obd"]),
    _method("obd_gn", "pruning", "obd", "OBD: Gauss–Newton diagonal and saliency ½·h·w² (LeCun et al.)", "#bcbd22", baseline = "l2", lib = "obd_gn", claims = ["pruning", "obd"]),
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

def _lib_target(lib):
    return "//lib/compress:%s_method" % lib

def method_lib_targets(kind):
    """Returns the library targets of the methods of one kind, in table order: //lib/compress:<lib>_method."""
    return [_lib_target(lib) for lib in method_libs(kind)]

def method_binaries(stage, deps, kind = None):
    """Declares the per-method binaries of a stage: <stage>_<lib> for each library of the methods of
    `kind`, or (kind None) <stage>_<name> for each method with layer kinds of its own (`reads`). Each is
    <stage>.cc linking `deps` and that one library, so editing a method reruns only its actions."""
    if kind:
        libs = {lib: _lib_target(lib) for lib in method_libs(kind)}
    else:
        libs = {m.name: m.reads for m in METHODS if m.reads}
    for suffix, lib in libs.items():
        native.cc_binary(
            name = "%s_%s" % (stage, suffix),
            srcs = [stage + ".cc"],
            deps = deps + [lib],
        )

def method_layer_libs():
    """Returns the distinct layer libraries the methods' models need (`reads`), in table order."""
    libs = []
    for m in METHODS:
        if m.reads and m.reads not in libs:
            libs.append(m.reads)
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
    rows = ["name,kind,family,baseline,label,color,order,claims"]
    for i, m in enumerate(METHODS):
        if "," in m.label or '"' in m.label:
            fail("method %s: its label must not hold a comma or a quote" % m.name)
        rows.append(",".join([m.name, m.kind, m.family, m.baseline, m.label, m.color, str(i), " ".join(m.claims)]))
    ctx.actions.write(ctx.outputs.out, "\n".join(rows) + "\n")

method_table = rule(
    implementation = _table_impl,
    doc = "Writes the method table as CSV (name,kind,family,baseline,label,color,order,claims).",
    outputs = {"out": "%{name}.csv"},
)
