#include "lib/io/npy.h"

#include <cstdio>
#include <cstring>
#include <sstream>
#include <stdexcept>

#include "lib/io/atomic_file.h"

namespace nnc {

std::string npy_bytes(const xt::xarray<float>& values) {
  std::string shape = "(";
  for (size_t i = 0; i < values.dimension(); ++i)
    shape += std::to_string(values.shape(i)) + (values.dimension() == 1      ? ","
                                                : i + 1 < values.dimension() ? ", "
                                                                             : "");
  shape += ")";
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
  // Magic (6) + version (2) + length (2) + header + '\n' is padded to a multiple of 64.
  const size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  std::string out("\x93NUMPY\x01\x00", 8);
  out += static_cast<char>(header.size() & 0xff);
  out += static_cast<char>(header.size() >> 8);
  out += header;
  const size_t n = values.size();
  for (size_t i = 0; i < n; ++i) {
    uint32_t u;
    std::memcpy(&u, values.data() + i, 4);
    for (int b = 0; b < 4; ++b) out += static_cast<char>((u >> (8 * b)) & 0xff);
  }
  return out;
}

void write_npy(const std::string& path, const xt::xarray<float>& values) {
  write_file_atomic(path, npy_bytes(values));
}

xt::xarray<float> read_npy(const std::string& path) {
  const std::string s = read_file(path);
  if (s.size() < 10 || s.compare(0, 6, "\x93NUMPY") != 0)
    throw std::runtime_error(path + ": not a .npy file");
  const size_t hlen =
      static_cast<uint8_t>(s[8]) | (static_cast<size_t>(static_cast<uint8_t>(s[9])) << 8);
  if (s[6] != 1 || s.size() < 10 + hlen)
    throw std::runtime_error(path + ": truncated or unsupported .npy header");
  const std::string h = s.substr(10, hlen);
  if (h.find("'descr': '<f4'") == std::string::npos)
    throw std::runtime_error(path + ": .npy dtype is not little-endian float32");
  if (h.find("'fortran_order': False") == std::string::npos)
    throw std::runtime_error(path + ": .npy in Fortran order is not supported");
  const size_t open = h.find('(', h.find("'shape'")), close = h.find(')', open);
  if (open == std::string::npos || close == std::string::npos)
    throw std::runtime_error(path + ": malformed .npy shape");
  std::vector<size_t> shape;
  std::stringstream dims(h.substr(open + 1, close - open - 1));
  std::string item;
  while (std::getline(dims, item, ','))
    if (item.find_first_not_of(' ') != std::string::npos) shape.push_back(std::stoul(item));
  xt::xarray<float> out = xt::xarray<float>::from_shape(shape);
  if (s.size() != 10 + hlen + 4 * out.size())
    throw std::runtime_error(path + ": .npy data size does not match its shape");
  std::memcpy(out.data(), s.data() + 10 + hlen, 4 * out.size());
  return out;
}

std::vector<std::pair<std::string, std::string>> npy_files(const ModelFile& model,
                                                           const std::string& dir) {
  std::vector<std::pair<std::string, std::string>> files;
  for (size_t l = 0; l < model.layers.size(); ++l) {
    char prefix[24];  // room for any size_t: no truncation warning
    std::snprintf(prefix, sizeof prefix, "%02zu_", l);
    for (const TensorRecord& t : model.layers[l].tensors) {
      const std::string base = dir + "/" + prefix + model.layers[l].kind + "_" + t.name;
      files.emplace_back(base + ".npy", npy_bytes(t.values));
      if (t.masked) files.emplace_back(base + "_mask.npy", npy_bytes(t.mask));
    }
  }
  return files;
}

}  // namespace nnc
