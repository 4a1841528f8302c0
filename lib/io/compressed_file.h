// Compressed model files: a model's parameters in one compact encoding, written by the evaluate
// stage beside its record (<run>.csr, <run>.bitmask, <run>.hashed), so the record's bytes are the
// sizes of real files rather than a formula (docs/DESIGN.md, "Compressed model files").
//
// Layout (all integers little-endian, float32 IEEE-754 little-endian):
//   "NNCCOMPR"        8-byte magic
//   u32 version       kCompressedFileVersion
//   u8  encoding      1 = csr, 2 = bitmask, 3 = hashed
//   u32 header_bytes  length of the JSON header that follows
//   header            JSON: {"input_shape": "HxWxC",
//                            "layers": [{"kind", "attributes": {string: string},
//                                        "tensors": [{"name", "weight", "shape"}]}]}
//                     (the model file's header without metadata or masks: what rebuilds the
//                     layers; a hashed layer's attributes hold K, K_b and the hash seed)
//   payload           each tensor in header order, coded by the encoding and its "weight" flag:
//     weight tensor, csr:      u8 index width w (1, 2 or 4: the smallest unsigned integer that
//                              holds cols - 1), u32 nnz, (rows + 1) u32 row starts, nnz column
//                              indices of w bytes, nnz float32 values; rows = shape[0], cols =
//                              the product of the other dimensions (a conv2d filter bank of shape
//                              filters x (kh·kw·in) is a filters-row matrix), kept entries in
//                              row-major order, columns ascending within a row;
//     weight tensor, bitmask:  ceil(n/8) bytes of one bit per weight (row-major, LSB first,
//                              1 = kept, padding bits 0), then one float32 per kept weight;
//     every other tensor:      its n values as float32 (biases in every encoding; in a hashed file
//                              a hashed layer's K real weights and its K_b or dense biases).
//   u64 checksum      XXH64 (seed 0) of every preceding byte (as the model file)
// The file holds no timestamp or metadata besides the input shape: same model, same bytes.
#ifndef NNCOMPRESS_LIB_IO_COMPRESSED_FILE_H_
#define NNCOMPRESS_LIB_IO_COMPRESSED_FILE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lib/io/csr_matrix.h"
#include "lib/io/model_file.h"

namespace nnc {

constexpr uint32_t kCompressedFileVersion = 1;

enum class Encoding : uint8_t { kCsr = 1, kBitmask = 2, kHashed = 3 };

// Returns: "csr", "bitmask" or "hashed" (also the file's extension).
std::string encoding_name(Encoding encoding);
// Returns: the encoding called `name`; throws std::runtime_error listing the three names.
Encoding parse_encoding(const std::string& name);

// A parsed compressed file.
struct CompressedModel {
  Encoding encoding = Encoding::kCsr;
  // The layers with every tensor decoded: a csr or bitmask weight tensor as masked values (0 where
  // not kept), what the masked dense model holds; metadata holds only input_shape.
  ModelFile model;
  // csr files: csr[l][t] holds tensor t of layer l as stored (empty for tensors stored as floats).
  std::vector<std::vector<CsrMatrix>> csr;
};

// Returns: the bytes of `model` (its metadata's input_shape and its layers) in `encoding`. Weight
// tensors coded csr or bitmask keep their mask's ones (every entry when unmasked); other tensors
// are stored whole. Throws std::runtime_error when input_shape is missing or a tensor is too large.
std::string serialize_compressed(const ModelFile& model, Encoding encoding);

// Returns: the file in `bytes`; `origin` (a path) prefixes every error. Throws
// std::runtime_error("<origin>: <problem>") for: truncated, bad magic, unsupported version, unknown
// encoding, checksum mismatch, malformed header, payloads that do not match the header (row starts
// not ascending, a column out of range, nonzero padding bits), size not matching the header.
CompressedModel parse_compressed(std::string_view bytes, const std::string& origin);

// Returns: the file at `path`; throws as parse_compressed, or "<path>: cannot read (...)".
CompressedModel read_compressed_file(const std::string& path);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_IO_COMPRESSED_FILE_H_
