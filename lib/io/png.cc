#include "lib/io/png.h"

#include <png.h>

#include <csetjmp>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "lib/io/atomic_file.h"

namespace nnc {
namespace {

[[noreturn]] void fail(const std::string& path, const std::string& problem) {
  throw std::runtime_error(path + ": " + problem);
}

struct File {
  FILE* f;
  ~File() {
    if (f) std::fclose(f);
  }
};

// libpng reports errors by longjmp; its message is kept here and rethrown as an exception once
// the stack is back in C++ code (no C++ objects with destructors live between setjmp and longjmp).
void on_png_error(png_structp png, png_const_charp message) {
  auto* text = static_cast<std::string*>(png_get_error_ptr(png));
  *text = message;
  png_longjmp(png, 1);
}
void on_png_warning(png_structp, png_const_charp) {}

// Encodes image (one row pointer per row in `rows`) into `bytes`. Returns: false after a libpng
// error. A function of its own so that no local written after setjmp is read after the longjmp
// (its value would be indeterminate).
bool encode_png_grey(png_structp png, png_infop info, const GreyImage& image, png_bytep* rows,
                     std::string& bytes) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_set_write_fn(
      png, &bytes,
      [](png_structp p, png_bytep data, png_size_t n) {
        static_cast<std::string*>(png_get_io_ptr(p))->append(reinterpret_cast<char*>(data), n);
      },
      [](png_structp) {});
  png_set_IHDR(png, info, png_uint_32(image.cols), png_uint_32(image.rows), 8, PNG_COLOR_TYPE_GRAY,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  png_write_image(png, rows);
  png_write_end(png, nullptr);
  return true;
}

}  // namespace

GreyImage read_png_grey(const std::string& path) {
  File file{std::fopen(path.c_str(), "rb")};
  if (!file.f) fail(path, "cannot open file");
  unsigned char signature[8];
  if (std::fread(signature, 1, 8, file.f) != 8 || png_sig_cmp(signature, 0, 8) != 0)
    fail(path, "not a PNG file (bad signature)");
  std::string error;
  png_structp png =
      png_create_read_struct(PNG_LIBPNG_VER_STRING, &error, on_png_error, on_png_warning);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!info) {
    png_destroy_read_struct(&png, nullptr, nullptr);
    fail(path, "libpng cannot allocate");
  }
  GreyImage image;
  std::vector<png_bytep> rows;
  std::vector<uint8_t> buffer;
  size_t channels = 0;
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_read_struct(&png, &info, nullptr);
    fail(path, "bad PNG data: " + error);
  }
  png_init_io(png, file.f);
  png_set_sig_bytes(png, 8);
  png_read_info(png, info);
  const png_byte color_type = png_get_color_type(png, info);
  png_set_strip_16(png);
  png_set_strip_alpha(png);
  png_set_packing(png);
  if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
  if ((color_type & PNG_COLOR_MASK_COLOR) == 0) png_set_expand_gray_1_2_4_to_8(png);
  png_read_update_info(png, info);
  image.rows = png_get_image_height(png, info);
  image.cols = png_get_image_width(png, info);
  channels = png_get_channels(png, info);
  buffer.resize(image.rows * image.cols * channels);
  rows.resize(image.rows);
  for (size_t r = 0; r < image.rows; ++r) rows[r] = &buffer[r * image.cols * channels];
  png_read_image(png, rows.data());
  png_read_end(png, nullptr);
  png_destroy_read_struct(&png, &info, nullptr);

  if (channels == 1) {
    image.pixels = std::move(buffer);
  } else if (channels == 3) {
    image.pixels.resize(image.rows * image.cols);
    for (size_t i = 0; i < image.pixels.size(); ++i) {
      const uint32_t r = buffer[3 * i], g = buffer[3 * i + 1], b = buffer[3 * i + 2];
      image.pixels[i] = uint8_t((299 * r + 587 * g + 114 * b + 500) / 1000);  // BT.601 luma
    }
  } else {
    fail(path, "unsupported PNG layout (" + std::to_string(channels) + " channels after decoding)");
  }
  return image;
}

void write_png_grey(const std::string& path, const GreyImage& image) {
  if (image.pixels.size() != image.rows * image.cols || image.rows == 0 || image.cols == 0)
    fail(path, "cannot write " + std::to_string(image.pixels.size()) + " pixels as a " +
                   std::to_string(image.rows) + " x " + std::to_string(image.cols) + " PNG");
  std::string error, bytes;
  png_structp png =
      png_create_write_struct(PNG_LIBPNG_VER_STRING, &error, on_png_error, on_png_warning);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  std::vector<png_bytep> rows(image.rows);
  for (size_t r = 0; r < image.rows; ++r)
    rows[r] = const_cast<png_bytep>(&image.pixels[r * image.cols]);
  // Encode into memory; the file is then written all-or-nothing by write_file_atomic.
  const bool ok = info && encode_png_grey(png, info, image, rows.data(), bytes);
  png_destroy_write_struct(&png, &info);
  if (!ok) fail(path, "cannot encode PNG" + (error.empty() ? std::string() : ": " + error));
  write_file_atomic(path, bytes);
}

}  // namespace nnc
