// Layer: the one interface every layer kind implements (dense, conv2d, max_pool, relu, sigmoid,
// dropout here; hashed layers in lib/compress), plus the registry that rebuilds a layer from its
// kind name and attributes (how the model file stays generic over layer kinds).
//
// Contract of every layer:
//  - represents y = f(x; params) for a batch: x is batch x in_shape().size(), y is
//    batch x out_shape().size(), samples are rows, features channels-last (see shape.h);
//  - forward() may keep scratch state for the next backward() of the same batch;
//  - backward() overwrites every param's grad with dL/dparam summed over the batch, given
//    dy = dL/dy, and writes dx = dL/dx when dx is not null (skipped for the first layer);
//  - attributes() plus the params' values are everything needed to rebuild the layer
//    (make_layer(kind(), in_shape(), attributes()) then copy the values).
#ifndef NNCOMPRESS_LIB_NN_LAYER_H_
#define NNCOMPRESS_LIB_NN_LAYER_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>
#include <xtensor/xtensor.hpp>

#include "lib/nn/param.h"
#include "lib/nn/random.h"
#include "lib/nn/shape.h"
#include "lib/util/format_double.h"  // attributes hold doubles written by format_double

namespace nnc {

using Matrix = xt::xtensor<float, 2>;
class InputRows;  // lib/nn/input_rows.h
using Attributes = std::map<std::string, std::string>;

enum class Mode { kTrain, kInfer };

// Which second derivative a second-order pass propagates (OBD, LeCun et al. 1990, eq. 7-8):
// Gauss-Newton (Levenberg-Marquardt) drops the f''(a)·dL/dy terms, keeping the diagonal >= 0;
// exact keeps them, as the seed paper's code does.
enum class SecondOrderForm { kGaussNewton, kExact };

class Layer {
 public:
  virtual ~Layer() = default;

  // Returns: the kind name stored in model files ("dense", "conv2d", ...).
  virtual std::string kind() const = 0;
  // Returns: the per-sample input / output geometry.
  virtual Shape in_shape() const = 0;
  virtual Shape out_shape() const = 0;
  // Returns: the attributes that, with in_shape() and the params, rebuild this layer.
  virtual Attributes attributes() const = 0;
  // Returns: a deep copy (params, masks and all).
  virtual std::unique_ptr<Layer> clone() const = 0;

  // Computes y (resized to batch x out) from x. `rng` is used only by stochastic layers in
  // kTrain mode (dropout) and may be null otherwise.
  virtual void forward(const Matrix& x, Matrix& y, Mode mode, Rng* rng) = 0;
  // Sets params' grads and, when dx != nullptr, *dx (resized to x's shape); see the contract above.
  virtual void backward(const Matrix& x, const Matrix& y, const Matrix& dy, Matrix* dx) = 0;
  // Returns: true when the last backward left the pruned entries of its params' grads at +0
  // itself, so that Network::backward skips Param::mask_grad (a pass over every entry).
  virtual bool backward_masks_grads() const { return false; }

  // Computes y as forward() would for x = rows rows[0..m) of src, reading them where they lie
  // instead of gathered into a batch (speed only: the same bits). A layer that does so must keep
  // what its backward() needs, for it then gets an empty x. Default: returns false and does
  // nothing (the caller gathers the rows and calls forward()).
  virtual bool forward_rows(const InputRows& src, const size_t* rows, size_t m, Matrix& y,
                            Mode mode, Rng* rng);
  // Fusion with the next layer (speed only; the results are those of the two layers one after
  // the other, bit for bit). forward_through computes next's output for x without keeping this
  // layer's output (chunks of samples stay in cache), and backward_through, after it, does next's
  // backward then this layer's (params' grads of both, and *dx when dx != null). Network calls them
  // for every adjacent pair. Default: returns false and does nothing (the pair does not fuse).
  virtual bool forward_through(const Matrix& x, Layer& next, Matrix& y_next, Mode mode, Rng* rng);
  virtual bool backward_through(const Matrix& x, Layer& next, const Matrix& dy_next, Matrix* dx);

  // Second-order backward pass for OBD: given d2y = diag d²L/dy² (batch x out, per sample), and
  // dy for the exact form, adds each weight's diagonal d²L/dθ² summed over the batch into its
  // param's `curvature` (allocated on first use) and writes *d2x = diag d²L/dx² when d2x != null.
  // Default: throws std::runtime_error("layer kind <k> has no second-order backward pass").
  virtual void backward_second_order(const Matrix& x, const Matrix& y, const Matrix& dy,
                                     const Matrix& d2y, Matrix* d2x, SecondOrderForm form);

  // Returns: how many weights the layer computes with: the size of its weight params, or for a
  // weight-sharing layer (HashedNets) the size of the virtual matrix it expands.
  virtual size_t virtual_weight_count() const;
  // Returns: true when the weights are shared through a hash, so a model stores K real weights and
  // a seed rather than one value per virtual weight.
  virtual bool shares_weights() const { return false; }

  // Returns: the layer's parameters (empty for parameter-free layers), in a fixed order.
  std::vector<Param>& params() { return params_; }
  const std::vector<Param>& params() const { return params_; }
  // Returns: the named parameter; throws std::runtime_error if the layer has none of that name.
  Param& param(const std::string& name);
  const Param& param(const std::string& name) const;

 protected:
  std::vector<Param> params_;
};

// Resizes m to rows x cols unless it already has that shape (keeps buffers across batches).
inline void ensure_shape(Matrix& m, size_t rows, size_t cols) {
  if (m.shape(0) != rows || m.shape(1) != cols) m.resize({rows, cols});
}

// Throws std::runtime_error("<kind>: input of shape batch x <got> does not match in_shape <s>")
// when x does not have in.size() columns.
void check_input(const std::string& kind, const Matrix& x, const Shape& in);

// Returns: attrs[key] parsed as an integer in [0, 2^31] / a double; throws std::runtime_error
// naming the layer kind and key when missing, not a number or out of range.
long long attr_int(const Attributes& attrs, const std::string& kind, const std::string& key);
double attr_double(const Attributes& attrs, const std::string& kind, const std::string& key);

using LayerFactory = std::function<std::unique_ptr<Layer>(const Shape& in, const Attributes&)>;

// Registers a layer kind for make_layer (compression methods register their own kinds this way).
// Throws std::runtime_error("layer kind '<kind>' registered twice") if it already is.
void register_layer_kind(const std::string& kind, LayerFactory factory);

// Returns: a new layer of `kind` (built-in kinds are always registered) with fresh zero params.
// Throws std::runtime_error("unknown layer kind '<kind>' (expected a, b or c)"), listing the kinds
// this binary registers, for an unregistered kind.
std::unique_ptr<Layer> make_layer(const std::string& kind, const Shape& in,
                                  const Attributes& attrs);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_NN_LAYER_H_
