#include "lib/compress/compressed_network.h"

#include <stdexcept>

#include "lib/nn/model_io.h"

namespace nnc {
namespace {

bool has_weight(const Layer& layer) {
  for (const Param& p : layer.params())
    if (p.is_weight) return true;
  return false;
}

// Throws when a layer of `net` does not fit `encoding` (see the header).
void check_fits(const Network& net, Encoding encoding) {
  for (size_t i = 0; i < net.size(); ++i) {
    const Layer& layer = net.layer(i);
    if (!has_weight(layer)) continue;
    const std::string where = encoding_name(encoding) + " encoding: layer " +
                              std::to_string(i + 1) + " (" + layer.kind() + ")";
    if (encoding == Encoding::kHashed && !layer.shares_weights())
      throw std::runtime_error(where +
                               " has no hashed weights (the hashed encoding is for "
                               "HashedNets models; use csr or bitmask)");
    if (encoding != Encoding::kHashed && layer.shares_weights())
      throw std::runtime_error(where +
                               " shares its weights through a hash (use the hashed "
                               "encoding)");
  }
}

}  // namespace

std::string encode_network(const Network& net, Encoding encoding) {
  check_fits(net, encoding);
  return serialize_compressed(to_model_file(net, {}), encoding);
}

CompressedNetwork::CompressedNetwork(const CompressedModel& file, const std::string& origin) {
  try {
    net_ = from_model_file(file.model);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(origin + ": " + e.what());
  }
  csr_.resize(net_.size());
  activations_.resize(net_.size());
  if (file.encoding != Encoding::kCsr) return;
  for (size_t i = 0; i < net_.size(); ++i) {
    if (net_.layer(i).kind() != "dense") continue;
    // The tensor named "weight" (from_model_file matched it to the layer's shape); a file that
    // stores it as floats leaves its arrays empty, and the layer runs densely.
    const auto& tensors = file.model.layers.at(i).tensors;
    for (size_t k = 0; k < tensors.size(); ++k) {
      if (tensors[k].name != "weight") continue;
      csr_[i] = file.csr.at(i).at(k);
    }
  }
}

const Matrix& CompressedNetwork::forward(const Matrix& x) {
  const Matrix* in = &x;
  for (size_t i = 0; i < net_.size(); ++i) {
    Layer& layer = net_.layer(i);
    if (csr_[i].rows) {
      csr_forward(csr_[i], layer.param("bias").value.data(), *in, activations_[i]);
    } else {
      layer.forward(*in, activations_[i], Mode::kInfer, nullptr);
    }
    in = &activations_[i];
  }
  return *in;
}

size_t CompressedNetwork::sparse_layers() const {
  size_t n = 0;
  for (const CsrMatrix& m : csr_) n += m.rows != 0;
  return n;
}

}  // namespace nnc
