#include "data/variants.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <stdexcept>

namespace nnc {
namespace {

constexpr double kTwoPi = 6.283185307179586476925286766559;
// bg_img: reject photo patches whose pixel standard deviation is below this many grey levels
// (Larochelle et al. reject "patches with low pixel variance"; their threshold is not published).
constexpr double kMinPatchStddev = 20.0;
// convex: Larochelle et al.'s geometric parameters and minimum region sizes.
constexpr double kConvexHalfPlaneP = 0.195, kNonconvexHalfPlaneP = 0.07;
constexpr size_t kConvexMinPixels = 19, kNonconvexPartMinPixels = 10;

uint8_t round_to_byte(double v) {
  return uint8_t(std::min(255.0, std::max(0.0, std::floor(v + 0.5))));
}

// Random half-plane intersection: `planes` times, a point uniform over the image square
// [-0.5, 27.5)^2 (pixel centres at integers) and a normal angle uniform in [0, 2pi);
// pixels with (x - p) . n >= 0 stay. Returns the number of pixels set.
size_t draw_halfplane_intersection(uint64_t planes, DataRng& rng, uint8_t* out) {
  std::fill(out, out + kPixels, uint8_t(255));
  for (uint64_t k = 0; k < planes; ++k) {
    const double px = rng.uniform(-0.5, kSide - 0.5), py = rng.uniform(-0.5, kSide - 0.5);
    const double angle = rng.uniform(0.0, kTwoPi);
    const double nx = std::cos(angle), ny = std::sin(angle);
    for (size_t y = 0; y < kSide; ++y)
      for (size_t x = 0; x < kSide; ++x)
        if ((double(x) - px) * nx + (double(y) - py) * ny < 0) out[y * kSide + x] = 0;
  }
  return size_t(std::count(out, out + kPixels, uint8_t(255)));
}

// Returns: the cross product (b - a) x (c - a), > 0 when a, b, c turn counter-clockwise.
long cross(const long* a, const long* b, const long* c) {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

// Returns: a permutation of 0..n-1 (Fisher-Yates with rng.below).
std::vector<size_t> shuffled_indices(size_t n, DataRng& rng) {
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  for (size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
  return order;
}

LabelledImages empty_split(size_t n) {
  LabelledImages s;
  s.images.count = n;
  s.images.rows = kSide;
  s.images.cols = kSide;
  s.images.pixels.assign(n * kPixels, 0);
  s.labels.assign(n, 0);
  return s;
}

// Digit variants: `transform(digit, rng, out)` turns one MNIST digit into one sample.
template <typename Transform>
LabelledImages digit_split(const LabelledImages& digits, const std::vector<size_t>& order,
                           size_t first, size_t n, DataRng& rng, Transform transform) {
  LabelledImages s = empty_split(n);
  for (size_t i = 0; i < n; ++i) {
    const size_t d = order[first + i];
    s.labels[i] = digits.labels[d];
    transform(&digits.images.pixels[d * kPixels], rng, &s.images.pixels[i * kPixels]);
  }
  return s;
}

// Two-class variants: exactly floor(n/2) samples of label 0 and the rest label 1 (balanced as the
// recipe intends), in a shuffled order; `draw(label, rng, out)` draws one sample.
template <typename Draw>
LabelledImages balanced_split(size_t n, DataRng& rng, Draw draw) {
  LabelledImages s = empty_split(n);
  const std::vector<size_t> order = shuffled_indices(n, rng);
  for (size_t i = 0; i < n; ++i) {
    s.labels[i] = uint8_t(order[i] >= n / 2);
    draw(s.labels[i], rng, &s.images.pixels[i * kPixels]);
  }
  return s;
}

}  // namespace

const std::vector<std::string>& variant_names() {
  static const std::vector<std::string> names = {"basic",      "rot",  "bg_rand", "bg_img",
                                                 "bg_img_rot", "rect", "convex"};
  return names;
}

SplitSizes published_sizes(const std::string& variant) {
  if (variant == "rect") return {1000, 200, 50000};
  if (variant == "convex") return {6000, 2000, 50000};
  if (std::find(variant_names().begin(), variant_names().end(), variant) != variant_names().end())
    return {10000, 2000, 50000};
  throw std::runtime_error("unknown variant '" + variant + "'");
}

size_t variant_classes(const std::string& variant) {
  published_sizes(variant);  // validates the name
  return variant == "rect" || variant == "convex" ? 2 : 10;
}

void rotate_bilinear(const uint8_t* in, double angle, uint8_t* out) {
  const double c = std::cos(angle), s = std::sin(angle), centre = (kSide - 1) / 2.0;
  auto at = [in](long y, long x) -> double {
    return (y < 0 || x < 0 || y >= long(kSide) || x >= long(kSide)) ? 0.0 : in[y * kSide + x];
  };
  for (size_t y = 0; y < kSide; ++y) {
    for (size_t x = 0; x < kSide; ++x) {
      // Output pixel (x, y) shows the input at the inverse rotation of its offset from the centre.
      const double dx = x - centre, dy = y - centre;
      const double sx = c * dx + s * dy + centre, sy = -s * dx + c * dy + centre;
      const double fx = std::floor(sx), fy = std::floor(sy);
      const double ax = sx - fx, ay = sy - fy;
      const long x0 = long(fx), y0 = long(fy);
      const double v = (1 - ay) * ((1 - ax) * at(y0, x0) + ax * at(y0, x0 + 1)) +
                       ay * ((1 - ax) * at(y0 + 1, x0) + ax * at(y0 + 1, x0 + 1));
      out[y * kSide + x] = round_to_byte(v);
    }
  }
}

size_t sample_photo_patch(const std::vector<GreyImage>& photos, double min_stddev, DataRng& rng,
                          uint8_t* out) {
  for (size_t rejected = 0;; ++rejected) {
    const GreyImage& photo = photos[rng.below(photos.size())];
    const size_t top = rng.below(photo.rows - kSide + 1), left = rng.below(photo.cols - kSide + 1);
    double sum = 0, sum_sq = 0;
    for (size_t y = 0; y < kSide; ++y) {
      for (size_t x = 0; x < kSide; ++x) {
        const uint8_t v = photo.pixels[(top + y) * photo.cols + left + x];
        out[y * kSide + x] = v;
        sum += v;
        sum_sq += double(v) * v;
      }
    }
    const double mean = sum / kPixels, variance = sum_sq / kPixels - mean * mean;
    if (variance >= min_stddev * min_stddev) return rejected;
    if (rejected > 100000) throw std::runtime_error("bg_img: no photo patch has enough texture");
  }
}

void draw_rectangle(bool tall, DataRng& rng, uint8_t* out) {
  size_t h, w;
  do {
    h = 3 + rng.below(kSide - 2);  // uniform in [3, 28]
    w = 3 + rng.below(kSide - 2);
  } while ((h > w) != tall || (h > w ? h - w : w - h) < 3);
  const size_t top = rng.below(kSide - h + 1), left = rng.below(kSide - w + 1);
  std::fill(out, out + kPixels, uint8_t(0));
  for (size_t y = top; y < top + h; ++y)
    for (size_t x = left; x < left + w; ++x)
      if (y == top || y == top + h - 1 || x == left || x == left + w - 1) out[y * kSide + x] = 255;
}

void draw_convex_region(DataRng& rng, uint8_t* out) {
  while (draw_halfplane_intersection(rng.geometric(kConvexHalfPlaneP), rng, out) <
         kConvexMinPixels) {
  }
}

void draw_nonconvex_region(DataRng& rng, uint8_t* out) {
  uint8_t part[kPixels];
  do {
    std::fill(out, out + kPixels, uint8_t(0));
    const uint64_t parts = 2 + rng.below(3);  // uniform in {2, 3, 4}
    for (uint64_t k = 0; k < parts; ++k) {
      while (draw_halfplane_intersection(rng.geometric(kNonconvexHalfPlaneP), rng, part) <
             kNonconvexPartMinPixels) {
      }
      for (size_t i = 0; i < kPixels; ++i) out[i] = std::max(out[i], part[i]);
    }
  } while (is_digitally_convex(out));
}

bool is_digitally_convex(const uint8_t* image) {
  std::vector<std::array<long, 2>> points;  // (x, y), sorted by x then y: monotone chain order
  for (size_t x = 0; x < kSide; ++x)
    for (size_t y = 0; y < kSide; ++y)
      if (image[y * kSide + x]) points.push_back({long(x), long(y)});
  if (points.size() <= 1) return true;
  // Andrew's monotone chain: counter-clockwise hull without collinear points.
  std::vector<std::array<long, 2>> hull(2 * points.size());
  size_t k = 0;
  for (size_t i = 0; i < points.size(); ++i) {
    while (k >= 2 && cross(hull[k - 2].data(), hull[k - 1].data(), points[i].data()) <= 0) --k;
    hull[k++] = points[i];
  }
  for (size_t i = points.size() - 1, lower = k + 1; i-- > 0;) {
    while (k >= lower && cross(hull[k - 2].data(), hull[k - 1].data(), points[i].data()) <= 0) --k;
    hull[k++] = points[i];
  }
  hull.resize(k - 1);  // the last point repeats the first
  for (size_t y = 0; y < kSide; ++y) {
    for (size_t x = 0; x < kSide; ++x) {
      const long p[2] = {long(x), long(y)};
      bool inside;
      if (hull.size() == 2) {  // all points collinear: inside means on the segment
        const long* a = hull[0].data();
        const long* b = hull[1].data();
        inside = cross(a, b, p) == 0 && std::min(a[0], b[0]) <= p[0] &&
                 p[0] <= std::max(a[0], b[0]) && std::min(a[1], b[1]) <= p[1] &&
                 p[1] <= std::max(a[1], b[1]);
      } else {
        inside = true;
        for (size_t i = 0; i < hull.size() && inside; ++i)
          inside = cross(hull[i].data(), hull[(i + 1) % hull.size()].data(), p) >= 0;
      }
      if (inside != (image[y * kSide + x] != 0)) return false;
    }
  }
  return true;
}

namespace {

// rect and convex: two classes of shapes, balanced in every split; sets the recipe's labels and
// recipe text, then draws the three splits from rng in order.
void generate_shapes(const std::string& variant, const SplitSizes& sizes, DataRng& rng,
                     VariantData& data) {
  std::function<void(uint8_t, DataRng&, uint8_t*)> draw;
  if (variant == "rect") {
    draw = [](uint8_t label, DataRng& r, uint8_t* out) { draw_rectangle(label == 1, r, out); };
    data.recipe["labels"] = {"0: wide (width > height)", "1: tall (height > width)"};
    data.recipe["recipe"] =
        "white 1-pixel rectangle outline on black; height and width uniform integers in [3, 28], "
        "redrawn until |height - width| >= 3 and the aspect matches the label; top-left corner "
        "uniform so the rectangle fits; exactly half of each split (rounded down) has label 0";
  } else {
    draw = [](uint8_t label, DataRng& r, uint8_t* out) {
      label == 1 ? draw_convex_region(r, out) : draw_nonconvex_region(r, out);
    };
    data.recipe["labels"] = {"0: non-convex", "1: convex"};
    data.recipe["recipe"] =
        "white region on black. convex: intersection of Geometric(0.195) half-planes (point "
        "uniform in the image, normal angle uniform in [0, 2pi)), redrawn below 19 pixels. "
        "non-convex: union of 2-4 (uniform) such regions of Geometric(0.07) half-planes and >= 10 "
        "pixels each, redrawn until it is not digitally convex (some pixel centre of its convex "
        "hull is black); exactly half of each split (rounded down) has label 0";
  }
  data.train = balanced_split(sizes.train, rng, draw);
  data.valid = balanced_split(sizes.valid, rng, draw);
  data.test = balanced_split(sizes.test, rng, draw);
}

// Throws std::runtime_error unless `digits` holds `total` distinct 28x28 digits and, for a
// variant on photographs (`photo`), `photos` holds at least one, each at least 28x28.
void check_digit_inputs(const std::string& variant, size_t total, const LabelledImages& digits,
                        const std::vector<GreyImage>& photos, bool photo) {
  if (digits.images.rows != kSide || digits.images.cols != kSide)
    throw std::runtime_error(variant + ": MNIST digits must be 28x28, got " +
                             std::to_string(digits.images.rows) + "x" +
                             std::to_string(digits.images.cols));
  if (digits.images.count < total || digits.labels.size() != digits.images.count)
    throw std::runtime_error(variant + ": needs " + std::to_string(total) +
                             " distinct MNIST digits, the pool has " +
                             std::to_string(digits.images.count));
  if (photo && photos.empty()) throw std::runtime_error(variant + ": no background photos given");
  for (const GreyImage& p : photos)
    if (photo && (p.rows < kSide || p.cols < kSide))
      throw std::runtime_error(variant + ": a background photo is smaller than 28x28");
}

// Returns: the recipe text of a digit variant.
std::string digit_recipe(const std::string& variant, bool rotate, bool photo) {
  std::string recipe = "MNIST digit";
  if (rotate)
    recipe +=
        ", rotated about the image centre by an angle uniform in [0, 2pi) "
        "(bilinear interpolation, rounded to the nearest grey level)";
  if (variant == "bg_rand")
    recipe +=
        ", on a background of independent uniform noise in {0..255}: pixel = max(digit, noise)";
  if (photo)
    recipe +=
        ", on a random 28x28 patch of a random photograph (grey, BT.601 luma): pixel = "
        "max(digit, patch); patches with pixel standard deviation below " +
        std::to_string(int(kMinPatchStddev)) + " grey levels are rejected";
  return recipe;
}

// basic, rot, bg_rand, bg_img, bg_img_rot: transformed MNIST digits; sets the recipe's digits and
// recipe text, then draws the three splits from one shuffle of the pool.
void generate_digits(const std::string& variant, const SplitSizes& sizes, DataRng& rng,
                     const LabelledImages& digits, const std::vector<GreyImage>& photos,
                     VariantData& data) {
  const bool rotate = variant == "rot" || variant == "bg_img_rot";
  const bool photo = variant == "bg_img" || variant == "bg_img_rot";
  check_digit_inputs(variant, sizes.train + sizes.valid + sizes.test, digits, photos, photo);
  data.recipe["digits"] =
      "MNIST train (60000) followed by MNIST test (10000), shuffled with the seed; train, valid "
      "and test take consecutive, disjoint runs of the shuffled pool (no digit used twice)";
  if (photo) data.recipe["min_patch_stddev"] = kMinPatchStddev;
  data.recipe["recipe"] = digit_recipe(variant, rotate, photo);

  size_t rejected_patches = 0;
  auto transform = [&](const uint8_t* digit, DataRng& r, uint8_t* out) {
    uint8_t rotated[kPixels];
    const uint8_t* d = digit;
    if (rotate) {
      rotate_bilinear(digit, r.uniform(0.0, kTwoPi), rotated);
      d = rotated;
    }
    if (variant == "bg_rand") {
      for (size_t i = 0; i < kPixels; ++i) out[i] = std::max(d[i], uint8_t(r.below(256)));
    } else if (photo) {
      rejected_patches += sample_photo_patch(photos, kMinPatchStddev, r, out);
      for (size_t i = 0; i < kPixels; ++i) out[i] = std::max(d[i], out[i]);
    } else {
      std::copy(d, d + kPixels, out);
    }
  };
  const std::vector<size_t> order = shuffled_indices(digits.images.count, rng);
  data.train = digit_split(digits, order, 0, sizes.train, rng, transform);
  data.valid = digit_split(digits, order, sizes.train, sizes.valid, rng, transform);
  data.test = digit_split(digits, order, sizes.train + sizes.valid, sizes.test, rng, transform);
  if (photo) data.recipe["rejected_patches"] = rejected_patches;
}

}  // namespace

VariantData generate_variant(const std::string& variant, const SplitSizes& sizes, uint64_t seed,
                             const LabelledImages& digits, const std::vector<GreyImage>& photos) {
  if (sizes.train == 0 || sizes.valid == 0 || sizes.test == 0)
    throw std::runtime_error(variant + ": every split needs at least one sample");
  DataRng rng(seed);
  VariantData data;
  data.recipe = {
      {"variant", variant},
      {"seed", seed},
      {"rng", "xoshiro256** seeded by SplitMix64 (data/rng.h), one stream for all splits"},
      {"reference",
       "Larochelle et al. 2007, ICML, 'An empirical evaluation of deep "
       "architectures on problems with many factors of variation'"}};
  const size_t classes = variant_classes(variant);
  data.recipe["classes"] = classes;
  if (classes == 2) {
    generate_shapes(variant, sizes, rng, data);
  } else {
    generate_digits(variant, sizes, rng, digits, photos, data);
  }
  return data;
}

}  // namespace nnc
