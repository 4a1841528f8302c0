#include "lib/nn/network.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <stdexcept>

#include "lib/nn/loss.h"

namespace nnc {

Network::Network(const Network& other) : input_(other.input_) {
  for (const auto& l : other.layers_) layers_.push_back(l->clone());
  acts_.resize(layers_.size());
  grads_.resize(layers_.size());
}

Network& Network::operator=(const Network& other) {
  if (this != &other) *this = Network(other);
  return *this;
}

void Network::add(std::unique_ptr<Layer> layer) {
  if (!(layer->in_shape() == out_shape()))
    throw std::runtime_error("network: layer " + layer->kind() + " expects input " +
                             layer->in_shape().str() + " but the network outputs " +
                             out_shape().str());
  layers_.push_back(std::move(layer));
  acts_.resize(layers_.size());
  grads_.resize(layers_.size());
  x_ = nullptr;  // the last forward did not run the new layer (nor record its fusion)
}

namespace {

// What the first layer's backward gets after it took its rows where they lie (forward_rows).
const Matrix& no_input() {
  static const Matrix empty({0, 0});
  return empty;
}

// Zeroes the pruned grads of layer's params (Param's contract) unless its backward kept them +0.
void mask_grads(Layer& layer) {
  if (layer.backward_masks_grads()) return;
  for (Param& p : layer.params()) p.mask_grad();
}

}  // namespace

const Matrix& Network::forward(const Matrix& x, Mode mode, Rng* rng) {
  check_width(x.shape(0), x.shape(1));
  x_ = &x;
  if (layers_.empty()) return x;
  fused_.assign(layers_.size(), false);
  return forward_from(0, mode, rng);
}

const Matrix& Network::forward_rows(const InputRows& src, const size_t* rows, size_t m, Mode mode,
                                    Rng* rng) {
  check_width(src.rows(), src.cols());
  if (layers_.empty() || !layers_[0]->forward_rows(src, rows, m, acts_[0], mode, rng)) {
    src.gather(rows, m, gathered_);
    return forward(gathered_, mode, rng);
  }
  x_ = &no_input();
  fused_.assign(layers_.size(), false);
  return forward_from(1, mode, rng);
}

void Network::check_width(size_t rows, size_t cols) const {
  if (cols != input_.size())
    throw std::runtime_error("network: input of shape " + std::to_string(rows) + "x" +
                             std::to_string(cols) + " does not match in_shape " + input_.str());
}

const Matrix& Network::forward_from(size_t first, Mode mode, Rng* rng) {
  for (size_t i = first; i < layers_.size(); ++i) {
    const Matrix& in = i == 0 ? *x_ : acts_[i - 1];
    if (i + 1 < layers_.size() &&
        layers_[i]->forward_through(in, *layers_[i + 1], acts_[i + 1], mode, rng)) {
      fused_[i] = true;
      ++i;
    } else {
      layers_[i]->forward(in, acts_[i], mode, rng);
    }
  }
  return acts_.back();
}

void Network::backward(const Matrix& dout) {
  if (!x_) throw std::runtime_error("network: backward without a forward pass");
  for (size_t i = layers_.size(); i-- > 0;) {
    const Matrix& dy = i + 1 == layers_.size() ? dout : grads_[i];
    if (i > 0 && fused_[i - 1]) {  // layers i - 1 and i at once
      --i;
      const Matrix& in = i == 0 ? *x_ : acts_[i - 1];
      if (!layers_[i]->backward_through(in, *layers_[i + 1], dy, i == 0 ? nullptr : &grads_[i - 1]))
        throw std::runtime_error("network: layer " + layers_[i]->kind() +
                                 " fused its forward but not its backward");
      mask_grads(*layers_[i + 1]);
    } else {
      const Matrix& in = i == 0 ? *x_ : acts_[i - 1];
      layers_[i]->backward(in, acts_[i], dy, i == 0 ? nullptr : &grads_[i - 1]);
    }
    mask_grads(*layers_[i]);
  }
}

void Network::backward_second_order(const Matrix& dout, const Matrix& d2out, SecondOrderForm form) {
  if (!x_) throw std::runtime_error("network: second-order backward without a forward pass");
  if (x_ == &no_input())
    throw std::runtime_error("network: second-order backward after forward_rows (needs forward)");
  // First-order pass gives dL/dy of every layer, which the exact form needs. A layer fused with
  // the next in the forward (fused_) has no output in acts_: only a max-pool follows such a layer
  // (Conv2d::forward_through), and its backward reads its arg-maxes, not its input.
  backward(dout);
  std::vector<Matrix> d2(layers_.size());
  for (size_t i = layers_.size(); i-- > 0;) {
    const Matrix& in = i == 0 ? *x_ : acts_[i - 1];
    const Matrix& dy = i + 1 == layers_.size() ? dout : grads_[i];
    const Matrix& d2y = i + 1 == layers_.size() ? d2out : d2[i];
    layers_[i]->backward_second_order(in, acts_[i], dy, d2y, i == 0 ? nullptr : &d2[i - 1], form);
    for (Param& p : layers_[i]->params())
      if (p.masked() && p.curvature.size() == p.mask.size()) p.curvature *= p.mask;
  }
}

std::vector<Param*> Network::params() {
  std::vector<Param*> out;
  for (auto& l : layers_)
    for (Param& p : l->params()) out.push_back(&p);
  return out;
}

std::vector<const Param*> Network::params() const {
  std::vector<const Param*> out;
  for (const auto& l : layers_)
    for (const Param& p : l->params()) out.push_back(&p);
  return out;
}

size_t Network::weight_count() const {
  size_t n = 0;
  for (const Param* p : params())
    if (p->is_weight) n += p->value.size();
  return n;
}

size_t Network::stored_weight_count() const {
  size_t n = 0;
  for (const Param* p : params())
    if (p->is_weight) n += p->stored();
  return n;
}

std::vector<int> predict(Network& net, const InputRows& images, size_t batch) {
  return predict_first(net, images, images.rows(), batch);
}

std::vector<int> predict_first(Network& net, const InputRows& images, size_t n, size_t batch) {
  std::vector<int> out;
  out.reserve(n);
  std::vector<size_t> idx(batch);
  for (size_t start = 0; start < n; start += batch) {
    const size_t m = std::min(batch, n - start);
    std::iota(idx.begin(), idx.begin() + m, start);
    const std::vector<int> p =
        predicted_classes(net.forward_rows(images, idx.data(), m, Mode::kInfer, nullptr));
    out.insert(out.end(), p.begin(), p.end());
  }
  return out;
}

double error_rate(const std::vector<int>& predicted, const std::vector<int>& labels) {
  if (predicted.size() != labels.size())
    throw std::runtime_error("error_rate: " + std::to_string(predicted.size()) +
                             " predictions but " + std::to_string(labels.size()) + " labels");
  if (labels.empty()) return 0.0;
  size_t wrong = 0;
  for (size_t i = 0; i < labels.size(); ++i) wrong += predicted[i] != labels[i];
  return static_cast<double>(wrong) / static_cast<double>(labels.size());
}

double classification_error(Network& net, const InputRows& images, const std::vector<int>& labels,
                            size_t batch) {
  if (images.rows() != labels.size())
    throw std::runtime_error("classification_error: " + std::to_string(images.rows()) +
                             " images but " + std::to_string(labels.size()) + " labels");
  return error_rate(predict(net, images, batch), labels);
}

}  // namespace nnc
