#include "lib/compress/prune_and_retrain.h"

#include <cmath>
#include <cstdio>
#include <numeric>
#include <stdexcept>

#include "lib/io/log_csv.h"
#include "lib/train/regularizer.h"

namespace nnc {
namespace {

double valid_error(Network& net, const TrainSets& sets) {
  if (sets.valid.size() == 0) return -1;
  return classification_error(net, sets.valid.images, *sets.valid.labels);
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

// Returns: the request with the obd data (sets.train) and loss filled in where unset.
PruneRequest with_training_data(PruneRequest request, const TrainSets& sets, const Loss* loss) {
  if (!request.train_labels) {
    request.train_images = sets.train.images;
    request.train_labels = sets.train.labels;
  }
  if (!request.loss) request.loss = loss;
  return request;
}

// Returns: a report with what is known before the first step: the weights, the input's survivors
// and validation error.
PruneReport start_report(Network& net, const TrainSets& sets) {
  PruneReport report;
  for (const Param* p : weight_params(net)) report.weights.push_back(p->value.size());
  report.survivors_before = survivors_per_tensor(net);
  report.error_input = valid_error(net, sets);
  return report;
}

// Returns: the schedule that, started afresh by train() (its batch 0 of epoch 1), gives the rates
// `s` gives from batch `batches` of 1-based epoch `epoch` to that epoch's end. The trainer counts
// from its own start, so continuing a training run one epoch per train() call needs this.
LrSchedule continued(const LrSchedule& s, size_t batches, size_t epoch) {
  LrSchedule c = s;
  switch (s.kind) {
    case LrSchedule::Kind::kConstant:
      break;
    case LrSchedule::Kind::kInverseTime: {
      // η₀·(1 + d·(b + t))^−p = η₀·(1 + d·b)^−p · (1 + t·d/(1 + d·b))^−p.
      const double base = 1.0 + s.decay * static_cast<double>(batches);
      c.lr0 = s.lr0 * std::pow(base, -s.power);
      c.decay = s.decay / base;
      break;
    }
    case LrSchedule::Kind::kInverseSqrtEpoch:
    case LrSchedule::Kind::kStep:  // constant within an epoch
      c.kind = LrSchedule::Kind::kConstant;
      c.lr0 = s.at(batches, epoch);
      break;
  }
  return c;
}

size_t sum(const std::vector<size_t>& v) { return std::accumulate(v.begin(), v.end(), size_t{0}); }

}  // namespace

PruneReport prune_and_retrain(Network& net, PruneRequest request, const RetrainSpec& retrain,
                              const TrainSets& sets, Rng& rng) {
  if (!retrain.protocol) throw std::runtime_error("prune_and_retrain: no protocol");
  const std::unique_ptr<Loss> loss = make_loss(retrain.protocol->loss);
  request = with_training_data(request, sets, loss.get());

  PruneReport report = start_report(net, sets);
  report.survivors_after = prune_network(net, request, rng);
  report.error_pruned = valid_error(net, sets);

  report.regularizer = request.method->regularizer.empty() ? retrain.baseline_regularizer
                                                           : request.method->regularizer;
  const std::unique_ptr<Regularizer> regularizer = make_regularizer(report.regularizer);
  TrainOptions options = retraining_options(*retrain.protocol, regularizer.get(), retrain.lambda);
  if (retrain.epochs >= 0) options.epochs = static_cast<size_t>(retrain.epochs);
  options.evaluate_train_error = false;
  if (options.epochs > 0) report.retraining = train(net, sets, options, rng);
  report.error_retrained = valid_error(net, sets);

  PruneStep step;
  step.kept = sum(report.survivors_after);
  step.factor = static_cast<double>(step.kept) / static_cast<double>(net.weight_count());
  step.valid_before = report.error_input;
  step.valid_pruned = report.error_pruned;
  step.valid_retrained = report.error_retrained;
  report.steps = {step};
  return report;
}

PruneReport prune_during_training(Network& net, PruneRequest request, const AuthorsRun& run,
                                  const TrainSets& sets, Rng& rng) {
  if (!run.protocol) throw std::runtime_error("prune_during_training: no protocol");
  if (run.schedule.steps == 0) throw std::runtime_error("authors' schedule: no pruning steps");
  if (run.input_epochs < run.schedule.first_epoch)
    throw std::runtime_error(
        "authors' schedule: the input model was trained for " + std::to_string(run.input_epochs) +
        " epochs, fewer than the first pruning epoch " + std::to_string(run.schedule.first_epoch));
  const std::unique_ptr<Loss> loss = make_loss(run.protocol->loss);
  request = with_training_data(request, sets, loss.get());
  const std::unique_ptr<Regularizer> regularizer = make_regularizer(run.regularizer);
  TrainOptions options = training_options(*run.protocol, regularizer.get(), run.lambda);
  options.epochs = 1;  // one train() call per epoch: the trigger decides when training stops
  options.select_on_valid = false;
  options.evaluate_train_error = true;  // the trigger reads it

  PruneReport report = start_report(net, sets);
  report.regularizer = run.regularizer;
  report.survivors_after = report.survivors_before;
  AuthorsTrigger trigger(run.schedule);
  const size_t reference = net.weight_count();
  const size_t batches_per_epoch = (sets.train.size() + options.batch - 1) / options.batch;
  for (size_t epoch = run.input_epochs + 1; !trigger.finished(epoch - 1); ++epoch) {
    options.lr = continued(run.protocol->lr, (epoch - 1) * batches_per_epoch, epoch);
    EpochRecord record = train(net, sets, options, rng).epochs.at(0);
    record.epoch = epoch;
    report.retraining.epochs.push_back(record);
    if (!report.steps.empty()) report.steps.back().valid_retrained = record.valid_error;
    if (!trigger.prune_after(epoch, record.train_error)) continue;
    PruneStep step;
    step.epoch = epoch;
    step.valid_before = record.valid_error;
    const size_t keep =
        authors_kept_count(reference, request.factor, trigger.steps_taken(), run.schedule);
    report.survivors_after = prune_network(net, request, keep, rng);
    step.kept = sum(report.survivors_after);
    step.factor = static_cast<double>(step.kept) / static_cast<double>(reference);
    step.valid_pruned = report.error_pruned = valid_error(net, sets);
    report.steps.push_back(step);
  }
  report.retraining.selected_epoch = report.retraining.epochs.back().epoch;
  report.retraining.lr0 = run.protocol->lr.lr0;
  report.error_retrained = valid_error(net, sets);
  return report;
}

std::string prune_log_csv(const PruneReport& r) {
  std::string out = log_header(kCompressLog);
  out += "valid_error_input,," + number(r.error_input) + "\n";
  out += "valid_error_pruned,," + number(r.error_pruned) + "\n";
  out += "valid_error_retrained,," + number(r.error_retrained) + "\n";
  auto row = [&](const char* name, size_t index, const std::string& value) {
    out += std::string(name) + "," + std::to_string(index) + "," + value + "\n";
  };
  auto per_tensor = [&](const char* name, const std::vector<size_t>& v) {
    for (size_t t = 0; t < v.size(); ++t) row(name, t, std::to_string(v[t]));
  };
  per_tensor("weights", r.weights);
  per_tensor("survivors_before", r.survivors_before);
  per_tensor("survivors_after", r.survivors_after);
  for (size_t k = 1; k <= r.steps.size(); ++k) {
    const PruneStep& s = r.steps[k - 1];
    row("step_epoch", k, std::to_string(s.epoch));
    row("step_kept", k, std::to_string(s.kept));
    row("step_factor", k, number(s.factor));
    row("step_valid_before", k, number(s.valid_before));
    row("step_valid_pruned", k, number(s.valid_pruned));
    row("step_valid_retrained", k, number(s.valid_retrained));
  }
  // The retraining epoch whose network was kept: the last, or the best on validation where the
  // protocol selects (hashednets).
  if (!r.retraining.epochs.empty())
    out += "retrain_selected_epoch,," + std::to_string(r.retraining.selected_epoch) + "\n";
  for (const EpochRecord& e : r.retraining.epochs) {
    row("retrain_lr", e.epoch, number(e.lr));
    row("retrain_loss", e.epoch, number(e.loss));
    if (e.train_error >= 0) row("retrain_train_error", e.epoch, number(e.train_error));
    row("retrain_valid_error", e.epoch, number(e.valid_error));
  }
  return out;
}

}  // namespace nnc
