"""The cost scripts' input files: one JSON object, or one line naming the file and the problem."""
import json
import sys


def load_object(path, fields, tool):
    """Returns the JSON object in `path`; exits with "<tool>: <path>: <problem>" if the file is
    unreadable, not a JSON object or lacks one of `fields`."""

    def fail(problem):
        sys.exit("%s: %s: %s" % (tool, path, problem))

    try:
        with open(path) as f:
            value = json.load(f)
    except OSError as e:
        fail(e.strerror.lower())
    except ValueError as e:
        fail("not JSON (%s)" % e)
    if not isinstance(value, dict):
        fail("not a JSON object")
    for field in fields:
        if field not in value:
            fail("missing field '%s'" % field)
    return value
