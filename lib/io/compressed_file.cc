#include "lib/io/compressed_file.h"

#include <xxhash.h>

#include <cstring>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "lib/io/atomic_file.h"

namespace nnc {
namespace {

constexpr char kMagic[8] = {'N', 'N', 'C', 'C', 'O', 'M', 'P', 'R'};
constexpr size_t kFixed = 8 + 4 + 1 + 4;  // magic, version, encoding, header length
// Decoding expands a CSR tensor to its dense shape; a corrupt shape must not allocate gigabytes
// (the largest network of the study has under 2^21 weights).
constexpr uint64_t kMaxWeights = uint64_t{1} << 26;
static_assert(sizeof(float) == 4, "compressed files store float32");

template <typename T>
void put(std::string& out, T v) {
  for (size_t i = 0; i < sizeof(T); ++i)
    out.push_back(static_cast<char>((static_cast<uint64_t>(v) >> (8 * i)) & 0xff));
}

void put_float(std::string& out, float v) {
  uint32_t u;
  std::memcpy(&u, &v, 4);
  put<uint32_t>(out, u);
}

// A read past the payload's end: reported as truncation even when the checksum also fails.
struct Truncated : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Builds the errors of parse_compressed: "<origin>: <problem>".
struct Failure {
  const std::string& origin;
  std::runtime_error operator()(const std::string& problem) const {
    return std::runtime_error(origin + ": " + problem);
  }
};

// Bounds-checked little-endian reads of [at, end): running past `end` is a truncated file.
class Reader {
 public:
  Reader(std::string_view in, size_t at, size_t end, const Failure& fail)
      : in_(in), at_(at), end_(end), fail_(fail) {}

  size_t at() const { return at_; }
  // Throws unless n more bytes remain.
  void need(uint64_t n) const {
    if (n > end_ - at_)
      throw Truncated(fail_("truncated compressed file (" + std::to_string(in_.size()) +
                            " bytes, the header describes more)")
                          .what());
  }
  uint64_t uint(size_t width) {
    need(width);
    uint64_t v = 0;
    for (size_t i = 0; i < width; ++i)
      v |= static_cast<uint64_t>(static_cast<uint8_t>(in_[at_ + i])) << (8 * i);
    at_ += width;
    return v;
  }
  float real() {
    const uint32_t u = static_cast<uint32_t>(uint(4));
    float v;
    std::memcpy(&v, &u, 4);
    return v;
  }
  uint8_t byte_at(size_t offset) const { return static_cast<uint8_t>(in_[at_ + offset]); }
  void skip(uint64_t n) {
    need(n);
    at_ += n;
  }

 private:
  std::string_view in_;
  size_t at_, end_;
  const Failure& fail_;
};

// Returns: the smallest unsigned width in bytes (1, 2, 4) holding every column index of `cols`.
uint8_t index_width(size_t cols) { return cols <= 256 ? 1 : cols <= 65536 ? 2 : 4; }

// True when the tensor is coded as CSR or bitmask in `encoding` (else as plain float32).
bool sparse_coded(Encoding encoding, bool is_weight) {
  return is_weight && encoding != Encoding::kHashed;
}

void put_csr(std::string& out, const TensorRecord& t) {
  const CsrMatrix m = to_csr(t.values, t.masked ? t.mask : xt::xarray<float>());
  const uint8_t width = index_width(m.cols);
  put<uint8_t>(out, width);
  put<uint32_t>(out, static_cast<uint32_t>(m.values.size()));
  for (const uint32_t s : m.row_start) put<uint32_t>(out, s);
  for (const uint32_t c : m.columns) {
    if (width == 1) put<uint8_t>(out, static_cast<uint8_t>(c));
    if (width == 2) put<uint16_t>(out, static_cast<uint16_t>(c));
    if (width == 4) put<uint32_t>(out, c);
  }
  for (const float v : m.values) put_float(out, v);
}

void put_bitmask(std::string& out, const TensorRecord& t) {
  const size_t n = t.values.size();
  std::string bits((n + 7) / 8, '\0');
  std::vector<float> kept;
  for (size_t i = 0; i < n; ++i) {
    if (t.masked && t.mask.data()[i] == 0.0f) continue;
    bits[i / 8] = static_cast<char>(bits[i / 8] | (1 << (i % 8)));
    kept.push_back(t.values.data()[i]);
  }
  out += bits;
  for (const float v : kept) put_float(out, v);
}

// Returns: the header's description of tensor `jt`, its values (and, sparse coded, mask) allocated
// as zeros. Adds its element count to `weights` and throws past kMaxWeights.
TensorRecord tensor_layout(const nlohmann::json& jt, bool sparse, uint64_t& weights,
                           const Failure& fail) {
  TensorRecord t;
  t.name = jt.at("name").get<std::string>();
  t.is_weight = jt.at("weight").get<bool>();
  const auto shape = jt.at("shape").get<std::vector<size_t>>();
  if (shape.empty()) throw fail("corrupt compressed file (tensor '" + t.name + "' of rank 0)");
  uint64_t count = 1;
  for (const size_t d : shape) {
    if (d != 0 && count > kMaxWeights / d)
      throw fail("corrupt compressed file (tensor '" + t.name + "' is too large)");
    count *= d;
  }
  weights += count;
  if (weights > kMaxWeights)
    throw fail("corrupt compressed file (more than " + std::to_string(kMaxWeights) + " values)");
  t.values = xt::zeros<float>(shape);
  t.masked = sparse;
  if (sparse) t.mask = xt::zeros<float>(shape);
  return t;
}

// Returns: the layers the header describes (tensors allocated as zeros), metadata input_shape.
ModelFile model_layout(const nlohmann::json& header, Encoding encoding, const Failure& fail) {
  ModelFile model;
  uint64_t weights = 0;
  try {
    model.metadata["input_shape"] = header.at("input_shape").get<std::string>();
    for (const auto& jl : header.at("layers")) {
      LayerRecord l;
      l.kind = jl.at("kind").get<std::string>();
      l.attributes = jl.at("attributes").get<std::map<std::string, std::string>>();
      for (const auto& jt : jl.at("tensors"))
        l.tensors.push_back(
            tensor_layout(jt, sparse_coded(encoding, jt.at("weight").get<bool>()), weights, fail));
      model.layers.push_back(std::move(l));
    }
  } catch (const nlohmann::json::exception& e) {
    throw fail(std::string("corrupt compressed file (header: ") + e.what() + ")");
  }
  return model;
}

// Reads one CSR tensor into `t` (values, mask) and `csr`, checking its structure.
void read_csr(Reader& in, TensorRecord& t, CsrMatrix& csr, const Failure& fail) {
  csr.rows = t.values.shape(0);
  csr.cols = csr.rows ? t.values.size() / csr.rows : 0;
  const std::string where = "corrupt compressed file (tensor '" + t.name + "': ";
  const size_t width = in.uint(1);
  if (width != index_width(csr.cols)) throw fail(where + "index width " + std::to_string(width));
  const uint64_t nnz = in.uint(4);
  if (nnz > t.values.size()) throw fail(where + std::to_string(nnz) + " entries)");
  in.need((csr.rows + 1) * 4 + nnz * (width + 4));
  for (size_t r = 0; r <= csr.rows; ++r) csr.row_start.push_back(uint32_t(in.uint(4)));
  for (uint64_t k = 0; k < nnz; ++k) csr.columns.push_back(uint32_t(in.uint(width)));
  for (uint64_t k = 0; k < nnz; ++k) csr.values.push_back(in.real());
  if (csr.row_start.front() != 0 || csr.row_start.back() != nnz)
    throw fail(where + "row starts do not span its entries)");
  for (size_t r = 0; r < csr.rows; ++r) {
    if (csr.row_start[r] > csr.row_start[r + 1]) throw fail(where + "row starts descend)");
    for (uint32_t k = csr.row_start[r]; k < csr.row_start[r + 1]; ++k) {
      const uint32_t c = csr.columns[k];
      if (c >= csr.cols || (k > csr.row_start[r] && c <= csr.columns[k - 1]))
        throw fail(where + "column " + std::to_string(c) + " out of order or range)");
      t.values.data()[r * csr.cols + c] = csr.values[k];
      t.mask.data()[r * csr.cols + c] = 1.0f;
    }
  }
}

// Reads one bitmask tensor into `t` (values, mask), checking its padding bits.
void read_bitmask(Reader& in, TensorRecord& t, const Failure& fail) {
  const size_t n = t.values.size();
  in.need((n + 7) / 8);
  size_t kept = 0;
  for (size_t i = 0; i < (n + 7) / 8 * 8; ++i) {
    if (!((in.byte_at(i / 8) >> (i % 8)) & 1)) continue;
    if (i >= n) throw fail("corrupt compressed file (tensor '" + t.name + "': padding bits set)");
    t.mask.data()[i] = 1.0f;
    ++kept;
  }
  in.skip((n + 7) / 8);
  in.need(uint64_t(kept) * 4);
  for (size_t i = 0; i < n; ++i)
    if (t.mask.data()[i] != 0.0f) t.values.data()[i] = in.real();
}

// Reads every tensor's payload from `in` in header order.
void read_payload(Reader& in, Encoding encoding, CompressedModel& out, const Failure& fail) {
  out.csr.assign(out.model.layers.size(), {});
  for (size_t l = 0; l < out.model.layers.size(); ++l) {
    LayerRecord& layer = out.model.layers[l];
    out.csr[l].resize(layer.tensors.size());
    for (size_t k = 0; k < layer.tensors.size(); ++k) {
      TensorRecord& t = layer.tensors[k];
      if (!sparse_coded(encoding, t.is_weight)) {
        in.need(uint64_t(t.values.size()) * 4);
        for (float& v : t.values) v = in.real();
      } else if (encoding == Encoding::kCsr) {
        read_csr(in, t, out.csr[l][k], fail);
      } else {
        read_bitmask(in, t, fail);
      }
    }
  }
}

// Checks the fixed prefix. Returns: the encoding; sets header_bytes (which fits in the file).
Encoding check_prefix(std::string_view in, uint64_t& header_bytes, const Failure& fail) {
  if (in.size() < kFixed + 8)
    throw fail("truncated compressed file (" + std::to_string(in.size()) + " bytes)");
  if (std::memcmp(in.data(), kMagic, 8) != 0) throw fail("not a compressed model file (bad magic)");
  Reader r(in, 8, kFixed, fail);
  const uint64_t version = r.uint(4);
  if (version != kCompressedFileVersion)
    throw fail("unsupported compressed file version " + std::to_string(version) + " (expected " +
               std::to_string(kCompressedFileVersion) + ")");
  const uint64_t encoding = r.uint(1);
  if (encoding < 1 || encoding > 3)
    throw fail("unknown encoding " + std::to_string(encoding) + " (expected 1 csr, 2 bitmask or " +
               "3 hashed)");
  header_bytes = r.uint(4);
  if (header_bytes > in.size() - kFixed - 8)
    throw fail("truncated compressed file (header of " + std::to_string(header_bytes) +
               " bytes does not fit in " + std::to_string(in.size()) + ")");
  return static_cast<Encoding>(encoding);
}

// Returns: true when the trailing XXH64 matches the preceding bytes (in.size() >= 8).
bool checksum_holds(std::string_view in) {
  uint64_t stored = 0;
  for (size_t i = 0; i < 8; ++i)
    stored |= uint64_t(static_cast<uint8_t>(in[in.size() - 8 + i])) << (8 * i);
  return XXH64(in.data(), in.size() - 8, 0) == stored;
}

}  // namespace

std::string encoding_name(Encoding encoding) {
  switch (encoding) {
    case Encoding::kCsr:
      return "csr";
    case Encoding::kBitmask:
      return "bitmask";
    case Encoding::kHashed:
      return "hashed";
  }
  return "unknown";
}

Encoding parse_encoding(const std::string& name) {
  for (const Encoding e : {Encoding::kCsr, Encoding::kBitmask, Encoding::kHashed})
    if (encoding_name(e) == name) return e;
  throw std::runtime_error("unknown encoding '" + name + "' (expected csr, bitmask or hashed)");
}

std::string serialize_compressed(const ModelFile& model, Encoding encoding) {
  const auto shape = model.metadata.find("input_shape");
  if (shape == model.metadata.end())
    throw std::runtime_error("compressed file: the model has no input_shape");
  nlohmann::json header = {{"input_shape", shape->second}, {"layers", nlohmann::json::array()}};
  std::string payload;
  for (const LayerRecord& l : model.layers) {
    nlohmann::json tensors = nlohmann::json::array();
    for (const TensorRecord& t : l.tensors) {
      if (t.values.size() >= (uint64_t{1} << 32))
        throw std::runtime_error("compressed file: tensor '" + t.name + "' is too large");
      const std::vector<size_t> dims(t.values.shape().begin(), t.values.shape().end());
      tensors.push_back({{"name", t.name}, {"weight", t.is_weight}, {"shape", dims}});
      if (!sparse_coded(encoding, t.is_weight)) {
        for (const float v : t.values) put_float(payload, v);
      } else if (encoding == Encoding::kCsr) {
        put_csr(payload, t);
      } else {
        put_bitmask(payload, t);
      }
    }
    header["layers"].push_back(
        {{"kind", l.kind}, {"attributes", l.attributes}, {"tensors", tensors}});
  }
  const std::string h = header.dump();
  std::string out(kMagic, 8);
  put<uint32_t>(out, kCompressedFileVersion);
  put<uint8_t>(out, static_cast<uint8_t>(encoding));
  put<uint32_t>(out, static_cast<uint32_t>(h.size()));
  out += h + payload;
  put<uint64_t>(out, XXH64(out.data(), out.size(), 0));
  return out;
}

CompressedModel parse_compressed(std::string_view in, const std::string& origin) {
  const Failure fail{origin};
  uint64_t header_bytes = 0;
  CompressedModel out;
  out.encoding = check_prefix(in, header_bytes, fail);
  nlohmann::json header;
  try {
    header = nlohmann::json::parse(in.substr(kFixed, header_bytes));
  } catch (const nlohmann::json::exception&) {
    throw fail("corrupt compressed file (malformed header)");
  }
  out.model = model_layout(header, out.encoding, fail);
  // The payload's length depends on its contents (nnz, mask bits), so it is read before the
  // checksum is compared: a short file is reported as truncated; any other damage the reading
  // finds is reported as a checksum mismatch when the checksum fails too.
  Reader payload(in, kFixed + header_bytes, in.size() - 8, fail);
  try {
    read_payload(payload, out.encoding, out, fail);
  } catch (const Truncated&) {
    throw;
  } catch (const std::runtime_error&) {
    if (!checksum_holds(in)) throw fail("checksum mismatch (corrupt compressed file)");
    throw;
  }
  if (payload.at() != in.size() - 8)
    throw fail("compressed file size " + std::to_string(in.size()) +
               " does not match its header (" + std::to_string(payload.at() + 8) +
               " bytes expected)");
  if (!checksum_holds(in)) throw fail("checksum mismatch (corrupt compressed file)");
  return out;
}

CompressedModel read_compressed_file(const std::string& path) {
  return parse_compressed(read_file(path), path);
}

}  // namespace nnc
