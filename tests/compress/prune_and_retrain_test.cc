// One compress step end to end on a small synthetic problem: exact survivor counts, pruned weights
// exactly 0 after retraining with the real trainer, the method's regulariser, a deterministic log,
// and factor 1 without retraining as the identity.
#include <catch2/catch.hpp>

#include "lib/compress/prune_and_retrain.h"
#include "lib/nn/architecture.h"
#include "tests/nn/gradient_check.h"

namespace nnc {
namespace {

struct Problem {
  Matrix images;
  std::vector<int> labels;
};

// 3 classes from a fixed random linear teacher on 12 features.
Problem teacher(size_t n, uint64_t seed) {
  Problem p{random_matrix(n, 12, seed), {}};
  const Matrix w = random_matrix(3, 12, 99);
  for (size_t b = 0; b < n; ++b) {
    int best = 0;
    double best_score = -1e9;
    for (int c = 0; c < 3; ++c) {
      double s = 0;
      for (size_t j = 0; j < 12; ++j) s += w(c, j) * p.images(b, j);
      if (s > best_score) best_score = s, best = c;
    }
    p.labels.push_back(best);
  }
  return p;
}

Network small_net() {
  Architecture a{"tiny", {{LayerSpec::Kind::kDense, 16}}};
  Network net = build_network(a, flat(12), 3, {});
  Rng rng(4);
  initialize(net, "he", rng);
  return net;
}

TEST_CASE("a compress step keeps the exact count and pruned weights stay 0 through retraining") {
  const Problem train = teacher(300, 1), valid = teacher(100, 2);
  TrainSets sets;
  sets.train = {&train.images, &train.labels};
  sets.valid = {&valid.images, &valid.labels};
  for (const std::string method : {"mag_l1", "mag_l2", "obd", "obd_gn", "random"}) {
    Network net = small_net();
    PruneRequest request;
    request.method = &pruning_method(method);
    request.factor = 0.25;  // of 12·16 + 16·3 = 240 weights -> 60
    RetrainSpec retrain;
    retrain.protocol = &protocol("lenet");
    retrain.baseline_regularizer = "l2";
    retrain.lambda = 1e-3;
    retrain.epochs = 2;
    Rng rng(5);
    const PruneReport r = prune_and_retrain(net, request, retrain, sets, rng);
    INFO(method);
    CHECK(net.stored_weight_count() == 60);
    CHECK(r.survivors_after[0] + r.survivors_after[1] == 60);
    CHECK(r.weights == std::vector<size_t>{192, 48});
    CHECK(r.retraining.epochs.size() == 2);
    CHECK(r.regularizer == (method == "mag_l1" ? "l1" : "l2"));
    for (const Param* p : weight_params(net))
      for (size_t k = 0; k < p->value.size(); ++k)
        if (p->mask.data()[k] == 0.0f) CHECK(p->value.data()[k] == 0.0f);
    const std::string log = prune_log_csv(r);
    CHECK(log.rfind("quantity,index,value\nvalid_error_input,,", 0) == 0);
    CHECK(log.find("survivors_after,1,") != std::string::npos);
    CHECK(log.find("retrain_valid_error,2,") != std::string::npos);
    // Deterministic: the same inputs and seed give the same log.
    Network again = small_net();
    Rng rng2(5);
    CHECK(prune_log_csv(prune_and_retrain(again, request, retrain, sets, rng2)) == log);
  }
}

TEST_CASE("factor 1 without retraining returns the input network") {
  const Problem train = teacher(50, 3);
  TrainSets sets;
  sets.train = {&train.images, &train.labels};
  Network net = small_net();
  const Network before = net;
  PruneRequest request;
  request.method = &pruning_method("mag_l2");
  RetrainSpec retrain;
  retrain.protocol = &protocol("lenet");
  retrain.epochs = 0;
  Rng rng(1);
  prune_and_retrain(net, request, retrain, sets, rng);
  for (size_t i = 0; i < net.params().size(); ++i) {
    CHECK_FALSE(net.params()[i]->masked());
    CHECK((net.params()[i]->value == before.params()[i]->value));
  }
  CHECK_THROWS_WITH(pruning_method("prune"),
                    "unknown method 'prune' (expected mag_l1, mag_l2, obd, obd_gn or random)");
}

}  // namespace
}  // namespace nnc
