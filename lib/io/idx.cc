#include "lib/io/idx.h"

#include <zlib.h>

#include <cstdio>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "lib/io/atomic_file.h"

namespace nnc {
namespace {

constexpr uint8_t kUbyte = 0x08;

[[noreturn]] void fail(const std::string& path, const std::string& problem) {
  throw std::runtime_error(path + ": " + problem);
}

bool is_gzip(const std::string& bytes) {
  return bytes.size() >= 2 && static_cast<uint8_t>(bytes[0]) == 0x1f &&
         static_cast<uint8_t>(bytes[1]) == 0x8b;
}

std::string gunzip(const std::string& path, const std::string& packed) {
  z_stream zs{};
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) fail(path, "zlib inflateInit2 failed");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  zs.avail_in = static_cast<uInt>(packed.size());
  std::string out;
  char chunk[1 << 16];
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(chunk);
    zs.avail_out = sizeof chunk;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(chunk, sizeof chunk - zs.avail_out);
    // Z_BUF_ERROR with input left over cannot happen; without input it means the stream stops
    // early.
  }
  const std::string msg = zs.msg ? zs.msg : "";
  inflateEnd(&zs);
  if (rc == Z_BUF_ERROR) fail(path, "bad gzip data: stream ends early (truncated .gz?)");
  if (rc != Z_STREAM_END) fail(path, "bad gzip data: " + (msg.empty() ? "zlib error" : msg));
  return out;
}

uint32_t be32(const std::string& b, size_t at) {
  return (uint32_t(uint8_t(b[at])) << 24) | (uint32_t(uint8_t(b[at + 1])) << 16) |
         (uint32_t(uint8_t(b[at + 2])) << 8) | uint32_t(uint8_t(b[at + 3]));
}

// Returns: the dimension sizes of the ubyte IDX data `bytes` (read from `path`) with `ndims`
// dimensions, and its element bytes in `body`; validates everything the header promises.
std::vector<size_t> parse(const std::string& path, std::string bytes, size_t ndims,
                          std::string* body) {
  if (bytes.empty()) fail(path, "empty file");
  if (is_gzip(bytes)) {
    bytes = gunzip(path, bytes);
    if (bytes.empty()) fail(path, "empty file (after gunzip)");
  }
  if (bytes.size() < 4)
    fail(path, "truncated: " + std::to_string(bytes.size()) +
                   " bytes, shorter than the 4-byte IDX magic number");
  if (bytes[0] != 0 || bytes[1] != 0) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%08x", be32(bytes, 0));
    fail(path,
         std::string("wrong magic number ") + hex + " (an IDX file starts with two zero bytes)");
  }
  const uint8_t type = uint8_t(bytes[2]);
  if (type != kUbyte) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02x", type);
    fail(path, std::string("wrong element type ") + hex + ", expected 0x08 (unsigned byte)");
  }
  const size_t found = uint8_t(bytes[3]);
  if (found != ndims)
    fail(path, "wrong dimensions: " + std::to_string(found) + " dimensions, expected " +
                   std::to_string(ndims) +
                   (ndims == 3 ? " (images n x rows x cols)" : " (labels n)"));
  const size_t header = 4 + 4 * ndims;
  if (bytes.size() < header)
    fail(path, "truncated: " + std::to_string(bytes.size()) + " bytes, the header needs " +
                   std::to_string(header));
  std::vector<size_t> dims(ndims);
  const size_t have = bytes.size() - header;
  size_t elements = 1;
  for (size_t d = 0; d < ndims; ++d) {
    dims[d] = be32(bytes, 4 + 4 * d);
    if (dims[d] == 0 && d > 0)
      fail(path, "wrong dimensions: dimension " + std::to_string(d) + " is 0");
    // Three 32-bit sizes can overflow 64 bits and wrap to a count that matches the bytes present.
    if (dims[d] != 0 && elements > std::numeric_limits<size_t>::max() / dims[d])
      fail(path, "wrong dimensions: their product overflows 64 bits");
    elements *= dims[d];
  }
  if (have < elements)
    fail(path, "truncated: " + std::to_string(have) + " data bytes, the header promises " +
                   std::to_string(elements));
  if (have > elements)
    fail(path, "file too long: " + std::to_string(have - elements) + " bytes after the " +
                   std::to_string(elements) + " promised by the header");
  *body = bytes.substr(header);
  return dims;
}

void put_be32(std::string* b, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) b->push_back(char((v >> shift) & 0xff));
}

// Returns: `bytes` as a gzip stream (best compression; zlib writes no timestamp, so the same
// bytes always give the same stream).
std::string gzip_bytes(const std::string& path, const std::string& bytes) {
  z_stream zs{};
  if (deflateInit2(&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    fail(path, "zlib deflateInit2 failed");
  std::string out(deflateBound(&zs, uLong(bytes.size())), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = uInt(bytes.size());
  zs.next_out = reinterpret_cast<Bytef*>(&out[0]);
  zs.avail_out = uInt(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) fail(path, "zlib deflate failed");
  return out;
}

void write_idx(const std::string& path, const std::string& bytes, bool gzip) {
  write_file_atomic(path, gzip ? gzip_bytes(path, bytes) : bytes);
}

}  // namespace

IdxImages parse_idx_images(std::string bytes, const std::string& origin) {
  std::string body;
  const std::vector<size_t> dims = parse(origin, std::move(bytes), 3, &body);
  IdxImages images;
  images.count = dims[0];
  images.rows = dims[1];
  images.cols = dims[2];
  images.pixels.assign(body.begin(), body.end());
  return images;
}

std::vector<uint8_t> parse_idx_labels(std::string bytes, const std::string& origin) {
  std::string body;
  parse(origin, std::move(bytes), 1, &body);
  return std::vector<uint8_t>(body.begin(), body.end());
}

IdxImages read_idx_images(const std::string& path) {
  return parse_idx_images(read_file(path), path);
}

std::vector<uint8_t> read_idx_labels(const std::string& path) {
  return parse_idx_labels(read_file(path), path);
}

void write_idx_images(const std::string& path, const IdxImages& images, bool gzip) {
  if (images.pixels.size() != images.count * images.rows * images.cols)
    fail(path, "cannot write " + std::to_string(images.pixels.size()) + " pixels as " +
                   std::to_string(images.count) + " x " + std::to_string(images.rows) + " x " +
                   std::to_string(images.cols) + " images");
  std::string bytes = {0, 0, char(kUbyte), 3};
  put_be32(&bytes, uint32_t(images.count));
  put_be32(&bytes, uint32_t(images.rows));
  put_be32(&bytes, uint32_t(images.cols));
  bytes.append(images.pixels.begin(), images.pixels.end());
  write_idx(path, bytes, gzip);
}

void write_idx_labels(const std::string& path, const std::vector<uint8_t>& labels, bool gzip) {
  std::string bytes = {0, 0, char(kUbyte), 1};
  put_be32(&bytes, uint32_t(labels.size()));
  bytes.append(labels.begin(), labels.end());
  write_idx(path, bytes, gzip);
}

void check_idx_counts(const std::string& images_path, const IdxImages& images,
                      const std::string& labels_path, const std::vector<uint8_t>& labels) {
  if (images.count != labels.size())
    throw std::runtime_error(images_path + ": count mismatch: " + std::to_string(images.count) +
                             " images but " + labels_path + " has " +
                             std::to_string(labels.size()) + " labels");
}

}  // namespace nnc
