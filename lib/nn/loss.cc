#include "lib/nn/loss.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace nnc {
namespace {

void check_labels(const std::string& loss, const Matrix& out, const std::vector<int>& labels) {
  if (out.shape(0) != labels.size())
    throw std::runtime_error(loss + ": output of shape " + std::to_string(out.shape(0)) + "x" +
                             std::to_string(out.shape(1)) + " but " +
                             std::to_string(labels.size()) + " labels");
  for (const int y : labels)
    if (y < 0 || static_cast<size_t>(y) >= out.shape(1))
      throw std::runtime_error(loss + ": label " + std::to_string(y) + " outside [0, " +
                               std::to_string(out.shape(1)) + ")");
}

// A loss that is a sum over the batch's rows (both losses here): the label checks, output shapes
// and batch loops are written once; a subclass gives one row's terms.
class RowLoss : public Loss {
 public:
  double evaluate(const Matrix& out, const std::vector<int>& labels, Matrix* dout) const final {
    check_labels(name(), out, labels);
    const size_t batch = out.shape(0), classes = out.shape(1);
    if (dout) ensure_shape(*dout, batch, classes);
    double total = 0.0;
    const float inv_batch = 1.0f / static_cast<float>(batch);
    for (size_t b = 0; b < batch; ++b)
      add_row(out.data() + b * classes, classes, labels[b], inv_batch,
              dout ? dout->data() + b * classes : nullptr, total);
    return total / static_cast<double>(batch);
  }

  void second_derivative(const Matrix& out, const std::vector<int>& labels,
                         Matrix* d2out) const final {
    check_labels(name(), out, labels);
    const size_t batch = out.shape(0), classes = out.shape(1);
    ensure_shape(*d2out, batch, classes);
    for (size_t b = 0; b < batch; ++b)
      row_second_derivative(out.data() + b * classes, classes, d2out->data() + b * classes);
  }

 private:
  // Adds row z's loss (label y) to total in its own order of terms; writes d = dL/dz / batch
  // (inv_batch = 1/batch) when d != nullptr.
  virtual void add_row(const float* z, size_t classes, int y, float inv_batch, float* d,
                       double& total) const = 0;
  // Writes d2 = the diagonal of d²L/dz² of row z.
  virtual void row_second_derivative(const float* z, size_t classes, float* d2) const = 0;
};

// Returns: the largest entry of z[0..classes) and, in *sum, Σ_i exp(z_i − max) (the softmax's
// normaliser, shifted so no exp overflows).
float shifted_exp_sum(const float* z, size_t classes, double* sum) {
  float zmax = z[0];
  for (size_t i = 1; i < classes; ++i) zmax = std::max(zmax, z[i]);
  *sum = 0.0;
  for (size_t i = 0; i < classes; ++i) *sum += std::exp(static_cast<double>(z[i] - zmax));
  return zmax;
}

class SoftmaxCrossEntropy : public RowLoss {
 public:
  std::string name() const override { return "softmax_cross_entropy"; }

 private:
  void add_row(const float* z, size_t classes, int y, float inv_batch, float* d,
               double& total) const override {
    double sum;
    const float zmax = shifted_exp_sum(z, classes, &sum);
    const double log_sum = std::log(sum);
    total += log_sum - (z[y] - zmax);
    if (!d) return;
    for (size_t i = 0; i < classes; ++i) {
      const double p = std::exp(static_cast<double>(z[i] - zmax) - log_sum);
      d[i] = static_cast<float>(p - (static_cast<int>(i) == y ? 1.0 : 0.0)) * inv_batch;
    }
  }

  void row_second_derivative(const float* z, size_t classes, float* d2) const override {
    double sum;
    const float zmax = shifted_exp_sum(z, classes, &sum);
    for (size_t i = 0; i < classes; ++i) {
      const double p = std::exp(static_cast<double>(z[i] - zmax)) / sum;
      d2[i] = static_cast<float>(p * (1.0 - p));
    }
  }
};

class Quadratic : public RowLoss {
 public:
  std::string name() const override { return "quadratic"; }

 private:
  void add_row(const float* z, size_t classes, int y, float inv_batch, float* d,
               double& total) const override {
    for (size_t i = 0; i < classes; ++i) {
      const float diff = z[i] - (static_cast<int>(i) == y ? 1.0f : 0.0f);
      total += 0.5 * static_cast<double>(diff) * diff;
      if (d) d[i] = diff * inv_batch;
    }
  }

  void row_second_derivative(const float*, size_t classes, float* d2) const override {
    std::fill(d2, d2 + classes, 1.0f);
  }
};

}  // namespace

std::unique_ptr<Loss> make_loss(const std::string& name) {
  if (name == "softmax_cross_entropy") return std::make_unique<SoftmaxCrossEntropy>();
  if (name == "quadratic") return std::make_unique<Quadratic>();
  throw std::runtime_error("unknown loss '" + name +
                           "' (expected softmax_cross_entropy or quadratic)");
}

std::vector<int> predicted_classes(const Matrix& out) {
  const size_t batch = out.shape(0), classes = out.shape(1);
  std::vector<int> pred(batch);
  for (size_t b = 0; b < batch; ++b) {
    const float* z = out.data() + b * classes;
    size_t best = 0;
    for (size_t i = 1; i < classes; ++i)
      if (z[i] > z[best]) best = i;
    pred[b] = static_cast<int>(best);
  }
  return pred;
}

}  // namespace nnc
