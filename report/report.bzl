"""Figures (gnuplot) and the literate report as Bazel actions."""

load("//pipeline:methods.bzl", "METHOD")

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
        "--results", ctx.file.results.path,
        "--methods", ctx.file.methods.path,
        "--profile-json", ctx.file.profile_json.path,
        "--published", ctx.file.published.path,
        "--profile", ctx.attr.profile,
        "--status", ctx.info_file.path,
        "--out-md", ctx.outputs.md.path,
        "--out-html", ctx.outputs.html.path,
    ]
    inputs = [ctx.file.template, ctx.file.summary, ctx.file.results, ctx.file.methods, ctx.file.profile_json, ctx.file.published, ctx.info_file]
    for flag, files in [("--record", ctx.files.records), ("--timing", ctx.files.timings)]:
        for f in files:
            args += [flag, f.path]
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
        methods = attr.label(default = "//pipeline:methods.csv", allow_single_file = True),
        summary = attr.label(mandatory = True, allow_single_file = [".csv"]),
        results = attr.label(mandatory = True, allow_single_file = [".csv"]),
        profile_json = attr.label(mandatory = True, allow_single_file = [".json"]),
        records = attr.label_list(allow_files = [".json"], doc = "the study's evaluation records"),
        timings = attr.label_list(allow_files = [".json"], doc = "the study's timing files"),
        datasets = attr.label_list(),
        figures = attr.label_keyed_string_dict(doc = "figure target -> group in the template"),
        profile = attr.string(mandatory = True),
        _tool = attr.label(default = "//report:make_report", executable = True, cfg = "target"),
    ),
)

def _curves_impl(ctx):
    outputs = []
    for log in ctx.files.logs:
        stem = log.basename[:-len(".log.csv")]
        for term in ["svg", "png"]:
            out = ctx.actions.declare_file("%s/%s.%s" % (ctx.label.name, stem, term))
            _gnuplot(ctx, ctx.file._script, [log], {"data": log.path, "title": stem}, out, term)
            outputs.append(out)
    return [DefaultInfo(files = depset(outputs))]

nnc_training_curves = rule(
    implementation = _curves_impl,
    doc = "One training-curve figure (SVG and PNG) per training log.",
    attrs = dict(
        logs = attr.label_list(allow_files = [".log.csv"], doc = "training logs (a study's <name>_baseline_logs)"),
        _script = attr.label(default = "//report:training_curve.gp", allow_single_file = True),
    ),
)

def _figure(figures, name, group, script, data, params):
    nnc_figure(name = name, script = "//report:" + script, data = data, params = params, tags = ["manual"])
    figures[":" + name] = group

def study_report(name, study, profile, datasets, networks, pruned_networks = [], pruning_methods = [], methods = [], colors = [], authors_factors = [], step_methods = [], step_colors = [], template = "//report:paper.md.in"):
    """Figures and the report of one study.

    Args:
      name: the report target; its outputs are <name>.md and <name>.html.
      study: the study's name in //pipeline (its aggregate target), e.g. "paper".
      profile: the profile name shown in the report.
      datasets: dataset names, e.g. ["mnist"] (targets //data:<name>, //data:<name>_contact).
      networks: architectures studied, e.g. ["sig30", "lenet5"]: one error figure each.
      pruned_networks: the architectures whose pruning methods get survivor and histogram figures.
      pruning_methods: the pruning methods those figures show.
      methods, colors: the methods the study runs and their colours, in table order (the figures'
        series; methods_run in pipeline/methods.bzl).
      authors_factors: the factors run with the authors' schedule, as the study writes them ("1/10",
        "0.002"); the pruning-step figure shows the last.
      step_methods, step_colors: the methods that figure shows, and their colours.
      template: the literate template the report fills.

    Defines <name>_report (the .md and .html), <name>_figures, and <name>, the runnable that copies
    them to report/out/. Every target is manual: `bazel test //...` must not run the study.
    """
    summary = "//pipeline:%s.summary.csv" % study
    figures = {}
    for ds in datasets:
        figures["//data:%s_contact" % ds] = "contact_sheets"
    for arch in networks:
        for x, group in [("factor", "error_vs_factor"), ("bytes", "error_vs_bytes")]:
            _figure(figures, "%s_%s_%s" % (name, group, arch), group, "error_vs_factor.gp", summary, {
                "datasets": " ".join(datasets),
                "arch": arch,
                "x": x,
                "methods": " ".join(methods),
                "colors": " ".join(colors),
            })
    # Inference speed from the speed stage's timings (one figure per network; methods missing from
    # a network's rows draw no points).
    series = [(m, c, e) for m, c in zip(methods, colors) for e in METHOD[m].encodings]
    for arch in networks:
        _figure(figures, "%s_speed_%s" % (name, arch), "speed", "speed.gp", "//pipeline:%s.speed.csv" % study, {
            "arch": arch,
            "series": " ".join(["%s:%s" % (m, e) for m, _, e in series]),
            "colors": " ".join([c for _, c, _ in series]),
        })
    # The weight histograms: a panel per magnitude pruning method (the table's "magnitude" side).
    magnitude = [m for m in pruning_methods if "magnitude" in METHOD[m].claims]
    for ds in datasets:
        for arch in pruned_networks:
            params = dict(dataset = ds, arch = arch)
            _figure(figures, "%s_survivors_%s_%s" % (name, ds, arch), "survivors", "survivors.gp", "//pipeline:%s.layers.csv" % study, dict(params, methods = " ".join(pruning_methods)))
            if magnitude:
                _figure(figures, "%s_histograms_%s_%s" % (name, ds, arch), "histograms", "histograms.gp", "//pipeline:%s.histograms.csv" % study, dict(
                    params,
                    ratio = "8",
                    methods = " ".join(magnitude),
                    regularisers = " ".join([METHOD[m].baseline.upper() for m in magnitude]),
                ))
    if authors_factors:
        for arch in pruned_networks:
            _figure(figures, "%s_steps_%s" % (name, arch), "steps", "steps.gp", "//pipeline:%s.steps.csv" % study, {
                "datasets": " ".join(datasets),
                "arch": arch,
                "factor": authors_factors[-1],
                "methods": " ".join(step_methods),
                "colors": " ".join(step_colors),
            })
    nnc_training_curves(name = name + "_curves", logs = ["//pipeline:%s_baseline_logs" % study], tags = ["manual"])
    figures[":%s_curves" % name] = "training_curves"
    nnc_report(
        name = name + "_report",
        summary = summary,
        results = "//pipeline:%s.results.csv" % study,
        profile_json = "//pipeline:%s_profile.json" % study,
        records = ["//pipeline:%s_records" % study],
        timings = ["//pipeline:%s_timings" % study],
        datasets = ["//data:" + ds for ds in datasets],
        figures = figures,
        profile = profile,
        template = template,
        tags = ["manual"],
    )

    # The report and every figure file (a filegroup puts them in the runner's runfiles).
    native.filegroup(name = name + "_files", srcs = [":%s_report" % name], tags = ["manual"])
    native.filegroup(name = name + "_figures", srcs = figures.keys(), tags = ["manual"])

    # `bazel run //report:<name>` writes the report into report/out/ in the workspace.
    native.sh_binary(
        name = name,
        srcs = ["//report:paper.sh"],
        args = ["$(rootpaths :%s_files)" % name, "$(rootpaths :%s_figures)" % name],
        data = [":%s_files" % name, ":%s_figures" % name],
        tags = ["manual"],
    )
