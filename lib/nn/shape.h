// Shape: the per-sample geometry of a layer's input or output, height x width x channels,
// stored channels-last (NHWC) in a batch x (height*width*channels) row-major matrix.
// A flat vector of n features is {1, 1, n}.
#ifndef NNCOMPRESS_LIB_NN_SHAPE_H_
#define NNCOMPRESS_LIB_NN_SHAPE_H_

#include <cstddef>
#include <string>

namespace nnc {

struct Shape {
  size_t height = 1, width = 1, channels = 1;
  // Returns: the number of features per sample.
  size_t size() const { return height * width * channels; }
  // Returns: "HxWxC".
  std::string str() const {
    return std::to_string(height) + "x" + std::to_string(width) + "x" + std::to_string(channels);
  }
  bool operator==(const Shape& o) const {
    return height == o.height && width == o.width && channels == o.channels;
  }
};

// Returns: the shape of a flat vector of n features.
inline Shape flat(size_t n) { return Shape{1, 1, n}; }

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_NN_SHAPE_H_
