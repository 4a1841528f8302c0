// The distillation loss against a fixed teacher batch, as a Loss, so the generic finite-difference
// checks (tests/nn/gradient_check.h) cover it and whole networks trained with it.
#ifndef NNCOMPRESS_TESTS_TRAIN_TEACHER_LOSS_H_
#define NNCOMPRESS_TESTS_TRAIN_TEACHER_LOSS_H_

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "lib/nn/loss.h"
#include "lib/train/distillation.h"

namespace nnc {

class TeacherLoss : public Loss {
 public:
  TeacherLoss(const std::string& hard, Distillation d, Matrix teacher)
      : hard_(make_loss(hard)), d_(d), teacher_(std::move(teacher)) {}

  std::string name() const override { return "distillation"; }
  double evaluate(const Matrix& out, const std::vector<int>& labels, Matrix* dout) const override {
    return distillation_loss(*hard_, d_, out, labels, teacher_, dout);
  }
  void second_derivative(const Matrix&, const std::vector<int>&, Matrix*) const override {
    throw std::runtime_error("distillation: no second derivative");
  }

 private:
  std::unique_ptr<Loss> hard_;
  Distillation d_;
  Matrix teacher_;
};

}  // namespace nnc

#endif  // NNCOMPRESS_TESTS_TRAIN_TEACHER_LOSS_H_
