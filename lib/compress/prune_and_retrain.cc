#include "lib/compress/prune_and_retrain.h"

#include <cstdio>
#include <stdexcept>

#include "lib/train/regularizer.h"

namespace nnc {
namespace {

double valid_error(Network& net, const TrainSets& sets) {
  if (sets.valid.size() == 0) return -1;
  return classification_error(net, *sets.valid.images, *sets.valid.labels);
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace

PruneReport prune_and_retrain(Network& net, PruneRequest request, const RetrainSpec& retrain,
                              const TrainSets& sets, Rng& rng) {
  if (!retrain.protocol) throw std::runtime_error("prune_and_retrain: no protocol");
  const std::unique_ptr<Loss> loss = make_loss(retrain.protocol->loss);
  if (!request.train_images) {
    request.train_images = sets.train.images;
    request.train_labels = sets.train.labels;
  }
  if (!request.loss) request.loss = loss.get();

  PruneReport report;
  for (const Param* p : weight_params(net)) report.weights.push_back(p->value.size());
  report.survivors_before = survivors_per_tensor(net);
  report.error_input = valid_error(net, sets);
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
  return report;
}

std::string prune_log_csv(const PruneReport& r) {
  std::string out = "quantity,index,value\n";
  out += "valid_error_input,," + number(r.error_input) + "\n";
  out += "valid_error_pruned,," + number(r.error_pruned) + "\n";
  out += "valid_error_retrained,," + number(r.error_retrained) + "\n";
  auto per_tensor = [&](const char* name, const std::vector<size_t>& v) {
    for (size_t t = 0; t < v.size(); ++t)
      out += std::string(name) + "," + std::to_string(t) + "," + std::to_string(v[t]) + "\n";
  };
  per_tensor("weights", r.weights);
  per_tensor("survivors_before", r.survivors_before);
  per_tensor("survivors_after", r.survivors_after);
  for (const EpochRecord& e : r.retraining.epochs) {
    out += "retrain_loss," + std::to_string(e.epoch) + "," + number(e.loss) + "\n";
    out += "retrain_valid_error," + std::to_string(e.epoch) + "," + number(e.valid_error) + "\n";
  }
  return out;
}

}  // namespace nnc
