#include "lib/train/distillation.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace nnc {
namespace {

void check(const Loss& hard, const Distillation& d, const Matrix& out, const Matrix& teacher) {
  if (teacher.shape(0) != out.shape(0) || teacher.shape(1) != out.shape(1))
    throw std::runtime_error("distillation: teacher outputs of shape " +
                             std::to_string(teacher.shape(0)) + "x" +
                             std::to_string(teacher.shape(1)) + " for outputs of shape " +
                             std::to_string(out.shape(0)) + "x" + std::to_string(out.shape(1)));
  if (!(d.alpha >= 0.0 && d.alpha <= 1.0))
    throw std::runtime_error("distillation: alpha " + std::to_string(d.alpha) +
                             " is not in [0, 1]");
  if (!(d.temperature > 0.0))
    throw std::runtime_error("distillation: temperature " + std::to_string(d.temperature) +
                             " is not positive");
  if (hard.name() == "quadratic" && d.temperature != 1.0)
    throw std::runtime_error(
        "distillation: the quadratic cost takes the teacher's sigmoid outputs as they are: "
        "temperature must be 1, not " +
        std::to_string(d.temperature));
}

// Writes p = softmax(row / T) (n values) in double. Returns: log Σ exp((row − max) / T).
double softmax(const float* row, size_t n, double t, double* p) {
  double zmax = row[0];
  for (size_t i = 1; i < n; ++i) zmax = std::max<double>(zmax, row[i]);
  double sum = 0.0;
  for (size_t i = 0; i < n; ++i) sum += std::exp((row[i] - zmax) / t);
  const double log_sum = std::log(sum);
  for (size_t i = 0; i < n; ++i) p[i] = std::exp((row[i] - zmax) / t - log_sum);
  return log_sum + zmax / t;
}

// The soft term's mean T²·CE(softmax(t/T), softmax(z/T)); adds α·∂/∂z (divided by the batch)
// into *dout.
double soft_cross_entropy(const Distillation& d, const Matrix& out, const Matrix& teacher,
                          Matrix* dout) {
  const size_t batch = out.shape(0), classes = out.shape(1);
  const double t = d.temperature;
  std::vector<double> p(classes), q(classes);
  double total = 0.0;
  for (size_t b = 0; b < batch; ++b) {
    softmax(teacher.data() + b * classes, classes, t, p.data());
    const double log_z = softmax(out.data() + b * classes, classes, t, q.data());
    for (size_t i = 0; i < classes; ++i) {
      // log q_i = z_i / T − log Σ exp(z / T)
      total -= p[i] * (out.data()[b * classes + i] / t - log_z);
      if (dout)
        dout->data()[b * classes + i] +=
            static_cast<float>(d.alpha * t * (q[i] - p[i]) / static_cast<double>(batch));
    }
  }
  return t * t * total / static_cast<double>(batch);
}

// The soft term's mean ½‖a − t‖²; adds α·(a − t) (divided by the batch) into *dout.
double soft_quadratic(const Distillation& d, const Matrix& out, const Matrix& teacher,
                      Matrix* dout) {
  const size_t batch = out.shape(0), n = out.size();
  double total = 0.0;
  for (size_t i = 0; i < n; ++i) {
    const double diff = static_cast<double>(out.data()[i]) - teacher.data()[i];
    total += 0.5 * diff * diff;
    if (dout) dout->data()[i] += static_cast<float>(d.alpha * diff / static_cast<double>(batch));
  }
  return total / static_cast<double>(batch);
}

}  // namespace

double distillation_loss(const Loss& hard, const Distillation& d, const Matrix& out,
                         const std::vector<int>& labels, const Matrix& teacher, Matrix* dout) {
  check(hard, d, out, teacher);
  const double hard_loss = hard.evaluate(out, labels, dout);
  const float keep = static_cast<float>(1.0 - d.alpha);
  // With α = 0 every step below adds an exact 0 and scales by exactly 1: plain training's bits.
  if (dout)
    for (float& g : *dout) g *= keep;
  const double soft_loss = hard.name() == "quadratic" ? soft_quadratic(d, out, teacher, dout)
                                                      : soft_cross_entropy(d, out, teacher, dout);
  return (1.0 - d.alpha) * hard_loss + d.alpha * soft_loss;
}

}  // namespace nnc
