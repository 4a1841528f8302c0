// One compress step end to end on a small synthetic problem: exact survivor counts, pruned weights
// exactly 0 after retraining with the real trainer, the method's regulariser, a deterministic log,
// and factor 1 without retraining as the identity. The authors' schedule on the same problem:
// each step's exact count, the trigger's two paths, the continued learning rate, the tail.
#include "lib/compress/prune_and_retrain.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "lib/io/log_csv.h"
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
  sets.train = {train.images, &train.labels};
  sets.valid = {valid.images, &valid.labels};
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
    CHECK(parse_log(log, kCompressLog, "log").at(0).at("quantity") == "valid_error_input");
    CHECK(log.find("survivors_after,1,") != std::string::npos);
    CHECK(log.find("retrain_valid_error,2,") != std::string::npos);
    // The kept retraining epoch: the last, as this protocol does not select on validation.
    CHECK(log.find("retrain_selected_epoch,," + std::to_string(r.retraining.selected_epoch) +
                   "\n") != std::string::npos);
    CHECK(r.retraining.selected_epoch == 2);
    // One step, at epoch 0 (before retraining), repaired by the retraining that follows.
    CHECK(log.find("step_epoch,1,0\nstep_kept,1,60\nstep_factor,1,0.25\n") != std::string::npos);
    REQUIRE(r.steps.size() == 1);
    CHECK(r.steps[0].valid_retrained == r.error_retrained);
    // Deterministic: the same inputs and seed give the same log.
    Network again = small_net();
    Rng rng2(5);
    CHECK(prune_log_csv(prune_and_retrain(again, request, retrain, sets, rng2)) == log);
  }
}

TEST_CASE("factor 1 without retraining returns the input network") {
  const Problem train = teacher(50, 3);
  TrainSets sets;
  sets.train = {train.images, &train.labels};
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

// The authors' protocol's units on the teacher problem: 12·16 + 16·3 = 240 weights.
Network small_sigmoid_net() {
  Architecture a{"tiny", {{LayerSpec::Kind::kDense, 16}}};
  Network net = build_network(a, flat(12), 3, protocol("authors").units);
  Rng rng(4);
  initialize(net, "nielsen", rng);
  return net;
}

struct AuthorsFixture {
  Problem train = teacher(300, 1), valid = teacher(100, 2);
  TrainSets sets;
  PruneRequest request;
  AuthorsRun run;
  AuthorsFixture(const std::string& method) {
    sets.train = {train.images, &train.labels};
    sets.valid = {valid.images, &valid.labels};
    request.method = &pruning_method(method);
    request.factor = 0.1;
    run.protocol = &protocol("authors");
    run.regularizer = "l2";
    run.lambda = 1.0;
    run.input_epochs = 3;  // as if the baseline had been trained for 3 epochs
    run.schedule.first_epoch = 3;
    run.schedule.patience = 2;
    run.schedule.tail = 3;
  }
};

// Checks what every authors run must satisfy: the counts, the trigger fed the trainer's train
// error, the continued learning rate, the tail, frozen masks and the per-step log.
void check_authors_run(const AuthorsFixture& f, Network& net, const PruneReport& r) {
  const AuthorsSchedule& s = f.run.schedule;
  REQUIRE(r.steps.size() == 15);
  for (size_t k = 1; k <= 15; ++k) {
    const double removed = std::floor(0.9 * std::pow(k / 15.0, 1.0 / 16) * 240);
    CHECK(r.steps[k - 1].kept == 240 - static_cast<size_t>(removed));
    CHECK(r.steps[k - 1].factor == Approx(r.steps[k - 1].kept / 240.0));
    CHECK(r.steps[k - 1].valid_retrained == (k < 15 ? r.steps[k].valid_before : r.error_retrained));
  }
  CHECK(net.stored_weight_count() == 24);  // 240 − ⌊0.9·240⌋
  // Replays the trigger on the recorded epochs: a step exactly where the rule says.
  size_t last = 0, taken = 0;
  for (const EpochRecord& e : r.retraining.epochs) {
    INFO("epoch " << e.epoch << " train error " << e.train_error);
    // η_j = 2η₀/√j, continued from the baseline's epochs.
    CHECK(e.lr == Approx(2.0 * f.run.protocol->lr.lr0 / std::sqrt(static_cast<double>(e.epoch))));
    REQUIRE(e.train_error >= 0);
    const bool due = taken < 15 && e.epoch >= s.first_epoch &&
                     (1 - e.train_error >= s.accuracy || e.epoch >= last + s.patience);
    const bool stepped = taken < 15 && r.steps[taken].epoch == e.epoch;
    CHECK(stepped == due);
    if (stepped) last = e.epoch, ++taken;
  }
  CHECK(r.retraining.epochs.front().epoch == f.run.input_epochs + 1);
  CHECK(r.retraining.epochs.back().epoch == r.steps.back().epoch + s.tail);
  for (const Param* p : weight_params(net))
    for (size_t k = 0; k < p->value.size(); ++k)
      if (p->mask.data()[k] == 0.0f) CHECK(p->value.data()[k] == 0.0f);
  const std::string log = prune_log_csv(r);
  CHECK(log.find("step_epoch,15," + std::to_string(r.steps.back().epoch) + "\n") !=
        std::string::npos);
  CHECK(log.find("step_kept,15,24\n") != std::string::npos);
  CHECK(log.find("retrain_train_error," + std::to_string(r.steps.back().epoch) + ",") !=
        std::string::npos);
}

TEST_CASE("the authors' schedule, patience path: a step every `patience` epochs") {
  for (const std::string method : {"mag_l2", "obd", "obd_gn"}) {
    INFO(method);
    AuthorsFixture f(method);
    f.run.schedule.accuracy = 2.0;  // never accurate enough: every step waits out the patience
    Network net = small_sigmoid_net();
    Rng rng(5);
    const PruneReport r = prune_during_training(net, f.request, f.run, f.sets, rng);
    check_authors_run(f, net, r);
    for (size_t k = 0; k < 15; ++k) CHECK(r.steps[k].epoch == 4 + 2 * k);  // 2 epochs after 0, …
    CHECK(r.retraining.epochs.size() == 32);  // epochs 4 … 35: the last step at 32, 3 more
    CHECK(r.regularizer == "l2");
  }
}

TEST_CASE("the authors' schedule, accuracy path: a step as soon as the train accuracy is reached") {
  AuthorsFixture f("mag_l2");
  f.run.schedule.accuracy = 0.6;
  f.run.schedule.patience = 10;
  Network net = small_sigmoid_net();
  Rng rng(5);
  const PruneReport r = prune_during_training(net, f.request, f.run, f.sets, rng);
  check_authors_run(f, net, r);
  size_t early = 0;  // steps taken before the patience ran out: on accuracy
  for (size_t k = 1; k < 15; ++k) early += r.steps[k].epoch < r.steps[k - 1].epoch + 10;
  CHECK(early >= 5);
  // Deterministic: the same inputs and seed give the same log.
  Network again = small_sigmoid_net();
  Rng rng2(5);
  CHECK(prune_log_csv(prune_during_training(again, f.request, f.run, f.sets, rng2)) ==
        prune_log_csv(r));
}

TEST_CASE("the authors' schedule needs a baseline trained up to its first pruning epoch") {
  AuthorsFixture f("mag_l2");
  f.run.schedule.first_epoch = 4;
  Network net = small_sigmoid_net();
  Rng rng(5);
  CHECK_THROWS_WITH(prune_during_training(net, f.request, f.run, f.sets, rng),
                    "authors' schedule: the input model was trained for 3 epochs, fewer than the "
                    "first pruning epoch 4");
}

}  // namespace
}  // namespace nnc
