"""Reads Bazel's --execution_log_json_file, shared by the e2e check scripts in this folder."""
import json


def spawns(path):
    """Returns: the spawns (dicts) of the execution log at path, a stream of JSON objects."""
    text, decoder, at, out = open(path).read(), json.JSONDecoder(), 0, []
    while at < len(text):
        while at < len(text) and text[at].isspace():
            at += 1
        if at < len(text):
            spawn, at = decoder.raw_decode(text, at)
            out.append(spawn)
    return out
