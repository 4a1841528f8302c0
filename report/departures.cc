#include "report/departures.h"

#include <set>
#include <stdexcept>
#include <vector>

#include "lib/compress/schedule.h"
#include "lib/train/protocol.h"
#include "report/numbers.h"

namespace nnc {
namespace {

// The seed paper's setting, as its code runs it (see departures.h for the source).
struct PaperSetting {
  double eta0 = 3;
  size_t batch = 100, epochs_before_pruning = 50, steps = 15, patience = 25, tail = 50;
  double lambda = 1;
  const char* factors =
      "12: 1/10, 1/20, 1/33, 1/50, 1/67, 1/83, 1/91, 1/100, 1/143, 1/200, 1/333, 1/500";
  const char* networks = "784-30-10, 784-100-10 (sig30, sig100)";
  const char* datasets = "mnist, mnist_background_images, mnist_background_random, mnist_rotation";
};

const nlohmann::json& need(const nlohmann::json& j, const char* key, const std::string& source) {
  if (!j.is_object() || !j.contains(key))
    throw std::runtime_error(source + ": profile has no field '" + key + "'");
  return j.at(key);
}

// Returns: "1 retraining epoch per step", "3 retraining epochs per step": the profile's
// retrain_epochs, or the protocol's own where the profile gives -1.
std::string retraining_epochs(long long profile_epochs, size_t protocol_epochs) {
  const long long n =
      profile_epochs >= 0 ? profile_epochs : static_cast<long long>(protocol_epochs);
  return std::to_string(n) + (n == 1 ? " retraining epoch" : " retraining epochs") + " per step";
}

std::string join(const nlohmann::json& list) {
  std::string out;
  for (const auto& item : list)
    out += (out.empty() ? "" : ", ") + (item.is_string() ? item.get<std::string>() : item.dump());
  return out.empty() ? "none" : out;
}

// Returns: what halving runs on `arch`, e.g. "mag_l1, mag_l2, obd pruned to 1/2 … 1/128 and 1/10,
// 1/100; the networks trained from scratch at 1/2, 1/8".
std::string halving_grid(const nlohmann::json& profile, const std::string& source,
                         const std::string& arch) {
  std::string scratch;
  for (const auto& k : need(profile, "scratch_steps", source).at(arch))
    scratch += (scratch.empty() ? "1/" : ", 1/") + std::to_string(1u << k.get<unsigned>());
  return join(need(profile, "halving_methods", source).at(arch)) + " pruned to 1/2 … 1/" +
         std::to_string(1u << need(profile, "halving_steps", source).get<size_t>()) + " and " +
         join(need(profile, "extra_factors", source)) + "; the networks trained from scratch at " +
         (scratch.empty() ? "none" : scratch);
}

// Returns: the protocol's rule for a failed run, e.g. ", lowered ×0.2 (at most 1 time) when a run
// diverges or its training loss in epoch 3 is still ≥ 0.99 × its loss at chance (…)"; "" when it
// has none.
std::string backoff_text(const LrBackoff& b) {
  if (b.retries == 0) return "";
  std::string when = "when a run diverges";
  if (b.stall_epochs)
    when += " or its training loss in epoch " + std::to_string(b.stall_epochs) + " is still ≥ " +
            shortest(b.stall_fraction) +
            " × its loss at chance (ln(classes); with dark knowledge ((1 − α) + α·T²)·ln(classes))";
  return ", lowered ×" + shortest(b.factor) + " (at most " + std::to_string(b.retries) +
         (b.retries == 1 ? " time) " : " times) ") + when;
}

// Returns: "0.05·(1 + 0.0001·t)^−0.75": an inverse-time schedule's formula.
std::string inverse_time_text(const LrSchedule& lr) {
  return shortest(lr.lr0) + "·(1 + " + shortest(lr.decay) + "·t)^−" + shortest(lr.power);
}

struct Row {
  std::string aspect, paper, ours;
};

std::string row(const Row& r) {
  return "| " + r.aspect + " | " + r.paper + " | " + r.ours + " | " +
         (r.paper == r.ours ? "same" : "**differs**") + " |\n";
}

// Returns: the schedule row's text for this run: the authors' factors with their constants.
std::string schedule_text(const nlohmann::json& profile, const PaperSetting& paper,
                          size_t first_epoch, const std::string& source) {
  const nlohmann::json& factors = need(profile, "authors_factors", source);
  if (factors.empty()) return "not run (iterative halving only)";
  const nlohmann::json& overrides = need(profile, "authors", source);
  const auto constant = [&](const char* key, size_t fallback) {
    return overrides.contains(key) ? overrides.at(key).get<size_t>() : fallback;
  };
  const nlohmann::json& slice = need(profile, "authors_literal", source);
  return std::to_string(paper.steps) + " steps from epoch " + std::to_string(first_epoch) +
         ", patience " + std::to_string(constant("patience", paper.patience)) + ", tail " +
         std::to_string(constant("tail", paper.tail)) + " epochs" +
         (slice.empty() ? ""
                        : "; at the paper's lengths beside it on " + join(slice.at("datasets")) +
                              " at " + join(slice.at("factors")) +
                              ", where the report measures what the shortening changes");
}

// Returns: each authors-protocol network's η₀ (protocol table, lr0_by_architecture), with the
// paper's η₀ = 3 baselines named where the profile runs them beside a departing rate.
// Returns: the initial rate the profile gives the networks trained from scratch on `arch` (its
// "scratch_lr": network -> rate), or "" where it leaves them the protocol's.
std::string scratch_lr(const nlohmann::json& profile, const std::string& arch) {
  const auto it = profile.find("scratch_lr");
  if (it == profile.end() || !it->is_object() || !it->contains(arch)) return "";
  return it->at(arch).get<std::string>();
}

std::string eta0_text(const nlohmann::json& profile, const std::vector<std::string>& archs,
                      const std::string& source) {
  bool departs = false;
  for (const std::string& a : archs)
    departs |=
        protocol("authors", a).lr.lr0 != PaperSetting().eta0 || !scratch_lr(profile, a).empty();
  if (!departs) return shortest(PaperSetting().eta0);
  std::string text;
  for (const std::string& a : archs) {
    const double eta0 = protocol("authors", a).lr.lr0;
    bool beside = false;
    for (const auto& m : need(profile, "methods", source).at(a)) beside |= m == "dense_eta3";
    const std::string scratch = scratch_lr(profile, a);
    text +=
        (text.empty() ? "" : "; ") + a + ": " + shortest(eta0) +
        (beside && eta0 != PaperSetting().eta0 ? " (η₀ = 3 run beside it as `dense_eta3`)" : "") +
        (scratch.empty() ? ""
                         : ", its networks trained from scratch " + scratch +
                               " (at 3 they stall far above their dense baseline: README, "
                               "\"Protocols\")");
  }
  return text;
}

}  // namespace

std::string departures_table(const nlohmann::json& profile, const std::string& source) {
  const PaperSetting paper;
  std::vector<std::string> archs;
  for (const auto& [arch, protocol_name] : need(profile, "archs", source).items())
    if (protocol_name == "authors") archs.push_back(arch);
  if (archs.empty()) return "(this profile trains none of the seed paper's networks)";
  const Protocol& authors = protocol("authors");
  const nlohmann::json& epochs = need(profile, "epochs", source).at(archs.front());
  const size_t first_epoch = epochs.get<size_t>() ? epochs.get<size_t>() : authors.epochs;
  const long long retrain = need(profile, "retrain_epochs", source).get<long long>();
  std::string archs_text;
  for (const std::string& a : archs) archs_text += (archs_text.empty() ? "" : ", ") + a;

  const std::vector<Row> rows = {
      {"networks", paper.networks, archs_text},
      {"datasets", paper.datasets,
       join(need(profile, "datasets", source)) + " (regenerated, see Data)"},
      {"initial learning rate η₀", shortest(paper.eta0), eta0_text(profile, archs, source)},
      {"batch, λ", shortest(paper.batch) + ", " + shortest(paper.lambda),
       shortest(authors.batch) + ", " + shortest(authors.lambda)},
      {"epochs before the first pruning step", shortest(paper.epochs_before_pruning),
       shortest(first_epoch)},
      {"the authors' schedule",
       std::to_string(paper.steps) + " steps from epoch 50, patience " +
           std::to_string(paper.patience) + ", tail " + std::to_string(paper.tail) + " epochs",
       schedule_text(profile, paper, first_epoch, source)},
      {"its factors", paper.factors, join(need(profile, "authors_factors", source))},
      {"iterative halving (not in the paper)", "—",
       halving_grid(profile, source, archs.front()) + "; " +
           retraining_epochs(retrain, authors.retrain_epochs)},
      {"seeds", "several (count not stated)",
       std::to_string(need(profile, "seeds", source).size())},
      {"training samples", "all",
       need(profile, "limit_train", source).get<size_t>()
           ? "the first " + need(profile, "limit_train", source).dump()
           : "all"},
      {"test samples", "all",
       need(profile, "limit_test", source).get<size_t>()
           ? "the first " + need(profile, "limit_test", source).dump()
           : "all"},
  };
  std::string md = "| aspect | the paper's code | this run | |\n|---|---|---|---|\n";
  for (const Row& r : rows) md += row(r);
  // The LeNet-5 nets of claim 4 train under the lenet protocol, which the paper's code does not
  // have: the reference is the Caffe LeNet solver that Han et al. 2015 train with; the rate is the
  // protocol's for this architecture (lr0_by_architecture).
  for (const auto& [arch, protocol_name] : need(profile, "archs", source).items()) {
    if (protocol_name != "lenet") continue;
    const Protocol lenet = protocol("lenet", arch);
    md += row({arch + "'s learning rate (lenet protocol; the paper's code has no LeNet: Caffe's "
                      "LeNet solver)",
               inverse_time_text({LrSchedule::Kind::kInverseTime, 0.01, 1e-4, 0.75}),
               inverse_time_text(lenet.lr) + backoff_text(lenet.lr_backoff)});
  }
  return md;
}

namespace {

// Returns: the sentence of the authors' schedule as the profile runs it (`literal`: its slice at
// the paper's lengths) on `arch` after baselines of `first` epochs.
std::string authors_setting_text(const nlohmann::json& profile, const std::string& source,
                                 const std::string& arch, size_t first, bool literal) {
  const nlohmann::json& slice = need(profile, "authors_literal", source);
  if (literal ? slice.empty() : need(profile, "authors_factors", source).empty())
    return "not run by this profile: no claim rests on it";
  const nlohmann::json overrides =
      literal ? nlohmann::json::object() : need(profile, "authors", source);
  AuthorsSchedule s;
  if (overrides.contains("patience")) s.patience = overrides.at("patience").get<size_t>();
  if (overrides.contains("tail")) s.tail = overrides.at("tail").get<size_t>();
  const std::string where = literal
                                ? join(slice.at("factors")) + " on " + join(slice.at("datasets")) +
                                      " for " + join(slice.at("methods"))
                                : join(profile.at("authors_factors"));
  return "the seed paper's schedule on " + arch + ": " + std::to_string(s.steps) +
         " pruning steps while training from epoch " + std::to_string(first) +
         " (the baseline's epochs), a step when training accuracy reaches 0.99 or " +
         count_of(s.patience, "epochs") + " after the last, then " + count_of(s.tail, "epochs") +
         " (at most " + std::to_string(first + authors_max_epochs(first, s)) +
         " epochs in all), at factors " + where +
         "; the networks trained from scratch at those factors train as many epochs";
}

}  // namespace

std::string setting_text(const nlohmann::json& profile, const std::string& source,
                         const std::string& schedule) {
  std::string arch;
  for (const auto& [name, protocol_name] : need(profile, "archs", source).items())
    if (protocol_name == "authors" && arch.empty()) arch = name;
  if (arch.empty()) return "(this profile trains none of the seed paper's networks)";
  const size_t epochs = need(profile, "epochs", source).at(arch).get<size_t>();
  const size_t first = epochs ? epochs : protocol("authors").epochs;
  if (schedule != "halving")
    return authors_setting_text(profile, source, arch, first, schedule == "authors_literal");
  const long long retrain = need(profile, "retrain_epochs", source).get<long long>();
  return "iterative halving on " + arch + " from baselines of " + std::to_string(first) +
         " epochs, " + retraining_epochs(retrain, protocol("authors").retrain_epochs) + ": " +
         halving_grid(profile, source, arch) + ", each as long as the chain that reaches it";
}

std::string hashednets_departures_table(const nlohmann::json& profile, const std::string& source) {
  std::string archs_text;
  size_t epochs = 0;
  for (const auto& [arch, protocol_name] : need(profile, "archs", source).items()) {
    if (protocol_name != "hashednets") continue;
    archs_text += (archs_text.empty() ? "" : ", ") + arch;
    epochs = need(profile, "epochs", source).at(arch).get<size_t>();
  }
  if (archs_text.empty()) return "(this profile trains none of HashedNets' networks)";
  const Protocol& p = protocol("hashednets");
  std::set<int> ks;
  for (const auto& [arch, steps] : need(profile, "scratch_steps", source).items())
    for (const auto& k : steps) ks.insert(k.get<int>());
  std::string factors;
  for (int k : ks) factors += (factors.empty() ? "1/" : ", 1/") + std::to_string(1 << k);
  const long long retrain = need(profile, "retrain_epochs", source).get<long long>();
  const std::vector<Row> rows = {
      {"networks", "fc3, fc5", archs_text},
      {"datasets", "mnist, basic, rot, bg_rand, bg_img, bg_img_rot, rect, convex",
       join(need(profile, "datasets", source)) + " (regenerated, see Data)"},
      {"factors", "1/8, 1/64", factors},
      {"training epochs", "up to 1000, the best-validation epoch kept",
       shortest(epochs ? epochs : p.epochs) +
           (p.select_on_valid ? ", the best-validation epoch kept" : "")},
      {"learning rate", "chosen per experiment on validation error",
       shortest(p.lr.lr0) + "/(1 + " + shortest(p.lr.decay) + "·t)" + backoff_text(p.lr_backoff)},
      {"pruning methods (not in HashedNets)", "—",
       "halving chains to 1/" +
           std::to_string(1 << need(profile, "halving_steps", source).get<int>()) + ", " +
           retraining_epochs(retrain, p.retrain_epochs) +
           (p.select_on_valid ? ", the best-validation epoch kept" : "")},
      {"seeds", "not checked: the paper's tables were not available offline",
       std::to_string(need(profile, "seeds", source).size())},
  };
  std::string md = "| aspect | HashedNets | this run | |\n|---|---|---|---|\n";
  for (const Row& r : rows) md += row(r);
  return md;
}

}  // namespace nnc
