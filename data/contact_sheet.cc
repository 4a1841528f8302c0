// Draws a dataset's contact sheet for the report: one row per class, holding the first
// --per_class samples of that class from the chosen split, each image scaled 2x; the row's label
// is drawn as a small digit glyph at its left. Grey levels as stored (white ink on black).
#include <CLI/CLI.hpp>
#include <iostream>

#include "lib/io/dataset.h"
#include "lib/io/idx.h"
#include "lib/io/png.h"

namespace {

// 3x5 digit glyphs, one row of 3 bits per line, most significant bit leftmost.
constexpr uint8_t kGlyphs[10][5] = {
    {7, 5, 5, 5, 7}, {2, 6, 2, 2, 7}, {7, 1, 7, 4, 7}, {7, 1, 7, 1, 7}, {5, 5, 7, 1, 1},
    {7, 4, 7, 1, 7}, {7, 4, 7, 5, 7}, {7, 1, 1, 1, 1}, {7, 5, 7, 5, 7}, {7, 5, 7, 1, 7}};
constexpr size_t kScale = 2, kGap = 2, kGlyphScale = 3, kLabelWidth = 3 * kGlyphScale + 2 * kGap;

void draw_label(size_t label, size_t top, size_t left, nnc::GreyImage* sheet) {
  const std::string text = std::to_string(label);
  for (size_t c = 0; c < text.size(); ++c)
    for (size_t gy = 0; gy < 5 * kGlyphScale; ++gy)
      for (size_t gx = 0; gx < 3 * kGlyphScale; ++gx)
        if ((kGlyphs[text[c] - '0'][gy / kGlyphScale] >> (2 - gx / kGlyphScale)) & 1)
          sheet->pixels[(top + gy) * sheet->cols + left + c * 4 * kGlyphScale + gx] = 255;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("Draw a contact sheet (PNG grid of samples by class) of a dataset");
  std::string dir, split = "test", out;
  size_t per_class = 10;
  app.add_option("--dataset_dir", dir)->required();
  app.add_option("--split", split);
  app.add_option("--per_class", per_class);
  app.add_option("--out", out)->required();
  CLI11_PARSE(app, argc, argv);
  try {
    const nnc::IdxImages images = nnc::read_idx_images(dir + "/" + nnc::split_images_file(split));
    const nnc::Split labelled = nnc::load_split(dir, split);  // validates labels and classes
    const size_t cell = images.rows * kScale + kGap;
    nnc::GreyImage sheet;
    sheet.rows = labelled.classes * cell + kGap;
    sheet.cols = kLabelWidth + per_class * cell;
    sheet.pixels.assign(sheet.rows * sheet.cols, 64);  // grey frame separates black images
    for (size_t label = 0; label < labelled.classes; ++label) {
      const size_t top = kGap + label * cell;
      draw_label(label, top + (images.rows * kScale - 5 * kGlyphScale) / 2, kGap, &sheet);
      size_t column = 0;
      for (size_t i = 0; i < images.count && column < per_class; ++i) {
        if (size_t(labelled.labels[i]) != label) continue;
        const size_t left = sheet.cols - per_class * cell + column * cell;
        for (size_t y = 0; y < images.rows * kScale; ++y)
          for (size_t x = 0; x < images.cols * kScale; ++x)
            sheet.pixels[(top + y) * sheet.cols + left + x] =
                images.pixels[i * images.rows * images.cols + (y / kScale) * images.cols +
                              x / kScale];
        ++column;
      }
    }
    nnc::write_png_grey(out, sheet);
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
