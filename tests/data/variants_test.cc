// The Larochelle et al. (2007) variant generator: determinism per seed, published sizes, label
// balance, and the property each variant is about (ink kept under rotation, rectangle aspect,
// convexity, textured backgrounds). Runs on small synthetic inputs, in-process, in well under a
// second; the real datasets are checked from their manifests in manifests_test.
#include "data/variants.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "lib/io/sha256.h"

namespace nnc {
namespace {

// A stand-in for MNIST: `n` 28x28 "digits" (a thick ring or bar inside the central 20x20 box,
// as MNIST digits are), label i % 10.
LabelledImages synthetic_digits(size_t n) {
  LabelledImages pool;
  pool.images.count = n;
  pool.images.rows = pool.images.cols = kSide;
  pool.images.pixels.assign(n * kPixels, 0);
  for (size_t i = 0; i < n; ++i) {
    pool.labels.push_back(uint8_t(i % 10));
    for (size_t y = 4; y < 24; ++y) {
      for (size_t x = 4; x < 24; ++x) {
        const double r = std::hypot(x - 13.5, y - 13.5 + double(i % 3));
        const bool ink = i % 2 ? (r > 4 && r < 7.5) : (x >= 12 + i % 4 && x < 16 + i % 4);
        if (ink) pool.images.pixels[i * kPixels + y * kSide + x] = uint8_t(255 - i % 100);
      }
    }
  }
  return pool;
}

// Two textured photos and one flat one (every patch of which must be rejected).
std::vector<GreyImage> synthetic_photos() {
  std::vector<GreyImage> photos(3);
  for (size_t p = 0; p < photos.size(); ++p) {
    photos[p].rows = 40 + 10 * p;
    photos[p].cols = 60;
    for (size_t y = 0; y < photos[p].rows; ++y)
      for (size_t x = 0; x < photos[p].cols; ++x)
        photos[p].pixels.push_back(p == 2 ? 128 : uint8_t((x * 37 + y * y * 11 + p * 50) % 256));
  }
  return photos;
}

std::string digest(const VariantData& d) {
  std::string bytes;
  for (const LabelledImages* s : {&d.train, &d.valid, &d.test}) {
    bytes.append(s->images.pixels.begin(), s->images.pixels.end());
    bytes.append(s->labels.begin(), s->labels.end());
  }
  return sha256_hex(bytes);
}

double ink(const uint8_t* image) { return std::accumulate(image, image + kPixels, 0.0); }

double stddev(const uint8_t* image) {
  const double mean = ink(image) / kPixels;
  double sq = 0;
  for (size_t i = 0; i < kPixels; ++i) sq += (image[i] - mean) * (image[i] - mean);
  return std::sqrt(sq / kPixels);
}

const SplitSizes kSmall = {21, 7, 15};

TEST_CASE("every variant: same seed gives the same bytes, another seed different ones") {
  const LabelledImages digits = synthetic_digits(60);
  const std::vector<GreyImage> photos = synthetic_photos();
  for (const std::string& variant : variant_names()) {
    INFO(variant);
    const std::string a = digest(generate_variant(variant, kSmall, 11, digits, photos));
    CHECK(digest(generate_variant(variant, kSmall, 11, digits, photos)) == a);
    CHECK(digest(generate_variant(variant, kSmall, 12, digits, photos)) != a);
  }
}

TEST_CASE("the published sizes and class counts") {
  for (const char* v : {"basic", "rot", "bg_rand", "bg_img", "bg_img_rot"}) {
    const SplitSizes s = published_sizes(v);
    CHECK(s.train == 10000);
    CHECK(s.valid == 2000);
    CHECK(s.test == 50000);
    CHECK(variant_classes(v) == 10);
  }
  CHECK(published_sizes("rect").train == 1000);
  CHECK(published_sizes("rect").valid == 200);
  CHECK(published_sizes("rect").test == 50000);
  CHECK(published_sizes("convex").train == 6000);
  CHECK(published_sizes("convex").valid == 2000);
  CHECK(published_sizes("convex").test == 50000);
  CHECK(variant_classes("rect") == 2);
  CHECK(variant_classes("convex") == 2);
  CHECK_THROWS_WITH(published_sizes("mnist-rot"), "unknown variant 'mnist-rot'");
}

TEST_CASE("generated splits have the requested sizes and distinct digits") {
  const LabelledImages digits = synthetic_digits(60);
  const VariantData d = generate_variant("basic", kSmall, 3, digits, {});
  CHECK(d.train.images.count == 21);
  CHECK(d.valid.labels.size() == 7);
  CHECK(d.test.images.pixels.size() == 15 * kPixels);
  // basic copies its digits: all 43 samples are distinct pool images (the pool's images differ).
  std::vector<std::string> seen;
  for (const LabelledImages* s : {&d.train, &d.valid, &d.test})
    for (size_t i = 0; i < s->images.count; ++i)
      seen.emplace_back(s->images.pixels.begin() + i * kPixels,
                        s->images.pixels.begin() + (i + 1) * kPixels);
  std::sort(seen.begin(), seen.end());
  CHECK(std::unique(seen.begin(), seen.end()) == seen.end());
  CHECK_THROWS_WITH(generate_variant("basic", {50, 5, 6}, 3, digits, {}),
                    "basic: needs 61 distinct MNIST digits, the pool has 60");
  CHECK_THROWS_WITH(generate_variant("bg_img", kSmall, 3, digits, {}),
                    "bg_img: no background photos given");
}

TEST_CASE("rect and convex labels are balanced in every split") {
  for (const char* variant : {"rect", "convex"}) {
    const VariantData d = generate_variant(variant, kSmall, 5, {}, {});
    for (const LabelledImages* s : {&d.train, &d.valid, &d.test}) {
      const size_t ones = size_t(std::count(s->labels.begin(), s->labels.end(), 1));
      CHECK(s->labels.size() - ones == s->labels.size() / 2);
    }
  }
}

// Stated tolerance: bilinear rotation keeps a digit's ink mass within 3% (the blur moves ink
// between pixels but keeps its sum; rounding to grey levels and the corners cost a little).
TEST_CASE("a rotated digit keeps its ink mass within 3%") {
  const LabelledImages digits = synthetic_digits(6);
  uint8_t out[kPixels];
  for (size_t i = 0; i < digits.images.count; ++i) {
    const uint8_t* digit = &digits.images.pixels[i * kPixels];
    for (int k = 0; k < 16; ++k) {
      const double angle = k * 0.4;
      rotate_bilinear(digit, angle, out);
      INFO("digit " << i << " angle " << angle);
      CHECK(std::abs(ink(out) - ink(digit)) <= 0.03 * ink(digit));
    }
    rotate_bilinear(digit, 0.0, out);
    CHECK(std::equal(out, out + kPixels, digit));
  }
  // And on generated rot samples: every sample keeps ink close to some digit of the pool.
  const LabelledImages pool = synthetic_digits(60);
  const VariantData d = generate_variant("rot", kSmall, 9, pool, {});
  for (size_t i = 0; i < d.train.images.count; ++i) {
    const double mass = ink(&d.train.images.pixels[i * kPixels]);
    bool close = false;
    for (size_t j = 0; j < pool.images.count; ++j)
      close = close || std::abs(mass - ink(&pool.images.pixels[j * kPixels])) <=
                           0.03 * ink(&pool.images.pixels[j * kPixels]);
    CHECK(close);
  }
}

TEST_CASE("rect samples are outlines whose aspect matches the label") {
  const VariantData d = generate_variant("rect", {200, 2, 2}, 13, {}, {});
  for (size_t i = 0; i < d.train.images.count; ++i) {
    const uint8_t* im = &d.train.images.pixels[i * kPixels];
    size_t top = kSide, bottom = 0, left = kSide, right = 0;
    for (size_t y = 0; y < kSide; ++y)
      for (size_t x = 0; x < kSide; ++x)
        if (im[y * kSide + x]) {
          top = std::min(top, y), bottom = std::max(bottom, y);
          left = std::min(left, x), right = std::max(right, x);
        }
    REQUIRE(top <= bottom);
    const size_t h = bottom - top + 1, w = right - left + 1;
    INFO("sample " << i << ": " << h << " x " << w << ", label " << int(d.train.labels[i]));
    CHECK((h > w) == (d.train.labels[i] == 1));
    CHECK((h > w ? h - w : w - h) >= 3);
    // An outline: the border of the bounding box is white, its interior black.
    size_t white = 0;
    for (size_t y = top; y <= bottom; ++y)
      for (size_t x = left; x <= right; ++x) {
        const bool border = y == top || y == bottom || x == left || x == right;
        white += im[y * kSide + x] != 0;
        if (!border && im[y * kSide + x] != 0) FAIL_CHECK("white pixel inside the outline");
      }
    CHECK(white == 2 * (h + w) - 4);
  }
}

// Returns: an image with the pixels (x, y) for which `inside(x, y)` holds set to 255.
template <typename Inside>
std::vector<uint8_t> shape(Inside inside) {
  std::vector<uint8_t> im(kPixels, 0);
  for (size_t y = 0; y < kSide; ++y)
    for (size_t x = 0; x < kSide; ++x) im[y * kSide + x] = inside(long(x), long(y)) ? 255 : 0;
  return im;
}

TEST_CASE("is_digitally_convex on hand-made shapes") {
  CHECK(is_digitally_convex(shape([](long, long) { return false; }).data()));
  CHECK(is_digitally_convex(shape([](long x, long y) { return x == 3 && y == 9; }).data()));
  CHECK(is_digitally_convex(
      shape([](long x, long y) { return x > 4 && x < 20 && y > 2 && y < 9; }).data()));
  CHECK(is_digitally_convex(shape([](long x, long y) { return x == y; }).data()));  // diagonal
  CHECK(is_digitally_convex(
      shape([](long x, long y) { return x + 2 * y < 30; }).data()));                // half-plane
  CHECK(is_digitally_convex(shape([](long x, long y) { return x >= y; }).data()));  // triangle
  // An L, two blobs, a ring, a diagonal with a gap, and a triangle with one interior pixel off.
  CHECK_FALSE(is_digitally_convex(shape([](long x, long y) { return x < 5 || y < 5; }).data()));
  CHECK_FALSE(is_digitally_convex(
      shape([](long x, long y) { return (x < 3 && y < 3) || (x > 20 && y > 20); }).data()));
  CHECK_FALSE(is_digitally_convex(shape([](long x, long y) {
                                    long r2 = (x - 14) * (x - 14) + (y - 14) * (y - 14);
                                    return r2 > 9 && r2 < 60;
                                  }).data()));
  CHECK_FALSE(is_digitally_convex(shape([](long x, long y) { return x == y && x != 7; }).data()));
  CHECK_FALSE(is_digitally_convex(
      shape([](long x, long y) { return x >= y && !(x == 20 && y == 10); }).data()));
}

// An independent necessary condition for digital convexity: every lattice point on the segment
// between two white pixels is white.
bool segments_stay_white(const uint8_t* im) {
  std::vector<std::pair<long, long>> white;
  for (long y = 0; y < long(kSide); ++y)
    for (long x = 0; x < long(kSide); ++x)
      if (im[y * kSide + x]) white.emplace_back(x, y);
  for (size_t a = 0; a < white.size(); ++a)
    for (size_t b = a + 1; b < white.size(); ++b) {
      const long dx = white[b].first - white[a].first, dy = white[b].second - white[a].second;
      const long g = std::gcd(std::abs(dx), std::abs(dy));
      for (long k = 1; k < g; ++k)
        if (!im[(white[a].second + k * dy / g) * kSide + white[a].first + k * dx / g]) return false;
    }
  return true;
}

TEST_CASE("convex samples are convex for label 1 and not for label 0") {
  const VariantData d = generate_variant("convex", {40, 2, 2}, 17, {}, {});
  for (size_t i = 0; i < d.train.images.count; ++i) {
    const uint8_t* im = &d.train.images.pixels[i * kPixels];
    INFO("sample " << i << ", label " << int(d.train.labels[i]));
    const size_t white = size_t(std::count(im, im + kPixels, uint8_t(255)));
    CHECK(white + size_t(std::count(im, im + kPixels, uint8_t(0))) == kPixels);  // binary
    if (d.train.labels[i] == 1) {
      CHECK(white >= 19);
      CHECK(is_digitally_convex(im));
      CHECK(segments_stay_white(im));
    } else {
      CHECK(white >= 10);
      CHECK_FALSE(is_digitally_convex(im));
    }
  }
}

TEST_CASE("photo patches have texture and bg_img keeps the digit on top") {
  const std::vector<GreyImage> photos = synthetic_photos();
  DataRng rng(3);
  uint8_t patch[kPixels];
  size_t rejected = 0;
  for (int i = 0; i < 30; ++i) {
    rejected += sample_photo_patch(photos, 20.0, rng, patch);
    CHECK(stddev(patch) >= 20.0);
  }
  CHECK(rejected > 0);  // the flat photo is drawn about a third of the time, and always rejected
  const LabelledImages digits = synthetic_digits(60);
  const VariantData basic = generate_variant("basic", kSmall, 21, digits, photos);
  const VariantData bg = generate_variant("bg_img", kSmall, 21, digits, photos);
  // Same seed, same digit order: every white digit pixel stays white over the background.
  for (size_t i = 0; i < kSmall.train * kPixels; ++i)
    CHECK(bg.train.images.pixels[i] >= basic.train.images.pixels[i]);
}

TEST_CASE("DataRng transforms stay in range and match their means") {
  DataRng rng(42);
  double sum_u = 0, sum_g = 0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    const double u = rng.uniform();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    sum_u += u;
    REQUIRE(rng.below(7) < 7);
    sum_g += double(rng.geometric(0.195));
  }
  CHECK(sum_u / n == Approx(0.5).epsilon(0.02));
  CHECK(sum_g / n == Approx(1 / 0.195).epsilon(0.03));
  CHECK(DataRng(5).next() == DataRng(5).next());
  CHECK(DataRng(5).next() != DataRng(6).next());
}

}  // namespace
}  // namespace nnc
