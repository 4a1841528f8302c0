// Network: a value type holding a chain of layers (copying a Network deep-copies every layer,
// params and masks), with batched forward, backward and second-order backward passes, and the
// classification error used by training and evaluation.
#ifndef NNCOMPRESS_LIB_NN_NETWORK_H_
#define NNCOMPRESS_LIB_NN_NETWORK_H_

#include <memory>
#include <vector>

#include "lib/nn/input_rows.h"
#include "lib/nn/layer.h"

namespace nnc {

class Network {
 public:
  explicit Network(const Shape& input = Shape{}) : input_(input) {}
  Network(const Network& other);
  Network& operator=(const Network& other);
  Network(Network&&) = default;
  Network& operator=(Network&&) = default;

  // Appends a layer; throws std::runtime_error naming both shapes when its in_shape() differs from
  // the current out_shape(). A backward() then needs a new forward() first.
  void add(std::unique_ptr<Layer> layer);

  // Returns: the per-sample input / output geometry (output = the last layer's).
  Shape in_shape() const { return input_; }
  Shape out_shape() const { return layers_.empty() ? input_ : layers_.back()->out_shape(); }
  size_t size() const { return layers_.size(); }
  Layer& layer(size_t i) { return *layers_.at(i); }
  const Layer& layer(size_t i) const { return *layers_.at(i); }

  // Returns: the network output for x (batch x in_shape().size()); the reference stays valid
  // until the next forward. x must stay alive until backward() of the same batch.
  const Matrix& forward(const Matrix& x, Mode mode, Rng* rng);
  // Returns: forward() of x = rows rows[0..m) of src, the same bits, with the rows read where they
  // lie when the first layer can (Layer::forward_rows) and gathered otherwise; src must stay alive
  // until backward() of the same batch. backward_second_order() needs forward() instead.
  const Matrix& forward_rows(const InputRows& src, const size_t* rows, size_t m, Mode mode,
                             Rng* rng);
  // Given dout = dL/doutput of the last forward: sets every param's grad (masked entries 0).
  void backward(const Matrix& dout);
  // OBD's second-order pass after a forward: adds diag d²L/dθ² into each param's curvature for
  // L = the loss summed over the batch, given dout = dL/doutput (Loss::evaluate's dout × batch)
  // and d2out = diag d²L/doutput² (Loss::second_derivative). Also overwrites the params' grads
  // (with the summed-loss gradient) and requires every layer to implement the second-order hook.
  void backward_second_order(const Matrix& dout, const Matrix& d2out, SecondOrderForm form);

  // Returns: pointers to every param of every layer, in layer order (stable while the network
  // is not modified).
  std::vector<Param*> params();
  std::vector<const Param*> params() const;
  // Returns: the number of weight values (is_weight params), and of those stored (unmasked).
  size_t weight_count() const;
  size_t stored_weight_count() const;

 private:
  Shape input_;
  std::vector<std::unique_ptr<Layer>> layers_;
  // Throws std::runtime_error naming the shape when an input's width (cols) is not
  // in_shape().size().
  void check_width(size_t rows, size_t cols) const;
  // Runs layers first.. on x_ (layer 0) or the previous layer's output; returns the last output.
  const Matrix& forward_from(size_t first, Mode mode, Rng* rng);

  const Matrix* x_ = nullptr;
  Matrix gathered_;                   // forward_rows' batch when the first layer cannot take rows
  std::vector<Matrix> acts_, grads_;  // per layer: output and dL/doutput, reused across batches
  // Per layer: true when the last forward fused it with the next layer (Layer::forward_through),
  // so its acts_ entry was not computed and backward goes through the pair at once.
  std::vector<bool> fused_;
};

// Returns: the predicted class of every row of images, inferring `batch` rows at a time.
std::vector<int> predict(Network& net, const InputRows& images, size_t batch = 1000);
// Returns: the predicted class of the first n rows of images (n <= rows), `batch` rows at a time.
std::vector<int> predict_first(Network& net, const InputRows& images, size_t n,
                               size_t batch = 1000);

// Returns: the fraction of predictions that differ from labels (0 when empty).
// Throws std::runtime_error naming the sizes when they disagree.
double error_rate(const std::vector<int>& predicted, const std::vector<int>& labels);

// Returns: the fraction of rows whose predicted class differs from labels (0 when empty).
// Throws std::runtime_error naming the sizes when images and labels disagree.
double classification_error(Network& net, const InputRows& images, const std::vector<int>& labels,
                            size_t batch = 1000);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_NN_NETWORK_H_
