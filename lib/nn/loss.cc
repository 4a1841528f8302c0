#include "lib/nn/loss.h"

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

class SoftmaxCrossEntropy : public Loss {
 public:
  std::string name() const override { return "softmax_cross_entropy"; }

  double evaluate(const Matrix& out, const std::vector<int>& labels, Matrix* dout) const override {
    check_labels(name(), out, labels);
    const size_t batch = out.shape(0), classes = out.shape(1);
    if (dout) ensure_shape(*dout, batch, classes);
    double total = 0.0;
    const float inv_batch = 1.0f / static_cast<float>(batch);
    for (size_t b = 0; b < batch; ++b) {
      const float* z = out.data() + b * classes;
      float zmax = z[0];
      for (size_t i = 1; i < classes; ++i) zmax = std::max(zmax, z[i]);
      double sum = 0.0;
      for (size_t i = 0; i < classes; ++i) sum += std::exp(static_cast<double>(z[i] - zmax));
      const double log_sum = std::log(sum);
      total += log_sum - (z[labels[b]] - zmax);
      if (dout) {
        float* d = dout->data() + b * classes;
        for (size_t i = 0; i < classes; ++i) {
          const double p = std::exp(static_cast<double>(z[i] - zmax) - log_sum);
          d[i] = static_cast<float>(p - (static_cast<int>(i) == labels[b] ? 1.0 : 0.0)) * inv_batch;
        }
      }
    }
    return total / static_cast<double>(batch);
  }

  void second_derivative(const Matrix& out, const std::vector<int>& labels,
                         Matrix* d2out) const override {
    check_labels(name(), out, labels);
    const size_t batch = out.shape(0), classes = out.shape(1);
    ensure_shape(*d2out, batch, classes);
    for (size_t b = 0; b < batch; ++b) {
      const float* z = out.data() + b * classes;
      float zmax = z[0];
      for (size_t i = 1; i < classes; ++i) zmax = std::max(zmax, z[i]);
      double sum = 0.0;
      for (size_t i = 0; i < classes; ++i) sum += std::exp(static_cast<double>(z[i] - zmax));
      for (size_t i = 0; i < classes; ++i) {
        const double p = std::exp(static_cast<double>(z[i] - zmax)) / sum;
        d2out->data()[b * classes + i] = static_cast<float>(p * (1.0 - p));
      }
    }
  }
};

class Quadratic : public Loss {
 public:
  std::string name() const override { return "quadratic"; }

  double evaluate(const Matrix& out, const std::vector<int>& labels, Matrix* dout) const override {
    check_labels(name(), out, labels);
    const size_t batch = out.shape(0), classes = out.shape(1);
    if (dout) ensure_shape(*dout, batch, classes);
    double total = 0.0;
    const float inv_batch = 1.0f / static_cast<float>(batch);
    for (size_t b = 0; b < batch; ++b)
      for (size_t i = 0; i < classes; ++i) {
        const float diff =
            out.data()[b * classes + i] - (static_cast<int>(i) == labels[b] ? 1.0f : 0.0f);
        total += 0.5 * static_cast<double>(diff) * diff;
        if (dout) dout->data()[b * classes + i] = diff * inv_batch;
      }
    return total / static_cast<double>(batch);
  }

  void second_derivative(const Matrix& out, const std::vector<int>& labels,
                         Matrix* d2out) const override {
    check_labels(name(), out, labels);
    ensure_shape(*d2out, out.shape(0), out.shape(1));
    std::fill(d2out->data(), d2out->data() + d2out->size(), 1.0f);
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
