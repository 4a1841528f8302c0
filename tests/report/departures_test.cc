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

TEST_CASE("the learning-rate rows come from the protocol table's schedule and backoff") {
  const std::string hashed = hashednets_departures_table(hashednets_piece(), "piece.json");
  INFO(hashed);
  CHECK(hashed.find("| learning rate | chosen per experiment on validation error | 0.1/(1 + "
                    "0.0001·t), lowered ×0.316228 (at most 4 times) when a run diverges or its "
                    "training loss in epoch 10 is still ≥ 0.99·ln(classes) | **differs** |") !=
        std::string::npos);
  const nlohmann::json paper = {{"archs", {{"sig30", "authors"}, {"lenet5", "lenet"}}},
                                {"datasets", {"mnist"}},
                                {"epochs", {{"sig30", 20}, {"lenet5", 10}}},
                                {"authors_factors", nlohmann::json::array()},
                                {"authors", nlohmann::json::object()},
                                {"retrain_epochs", -1},
                                {"halving_steps", 2},
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
