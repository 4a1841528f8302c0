#include "report/departures.h"

#include <catch2/catch.hpp>

namespace nnc {
namespace {

nlohmann::json hashednets_piece() {
  return {{"archs", {{"fc3", "hashednets"}}},
          {"datasets", {"rect"}},
          {"epochs", {{"fc3", 0}}},
          {"scratch_steps", {{"fc3", {3, 6}}}},
          {"halving_steps", 6},
          {"retrain_epochs", -1},
          {"seeds", {1, 2, 3}}};
}

TEST_CASE("the HashedNets departures come from the profile and the protocol table") {
  const std::string md = hashednets_departures_table(hashednets_piece(), "piece.json");
  INFO(md);
  CHECK(md.find("| factors | 1/8, 1/64 | 1/8, 1/64 | same |") != std::string::npos);
  CHECK(md.find("| networks | fc3, fc5 | fc3 | **differs** |") != std::string::npos);
  CHECK(md.find("| training epochs | up to 1000, the best-validation epoch kept | 50, the "
                "best-validation epoch kept | **differs** |") != std::string::npos);
  CHECK(md.find("halving chains to 1/64, 10 retraining epochs per step, the best-validation epoch "
                "kept") != std::string::npos);
  CHECK(md.find("| seeds | not checked: the paper's tables were not available offline | 3 |") !=
        std::string::npos);
}

nlohmann::json paper_profile() {
  return {{"archs", {{"sig30", "authors"}}},
          {"datasets", {"mnist", "rot"}},
          {"epochs", {{"sig30", 50}}},
          {"halving_steps", 8},
          {"scratch_steps", {{"sig30", {1, 3}}}},
          {"halving_methods", {{"sig30", {"mag_l1", "obd"}}}},
          {"extra_factors", {"1/10"}},
          {"retrain_epochs", 3},
          {"authors_factors", {"1/10", "1/100"}},
          {"authors", {{"patience", 1}, {"tail", 5}}},
          {"authors_literal",
           {{"datasets", {"mnist"}}, {"factors", {"1/10"}}, {"methods", {"mag_l2", "nn"}}}},
          {"seeds", {1, 2, 3}},
          {"limit_train", 0},
          {"limit_test", 0}};
}

TEST_CASE("each setting the claims rest on is named with its lengths, from the profile") {
  const nlohmann::json p = paper_profile();
  CHECK(setting_text(p, "p.json", "authors") ==
        "the seed paper's schedule on sig30: 15 pruning steps while training from epoch 50 (the "
        "baseline's epochs), a step when training accuracy reaches 0.99 or 1 epoch after the "
        "last, then 5 epochs (at most 70 epochs in all), at factors 1/10, 1/100; the networks "
        "trained from scratch at those factors train as many epochs");
  CHECK(setting_text(p, "p.json", "authors_literal")
            .find("or 25 epochs after the last, then 50 "
                  "epochs (at most 451 epochs in all), at "
                  "factors 1/10 on mnist for mag_l2, nn") != std::string::npos);
  CHECK(setting_text(p, "p.json", "halving") ==
        "iterative halving on sig30 from baselines of 50 epochs, 3 retraining epochs per step: "
        "mag_l1, obd pruned to 1/2 … 1/256 and 1/10; the networks trained from scratch at 1/2, "
        "1/8, each as long as the chain that reaches it");
  nlohmann::json no_slice = p;
  no_slice["authors_literal"] = nlohmann::json::object();
  CHECK(setting_text(no_slice, "p.json", "authors_literal") ==
        "not run by this profile: no claim rests on it");
  const std::string md = departures_table(p, "p.json");
  INFO(md);
  CHECK(md.find("patience 1, tail 5 epochs; at the paper's lengths beside it on mnist at 1/10, "
                "where the report measures what the shortening changes") != std::string::npos);
}

TEST_CASE("the learning-rate rows come from the protocol table's schedule and backoff") {
  const std::string hashed = hashednets_departures_table(hashednets_piece(), "piece.json");
  INFO(hashed);
  CHECK(hashed.find("| learning rate | chosen per experiment on validation error | 0.1/(1 + "
                    "0.0001·t), lowered ×0.316228 (at most 4 times) when a run diverges or its "
                    "training loss in epoch 10 is still ≥ 0.99 × its loss at chance "
                    "(ln(classes); with dark knowledge ((1 − α) + α·T²)·ln(classes)) | "
                    "**differs** |") != std::string::npos);
  const nlohmann::json paper = {{"archs", {{"sig30", "authors"}, {"lenet5", "lenet"}}},
                                {"datasets", {"mnist"}},
                                {"epochs", {{"sig30", 20}, {"lenet5", 10}}},
                                {"authors_factors", nlohmann::json::array()},
                                {"authors", nlohmann::json::object()},
                                {"authors_literal", nlohmann::json::object()},
                                {"retrain_epochs", -1},
                                {"halving_steps", 2},
                                {"scratch_steps", {{"sig30", {1}}, {"lenet5", {2}}}},
                                {"halving_methods", {{"sig30", {"mag_l2"}}, {"lenet5", {}}}},
                                {"extra_factors", nlohmann::json::array()},
                                {"seeds", {1}},
                                {"limit_train", 0},
                                {"limit_test", 0}};
  const std::string md = departures_table(paper, "paper.json");
  INFO(md);
  // LeNet-5's own rate (lr0_by_architecture) is Caffe's; lenet300 keeps the protocol's 0.05.
  CHECK(md.find("| lenet5's learning rate (lenet protocol; the paper's code has no LeNet: Caffe's "
                "LeNet solver) | 0.01·(1 + 0.0001·t)^−0.75 | 0.01·(1 + 0.0001·t)^−0.75 | same |") !=
        std::string::npos);
  nlohmann::json lenet300 = paper;
  lenet300["archs"] = {{"sig30", "authors"}, {"lenet300", "lenet"}};
  CHECK(departures_table(lenet300, "paper.json")
            .find("| 0.01·(1 + 0.0001·t)^−0.75 | 0.05·(1 + 0.0001·t)^−0.75 | **differs** |") !=
        std::string::npos);
}

TEST_CASE("η₀ is the paper's for sig30 and sig100's own where 3 fails, its evidence named") {
  nlohmann::json p = paper_profile();
  CHECK(departures_table(p, "p.json").find("| initial learning rate η₀ | 3 | 3 | same |") !=
        std::string::npos);
  p["archs"] = {{"sig30", "authors"}, {"sig100", "authors"}};
  p["epochs"] = {{"sig30", 50}, {"sig100", 50}};
  p["methods"] = {{"sig30", {"dense"}}, {"sig100", {"dense", "dense_eta3"}}};
  p["scratch_steps"] = {{"sig30", {1}}, {"sig100", {1}}};
  p["halving_methods"] = {{"sig30", {"obd"}}, {"sig100", {"obd"}}};
  CHECK(departures_table(p, "p.json")
            .find("| initial learning rate η₀ | 3 | sig100: 1 (η₀ = 3 run beside it as "
                  "`dense_eta3`); sig30: 3 | **differs** |") != std::string::npos);
}

TEST_CASE("a rate the profile gives the networks trained from scratch is a departure, shown") {
  nlohmann::json p = paper_profile();
  p["scratch_lr"] = {{"sig30", "1"}};
  p["methods"] = {{"sig30", {"dense", "nn", "hashed"}}};
  CHECK(departures_table(p, "p.json")
            .find("| initial learning rate η₀ | 3 | sig30: 3, its networks trained from scratch 1 "
                  "(at 3 they stall far above their dense baseline: README, \"Protocols\") | "
                  "**differs** |") != std::string::npos);
}

TEST_CASE("one retraining epoch is singular") {
  nlohmann::json profile = hashednets_piece();
  profile["retrain_epochs"] = 1;
  const std::string md = hashednets_departures_table(profile, "piece.json");
  INFO(md);
  CHECK(md.find("halving chains to 1/64, 1 retraining epoch per step,") != std::string::npos);
}

TEST_CASE("the HashedNets departures name a missing profile field") {
  nlohmann::json profile = hashednets_piece();
  profile.erase("seeds");
  CHECK_THROWS_WITH(hashednets_departures_table(profile, "piece.json"),
                    "piece.json: profile has no field 'seeds'");
  CHECK(hashednets_departures_table({{"archs", {{"sig30", "authors"}}}}, "p.json") ==
        "(this profile trains none of HashedNets' networks)");
}

}  // namespace
}  // namespace nnc
