// ModelFile: the study's versioned, self-describing, checksummed model format, generic over layer
// kinds (a layer is a kind name, string attributes and named tensors with optional masks), so a
// new layer kind (e.g. a HashedNets layer storing K weights and a hash seed) needs no format
// change.
//
// Layout (all integers little-endian):
//   "NNCMODEL"            8-byte magic
//   u32 version           kModelFileVersion
//   u64 header_bytes      length of the JSON header that follows
//   header                JSON: {"metadata": {string: string},
//                                "layers": [{"kind", "attributes": {string: string},
//                                            "tensors": [{"name", "weight", "shape", "masked"}]}]}
//   payload               for each tensor in header order: prod(shape) float32 values, then, if
//                         masked, ceil(prod(shape)/8) bytes of mask bits (LSB first, 1 = kept)
//   u64 checksum          XXH64 (seed 0) of every preceding byte
// Pruned values are stored as 0 alongside the bitmask; the compact encodings (CSR, bitmask +
// values, hashed) are separate files written by the evaluate stage (lib/io/compressed_file.h).
#ifndef NNCOMPRESS_LIB_IO_MODEL_FILE_H_
#define NNCOMPRESS_LIB_IO_MODEL_FILE_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>
#include <xtensor/xarray.hpp>

namespace nnc {

constexpr uint32_t kModelFileVersion = 1;

struct TensorRecord {
  std::string name;          // unique within its layer
  bool is_weight = true;     // counted by compression factors (biases: false)
  xt::xarray<float> values;  // any rank >= 1
  bool masked = false;
  xt::xarray<float> mask;  // when masked: values' shape, entries 0 or 1
};

struct LayerRecord {
  std::string kind;
  std::map<std::string, std::string> attributes;
  std::vector<TensorRecord> tensors;
};

struct ModelFile {
  std::map<std::string, std::string> metadata;  // architecture, protocol, seed, method, input...
  std::vector<LayerRecord> layers;
};

// Returns: the file's bytes. Throws std::runtime_error if a masked tensor's mask shape differs.
std::string serialize_model(const ModelFile& model);
// Returns: the model in `bytes`; `origin` (a path) prefixes every error. Throws
// std::runtime_error("<origin>: <problem>") for: too short / truncated, bad magic, unsupported
// version, checksum mismatch, malformed header, payload size not matching the header.
ModelFile parse_model(std::string_view bytes, const std::string& origin);

// Writes the model to `path` atomically (a temporary name in the same folder, then rename).
void write_model_file(const std::string& path, const ModelFile& model);
// Returns: the model at path; throws as parse_model, or "<path>: cannot read" if unreadable.
ModelFile read_model_file(const std::string& path);

// Returns: the stored weight values of a layer: for each is_weight tensor, its mask's ones when
// masked, else all its values (a HashedNets layer's K real weights count as K).
size_t stored_weights(const LayerRecord& layer);
// Returns: all values of a layer's is_weight tensors (the dense size, masks ignored).
size_t total_weights(const LayerRecord& layer);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_IO_MODEL_FILE_H_
