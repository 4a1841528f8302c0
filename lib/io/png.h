// Grey-scale PNG images: reading photographs (the bg_img backgrounds) and writing contact sheets.
// Colour files are converted to grey with the ITU-R BT.601 luma weights in exact integer
// arithmetic, so the result does not depend on libpng's own colour handling.
#ifndef NNCOMPRESS_LIB_IO_PNG_H_
#define NNCOMPRESS_LIB_IO_PNG_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace nnc {

// An 8-bit grey-scale image, row-major.
struct GreyImage {
  size_t rows = 0, cols = 0;
  std::vector<uint8_t> pixels;  // rows * cols bytes
};

// Returns: the PNG at `path` as 8-bit grey: grey files as they are (16-bit reduced to 8, alpha
// dropped), colour files as Y = (299 R + 587 G + 114 B + 500) / 1000.
// Throws std::runtime_error("<path>: <problem>") if the file is missing or not a valid PNG.
GreyImage read_png_grey(const std::string& path);

// Writes `image` as an 8-bit grey PNG (no timestamp: same pixels, same bytes), all-or-nothing
// (lib/io/atomic_file.h). Throws std::runtime_error("<path>: ...") on a size mismatch or failure.
void write_png_grey(const std::string& path, const GreyImage& image);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_IO_PNG_H_
