// Benchmark (manual): a HashedNets dense layer's forward + backward by expanding V once per batch
// and using BLAS (what HashedDense does) versus a direct kernel that gathers ξ·w[h] inside the
// product loops and never materialises V. Prints milliseconds per batch for both; the faster one is
// what lib/compress/hashed.cc uses (see hashed.h).
#include <chrono>
#include <cstdio>

#include "lib/compress/hashed.h"
#include "tests/nn/gradient_check.h"

namespace nnc {
namespace {

// y = x·Vᵀ + b with V_ij = ξ_ij·w[h_ij] gathered on the fly; dw[h_ij] += ξ_ij·Σ_b dy_bi·x_bj.
void direct_forward(const HashedDense& l, const Matrix& x, Matrix& y, size_t in, size_t out) {
  const size_t batch = x.shape(0);
  const float* w = l.param("weight").value.data();
  const auto& h = l.weight_buckets();
  const auto& s = l.weight_signs();
  y.resize({batch, out});
  y.fill(0.0f);
  for (size_t b = 0; b < batch; ++b)
    for (size_t i = 0; i < out; ++i) {
      float acc = 0.0f;
      const float* xr = x.data() + b * in;
      const size_t row = i * in;
      for (size_t j = 0; j < in; ++j) acc += s[row + j] * w[h[row + j]] * xr[j];
      y.data()[b * out + i] = acc;
    }
}

void direct_backward(const HashedDense& l, const Matrix& x, const Matrix& dy, float* dw, Matrix& dx,
                     size_t in, size_t out) {
  const size_t batch = x.shape(0);
  const float* w = l.param("weight").value.data();
  const auto& h = l.weight_buckets();
  const auto& s = l.weight_signs();
  std::fill(dw, dw + l.param("weight").value.size(), 0.0f);
  dx.resize({batch, in});
  dx.fill(0.0f);
  for (size_t i = 0; i < out; ++i)
    for (size_t j = 0; j < in; ++j) {
      const size_t v = i * in + j;
      const float vij = s[v] * w[h[v]];
      float g = 0.0f;
      for (size_t b = 0; b < batch; ++b) {
        g += dy.data()[b * out + i] * x.data()[b * in + j];
        dx.data()[b * in + j] += dy.data()[b * out + i] * vij;
      }
      dw[h[v]] += s[v] * g;
    }
}

double millis(const std::chrono::steady_clock::time_point& t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

void run(size_t in, size_t out, size_t batch, double factor) {
  HashedDense layer(Dense(flat(in), out), hashed_bucket_count(factor, in * out), 0,
                    kHashedNetsSeed);
  Rng rng(1);
  for (float& v : layer.param("weight").value) v = static_cast<float>(0.05 * rng.normal());
  const Matrix x = random_matrix(batch, in, 2), dy = random_matrix(batch, out, 3);
  Matrix y, dx;
  const int reps = 20;
  auto t0 = std::chrono::steady_clock::now();
  for (int r = 0; r < reps; ++r) {
    layer.forward(x, y, Mode::kTrain, nullptr);
    layer.backward(x, y, dy, &dx);
  }
  const double expand = millis(t0) / reps;
  std::vector<float> dw(layer.param("weight").value.size());
  t0 = std::chrono::steady_clock::now();
  for (int r = 0; r < reps; ++r) {
    direct_forward(layer, x, y, in, out);
    direct_backward(layer, x, dy, dw.data(), dx, in, out);
  }
  const double direct = millis(t0) / reps;
  std::printf(
      "%zux%zu batch %zu factor %g: expand+BLAS %.2f ms, direct %.2f ms per batch (%.1fx)\n", in,
      out, batch, factor, expand, direct, direct / expand);
}

}  // namespace
}  // namespace nnc

int main() {
  nnc::run(784, 300, 64, 1.0 / 8);
  nnc::run(784, 1000, 50, 1.0 / 8);
  nnc::run(784, 1000, 50, 1.0 / 64);
  nnc::run(300, 100, 64, 1.0 / 64);
  return 0;
}
