// Dark knowledge: the distillation loss's value and gradient (finite differences, and the closed
// forms of distillation.h), its input checks, and training with α = 0 equal to plain training, byte
// for byte.
#include "lib/train/distillation.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "lib/io/model_file.h"
#include "lib/nn/architecture.h"
#include "lib/nn/model_io.h"
#include "lib/train/protocol.h"
#include "lib/train/trainer.h"
#include "tests/nn/gradient_check.h"
#include "tests/train/synthetic.h"
#include "tests/train/teacher_loss.h"

namespace nnc {
namespace {

const std::vector<int> kLabels = {0, 2, 1, 3, 3};

TEST_CASE("the distillation loss passes the finite-difference check") {
  for (const double alpha : {0.0, 0.5, 0.9, 1.0})
    for (const double t : {1.0, 4.0, 20.0}) {
      INFO("alpha " << alpha << " T " << t);
      const TeacherLoss loss("softmax_cross_entropy", {t, alpha}, random_matrix(5, 4, 1, 3.0));
      require_passes(check_loss(loss, random_matrix(5, 4, 2, 3.0), kLabels), 20);
    }
  const TeacherLoss quadratic("quadratic", {1.0, 0.7},
                              Matrix(random_matrix(5, 4, 3) * 0.1f + 0.5f));
  require_passes(check_loss(quadratic, Matrix(random_matrix(5, 4, 4) * 0.1f + 0.4f), kLabels), 20);
}

TEST_CASE("the distillation loss follows its closed forms") {
  const auto ce = make_loss("softmax_cross_entropy");
  SECTION("α = 1, teacher = student: the soft term is T²·H(softmax(z/T)), its gradient 0") {
    const Matrix z = random_matrix(5, 4, 5);
    Matrix dout;
    const double l = distillation_loss(*ce, {2.0, 1.0}, z, kLabels, z, &dout);
    double entropy = 0.0;
    for (size_t b = 0; b < 5; ++b) {
      double sum = 0.0;
      for (size_t i = 0; i < 4; ++i) sum += std::exp(z(b, i) / 2.0);
      for (size_t i = 0; i < 4; ++i) {
        const double p = std::exp(z(b, i) / 2.0) / sum;
        entropy -= p * std::log(p);
      }
    }
    CHECK(l == Approx(4.0 * entropy / 5.0).epsilon(1e-6));
    CHECK(xt::amax(xt::abs(dout))() < 1e-7f);
  }
  SECTION("quadratic: the gradient is a − ((1 − α)·e(y) + α·t), over the batch") {
    const auto quadratic = make_loss("quadratic");
    const Matrix a = random_matrix(5, 4, 6) * 0.1f + 0.5f, t = random_matrix(5, 4, 7) * 0.1f + 0.5f;
    Matrix dout;
    distillation_loss(*quadratic, {1.0, 0.25}, a, kLabels, t, &dout);
    for (size_t b = 0; b < 5; ++b)
      for (size_t i = 0; i < 4; ++i) {
        const double target = 0.75 * (kLabels[b] == int(i)) + 0.25 * t(b, i);
        CHECK(dout(b, i) == Approx((a(b, i) - target) / 5.0).margin(1e-7));
      }
  }
}

TEST_CASE("the distillation loss rejects bad inputs with one-line errors") {
  const auto ce = make_loss("softmax_cross_entropy");
  const auto quadratic = make_loss("quadratic");
  const Matrix z = random_matrix(5, 4, 8);
  CHECK_THROWS_WITH(distillation_loss(*ce, {4.0, 0.5}, z, kLabels, random_matrix(5, 3, 9), nullptr),
                    "distillation: teacher outputs of shape 5x3 for outputs of shape 5x4");
  CHECK_THROWS_WITH(distillation_loss(*ce, {4.0, 1.5}, z, kLabels, z, nullptr),
                    Catch::StartsWith("distillation: alpha 1.5"));
  CHECK_THROWS_WITH(distillation_loss(*quadratic, {4.0, 0.5}, z, kLabels, z, nullptr),
                    Catch::StartsWith("distillation: the quadratic cost takes the teacher's"));
}

// Trains a small network of `protocol_name` for 3 epochs, with the teacher's outputs when given.
// Returns: (model bytes, log).
std::pair<std::string, std::string> train_small(const std::string& protocol_name,
                                                const Matrix* teacher, double alpha) {
  const SyntheticSet train_set = synthetic_blobs(300, 12, 3, 1);
  const SyntheticSet valid_set = synthetic_blobs(100, 12, 3, 2);
  const Protocol& p = protocol(protocol_name);
  Rng rng(5);
  Network net = build_network({"tiny", {{LayerSpec::Kind::kDense, 16}}}, flat(12), 3, p.units);
  initialize(net, p.init, rng);
  TrainOptions o = training_options(p, nullptr, 0.0);
  o.epochs = 3;
  o.teacher_outputs = teacher;
  o.distillation.alpha = alpha;
  const TrainResult r = train(
      net, {{train_set.images, &train_set.labels}, {valid_set.images, &valid_set.labels}}, o, rng);
  return {serialize_model(to_model_file(net, {})), epoch_log_csv(r)};
}

TEST_CASE("training with α = 0 is plain training, byte for byte; α > 0 differs") {
  for (const std::string proto : {"hashednets", "lenet", "authors"}) {
    INFO(proto);
    const Matrix teacher = proto == "authors" ? Matrix(random_matrix(300, 3, 11) * 0.1f + 0.5f)
                                              : random_matrix(300, 3, 11, 3.0);
    const auto plain = train_small(proto, nullptr, 0.0);
    const auto alpha0 = train_small(proto, &teacher, 0.0);
    CHECK(alpha0.first == plain.first);
    CHECK(alpha0.second == plain.second);
    CHECK(train_small(proto, &teacher, protocol(proto).distillation.alpha).first != plain.first);
  }
}

TEST_CASE("the trainer names teacher outputs that do not fit the training set") {
  const Matrix teacher = random_matrix(299, 3, 12);
  CHECK_THROWS_WITH(train_small("lenet", &teacher, 0.5),
                    "train: teacher outputs of shape 299x3 for 300 examples and a network output "
                    "of 1x1x3");
}

TEST_CASE("the protocols' distillation settings are those protocol.h states") {
  CHECK(protocol("hashednets").distillation.temperature == 4.0);
  CHECK(protocol("hashednets").distillation.alpha == 0.9);
  CHECK(protocol("lenet").distillation.temperature == 4.0);
  CHECK(protocol("lenet").distillation.alpha == 0.9);
  CHECK(protocol("authors").distillation.temperature == 1.0);
  CHECK(protocol("authors").distillation.alpha == 0.9);
}

}  // namespace
}  // namespace nnc
