#include "lib/train/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <vector>

#include "lib/io/log_csv.h"
#include "lib/nn/loss.h"
#include "lib/train/sgd.h"

namespace nnc {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

double error_or_missing(Network& net, const Examples& e) {
  if (e.size() == 0) return -1.0;
  return classification_error(net, e.images, *e.labels);
}

// Thrown out of train() by train_with_backoff's epoch hook when a run is stuck at chance.
struct TrainingStalled {
  size_t epoch;
  double loss;
};

// Throws std::runtime_error when the training set is empty or does not fit the network, or the
// batch size is 0.
void check_training_set(const Network& net, const Examples& tr, const TrainOptions& o) {
  const size_t n = tr.size();
  if (n == 0) throw std::runtime_error("train: the training set is empty");
  if (tr.images.rows() != n || tr.images.cols() != net.in_shape().size())
    throw std::runtime_error("train: training images of shape " + std::to_string(tr.images.rows()) +
                             "x" + std::to_string(tr.images.cols()) + " for " + std::to_string(n) +
                             " labels and a network input of " + net.in_shape().str());
  if (o.batch == 0) throw std::runtime_error("train: batch size 0");
  if (o.teacher_outputs &&
      (o.teacher_outputs->shape(0) != n || o.teacher_outputs->shape(1) != net.out_shape().size()))
    throw std::runtime_error(
        "train: teacher outputs of shape " + std::to_string(o.teacher_outputs->shape(0)) + "x" +
        std::to_string(o.teacher_outputs->shape(1)) + " for " + std::to_string(n) +
        " examples and a network output of " + net.out_shape().str());
}

// The per-epoch train error is measured on a fixed subset of the training set as large as the
// validation set (all of it when there is none): the error of the epoch's final network, as
// exact as the validation error beside it, without an inference pass over the whole training
// set, which cost a fifth of a LeNet-5 epoch on MNIST (48000 train, 12000 valid). The subset is
// the first rows, read in place: a copy (37 MB on MNIST) cost a quarter of an authors'-schedule
// epoch on a pruned sig30, which runs one train() call per epoch.
class TrainProbe {
 public:
  TrainProbe(const TrainSets& sets, bool wanted)
      : size_(probe_size(sets, wanted)),
        images_(sets.train.images),
        labels_(sets.train.labels->begin(), sets.train.labels->begin() + size_) {}

  // Returns: net's classification error on the subset (as classification_error: batches of 1000
  // rows in order), or -1 (missing) when the subset is empty.
  double error(Network& net) const {
    if (size_ == 0) return -1.0;
    return error_rate(predict_first(net, images_, size_), labels_);
  }

 private:
  // Returns: none when unwanted, else as many as the validation set (all when there is none).
  static size_t probe_size(const TrainSets& sets, bool wanted) {
    if (!wanted) return 0;
    if (sets.valid.size() == 0) return sets.train.size();
    return std::min(sets.train.size(), sets.valid.size());
  }

  size_t size_;
  InputRows images_;
  std::vector<int> labels_;
};

// Mini-batch SGD, one epoch per run(). Holds what outlives an epoch: the sample order (each epoch
// reshuffles the previous one), the optimiser's velocities, the step count the learning rate is
// scheduled on, and the batch buffers.
class EpochRunner {
 public:
  EpochRunner(Network& net, const Examples& tr, const TrainOptions& o)
      : net_(net),
        tr_(tr),
        o_(o),
        n_(tr.size()),
        batches_((n_ + o.batch - 1) / o.batch),
        loss_(make_loss(o.loss)),
        sgd_(o.momentum),
        strength_(static_cast<float>(o.lambda / static_cast<double>(n_))),
        regularize_(o.regularizer && o.regularizer->name() != "none" && o.lambda != 0.0),
        order_(n_) {
    for (size_t i = 0; i < n_; ++i) order_[i] = i;
  }

  // Trains epoch `epoch` (1-based), reporting progress after every batch. Returns: the epoch's
  // record with epoch, lr and loss set. Throws TrainingDiverged when a batch's loss is not finite.
  EpochRecord run(size_t epoch, Rng& rng, Clock::time_point t_epoch, Clock::time_point t_start) {
    // Fisher-Yates with the run's generator: the same seed gives the same batches everywhere.
    for (size_t i = n_ - 1; i > 0; --i) std::swap(order_[i], order_[rng.below(i + 1)]);
    double loss_sum = 0.0, lr = 0.0;
    for (size_t b = 0; b < batches_; ++b) {
      const size_t start = b * o_.batch, m = std::min(o_.batch, n_ - start);
      const double l = forward_backward(epoch, b, start, m, rng);
      lr = o_.lr.at(steps_, epoch);
      sgd_.step(net_, lr);
      ++steps_;
      loss_sum += l;
      if (o_.on_progress) {
        const double el = seconds_since(t_epoch);
        o_.on_progress({epoch, o_.epochs, b + 1, batches_, loss_sum / static_cast<double>(b + 1),
                        el > 0 ? static_cast<double>(start + m) / el : 0.0,
                        seconds_since(t_start)});
      }
    }
    EpochRecord rec;
    rec.epoch = epoch;
    rec.lr = lr;
    rec.loss = loss_sum / static_cast<double>(batches_);
    return rec;
  }

 private:
  // Forward and backward over the m samples from `start` of the order, the regulariser's
  // gradient included. Returns: the batch's loss.
  double forward_backward(size_t epoch, size_t b, size_t start, size_t m, Rng& rng) {
    batch_labels_.resize(m);
    for (size_t i = 0; i < m; ++i) batch_labels_[i] = (*tr_.labels)[order_[start + i]];
    // The next batch's rows are requested now and arrive while this one runs.
    if (start + m < n_)
      tr_.images.prefetch(order_.data() + start + m, std::min(o_.batch, n_ - start - m));
    const Matrix& out = net_.forward_rows(tr_.images, order_.data() + start, m, Mode::kTrain, &rng);
    double l;
    if (o_.teacher_outputs) {
      InputRows(*o_.teacher_outputs).gather(order_.data() + start, m, batch_teacher_);
      l = distillation_loss(*loss_, o_.distillation, out, batch_labels_, batch_teacher_, &dout_);
    } else {
      l = loss_->evaluate(out, batch_labels_, &dout_);
    }
    if (!std::isfinite(l))
      throw TrainingDiverged(std::string("training diverged: loss is ") +
                             (std::isnan(l) ? "nan" : "inf") + " at epoch " +
                             std::to_string(epoch) + " batch " + std::to_string(b + 1));
    net_.backward(dout_);
    if (regularize_)
      for (Param* p : net_.params())
        if (p->is_weight) o_.regularizer->add_gradient(*p, strength_);
    return l;
  }

  Network& net_;
  const Examples& tr_;
  const TrainOptions& o_;
  const size_t n_, batches_;
  const std::unique_ptr<Loss> loss_;
  Sgd sgd_;
  const float strength_;
  const bool regularize_;
  std::vector<size_t> order_;
  std::vector<int> batch_labels_;
  Matrix batch_teacher_, dout_;
  size_t steps_ = 0;
};

}  // namespace

Examples examples_of(const ByteSplit& split) { return {InputRows(split.images), &split.labels}; }

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
  o.distillation = p.distillation;
  return o;
}

TrainOptions retraining_options(const Protocol& p, const Regularizer* regularizer, double lambda) {
  TrainOptions o = training_options(p, regularizer, lambda);
  o.lr = p.lr.scaled(p.retrain_lr_factor);
  o.epochs = p.retrain_epochs;
  return o;
}

TrainResult train(Network& net, const TrainSets& sets, const TrainOptions& o, Rng& rng) {
  check_training_set(net, sets.train, o);
  EpochRunner runner(net, sets.train, o);
  const TrainProbe probe(sets, o.evaluate_train_error);
  const bool select = o.select_on_valid && sets.valid.size();

  TrainResult result;
  Network best = select ? net : Network();
  double best_valid = 2.0;
  const auto t_start = Clock::now();
  for (size_t epoch = 1; epoch <= o.epochs; ++epoch) {
    const auto t_epoch = Clock::now();
    EpochRecord rec = runner.run(epoch, rng, t_epoch, t_start);
    rec.train_error = o.evaluate_train_error ? probe.error(net) : -1.0;
    rec.valid_error = error_or_missing(net, sets.valid);
    rec.seconds = seconds_since(t_epoch);
    result.epochs.push_back(rec);
    if (select && rec.valid_error < best_valid) {
      best_valid = rec.valid_error;
      best = net;
      result.selected_epoch = epoch;
    }
    if (o.on_epoch) o.on_epoch(rec, net);
  }
  if (select && result.selected_epoch) {
    net = best;
  } else {
    result.selected_epoch = o.epochs;
  }
  result.lr0 = o.lr.lr0;
  return result;
}

double chance_loss(const TrainOptions& options, size_t classes) {
  if (options.loss != "softmax_cross_entropy")
    throw std::runtime_error(
        "train: a stall is judged against the loss at chance, known for softmax_cross_entropy; "
        "this run's loss is " +
        options.loss);
  const double ln_classes = std::log(static_cast<double>(classes));
  if (!options.teacher_outputs) return ln_classes;
  // distillation.h: L = (1 − α)·CE(e(y), q) + α·T²·CE(softmax(t/T), softmax(z/T)); uniform
  // outputs make both softmaxes uniform, and CE(p, uniform) = ln C for every target p.
  const Distillation& d = options.distillation;
  return ((1.0 - d.alpha) + d.alpha * d.temperature * d.temperature) * ln_classes;
}

TrainResult train_with_backoff(Network& net, const TrainSets& sets, TrainOptions options, Rng& rng,
                               const LrBackoff& backoff) {
  const double at_chance =
      backoff.stall_epochs ? chance_loss(options, net.out_shape().size()) : 0.0;
  const Network initial = net;
  const Rng initial_rng = rng;
  const auto report_epoch = options.on_epoch;
  std::vector<EpochRecord> abandoned, epochs;
  std::string tried;
  for (size_t attempt = 0;; ++attempt) {
    const bool check_stall = backoff.stall_epochs && attempt < backoff.retries;
    options.on_epoch = [&](const EpochRecord& r, Network& n) {
      epochs.push_back(r);
      epochs.back().restart = attempt;
      if (report_epoch) report_epoch(r, n);
      if (check_stall && r.epoch == backoff.stall_epochs &&
          r.loss >= backoff.stall_fraction * at_chance)
        throw TrainingStalled{r.epoch, r.loss};
    };
    epochs.clear();
    char lr[32];
    std::snprintf(lr, sizeof lr, "%g", options.lr.lr0);
    try {
      TrainResult result = train(net, sets, options, rng);
      for (EpochRecord& r : result.epochs) r.restart = attempt;
      result.restarts = attempt;
      result.abandoned = std::move(abandoned);
      return result;
    } catch (const TrainingDiverged& e) {
      tried += (tried.empty() ? "" : ", ") + std::string(lr);
      if (attempt == backoff.retries)
        throw TrainingDiverged(std::string(e.what()) +
                               (attempt ? " (learning rates tried: " + tried + ")" : ""));
    } catch (const TrainingStalled& e) {
      char stall[64];
      std::snprintf(stall, sizeof stall, " (stalled: loss %.4f in epoch %zu)", e.loss, e.epoch);
      tried += (tried.empty() ? "" : ", ") + std::string(lr) + stall;
    }
    abandoned.insert(abandoned.end(), epochs.begin(), epochs.end());
    net = initial;
    rng = initial_rng;
    options.lr.lr0 *= backoff.factor;
  }
}

std::string epoch_log_csv(const TrainResult& result) {
  std::string out = log_header(kTrainLog);
  char buf[256];
  const auto write = [&](const EpochRecord& r, bool selected) {
    std::snprintf(buf, sizeof buf, "%zu,%.9g,%.9g,%.6f,%.6f,%d,%zu\n", r.epoch, r.lr, r.loss,
                  r.train_error, r.valid_error, selected ? 1 : 0, r.restart);
    out += buf;
  };
  for (const EpochRecord& r : result.abandoned) write(r, false);
  for (const EpochRecord& r : result.epochs) write(r, r.epoch == result.selected_epoch);
  return out;
}

}  // namespace nnc
