// The trainer, optimiser, schedules, regularisers and the protocol/architecture tables.
#include "lib/train/trainer.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <xtensor/xview.hpp>

#include "lib/io/dataset.h"
#include "lib/io/log_csv.h"
#include "lib/io/model_file.h"
#include "lib/nn/architecture.h"
#include "lib/nn/model_io.h"
#include "lib/train/protocol.h"
#include "lib/train/regularizer.h"
#include "lib/train/sgd.h"
#include "tests/train/synthetic.h"

namespace nnc {
namespace {

Network small_net(const std::string& protocol_name, Rng& rng) {
  const Protocol& p = protocol(protocol_name);
  Architecture arch{"tiny", {{LayerSpec::Kind::kDense, 16}}};
  Network net = build_network(arch, flat(12), 3, p.units);
  initialize(net, p.init, rng);
  return net;
}

struct Data {
  SyntheticSet train = synthetic_blobs(300, 12, 3, 1);
  SyntheticSet valid = synthetic_blobs(100, 12, 3, 2);
  SyntheticSet test = synthetic_blobs(100, 12, 3, 3);  // held out: training never sees it
  TrainSets sets() const { return {{train.images, &train.labels}, {valid.images, &valid.labels}}; }
};

// Trains one small network and returns (model bytes, log).
std::pair<std::string, std::string> train_once(const std::string& protocol_name,
                                               const std::string& regularizer, uint64_t seed) {
  Data d;
  Rng rng(seed);
  Network net = small_net(protocol_name, rng);
  const auto reg = make_regularizer(regularizer);
  TrainOptions o = training_options(protocol(protocol_name), reg.get(), 1.0);
  o.epochs = 3;
  const TrainResult r = train(net, d.sets(), o, rng);
  return {serialize_model(to_model_file(net, {{"seed", std::to_string(seed)}})), epoch_log_csv(r)};
}

TEST_CASE("training is deterministic: same seed, same bytes; another seed differs") {
  for (const std::string proto : {"hashednets", "lenet", "authors"}) {
    INFO(proto);
    const auto a = train_once(proto, "l1", 5), b = train_once(proto, "l1", 5);
    CHECK(a.first == b.first);
    CHECK(a.second == b.second);
    CHECK(train_once(proto, "l1", 6).first != a.first);
  }
}

// Trains small_net (its first layer kept at `density`) for two epochs on `examples` (validating on
// them too), and returns (model bytes, log).
std::pair<std::string, std::string> train_on(const Examples& examples, double density) {
  Rng rng(9);
  Network net = small_net("authors", rng);
  Param& w = net.layer(0).param("weight");
  xt::xarray<float> mask = xt::zeros<float>(w.value.shape());
  for (size_t i = 0; i < mask.size(); ++i) mask.data()[i] = (i * 37 % 100) < density * 100;
  w.set_mask(mask);
  TrainOptions o = training_options(protocol("authors"), nullptr, 0.0);
  o.epochs = 2;
  const TrainResult r = train(net, {examples, examples}, o, rng);
  return {serialize_model(to_model_file(net, {})), epoch_log_csv(r)};
}

TEST_CASE("training on stored bytes gives the bits of training on their pixel values") {
  ByteSplit bytes;
  bytes.images = {300, 3, 4, std::vector<uint8_t>(300 * 12)};
  for (size_t i = 0; i < bytes.images.pixels.size(); ++i)
    bytes.images.pixels[i] = static_cast<uint8_t>((i * 89 + i / 12) % 256);
  for (size_t i = 0; i < 300; ++i) bytes.labels.push_back(bytes.images.pixels[i * 12] % 3);
  bytes.classes = 3;
  Matrix floats;
  pixels_to_floats(bytes.images, 0, 300, floats);
  const Examples as_bytes = examples_of(bytes), as_floats{floats, &bytes.labels};
  for (const double density : {0.1, 1.0}) {  // the sparse path, reading bytes in place; the dense
    INFO("density " << density);             // path, gathering them
    CHECK(train_on(as_bytes, density) == train_on(as_floats, density));
  }
}

TEST_CASE("every protocol learns the synthetic task") {
  for (const std::string proto : {"hashednets", "lenet"}) {
    INFO(proto);
    Data d;
    Rng rng(7);
    Network net = small_net(proto, rng);
    TrainOptions o = training_options(protocol(proto), nullptr, 0.0);
    o.epochs = 20;
    const TrainResult r = train(net, d.sets(), o, rng);
    CHECK(r.epochs.size() == 20);
    CHECK(r.epochs.back().loss < r.epochs.front().loss);
    CHECK(classification_error(net, d.test.images, d.test.labels) < 0.1);
  }
}

TEST_CASE("masked weights stay exactly zero through training with momentum and penalties") {
  for (const std::string reg_name : {"none", "l1", "l2"}) {
    INFO(reg_name);
    Data d;
    Rng rng(8);
    Network net = small_net("lenet", rng);
    Rng mask_rng(9);
    for (Param* p : net.params()) {
      if (!p->is_weight) continue;
      xt::xarray<float> mask = xt::ones<float>(p->value.shape());
      for (float& m : mask) m = mask_rng.uniform() < 0.6f ? 0.0f : 1.0f;
      p->set_mask(mask);
    }
    const Network before = net;
    const auto reg = make_regularizer(reg_name);
    TrainOptions o = retraining_options(protocol("lenet"), reg.get(), 1.0);
    o.epochs = 3;
    train(net, d.sets(), o, rng);
    size_t moved = 0;
    const auto after = net.params();
    const auto orig = before.params();
    for (size_t k = 0; k < after.size(); ++k)
      for (size_t i = 0; i < after[k]->value.size(); ++i) {
        if (after[k]->masked() && after[k]->mask.data()[i] == 0.0f) {
          uint32_t bits;
          std::memcpy(&bits, after[k]->value.data() + i, 4);
          REQUIRE(bits == 0u);  // +0.0 exactly
        } else {
          moved += after[k]->value.data()[i] != orig[k]->value.data()[i];
        }
      }
    CHECK(moved > 40);  // of ~115 unmasked values
  }
}

TEST_CASE("validation-based selection returns the best-validation epoch's network") {
  Data d;
  Rng rng(10);
  Network net = small_net("hashednets", rng);
  TrainOptions o = training_options(protocol("hashednets"), nullptr, 0.0);
  o.epochs = 4;
  const TrainResult r = train(net, d.sets(), o, rng);
  size_t best = 1;
  for (const EpochRecord& e : r.epochs)
    if (e.valid_error < r.epochs[best - 1].valid_error) best = e.epoch;
  CHECK(r.selected_epoch == best);
  CHECK(classification_error(net, d.valid.images, d.valid.labels) ==
        Approx(r.epochs[best - 1].valid_error));
  const std::vector<CsvRow> log = parse_log(epoch_log_csv(r), kTrainLog, "log");
  REQUIRE(log.size() == 4);
  CHECK(log[best - 1].at("selected") == "1");
}

TEST_CASE("retraining selects on validation exactly when the protocol's training does") {
  for (const std::string name : {"hashednets", "lenet", "authors"}) {
    const Protocol& p = protocol(name);
    const TrainOptions o = retraining_options(p, nullptr, 0.0);
    CHECK(o.select_on_valid == p.select_on_valid);
    CHECK(o.epochs == p.retrain_epochs);
  }
  CHECK(retraining_options(protocol("hashednets"), nullptr, 0.0).select_on_valid);
}

TEST_CASE("the epoch's train error is the final network's error on the first n_valid samples") {
  Data d;  // 300 train, 100 valid
  Rng rng(11);
  Network net = small_net("lenet", rng);
  TrainOptions o = training_options(protocol("lenet"), nullptr, 0.0);
  o.epochs = 2;
  const TrainResult r = train(net, d.sets(), o, rng);
  const Matrix first = xt::view(d.train.images, xt::range(0, 100), xt::all());
  const std::vector<int> labels(d.train.labels.begin(), d.train.labels.begin() + 100);
  CHECK(r.epochs.back().train_error == Approx(classification_error(net, first, labels)));
  TrainSets no_valid = d.sets();
  no_valid.valid = {};
  Rng rng2(11);
  Network net2 = small_net("lenet", rng2);
  const TrainResult all = train(net2, no_valid, o, rng2);
  CHECK(all.epochs.back().train_error ==
        Approx(classification_error(net2, d.train.images, d.train.labels)));
}

TEST_CASE("a diverging run restarts from the same start at a lower rate, as often as allowed") {
  Data d;
  TrainOptions o = training_options(protocol("lenet"), nullptr, 0.0);
  o.epochs = 2;
  o.lr.lr0 = 1e30;  // diverges within the first batches
  Rng rng(12);
  Network net = small_net("lenet", rng);
  Network direct = net;
  Rng direct_rng = rng;
  const TrainResult r = train_with_backoff(net, d.sets(), o, rng, LrBackoff{2, 1e-31});
  CHECK(r.lr0 == Approx(0.1));
  // The same as training at 0.1 from the start: the restart reset network and generator.
  TrainOptions at_01 = o;
  at_01.lr.lr0 = r.lr0;
  train(direct, d.sets(), at_01, direct_rng);
  CHECK(serialize_model(to_model_file(net, {})) == serialize_model(to_model_file(direct, {})));

  Rng rng2(12);
  Network again = small_net("lenet", rng2);
  CHECK_THROWS_AS(train_with_backoff(again, d.sets(), o, rng2, LrBackoff{1, 10.0}),
                  TrainingDiverged);
  Rng rng3(12);
  Network third = small_net("lenet", rng3);
  CHECK_THROWS_WITH(train_with_backoff(third, d.sets(), o, rng3, LrBackoff{1, 10.0}),
                    Catch::Contains("learning rates tried: 1e+30, 1e+31"));
}

// A set on which every rate stays at chance: balanced labels, and a network whose hidden ReLUs are
// dead for every input (biases -100 against inputs in [0, 1] and weights of N(0, 2/12)), so no
// gradient reaches the hidden layer and the output is its bias alone, one value for every example:
// its cross-entropy cannot fall below the labels' entropy, ln 3.
struct StallingFixture {
  SyntheticSet train = synthetic_blobs(300, 12, 3, 1);
  SyntheticSet valid = synthetic_blobs(60, 12, 3, 2);
  StallingFixture() {
    for (size_t i = 0; i < train.labels.size(); ++i) train.labels[i] = static_cast<int>(i % 3);
  }
  TrainSets sets() const { return {{train.images, &train.labels}, {valid.images, &valid.labels}}; }
  static Network dead_net(Rng& rng) {
    Network net = small_net("hashednets", rng);
    for (size_t l = 0; l < net.size(); ++l)
      if (net.layer(l).kind() == "dense" && net.layer(l).out_shape().size() == 16)
        net.layer(l).param("bias").value.fill(-100.0f);
    return net;
  }
};

TEST_CASE("a run stuck at chance restarts at a lower rate; the last allowed run is kept") {
  StallingFixture d;
  Rng rng(3);
  Network net = StallingFixture::dead_net(rng);
  TrainOptions o = training_options(protocol("hashednets"), nullptr, 0.0);
  o.epochs = 4;
  o.batch = 50;
  const LrBackoff backoff{2, 0.5, 2, 0.98};
  const TrainResult r = train_with_backoff(net, d.sets(), o, rng, backoff);
  CHECK(r.restarts == 2);
  CHECK(r.lr0 == Approx(0.1 * 0.25));
  REQUIRE(r.abandoned.size() == 4);  // two epochs of each abandoned run
  CHECK(r.abandoned[0].restart == 0);
  CHECK(r.abandoned[3].restart == 1);
  CHECK(r.abandoned[1].loss >= 0.98 * std::log(3.0));
  REQUIRE(r.epochs.size() == 4);  // the last run is not checked: it trains to the end
  CHECK(r.epochs.back().restart == 2);
  CHECK(r.epochs.back().loss >= 0.98 * std::log(3.0));
  const std::vector<CsvRow> log = parse_log(epoch_log_csv(r), kTrainLog, "log");
  REQUIRE(log.size() == 8);
  CHECK(log[0].at("restart") == "0");
  CHECK(log[2].at("restart") == "1");
  CHECK(log[4].at("restart") == "2");
  CHECK(log[4].at("epoch") == "1");
  for (size_t i = 0; i < 4; ++i) CHECK(log[i].at("selected") == "0");
  // The same bytes again: restarts keep the run deterministic.
  Rng rng2(3);
  Network net2 = StallingFixture::dead_net(rng2);
  const TrainResult r2 = train_with_backoff(net2, d.sets(), o, rng2, backoff);
  CHECK(epoch_log_csv(r2) == epoch_log_csv(r));
  CHECK(serialize_model(to_model_file(net2, {})) == serialize_model(to_model_file(net, {})));
}

TEST_CASE("a run that leaves chance is never restarted: the stall rule changes nothing") {
  Data d;
  TrainOptions o = training_options(protocol("hashednets"), nullptr, 0.0);
  o.epochs = 3;
  Rng rng(7), direct_rng(7);
  Network net = small_net("hashednets", rng), direct = small_net("hashednets", direct_rng);
  const TrainResult r = train_with_backoff(net, d.sets(), o, rng, LrBackoff{4, 0.5, 2, 0.98});
  const TrainResult plain = train(direct, d.sets(), o, direct_rng);
  CHECK(r.restarts == 0);
  CHECK(r.abandoned.empty());
  CHECK(epoch_log_csv(r) == epoch_log_csv(plain));
  CHECK(serialize_model(to_model_file(net, {})) == serialize_model(to_model_file(direct, {})));
}

TEST_CASE("a stall is judged only on the softmax cross-entropy, whose chance loss is ln C") {
  Data d;
  Rng rng(5);
  Network net = small_net("authors", rng);
  const TrainOptions o = training_options(protocol("authors"), nullptr, 0.0);
  CHECK_THROWS_WITH(train_with_backoff(net, d.sets(), o, rng, LrBackoff{1, 0.5, 2, 0.98}),
                    Catch::Contains("this run's loss is quadratic"));
}

TEST_CASE("a distilled run's loss at chance is its objective's at uniform outputs, not ln C") {
  TrainOptions o = training_options(protocol("hashednets"), nullptr, 0.0);
  CHECK(chance_loss(o, 2) == Approx(std::log(2.0)));
  Matrix teacher({6, 3});
  for (size_t i = 0; i < teacher.size(); ++i) teacher.flat(i) = float(i % 5) - 2.0f;
  o.teacher_outputs = &teacher;
  o.distillation = protocol("hashednets").distillation;  // T = 4, α = 0.9
  CHECK(chance_loss(o, 3) == Approx(14.5 * std::log(3.0)));
  // The same as the distillation loss of outputs that say nothing, whatever the teacher says.
  const Matrix uniform = xt::zeros<float>({6, 3});
  const auto ce = make_loss("softmax_cross_entropy");
  CHECK(distillation_loss(*ce, o.distillation, uniform, {0, 1, 2, 0, 1, 2}, teacher, nullptr) ==
        Approx(chance_loss(o, 3)).epsilon(1e-6));
}

TEST_CASE("a distilled run that learns is never restarted by the stall rule") {
  // Its loss stays above ln C (the soft term's floor is T² times the teacher's softened entropy)
  // while its error falls: judged against ln C, as before, every distilled run was restarted. The
  // teacher is confident and right (logit 10 on the label, as a trained teacher on rect is).
  Data d;
  Matrix teacher = xt::zeros<float>({d.train.labels.size(), size_t{3}});
  for (size_t i = 0; i < d.train.labels.size(); ++i) teacher(i, d.train.labels[i]) = 10.0f;
  TrainOptions o = training_options(protocol("hashednets"), nullptr, 0.0);
  o.epochs = 3;
  o.teacher_outputs = &teacher;
  o.distillation = protocol("hashednets").distillation;
  Rng rng(9), direct_rng(9);
  Network net = small_net("hashednets", rng), direct = small_net("hashednets", direct_rng);
  const LrBackoff backoff{4, 0.5, 2, 0.98};
  const TrainResult r = train_with_backoff(net, d.sets(), o, rng, backoff);
  const TrainResult plain = train(direct, d.sets(), o, direct_rng);
  CHECK(plain.epochs[1].loss >= backoff.stall_fraction * std::log(3.0));  // the old rule's stall
  CHECK(plain.epochs[1].train_error < 0.5);                               // yet it learns
  CHECK(r.restarts == 0);
  CHECK(epoch_log_csv(r) == epoch_log_csv(plain));
}

TEST_CASE("a diverging loss stops training with a clear error") {
  Data d;
  Rng rng(11);
  Network net = small_net("lenet", rng);
  TrainOptions o = training_options(protocol("lenet"), nullptr, 0.0);
  o.lr.lr0 = 1e30;
  CHECK_THROWS_WITH(train(net, d.sets(), o, rng), Catch::StartsWith("training diverged: loss is"));
}

TEST_CASE("learning-rate schedules follow their formulas") {
  LrSchedule inv{LrSchedule::Kind::kInverseTime, 0.1, 1e-4, 1.0};
  CHECK(inv.at(0, 1) == Approx(0.1));
  CHECK(inv.at(10000, 3) == Approx(0.05));
  LrSchedule caffe{LrSchedule::Kind::kInverseTime, 0.01, 1e-4, 0.75};
  CHECK(caffe.at(10000, 1) == Approx(0.01 * std::pow(2.0, -0.75)));
  LrSchedule sqrt_epoch{LrSchedule::Kind::kInverseSqrtEpoch, 3.0};
  CHECK(sqrt_epoch.at(123, 1) == Approx(6.0));
  CHECK(sqrt_epoch.at(0, 4) == Approx(3.0));
  LrSchedule step{LrSchedule::Kind::kStep, 1.0, 0, 1, 2, 0.5};
  CHECK(step.at(0, 2) == Approx(1.0));
  CHECK(step.at(0, 3) == Approx(0.5));
  CHECK(step.scaled(0.1).at(0, 5) == Approx(0.025));
}

TEST_CASE("regularisers add lambda/n times their gradient, and unknown names fail") {
  Param p{"weight", true, xt::xarray<float>({-2.0f, 0.0f, 3.0f}), xt::zeros<float>({3})};
  make_regularizer("l1")->add_gradient(p, 0.5f);
  CHECK(bool(p.grad == xt::xarray<float>({-0.5f, 0.0f, 0.5f})));
  p.grad.fill(0);
  make_regularizer("l2")->add_gradient(p, 0.5f);
  CHECK(bool(p.grad == xt::xarray<float>({-1.0f, 0.0f, 1.5f})));
  p.grad.fill(0);
  make_regularizer("none")->add_gradient(p, 0.5f);
  CHECK(bool(p.grad == xt::xarray<float>({0.0f, 0.0f, 0.0f})));
  CHECK_THROWS_WITH(make_regularizer("l3"), "unknown regularizer 'l3' (expected none, l1 or l2)");
}

TEST_CASE("sgd with momentum follows v = mu v - lr g, w += v") {
  Network net(flat(1));
  net.add(make_layer("dense", flat(1), {{"in", "1"}, {"out", "1"}}));
  Param& w = *net.params()[0];
  w.value(0, 0) = 1.0f;
  Sgd sgd(0.5);
  w.grad(0, 0) = 2.0f;
  sgd.step(net, 0.1);  // v = -0.2, w = 0.8
  CHECK(w.value(0, 0) == Approx(0.8f));
  sgd.step(net, 0.1);  // v = 0.5 * -0.2 - 0.2 = -0.3, w = 0.5
  CHECK(w.value(0, 0) == Approx(0.5f));
}

TEST_CASE("the architecture and protocol tables match docs/DESIGN.md and the README") {
  const UnitOptions relu;
  auto weights = [&](const std::string& name) {
    return build_network(architecture(name), Shape{28, 28, 1}, 10, relu).weight_count();
  };
  CHECK(weights("fc3") == 784 * 1000 + 1000 * 10);
  CHECK(weights("fc5") == 784 * 1000 + 2 * 1000 * 1000 + 1000 * 10);
  CHECK(weights("lenet300") == 784 * 300 + 300 * 100 + 100 * 10);
  CHECK(weights("lenet5") == 20 * 25 + 50 * 20 * 25 + 800 * 500 + 500 * 10);
  CHECK(weights("sig30") == 784 * 30 + 30 * 10);
  CHECK(weights("sig100") == 784 * 100 + 100 * 10);
  const Network sig = build_network(architecture("sig100"), Shape{28, 28, 1}, 10, relu);
  CHECK(sig.layer(1).kind() == "sigmoid");
  const Network lenet5 = build_network(architecture("lenet5"), Shape{28, 28, 1}, 10, relu);
  CHECK(lenet5.layer(3).out_shape() == Shape{8, 8, 50});
  CHECK(lenet5.out_shape() == flat(10));
  CHECK_THROWS_WITH(architecture("fc4"), Catch::StartsWith("unknown architecture 'fc4'"));

  const Protocol& h = protocol("hashednets");
  CHECK(h.batch == 50);
  CHECK(h.momentum == 0.9);
  CHECK(h.lr.at(0, 1) == 0.1);
  CHECK(h.units.dropout_input == 0.25);
  CHECK(h.units.dropout_hidden == 0.25);
  CHECK(h.select_on_valid);
  CHECK(h.lr_backoff.retries == 4);
  CHECK(h.lr_backoff.stall_epochs == 10);
  CHECK(h.lr_backoff.stall_fraction == 0.99);
  const Protocol& l = protocol("lenet");
  CHECK(l.retrain_lr_factor == 0.1);
  CHECK(l.lr_backoff.stall_epochs == 0);
  // LeNet-5's own rate (Caffe's), chosen on validation error; lenet300 keeps the protocol's.
  CHECK(protocol("lenet", "lenet5").lr.lr0 == 0.01);
  CHECK(protocol("lenet", "lenet5").retrain_lr_factor == 0.1);
  CHECK(protocol("lenet", "lenet300").lr.lr0 == 0.05);
  CHECK(protocol("hashednets", "lenet5").lr.lr0 == 0.1);
  CHECK(l.momentum > 0);
  const Protocol& a = protocol("authors");
  CHECK(a.batch == 100);
  CHECK(a.momentum == 0.0);
  CHECK(a.loss == "quadratic");
  CHECK(a.units.activation == "sigmoid");
  CHECK(a.lr.at(0, 1) == Approx(6.0));  // the paper's η₀ = 3: η_1 = 2η₀/√1 (protocol.h)
  CHECK(protocol("authors", "sig30").lr.lr0 == 3.0);
  CHECK(protocol("authors", "sig100").lr.lr0 == 1.0);  // η₀ = 3 collapses sig100
  CHECK(a.lambda == 1.0);
  CHECK_THROWS_WITH(protocol("adam"),
                    "unknown protocol 'adam' (expected hashednets, lenet or authors)");
}

}  // namespace
}  // namespace nnc
