"""What the cost scripts (paper_cost.py, train_ratio.py) read the same way: a factor's text, an
action's timing file split into its fixed and per-epoch CPU seconds, and the machine's CPU."""


def factor_value(text):
    """Returns a factor written "1/N" or as a decimal ("0.125") as a number; raises ValueError
    naming the text when it is neither, or not in (0, 1]."""
    try:
        value = 1.0 / int(text[2:]) if text.startswith("1/") else float(text)
    except (ValueError, ZeroDivisionError):
        raise ValueError("factor '%s' is neither 1/N nor a number" % text) from None
    if not 0 < value <= 1:
        raise ValueError("factor '%s' is not in (0, 1]" % text)
    return value


def split_cpu(timing):
    """Returns (fixed, per_epoch) CPU seconds of a timing file's object (lib/io/timing.h): the
    epochs' share of the CPU seconds is their share of the wall time (epoch_seconds are wall
    seconds), spread evenly over the epochs; the rest (start-up, data, pruning steps, the final
    validation) is fixed."""
    epochs, cpu, wall = timing["epoch_seconds"], float(timing["cpu_seconds"]), float(
        timing["wall_seconds"])
    share = min(1.0, sum(epochs) / wall) if wall > 0 else 0.0
    return cpu - cpu * share, cpu * share / len(epochs) if epochs else 0.0


def cpu_model():
    """Returns this machine's CPU model and its count of logical CPUs, or "unknown"."""
    try:
        with open("/proc/cpuinfo") as f:
            lines = f.read().splitlines()
    except OSError:
        return "unknown"
    names = [l.split(":", 1)[1].strip() for l in lines if l.startswith("model name")]
    return "%s, %d logical CPUs" % (names[0], len(names)) if names else "unknown"
