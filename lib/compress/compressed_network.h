// A network encoded as a compressed model file (lib/io/compressed_file.h) and run back from one:
// the evaluate stage writes these files, and the tests and the fuzzer read them back to check that
// a file holds the whole model, not just a size.
//
// Which encodings fit which models: csr and bitmask code per-weight matrices, so they fit every
// model without weight sharing (dense baselines, pruned and equivalent-size networks); hashed fits
// models whose every weight layer shares its weights through a hash (HashedNets), whose files hold
// the K real weights per layer and the hash seed in the layer's attributes.
#ifndef NNCOMPRESS_LIB_COMPRESS_COMPRESSED_NETWORK_H_
#define NNCOMPRESS_LIB_COMPRESS_COMPRESSED_NETWORK_H_

#include <string>
#include <vector>

#include "lib/compress/csr.h"
#include "lib/io/compressed_file.h"
#include "lib/nn/network.h"

namespace nnc {

// Returns: the compressed file of `net` in `encoding`. Throws std::runtime_error("<encoding>
// encoding: ...") naming the first layer that does not fit (a hashed layer for csr and bitmask, a
// weight layer without hashing for hashed).
std::string encode_network(const Network& net, Encoding encoding);

// Inference from a compressed file: the network rebuilt from the file's layers; in a csr file every
// dense layer multiplies with the stored CSR arrays (csr_forward), conv2d layers run their kernel
// on the decoded masked filters; bitmask files run the masked dense network, hashed files their
// hashed layers (the binary must link lib/compress:hashed to read those).
class CompressedNetwork {
 public:
  // Throws std::runtime_error("<origin>: ...") when the file's layers do not make a network.
  CompressedNetwork(const CompressedModel& file, const std::string& origin);
  // Returns: the network's output for x (valid until the next call).
  const Matrix& forward(const Matrix& x);
  // Returns: how many layers multiply with stored CSR arrays.
  size_t sparse_layers() const;
  Network& network() { return net_; }

 private:
  Network net_;
  std::vector<CsrMatrix> csr_;       // per layer; rows = 0 when the layer runs as usual
  std::vector<Matrix> activations_;  // per layer output, reused across calls
};

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_COMPRESS_COMPRESSED_NETWORK_H_
