// The sparse path of a masked Dense (lib/nn/sparse_dense.h) against the dense masked path it
// replaces: forward, weight / bias / input gradients and one SGD update agree within the tolerance
// DESIGN.md states ("Sparse training"), at several densities, with empty rows, empty columns and
// an all-zero layer; pruned weights and their grads stay exactly 0; reruns give the same bits; the
// finite-difference checker passes on the sparse path; the index follows mask changes; a batch
// read where its rows lie (Network::forward_rows) gives the bits of the same rows gathered; the
// sparse backward keeps pruned grads +0 without its zero fill, whatever wrote the grad before; a
// copy of the layer made between forward and backward gives the same gradients.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>

#include "lib/nn/activation.h"
#include "lib/nn/dense.h"
#include "lib/nn/loss.h"
#include "lib/train/sgd.h"
#include "tests/nn/gradient_check.h"

namespace nnc {
namespace {

// DESIGN.md, "Sparse training": an entry of the sparse path is within this much of the dense
// path's, relative to the larger of 1 and the largest magnitude of the dense tensor.
constexpr double kTolerance = 1e-5;

// Returns: a mask of out x in keeping each entry with probability `density` (seeded), then
// emptying row `empty_row` and column `empty_col` when they are in range.
xt::xarray<float> random_mask(size_t out, size_t in, double density, uint64_t seed,
                              size_t empty_row = SIZE_MAX, size_t empty_col = SIZE_MAX) {
  Rng rng(seed);
  xt::xarray<float> m = xt::zeros<float>({out, in});
  for (size_t r = 0; r < out; ++r)
    for (size_t c = 0; c < in; ++c)
      m(r, c) = (rng.uniform() < density && r != empty_row && c != empty_col) ? 1.0f : 0.0f;
  return m;
}

// Checks that a and b (same size) agree within kTolerance of max(1, max |a|).
void check_close(const std::string& what, const float* a, const float* b, size_t n) {
  double scale = 1.0, worst = 0.0;
  for (size_t i = 0; i < n; ++i) scale = std::max(scale, std::fabs(double(a[i])));
  for (size_t i = 0; i < n; ++i) worst = std::max(worst, std::fabs(double(a[i]) - double(b[i])));
  INFO(what << ": largest difference " << worst << " at scale " << scale);
  CHECK(worst <= kTolerance * scale);
}

struct Pass {
  Matrix y, dx;
  xt::xarray<float> grad_w, grad_b, w_after;
};

// One forward, backward (with dx) and SGD-momentum update of a copy of `layer` on `path`.
Pass run(const Dense& layer, DensePath path, const Matrix& x, const Matrix& dy) {
  Dense l = layer;
  l.set_path(path);
  Pass p;
  l.forward(x, p.y, Mode::kTrain, nullptr);
  l.backward(x, p.y, dy, &p.dx);
  l.param("weight").mask_grad();  // as Network::backward does after every layer
  p.grad_w = l.param("weight").grad;
  p.grad_b = l.param("bias").grad;
  Network net(l.in_shape());
  net.add(l.clone());
  for (Param* q : net.params()) q->grad = q == net.params()[0] ? p.grad_w : p.grad_b;
  Sgd sgd(0.9);
  sgd.step(net, 0.1);
  p.w_after = net.params()[0]->value;
  return p;
}

Dense masked_layer(size_t in, size_t out, const xt::xarray<float>& mask, uint64_t seed) {
  Dense l(flat(in), out);
  randomize_layer(l, seed);
  l.param("weight").set_mask(mask);
  return l;
}

void compare_paths(const Dense& layer, size_t batch, uint64_t seed) {
  const size_t in = layer.in_shape().size(), out = layer.out_shape().size();
  const Matrix x = random_matrix(batch, in, seed + 1);
  const Matrix dy = random_matrix(batch, out, seed + 2);
  const Pass d = run(layer, DensePath::kDense, x, dy), s = run(layer, DensePath::kSparse, x, dy);
  check_close("y", d.y.data(), s.y.data(), d.y.size());
  check_close("dx", d.dx.data(), s.dx.data(), d.dx.size());
  check_close("grad W", d.grad_w.data(), s.grad_w.data(), d.grad_w.size());
  check_close("W after SGD", d.w_after.data(), s.w_after.data(), d.w_after.size());
  // The bias gradient is the same loop on both paths.
  CHECK(std::memcmp(d.grad_b.data(), s.grad_b.data(), d.grad_b.size() * sizeof(float)) == 0);
  const xt::xarray<float>& mask = layer.param("weight").mask;
  size_t nonzero_pruned = 0;
  for (size_t i = 0; i < mask.size(); ++i)
    if (mask.data()[i] == 0.0f)
      nonzero_pruned += s.grad_w.data()[i] != 0.0f || s.w_after.data()[i] != 0.0f;
  CHECK(nonzero_pruned == 0);
  // Same inputs, same bits.
  const Pass again = run(layer, DensePath::kSparse, x, dy);
  CHECK(std::memcmp(again.y.data(), s.y.data(), s.y.size() * sizeof(float)) == 0);
  CHECK(std::memcmp(again.dx.data(), s.dx.data(), s.dx.size() * sizeof(float)) == 0);
  CHECK(std::memcmp(again.grad_w.data(), s.grad_w.data(), s.grad_w.size() * sizeof(float)) == 0);
}

TEST_CASE("the sparse path equals the dense masked path within the stated tolerance") {
  // Batches below, at and above a block of 64 samples, and not multiples of 8.
  for (const size_t batch : {1, 13, 64, 100, 130}) {
    for (const double density : {1.0, 0.5, 0.25, 0.1, 0.03, 0.01}) {
      INFO("batch " << batch << " density " << density);
      compare_paths(masked_layer(784, 30, random_mask(30, 784, density, 7), 3), batch, 11);
      compare_paths(masked_layer(30, 10, random_mask(10, 30, density, 8), 4), batch, 12);
    }
  }
}

// The sparse path's sums in the order DESIGN.md states ("Sparse training"), one std::fma at a
// time: y from the bias over kept columns ascending; dL/dx from 0 over kept rows ascending; dL/dW
// in 8 lanes (lane l over samples l, l + 8, ... of the zero-padded batch), then a fixed tree.
Pass stated_order(const Dense& layer, const Matrix& x, const Matrix& dy) {
  const size_t batch = x.shape(0), in = x.shape(1), out = dy.shape(1);
  const size_t padded = (batch + 7) / 8 * 8;
  const xt::xarray<float>& w = layer.param("weight").value;
  const xt::xarray<float>& mask = layer.param("weight").mask;
  Pass p;
  p.y = Matrix({batch, out});
  p.dx = xt::zeros<float>({batch, in});
  p.grad_w = xt::zeros<float>({out, in});
  for (size_t b = 0; b < batch; ++b)
    for (size_t o = 0; o < out; ++o) {
      float acc = layer.param("bias").value(o);
      for (size_t c = 0; c < in; ++c)
        if (mask(o, c) != 0.0f) acc = std::fma(w(o, c), x(b, c), acc);
      p.y(b, o) = acc;
    }
  for (size_t b = 0; b < batch; ++b)
    for (size_t c = 0; c < in; ++c) {
      float acc = 0.0f;
      for (size_t o = 0; o < out; ++o)
        if (mask(o, c) != 0.0f) acc = std::fma(w(o, c), dy(b, o), acc);
      p.dx(b, c) = acc;
    }
  for (size_t o = 0; o < out; ++o)
    for (size_t c = 0; c < in; ++c) {
      if (mask(o, c) == 0.0f) continue;
      float lane[8] = {};
      for (size_t b = 0; b < padded; ++b)
        lane[b % 8] = b < batch ? std::fma(dy(b, o), x(b, c), lane[b % 8]) : lane[b % 8] + 0.0f;
      p.grad_w(o, c) =
          ((lane[0] + lane[4]) + (lane[2] + lane[6])) + ((lane[1] + lane[5]) + (lane[3] + lane[7]));
    }
  return p;
}

TEST_CASE("the sparse path sums in its stated order, bit for bit") {
  // Batches of one pass, of one block and a rest, and ragged; outputs few (30) and many (300).
  for (const size_t batch : {1, 13, 100, 130}) {
    for (const auto& [in, out] : {std::pair<size_t, size_t>{97, 30}, {61, 300}}) {
      INFO("batch " << batch << ", " << in << " -> " << out);
      const Dense layer = masked_layer(in, out, random_mask(out, in, 0.1, 71, 3, 5), 72);
      const Matrix x = random_matrix(batch, in, 73), dy = random_matrix(batch, out, 74);
      const Pass s = run(layer, DensePath::kSparse, x, dy), r = stated_order(layer, x, dy);
      CHECK(std::memcmp(s.y.data(), r.y.data(), r.y.size() * sizeof(float)) == 0);
      CHECK(std::memcmp(s.dx.data(), r.dx.data(), r.dx.size() * sizeof(float)) == 0);
      CHECK(std::memcmp(s.grad_w.data(), r.grad_w.data(), r.grad_w.size() * sizeof(float)) == 0);
    }
  }
}

TEST_CASE("a copy of the layer between forward and backward gives the same gradients") {
  // The copy carries the forward's transposed batch (on its own 64-byte boundary) to its backward.
  const Dense layer = masked_layer(97, 30, random_mask(30, 97, 0.1, 81), 82);
  const Matrix x = random_matrix(13, 97, 83), dy = random_matrix(13, 30, 84);
  const Pass s = run(layer, DensePath::kSparse, x, dy);
  for (int copy = 0; copy < 8; ++copy) {  // copies land on different boundaries
    Dense l = layer;
    l.set_path(DensePath::kSparse);
    Matrix y, dx;
    l.forward(x, y, Mode::kTrain, nullptr);
    std::vector<std::unique_ptr<Dense>> copies;
    for (int i = 0; i <= copy; ++i) copies.push_back(std::make_unique<Dense>(l));
    copies.back()->backward(x, y, dy, &dx);
    const xt::xarray<float>& g = copies.back()->param("weight").grad;
    CHECK(std::memcmp(g.data(), s.grad_w.data(), g.size() * sizeof(float)) == 0);
  }
}

TEST_CASE("the sparse path handles an empty row, an empty column and an all-zero layer") {
  for (const size_t batch : {5, 100}) {
    compare_paths(masked_layer(40, 12, random_mask(12, 40, 0.3, 9, 4, SIZE_MAX), 5), batch, 13);
    compare_paths(masked_layer(40, 12, random_mask(12, 40, 0.3, 9, SIZE_MAX, 17), 5), batch, 14);
    compare_paths(masked_layer(40, 12, xt::zeros<float>({12, 40}), 6), batch, 15);
  }
  // The all-zero layer outputs its bias and passes no gradient down.
  const Dense zero = masked_layer(40, 12, xt::zeros<float>({12, 40}), 6);
  const Pass s = run(zero, DensePath::kSparse, random_matrix(3, 40, 1), random_matrix(3, 12, 2));
  for (size_t b = 0; b < 3; ++b)
    for (size_t i = 0; i < 12; ++i) CHECK(s.y(b, i) == zero.param("bias").value(i));
  for (const float v : s.dx) CHECK(v == 0.0f);
}

TEST_CASE("the sparse path passes the finite-difference check inside a network") {
  Network net(flat(20));
  net.add(std::make_unique<Dense>(flat(20), 9));
  net.add(std::make_unique<Sigmoid>(flat(9)));
  net.add(std::make_unique<Dense>(flat(9), 4));
  randomize_params(net, 21);
  for (size_t i : {0, 2}) {
    Param& w = net.layer(i).param("weight");
    w.set_mask(random_mask(w.value.shape(0), w.value.shape(1), 0.3, 22 + i, 1, 2));
    dynamic_cast<Dense&>(net.layer(i)).set_path(DensePath::kSparse);
  }
  const auto loss = make_loss("quadratic");
  const Matrix x = random_matrix(6, 20, 23);
  const std::vector<int> labels = {0, 1, 2, 3, 0, 1};
  require_passes(check_network(net, *loss, x, labels), 20);
}

TEST_CASE("the kept-weight index follows a new mask") {
  Dense l = masked_layer(50, 8, random_mask(8, 50, 0.1, 31), 7);
  const Matrix x = random_matrix(9, 50, 32), dy = random_matrix(9, 8, 33);
  compare_paths(l, 9, 34);
  Matrix y;
  l.set_path(DensePath::kSparse);
  l.forward(x, y, Mode::kTrain, nullptr);  // indexes the first mask
  l.param("weight").set_mask(random_mask(8, 50, 0.2, 35));
  const Pass d = run(l, DensePath::kDense, x, dy);
  l.forward(x, y, Mode::kTrain, nullptr);  // must reindex, not reuse the first mask's index
  check_close("y after a new mask", d.y.data(), y.data(), y.size());
}

TEST_CASE("the sparse backward keeps pruned grads +0 without a fill after any other writer") {
  // It fills only when its last backward was not sparse under this mask: here after the dense
  // path's backward (no mask_grad after it), then twice in a row, then after a new mask.
  Dense l = masked_layer(50, 8, random_mask(8, 50, 0.1, 36), 37);
  const Matrix x = random_matrix(13, 50, 38), dy = random_matrix(13, 8, 39);
  const Pass fresh = run(l, DensePath::kSparse, x, dy);
  Matrix y, dx;
  auto backward_on = [&](DensePath path) {
    l.set_path(path);
    l.forward(x, y, Mode::kTrain, nullptr);
    l.backward(x, y, dy, &dx);
  };
  backward_on(DensePath::kDense);
  for (int i = 0; i < 2; ++i) {
    backward_on(DensePath::kSparse);
    CHECK(l.backward_masks_grads());
    const xt::xarray<float>& g = l.param("weight").grad;
    CHECK(std::memcmp(g.data(), fresh.grad_w.data(), g.size() * sizeof(float)) == 0);
  }
  l.param("weight").set_mask(random_mask(8, 50, 0.05, 40));
  backward_on(DensePath::kSparse);
  const Param& w = l.param("weight");
  size_t pruned_not_plus_zero = 0;
  for (size_t i = 0; i < w.grad.size(); ++i) {
    const float g = w.grad.data()[i];
    if (w.mask.data()[i] == 0.0f) pruned_not_plus_zero += std::signbit(g) || g != 0.0f;
  }
  CHECK(pruned_not_plus_zero == 0);
  backward_on(DensePath::kDense);
  CHECK_FALSE(l.backward_masks_grads());
}

TEST_CASE("the crossover: below it sparse, at it and above dense") {
  // sparse_dense_pays is strict: a density exactly at the crossover stays on the dense path.
  const size_t out = 30, in = 784, n = out * in;
  size_t at = 0;  // the smallest kept count that does not pay
  while (sparse_dense_pays(at, out, in, 100)) ++at;
  CHECK(at > 0);
  CHECK(at < n);
  CHECK_FALSE(sparse_dense_pays(at + 1, out, in, 100));
  CHECK_FALSE(sparse_dense_pays(n, out, in, 100));
  CHECK(sparse_dense_pays(0, out, in, 100));
  // Either side of the crossover the layer computes the same function within the tolerance.
  for (const size_t kept : {at - 1, at, at + 1}) {
    xt::xarray<float> mask = xt::zeros<float>({out, in});
    for (size_t i = 0; i < kept; ++i) mask.data()[(i * 7919) % n] = 1.0f;
    compare_paths(masked_layer(in, out, mask, 41), 100, 42);
  }
}

// Returns: forward, then every param's grad after backward, of net on rows `rows` of src, read
// where they lie (forward_rows) or gathered first (forward).
std::vector<float> forward_backward_bits(Network& net, const InputRows& src,
                                         const std::vector<size_t>& rows, bool in_place) {
  Matrix gathered;
  src.gather(rows.data(), rows.size(), gathered);
  const Matrix& y = in_place
                        ? net.forward_rows(src, rows.data(), rows.size(), Mode::kTrain, nullptr)
                        : net.forward(gathered, Mode::kTrain, nullptr);
  std::vector<float> bits(y.begin(), y.end());
  const Matrix dout = random_matrix(y.shape(0), y.shape(1), 61);
  net.backward(dout);
  for (const Param* p : net.params()) bits.insert(bits.end(), p->grad.begin(), p->grad.end());
  return bits;
}

TEST_CASE("a batch read where its rows lie gives the bits of the same rows gathered") {
  const Matrix floats = random_matrix(300, 50, 51);
  std::vector<uint8_t> bytes(300 * 50);
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<uint8_t>((i * 167 + 13) % 256);
  const std::vector<size_t> rows = {7, 299, 0, 42, 42, 13, 150, 8, 9, 77, 3};  // ragged: 11
  for (const double density : {0.05, 0.2, 1.0})  // sparse path twice, then the dense path
    for (const bool in_bytes : {false, true}) {
      INFO("first layer density " << density << (in_bytes ? ", bytes" : ", floats"));
      const InputRows src = in_bytes ? InputRows(bytes.data(), 300, 50) : InputRows(floats);
      Network net(flat(50));
      net.add(std::make_unique<Dense>(flat(50), 12));
      net.add(std::make_unique<Sigmoid>(flat(12)));
      net.add(std::make_unique<Dense>(flat(12), 4));
      randomize_params(net, 52);
      net.layer(0).param("weight").set_mask(random_mask(12, 50, density, 53));
      const std::vector<float> gathered = forward_backward_bits(net, src, rows, false);
      const std::vector<float> in_place = forward_backward_bits(net, src, rows, true);
      REQUIRE(gathered.size() == in_place.size());
      CHECK(std::memcmp(gathered.data(), in_place.data(), gathered.size() * sizeof(float)) == 0);
    }
}

TEST_CASE("OBD's second-order pass refuses a batch read in place") {
  Network net(flat(50));
  net.add(std::make_unique<Dense>(flat(50), 4));
  randomize_params(net, 54);
  net.layer(0).param("weight").set_mask(random_mask(4, 50, 0.05, 55));
  const Matrix src = random_matrix(20, 50, 56);
  const std::vector<size_t> rows = {1, 2, 3};
  const Matrix& y = net.forward_rows(src, rows.data(), rows.size(), Mode::kTrain, nullptr);
  const Matrix d = random_matrix(y.shape(0), y.shape(1), 57);
  CHECK_THROWS_WITH(net.backward_second_order(d, d, SecondOrderForm::kExact),
                    Catch::Contains("forward_rows"));
}

}  // namespace
}  // namespace nnc
