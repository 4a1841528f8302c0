"""The dataset macro: one genrule writing a dataset's canonical files, one drawing its contact sheet."""

SPLIT_FILES = [
    split + suffix
    for split in ["train", "valid", "test"]
    for suffix in ["-images-idx3-ubyte", "-labels-idx1-ubyte"]
]

def dataset(name, tool, srcs, args):
    """//data:<name> writes data/<name>/{SPLIT_FILES, manifest.json}; //data:<name>_contact writes data/<name>/contact.png.

    Args:
      name: the dataset name (also its output folder).
      tool: the program that writes the dataset; it gets args plus --out_dir.
      srcs: the pinned raw inputs the program reads.
      args: the program's flags (may use $(execpath ...) of srcs).
    """
    native.genrule(
        name = name,
        srcs = srcs,
        outs = [name + "/" + f for f in SPLIT_FILES] + [name + "/manifest.json"],
        tools = [tool],
        cmd = "$(execpath %s) %s --out_dir $(RULEDIR)/%s" % (tool, args, name),
        message = "Writing dataset " + name,
    )
    native.genrule(
        name = name + "_contact",
        srcs = [":" + name],
        outs = [name + "/contact.png"],
        tools = ["//data:contact_sheet"],
        cmd = "$(execpath //data:contact_sheet) --dataset_dir $(RULEDIR)/%s --out $@" % name,
        message = "Drawing the contact sheet of " + name,
    )

def converted_dataset(name, source, raw):
    """A dataset converted from MNIST-format raw files; the last 12000 training samples (20%) are valid.

    Args:
      name: dataset name.
      source: where the raw files come from (recorded in the manifest).
      raw: one target holding train-images*, train-labels*, t10k-images*, t10k-labels*.
    """
    dataset(
        name = name,
        srcs = [raw],
        args = "--name {} --source '{}' --valid_count 12000 --raw $(execpaths {})".format(name, source, raw),
        tool = "//data:convert",
    )

def variant_dataset(name, seed, mnist = None, photos = None):
    """A Larochelle et al. (2007) variant written by //data:make_variant with the published sizes.

    Args:
      name: the variant (basic, rot, bg_rand, bg_img, bg_img_rot, rect, convex).
      seed: the generator seed.
      mnist: one target holding the four MNIST raw files (digit variants).
      photos: a filegroup of background photographs (bg_img variants).
    """
    args = "--variant {} --seed {}".format(name, seed)
    if mnist:
        args += " --mnist $(execpaths {})".format(mnist)
    if photos:
        args += " --photo $(execpaths {})".format(photos)
    dataset(
        name = name,
        srcs = ([mnist] if mnist else []) + ([photos] if photos else []),
        args = args,
        tool = "//data:make_variant",
    )
