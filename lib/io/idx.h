// IDX files (LeCun's MNIST format): reading and writing unsigned-byte image stacks [n, rows, cols]
// and label vectors [n], plain or gzip-compressed. Every dataset of the study is stored this way.
//
// Format (http://yann.lecun.com/exdb/mnist/): a big-endian header of two zero bytes, an
// element-type byte (0x08 = unsigned byte, the only type used here), a dimension-count byte, then
// one 32-bit big-endian size per dimension, then the elements in row-major order. A file that
// starts with the gzip magic bytes (1f 8b) is inflated first, whatever its name.
#ifndef NNCOMPRESS_LIB_IO_IDX_H_
#define NNCOMPRESS_LIB_IO_IDX_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace nnc {

// A stack of n grey-scale images of rows x cols unsigned bytes, image-major, then row-major.
struct IdxImages {
  size_t count = 0, rows = 0, cols = 0;
  std::vector<uint8_t> pixels;  // count * rows * cols bytes
};

// Returns: the images of the 3-dimensional ubyte IDX file at `path` (plain or gzip).
// Throws std::runtime_error("<path>: <problem>") on a missing, empty, truncated or over-long file,
// a wrong magic number, element type or dimension count, a zero dimension, or bad gzip data.
IdxImages read_idx_images(const std::string& path);

// Returns: the labels of the 1-dimensional ubyte IDX file at `path` (plain or gzip).
// Throws as read_idx_images does.
std::vector<uint8_t> read_idx_labels(const std::string& path);

// Returns: the images or labels of IDX data already in memory, as the readers above; `origin`
// (a path) prefixes every error. The readers' parsing, apart from the file (fuzzed in tests/fuzz).
IdxImages parse_idx_images(std::string bytes, const std::string& origin);
std::vector<uint8_t> parse_idx_labels(std::string bytes, const std::string& origin);

// Writes `images` as a 3-dimensional ubyte IDX file (gzip-compressed if `gzip`), all-or-nothing
// (lib/io/atomic_file.h): a failure leaves no partial file.
// Throws std::runtime_error("<path>: ...") if pixels.size() != count*rows*cols or writing fails.
void write_idx_images(const std::string& path, const IdxImages& images, bool gzip = false);

// Writes `labels` as a 1-dimensional ubyte IDX file, like write_idx_images.
void write_idx_labels(const std::string& path, const std::vector<uint8_t>& labels,
                      bool gzip = false);

// Checks that there is one label per image (the pair forms one split).
// Throws std::runtime_error naming both files if images.count != labels.size().
void check_idx_counts(const std::string& images_path, const IdxImages& images,
                      const std::string& labels_path, const std::vector<uint8_t>& labels);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_IO_IDX_H_
