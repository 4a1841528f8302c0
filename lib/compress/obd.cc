#include "lib/compress/obd.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace nnc {

void obd_curvature(Network& net, const Loss& loss, const InputRows& images,
                   const std::vector<int>& labels, SecondOrderForm form, size_t batch) {
  if (images.rows() != labels.size())
    throw std::runtime_error("obd_curvature: " + std::to_string(images.rows()) + " images but " +
                             std::to_string(labels.size()) + " labels");
  if (batch == 0) throw std::runtime_error("obd_curvature: batch size 0");
  for (Param* p : net.params()) p->curvature = xt::zeros<float>(p->value.shape());
  const size_t n = images.rows();
  std::vector<size_t> idx(batch);
  std::vector<int> chunk_labels;
  Matrix chunk, dout, d2out;
  for (size_t start = 0; start < n; start += batch) {
    const size_t m = std::min(batch, n - start);
    std::iota(idx.begin(), idx.begin() + m, start);
    images.gather(idx.data(), m, chunk);
    chunk_labels.assign(labels.begin() + start, labels.begin() + start + m);
    const Matrix& out = net.forward(chunk, Mode::kInfer, nullptr);
    loss.evaluate(out, chunk_labels, &dout);
    // Loss::evaluate gives the gradient of the batch mean; the exact form's f''·∂L/∂x term needs
    // the per-sample gradient, matching second_derivative's per-sample d²L/dout².
    dout *= static_cast<float>(m);
    loss.second_derivative(out, chunk_labels, &d2out);
    net.backward_second_order(dout, d2out, form);
  }
}

PruningMethod obd_method(const std::string& name, SecondOrderForm form, CurvatureSign sign) {
  auto saliency = [name, form, sign](Network& net, const PruneRequest& r, Rng&) {
    if (!r.train_labels || !r.loss)
      throw std::runtime_error("prune_network: " + name + " needs the training set and the loss");
    obd_curvature(net, *r.loss, r.train_images, *r.train_labels, form);
    return obd_saliency(net, sign);
  };
  return {name,
          saliency,
          "",
          {{"obd_form", form == SecondOrderForm::kExact ? "exact" : "gauss_newton"},
           {"obd_sign", sign == CurvatureSign::kAbs ? "abs" : "signed"}}};
}

}  // namespace nnc
