#!/bin/sh
# Bazel workspace status (see .bazelrc): the commit the report was built from, for its provenance.
# STABLE_ keys go to stable-status.txt, which only the report action reads.
commit=$(git rev-parse HEAD 2>/dev/null || echo unknown)
dirty=$(git status --porcelain 2>/dev/null | grep -qv '^??' && echo " (with uncommitted changes)")
echo "STABLE_COMMIT ${commit}${dirty}"
echo "STABLE_BAZEL bazel-bootstrap $(dpkg-query -W -f='${Version}' bazel-bootstrap 2>/dev/null || echo unknown)"
echo "STABLE_CPU $(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | sed "s/^ //") ($(nproc) cores)"
