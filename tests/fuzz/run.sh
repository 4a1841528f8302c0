#!/usr/bin/env bash
# Builds and runs the libFuzzer targets of the readers that take files from outside: the IDX reader
# (idx_fuzzer.cc), the model-file reader with the network it rebuilds (model_file_fuzzer.cc) and
# the compressed-file reader with the network it rebuilds and runs (compressed_file_fuzzer.cc).
# Built with Debian's clang (-fsanitize=fuzzer,address,undefined) straight from the library sources,
# apart from Bazel's gcc build, which stays untouched.
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]    # default: 10 s each, targets idx model_file
#                                               # compressed_file
#
# Each target starts from its seed corpus (tests/fuzz/corpus/<target>/, copied, never written) and
# runs SECONDS; the last line per target gives libFuzzer's run count. Exit status 1 on any crash,
# leak, sanitizer report, timeout or out-of-memory (the reproducer is left in $NNC_FUZZ_DIR).
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${1:-10}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(idx model_file compressed_file)
work=${NNC_FUZZ_DIR:-/tmp/nnc-fuzz}
mkdir -p "$work"

CXX=${CXX_FUZZ:-clang++}
command -v "$CXX" >/dev/null || { echo "fuzz: error: $CXX not found (./setup installs clang)" >&2; exit 1; }
# -mavx2 -mfma as the Bazel build (.bazelrc): the sparse and CSR kernels use AVX2 intrinsics.
FLAGS=(-std=c++17 -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined
       -fno-sanitize-recover=undefined -mavx2 -mfma -I. -Wno-deprecated-declarations)

sources_idx=(lib/io/idx.cc lib/io/atomic_file.cc)
libs_idx=(-lz)
sources_model_file=(lib/io/model_file.cc lib/io/atomic_file.cc lib/nn/model_io.cc
  lib/nn/activation.cc lib/nn/builtin_layers.cc lib/nn/conv2d.cc lib/nn/dense.cc
  lib/nn/dropout.cc lib/nn/layer.cc lib/nn/max_pool.cc lib/nn/param.cc lib/nn/gemm.cc
  lib/nn/network.cc lib/nn/loss.cc lib/nn/sparse_dense.cc lib/nn/input_rows.cc lib/io/pixels.cc
  lib/util/format_double.cc)
libs_model_file=(-lxxhash -lopenblas)
sources_compressed_file=("${sources_model_file[@]}" lib/io/compressed_file.cc lib/io/csr_matrix.cc lib/compress/csr.cc
  lib/compress/compressed_network.cc lib/compress/hashed.cc lib/compress/factor.cc lib/util/factor.cc)
libs_compressed_file=(-lxxhash -lopenblas)

status=0
for t in "${targets[@]}"; do
  src="tests/fuzz/${t}_fuzzer.cc"
  [[ -f $src ]] || { echo "fuzz: error: no target $t ($src)" >&2; exit 1; }
  srcs_var="sources_${t}[@]"; libs_var="libs_${t}[@]"
  bin="$work/${t}_fuzzer"
  # Rebuild only when a source is newer than the binary.
  if [[ ! -x $bin ]] || [[ -n $(find "$src" ${!srcs_var} lib/io/*.h lib/nn/*.h lib/util/*.h lib/compress/*.h -newer "$bin" | head -1) ]]; then
    echo "fuzz: building $t"
    # A failed build fails the run: the binary of an earlier build must not stand in for it.
    if ! "$CXX" "${FLAGS[@]}" "$src" ${!srcs_var} ${!libs_var} -o "$bin.tmp"; then
      echo "fuzz: $t FAILED to build"
      rm -f "$bin"
      status=1
      continue
    fi
    mv "$bin.tmp" "$bin"
  fi
  corpus="$work/corpus_$t"
  mkdir -p "$corpus"
  log="$work/$t.log"
  # max_len 64 KiB: enough for headers, small payloads and gzip streams; rss 2 GiB as the stages'
  # own budget. The seed corpus is read-only input; new inputs go to $corpus.
  if (cd "$work" && "$bin" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
        -timeout=10 -print_final_stats=1 "$corpus" "$OLDPWD/tests/fuzz/corpus/$t") >"$log" 2>&1; then
    runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
    echo "fuzz: $t ok: $runs runs in ${seconds}s"
  else
    status=1
    echo "fuzz: $t FAILED (log: $log)"
    grep -E 'ERROR|SUMMARY|Test unit written|==[0-9]+==' "$log" | head -20 || tail -20 "$log"
  fi
done
exit $status
