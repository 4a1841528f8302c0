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
