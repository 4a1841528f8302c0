// Dense: the fully connected layer y = x·Wᵀ + b, W of shape out x in (row i = unit i's fan-in).
// A masked layer keeping few enough weights (sparse_dense_pays) trains and infers on its kept
// weights only (lib/nn/sparse_dense.h); otherwise, and always when unmasked, it runs OpenBLAS's
// GEMMs on the whole matrix.
#ifndef NNCOMPRESS_LIB_NN_DENSE_H_
#define NNCOMPRESS_LIB_NN_DENSE_H_

#include "lib/nn/input_rows.h"
#include "lib/nn/layer.h"
#include "lib/nn/sparse_dense.h"

namespace nnc {

// Which kernels a masked Dense runs: kAuto (the sparse path when sparse_dense_pays), or one of them
// whatever the density (the tests compare the two; the benchmark times both).
enum class DensePath { kAuto, kDense, kSparse };

class Dense : public Layer {
 public:
  // Params: "weight" (out x in, zeros) and "bias" (out, zeros; not a weight).
  Dense(const Shape& in, size_t out);

  std::string kind() const override { return "dense"; }
  Shape in_shape() const override { return in_; }
  Shape out_shape() const override { return flat(out_); }
  Attributes attributes() const override;
  std::unique_ptr<Layer> clone() const override { return std::make_unique<Dense>(*this); }
  // Sets the path of the next forward and backward (default kAuto; kept by clone()). An unmasked
  // layer always runs the dense path.
  void set_path(DensePath path) { path_ = path; }

  void forward(const Matrix& x, Matrix& y, Mode mode, Rng* rng) override;
  // Takes the rows on the sparse path only (the dense path's GEMM wants them gathered).
  bool forward_rows(const InputRows& src, const size_t* rows, size_t m, Matrix& y, Mode mode,
                    Rng* rng) override;
  void backward(const Matrix& x, const Matrix& y, const Matrix& dy, Matrix* dx) override;
  // The sparse path writes the kept entries of the weight's grad and keeps the others +0.
  bool backward_masks_grads() const override { return sparse_; }
  // Linear, so both forms agree: h_W[i,j] += Σ_b d2y[b,i]·x[b,j]², d2x = d2y·(W∘W)
  // (LeCun et al. 1990, eq. 8-9).
  void backward_second_order(const Matrix& x, const Matrix& y, const Matrix& dy, const Matrix& d2y,
                             Matrix* d2x, SecondOrderForm form) override;

 private:
  Shape in_;
  size_t out_;
  // Returns: whether this batch runs on the sparse path; reindexes the kept weights first when
  // the weight's mask has changed since the last call.
  bool choose_path(size_t batch);

  std::vector<float> scratch_;  // x∘x or W∘W for the second-order pass
  KeptWeights kept_;            // the weight mask's kept entries, as of kept_generation_
  uint64_t kept_generation_ = 0;
  // The mask generation of the last backward when it ran sparse (the weight's pruned grad entries
  // then +0), else 0.
  uint64_t grad_zeroed_generation_ = 0;
  DensePath path_ = DensePath::kAuto;
  bool sparse_ = false;  // the path of the last forward, which its backward follows
  SparseDenseScratch sparse_scratch_;
};

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_NN_DENSE_H_
