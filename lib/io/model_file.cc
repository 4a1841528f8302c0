#include "lib/io/model_file.h"

#include <xxhash.h>

#include <cstring>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "lib/io/atomic_file.h"

namespace nnc {
namespace {

constexpr char kMagic[8] = {'N', 'N', 'C', 'M', 'O', 'D', 'E', 'L'};
constexpr size_t kFixed = 8 + 4 + 8;  // magic, version, header length
static_assert(sizeof(float) == 4, "model files store float32");

template <typename T>
void put(std::string& out, T v) {
  char b[sizeof(T)];
  for (size_t i = 0; i < sizeof(T); ++i)
    b[i] = static_cast<char>((static_cast<uint64_t>(v) >> (8 * i)) & 0xff);
  out.append(b, sizeof(T));
}

template <typename T>
T get(std::string_view in, size_t at) {
  uint64_t v = 0;
  for (size_t i = 0; i < sizeof(T); ++i)
    v |= static_cast<uint64_t>(static_cast<uint8_t>(in[at + i])) << (8 * i);
  return static_cast<T>(v);
}

void put_floats(std::string& out, const float* v, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    uint32_t u;
    std::memcpy(&u, v + i, 4);
    put<uint32_t>(out, u);
  }
}

// Builds the errors of parse_model: "<origin>: <problem>".
struct Failure {
  const std::string& origin;
  std::runtime_error operator()(const std::string& problem) const {
    return std::runtime_error(origin + ": " + problem);
  }
};

// Checks the fixed prefix (size, magic, version). Returns: the header's length in bytes, which
// fits in the file.
uint64_t check_prefix(std::string_view in, const Failure& fail) {
  if (in.size() < kFixed + 8)
    throw fail("truncated model file (" + std::to_string(in.size()) + " bytes)");
  if (std::memcmp(in.data(), kMagic, 8) != 0) throw fail("not a model file (bad magic)");
  const uint32_t version = get<uint32_t>(in, 8);
  if (version != kModelFileVersion)
    throw fail("unsupported model file version " + std::to_string(version) + " (expected " +
               std::to_string(kModelFileVersion) + ")");
  const uint64_t header_bytes = get<uint64_t>(in, 12);
  if (header_bytes > in.size() - kFixed - 8)
    throw fail("truncated model file (header of " + std::to_string(header_bytes) +
               " bytes does not fit in " + std::to_string(in.size()) + ")");
  return header_bytes;
}

// Returns: a tensor record named and shaped as `jt` says, its values (and mask) allocated but not
// filled. Adds its payload bytes to `expected` and throws as soon as they exceed the file size,
// before allocating (a corrupt shape must not allocate terabytes).
TensorRecord tensor_layout(const nlohmann::json& jt, size_t file_size, uint64_t& expected,
                           const Failure& fail) {
  TensorRecord t;
  t.name = jt.at("name").get<std::string>();
  t.is_weight = jt.at("weight").get<bool>();
  t.masked = jt.at("masked").get<bool>();
  const auto shape = jt.at("shape").get<std::vector<size_t>>();
  if (shape.empty()) throw fail("corrupt model file (tensor '" + t.name + "' of rank 0)");
  uint64_t count = 1;
  for (const size_t d : shape) {
    if (d != 0 && count > (uint64_t{1} << 40) / d)
      throw fail("corrupt model file (tensor '" + t.name + "' is too large)");
    count *= d;
  }
  expected += count * 4 + (t.masked ? (count + 7) / 8 : 0);
  if (expected > file_size)
    throw fail("truncated model file (" + std::to_string(file_size) +
               " bytes, the header describes more)");
  t.values = xt::xarray<float>::from_shape(shape);
  if (t.masked) t.mask = xt::xarray<float>::from_shape(shape);
  return t;
}

// Returns: the model the header describes, tensors allocated but not filled. Sets `expected` to
// the payload's end offset.
ModelFile model_layout(const nlohmann::json& header, size_t file_size, uint64_t& expected,
                       const Failure& fail) {
  ModelFile model;
  try {
    model.metadata = header.at("metadata").get<std::map<std::string, std::string>>();
    for (const auto& jl : header.at("layers")) {
      LayerRecord l;
      l.kind = jl.at("kind").get<std::string>();
      l.attributes = jl.at("attributes").get<std::map<std::string, std::string>>();
      for (const auto& jt : jl.at("tensors"))
        l.tensors.push_back(tensor_layout(jt, file_size, expected, fail));
      model.layers.push_back(std::move(l));
    }
  } catch (const nlohmann::json::exception& e) {
    throw fail(std::string("corrupt model file (header: ") + e.what() + ")");
  }
  return model;
}

// Fills every tensor's values (and mask) from the payload starting at `at`. A masked tensor with a
// nonzero value at a pruned entry breaks the mask contract (lib/nn/param.h): the sparse path of a
// dense layer never reads that entry, the dense path multiplies it, so the file is refused.
void fill_tensors(std::string_view in, size_t at, ModelFile& model, const Failure& fail) {
  for (size_t li = 0; li < model.layers.size(); ++li)
    for (TensorRecord& t : model.layers[li].tensors) {
      const size_t n = t.values.size();
      for (size_t i = 0; i < n; ++i) {
        const uint32_t u = get<uint32_t>(in, at + 4 * i);
        std::memcpy(t.values.data() + i, &u, 4);
      }
      at += 4 * n;
      if (t.masked) {
        for (size_t i = 0; i < n; ++i)
          t.mask.data()[i] = (static_cast<uint8_t>(in[at + i / 8]) >> (i % 8)) & 1 ? 1.0f : 0.0f;
        at += (n + 7) / 8;
        for (size_t i = 0; i < n; ++i)
          if (t.mask.data()[i] == 0.0f && t.values.data()[i] != 0.0f)
            throw fail("layer " + std::to_string(li) + " (" + model.layers[li].kind +
                       "): tensor '" + t.name + "' has the nonzero value " +
                       std::to_string(t.values.data()[i]) + " at pruned entry " +
                       std::to_string(i) + " (mask and values disagree)");
      }
    }
}

}  // namespace

std::string serialize_model(const ModelFile& model) {
  nlohmann::json header;
  header["metadata"] = model.metadata;
  header["layers"] = nlohmann::json::array();
  std::string payload;
  for (const LayerRecord& l : model.layers) {
    nlohmann::json jl;
    jl["kind"] = l.kind;
    jl["attributes"] = l.attributes;
    jl["tensors"] = nlohmann::json::array();
    for (const TensorRecord& t : l.tensors) {
      std::vector<size_t> shape(t.values.shape().begin(), t.values.shape().end());
      jl["tensors"].push_back(
          {{"name", t.name}, {"weight", t.is_weight}, {"shape", shape}, {"masked", t.masked}});
      put_floats(payload, t.values.data(), t.values.size());
      if (t.masked) {
        if (t.mask.shape() != t.values.shape())
          throw std::runtime_error("model file: mask of tensor '" + t.name + "' in layer " +
                                   l.kind + " does not have the tensor's shape");
        std::string bits((t.mask.size() + 7) / 8, '\0');
        for (size_t i = 0; i < t.mask.size(); ++i)
          if (t.mask.data()[i] != 0.0f)
            bits[i / 8] = static_cast<char>(bits[i / 8] | (1 << (i % 8)));
        payload += bits;
      }
    }
    header["layers"].push_back(jl);
  }
  const std::string h = header.dump();
  std::string out(kMagic, 8);
  put<uint32_t>(out, kModelFileVersion);
  put<uint64_t>(out, h.size());
  out += h;
  out += payload;
  put<uint64_t>(out, XXH64(out.data(), out.size(), 0));
  return out;
}

ModelFile parse_model(std::string_view in, const std::string& origin) {
  const Failure fail{origin};
  const uint64_t header_bytes = check_prefix(in, fail);
  nlohmann::json header;
  try {
    header = nlohmann::json::parse(in.substr(kFixed, header_bytes));
  } catch (const nlohmann::json::exception&) {
    throw fail("corrupt model file (malformed header)");
  }
  uint64_t expected = kFixed + header_bytes;
  ModelFile model = model_layout(header, in.size(), expected, fail);
  if (expected + 8 > in.size())
    throw fail("truncated model file (" + std::to_string(in.size()) + " bytes, " +
               std::to_string(expected + 8) + " expected)");
  if (expected + 8 != in.size())
    throw fail("model file size " + std::to_string(in.size()) + " does not match its header (" +
               std::to_string(expected + 8) + " bytes expected)");
  // The payload is read only once the checksum holds.
  if (XXH64(in.data(), in.size() - 8, 0) != get<uint64_t>(in, in.size() - 8))
    throw fail("checksum mismatch (corrupt model file)");
  fill_tensors(in, kFixed + header_bytes, model, fail);
  return model;
}

void write_model_file(const std::string& path, const ModelFile& model) {
  write_file_atomic(path, serialize_model(model));
}

ModelFile read_model_file(const std::string& path) { return parse_model(read_file(path), path); }

size_t stored_weights(const LayerRecord& layer) {
  size_t n = 0;
  for (const TensorRecord& t : layer.tensors) {
    if (!t.is_weight) continue;
    if (!t.masked) {
      n += t.values.size();
    } else {
      for (const float m : t.mask) n += m != 0.0f;
    }
  }
  return n;
}

size_t total_weights(const LayerRecord& layer) {
  size_t n = 0;
  for (const TensorRecord& t : layer.tensors)
    if (t.is_weight) n += t.values.size();
  return n;
}

}  // namespace nnc
