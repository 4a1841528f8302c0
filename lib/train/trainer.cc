#include "lib/train/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include <xtensor/xview.hpp>

#include "lib/nn/loss.h"
#include "lib/train/sgd.h"

namespace nnc {
namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

double error_or_missing(Network& net, const Examples& e) {
  if (e.size() == 0) return -1.0;
  return classification_error(net, *e.images, *e.labels);
}

}  // namespace

TrainOptions training_options(const Protocol& p, const Regularizer* regularizer, double lambda) {
  TrainOptions o;
  o.loss = p.loss;
  o.batch = p.batch;
  o.epochs = p.epochs;
  o.lr = p.lr;
  o.momentum = p.momentum;
  o.regularizer = regularizer;
  o.lambda = lambda;
  o.select_on_valid = p.select_on_valid;
  return o;
}

TrainOptions retraining_options(const Protocol& p, const Regularizer* regularizer, double lambda) {
  TrainOptions o = training_options(p, regularizer, lambda);
  o.lr = p.lr.scaled(p.retrain_lr_factor);
  o.epochs = p.retrain_epochs;
  o.select_on_valid = false;
  return o;
}

TrainResult train(Network& net, const TrainSets& sets, const TrainOptions& o, Rng& rng) {
  const Examples& tr = sets.train;
  const size_t n = tr.size();
  if (n == 0) throw std::runtime_error("train: the training set is empty");
  if (tr.images->shape(0) != n || tr.images->shape(1) != net.in_shape().size())
    throw std::runtime_error("train: training images of shape " +
                             std::to_string(tr.images->shape(0)) + "x" +
                             std::to_string(tr.images->shape(1)) + " for " + std::to_string(n) +
                             " labels and a network input of " + net.in_shape().str());
  if (o.batch == 0) throw std::runtime_error("train: batch size 0");
  const auto loss = make_loss(o.loss);
  Sgd sgd(o.momentum);
  const float strength = static_cast<float>(o.lambda / static_cast<double>(n));
  const bool regularize = o.regularizer && o.regularizer->name() != "none" && o.lambda != 0.0;

  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  std::vector<int> batch_labels;
  Matrix batch_x, dout;
  const size_t batches = (n + o.batch - 1) / o.batch;
  size_t steps = 0;

  // The per-epoch train error is measured on a fixed subset of the training set as large as the
  // validation set (all of it when there is none): the error of the epoch's final network, as
  // exact as the validation error beside it, without an inference pass over the whole training
  // set, which cost a fifth of a LeNet-5 epoch on MNIST (48000 train, 12000 valid).
  const size_t valid_n = sets.valid.size();
  const size_t probe = !o.evaluate_train_error ? 0 : valid_n ? std::min(n, valid_n) : n;
  const Matrix probe_images = xt::view(*tr.images, xt::range(0, probe), xt::all());
  const std::vector<int> probe_labels(tr.labels->begin(), tr.labels->begin() + probe);
  const Examples train_probe{&probe_images, &probe_labels};

  TrainResult result;
  Network best = o.select_on_valid && sets.valid.size() ? net : Network();
  double best_valid = 2.0;
  const auto t_start = std::chrono::steady_clock::now();
  for (size_t epoch = 1; epoch <= o.epochs; ++epoch) {
    const auto t_epoch = std::chrono::steady_clock::now();
    // Fisher-Yates with the run's generator: the same seed gives the same batches everywhere.
    for (size_t i = n - 1; i > 0; --i) std::swap(order[i], order[rng.below(i + 1)]);
    double loss_sum = 0.0, lr = 0.0;
    for (size_t b = 0; b < batches; ++b) {
      const size_t start = b * o.batch, m = std::min(o.batch, n - start);
      gather_rows(*tr.images, order.data() + start, m, batch_x);
      batch_labels.resize(m);
      for (size_t i = 0; i < m; ++i) batch_labels[i] = (*tr.labels)[order[start + i]];
      const double l =
          loss->evaluate(net.forward(batch_x, Mode::kTrain, &rng), batch_labels, &dout);
      if (!std::isfinite(l))
        throw TrainingDiverged(std::string("training diverged: loss is ") +
                                 (std::isnan(l) ? "nan" : "inf") + " at epoch " +
                                 std::to_string(epoch) + " batch " + std::to_string(b + 1));
      net.backward(dout);
      if (regularize)
        for (Param* p : net.params())
          if (p->is_weight) o.regularizer->add_gradient(*p, strength);
      lr = o.lr.at(steps, epoch);
      sgd.step(net, lr);
      ++steps;
      loss_sum += l;
      if (o.on_progress) {
        const double el = seconds_since(t_epoch);
        o.on_progress({epoch, o.epochs, b + 1, batches, loss_sum / static_cast<double>(b + 1),
                       el > 0 ? static_cast<double>(start + m) / el : 0.0, seconds_since(t_start)});
      }
    }
    EpochRecord rec;
    rec.epoch = epoch;
    rec.lr = lr;
    rec.loss = loss_sum / static_cast<double>(batches);
    rec.train_error = o.evaluate_train_error ? error_or_missing(net, train_probe) : -1.0;
    rec.valid_error = error_or_missing(net, sets.valid);
    rec.seconds = seconds_since(t_epoch);
    result.epochs.push_back(rec);
    if (o.select_on_valid && sets.valid.size() && rec.valid_error < best_valid) {
      best_valid = rec.valid_error;
      best = net;
      result.selected_epoch = epoch;
    }
    if (o.on_epoch) o.on_epoch(rec, net);
  }
  if (o.select_on_valid && sets.valid.size() && result.selected_epoch) {
    net = best;
  } else {
    result.selected_epoch = o.epochs;
  }
  result.lr0 = o.lr.lr0;
  return result;
}

TrainResult train_with_backoff(Network& net, const TrainSets& sets, TrainOptions options, Rng& rng,
                               const LrBackoff& backoff) {
  const Network initial = net;
  const Rng initial_rng = rng;
  std::string tried;
  for (size_t attempt = 0;; ++attempt) {
    try {
      return train(net, sets, options, rng);
    } catch (const TrainingDiverged& e) {
      char lr[32];
      std::snprintf(lr, sizeof lr, "%g", options.lr.lr0);
      tried += (tried.empty() ? "" : ", ") + std::string(lr);
      if (attempt == backoff.retries)
        throw TrainingDiverged(std::string(e.what()) +
                               (attempt ? " (learning rates tried: " + tried + ")" : ""));
      net = initial;
      rng = initial_rng;
      options.lr.lr0 *= backoff.factor;
    }
  }
}

std::string epoch_log_csv(const TrainResult& result) {
  std::string out = "epoch,lr,loss,train_error,valid_error,selected\n";
  char buf[256];
  for (const EpochRecord& r : result.epochs) {
    std::snprintf(buf, sizeof buf, "%zu,%.9g,%.9g,%.6f,%.6f,%d\n", r.epoch, r.lr, r.loss,
                  r.train_error, r.valid_error,
                  r.epoch == result.selected_epoch ? 1 : 0);
    out += buf;
  }
  return out;
}

}  // namespace nnc
