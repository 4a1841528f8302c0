"""Figures (gnuplot) and the literate report as Bazel actions."""

def _gnuplot(ctx, script, inputs, params, out, term):
    expressions = ["%s='%s'" % (k, v) for k, v in sorted(params.items())]
    expressions += ["out='%s'" % out.path, "term='%s'" % term]
    ctx.actions.run(
        executable = "/usr/bin/gnuplot",
        arguments = ["-e", "; ".join(expressions), script.path],
        inputs = inputs + [script],
        outputs = [out],
        mnemonic = "Gnuplot",
        progress_message = "Plotting %s" % out.short_path,
    )

def _figure_impl(ctx):
    data = ctx.file.data
    params = dict(ctx.attr.params, data = data.path)
    for term, out in [("svg", ctx.outputs.svg), ("png", ctx.outputs.png)]:
        _gnuplot(ctx, ctx.file.script, [data], params, out, term)

nnc_figure = rule(
    implementation = _figure_impl,
    doc = "One gnuplot figure from one CSV, as <name>.svg and <name>.png (both byte-deterministic).",
    outputs = {"svg": "%{name}.svg", "png": "%{name}.png"},
    attrs = dict(
        script = attr.label(mandatory = True, allow_single_file = [".gp"]),
        data = attr.label(mandatory = True, allow_single_file = True),
        params = attr.string_dict(doc = "gnuplot variables (strings), set with -e"),
    ),
)

def _report_impl(ctx):
    args = [
        "--template", ctx.file.template.path,
        "--summary", ctx.file.summary.path,
        "--published", ctx.file.published.path,
        "--profile", ctx.attr.profile,
        "--status", ctx.info_file.path,
        "--out-md", ctx.outputs.md.path,
        "--out-html", ctx.outputs.html.path,
    ]
    inputs = [ctx.file.template, ctx.file.summary, ctx.file.published, ctx.info_file]
    for f in ctx.files.runs:
        if f.basename.endswith(".timing.json"):
            args += ["--timing", f.path]
        elif f.basename.endswith(".json"):
            args += ["--record", f.path]
        else:
            continue
        inputs.append(f)
    for f in ctx.files.datasets:
        if f.basename == "manifest.json":
            args += ["--manifest", f.path]
            inputs.append(f)
    for target, group in ctx.attr.figures.items():
        # Vector figures where gnuplot made them (sharp in a browser), PNG otherwise.
        files = target.files.to_list()
        chosen = [f for f in files if f.extension == "svg"] or [f for f in files if f.extension == "png"]
        for f in chosen:
            args += ["--figure", "%s=%s" % (group, f.path)]
            inputs.append(f)
    ctx.actions.run(
        executable = ctx.executable._tool,
        arguments = args,
        inputs = inputs,
        outputs = [ctx.outputs.md, ctx.outputs.html],
        mnemonic = "Report",
        progress_message = "Writing report %s" % ctx.label.name,
    )

nnc_report = rule(
    implementation = _report_impl,
    doc = "The literate report: template + this run's results -> <name>.md and <name>.html.",
    outputs = {"md": "%{name}.md", "html": "%{name}.html"},
    attrs = dict(
        template = attr.label(default = "//report:paper.md.in", allow_single_file = True),
        published = attr.label(default = "//report:published.csv", allow_single_file = True),
        summary = attr.label(mandatory = True, allow_single_file = [".csv"]),
        runs = attr.label_list(doc = "every train, compress and evaluate target of the study"),
        datasets = attr.label_list(),
        figures = attr.label_keyed_string_dict(doc = "figure target -> group in the template"),
        profile = attr.string(mandatory = True),
        _tool = attr.label(default = "//report:make_report", executable = True, cfg = "target"),
    ),
)

def _curves_impl(ctx):
    outputs = []
    for log in ctx.files.runs:
        # Baseline training logs only: <cell>_train_<regulariser>.log.csv.
        if not log.basename.endswith(".log.csv") or "_train_" not in log.basename:
            continue
        stem = log.basename[:-len(".log.csv")]
        for term in ["svg", "png"]:
            out = ctx.actions.declare_file("%s/%s.%s" % (ctx.label.name, stem, term))
            _gnuplot(ctx, ctx.file._script, [log], {"data": log.path, "title": stem}, out, term)
            outputs.append(out)
    return [DefaultInfo(files = depset(outputs))]

nnc_training_curves = rule(
    implementation = _curves_impl,
    doc = "One training-curve figure (SVG and PNG) per baseline training log of a study.",
    attrs = dict(
        runs = attr.label_list(doc = "the study's run targets; their baseline logs are plotted"),
        _script = attr.label(default = "//report:training_curve.gp", allow_single_file = True),
    ),
)

def study_report(name, study, profile, datasets, networks, pruned_networks = [], pruning_methods = []):
    """Figures and the report of one study.

    Args:
      name: the report target; its outputs are <name>.md and <name>.html.
      study: the study's name in //pipeline (its aggregate target), e.g. "default".
      profile: the profile name shown in the report.
      datasets: dataset names, e.g. ["mnist"] (targets //data:<name>, //data:<name>_contact).
      networks: architectures studied, e.g. ["lenet300", "lenet5"].
      pruned_networks: the architectures whose pruning methods get survivor and histogram figures.
      pruning_methods: the pruning methods those figures show (all must be in the study).

    Defines <name> (the .md and .html), <name>_figures, and <name>_paper, the runnable that copies
    them to report/out/. Every target is manual: `bazel test //...` must not run the study.
    """
    summary = "//pipeline:%s.summary.csv" % study
    figures = {}
    for ds in datasets:
        figures["//data:%s_contact" % ds] = "contact_sheets"
        for arch in networks:
            for x, group in [("factor", "error_vs_factor"), ("bytes", "error_vs_bytes")]:
                target = "%s_%s_%s_%s" % (name, group, ds, arch)
                nnc_figure(
                    name = target,
                    script = "//report:error_vs_factor.gp",
                    data = summary,
                    params = {"dataset": ds, "arch": arch, "x": x},
                    tags = ["manual"],
                )
                figures[":" + target] = group
    for ds in datasets:
        for arch in pruned_networks:
            for script, group, params in [
                ("survivors.gp", "survivors", {"methods": " ".join(pruning_methods)}),
                ("histograms.gp", "histograms", {"ratio": "8"}),
            ]:
                target = "%s_%s_%s_%s" % (name, group, ds, arch)
                nnc_figure(
                    name = target,
                    script = "//report:" + script,
                    data = "//pipeline:%s.%s.csv" % (study, "layers" if group == "survivors" else "histograms"),
                    params = dict(params, dataset = ds, arch = arch),
                    tags = ["manual"],
                )
                figures[":" + target] = group
    nnc_training_curves(
        name = name + "_curves",
        runs = ["//pipeline:%s_runs" % study],
        tags = ["manual"],
    )
    figures[":%s_curves" % name] = "training_curves"
    nnc_report(
        name = name,
        summary = summary,
        runs = ["//pipeline:%s_runs" % study],
        datasets = ["//data:" + ds for ds in datasets],
        figures = figures,
        profile = profile,
        tags = ["manual"],
    )

    # The report and every figure file (a filegroup puts them in the runner's runfiles).
    native.filegroup(name = name + "_files", srcs = [":" + name], tags = ["manual"])
    native.filegroup(name = name + "_figures", srcs = figures.keys(), tags = ["manual"])

    # `bazel run //report:<name>_paper` writes the report into report/out/ in the workspace.
    native.sh_binary(
        name = name + "_paper",
        srcs = ["//report:paper.sh"],
        args = ["$(rootpaths :%s_files)" % name, "$(rootpaths :%s_figures)" % name],
        data = [":%s_files" % name, ":%s_figures" % name],
        tags = ["manual"],
    )
