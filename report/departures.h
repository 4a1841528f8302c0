// The departures table: what this run did against what the seed paper's code did (Baktash et al.
// 2019; their code, github hbaktash/NNCompression, file_handler.py and iterative_pruing_NN.py),
// computed from the profile's parameters (//pipeline:<study>_profile.json) and the protocol table
// (lib/train/protocol.h), never typed in, so it cannot drift from what ran.
#ifndef NNCOMPRESS_REPORT_DEPARTURES_H_
#define NNCOMPRESS_REPORT_DEPARTURES_H_

#include <nlohmann/json.hpp>
#include <string>

namespace nnc {

// Returns: a Markdown table (aspect | the paper | this run | departure?) for the profile's
// authors-protocol networks; a one-line note when the profile trains none.
// Throws std::runtime_error("<source>: ...") naming a missing or mistyped profile field.
std::string departures_table(const nlohmann::json& profile, const std::string& source);

// Returns: one sentence naming the setting the claims of `schedule` ("authors" or "halving") rest
// on for the profile's authors-protocol networks: its epochs, steps and factors, and the budget of
// the networks trained from scratch beside it.
std::string setting_text(const nlohmann::json& profile, const std::string& source,
                         const std::string& schedule);

// Returns: the same table against HashedNets' setting (Chen et al. 2015, section 6, and their
// reference code) for the profile's hashednets-protocol networks; a one-line note when it trains
// none.
std::string hashednets_departures_table(const nlohmann::json& profile, const std::string& source);

}  // namespace nnc

#endif  // NNCOMPRESS_REPORT_DEPARTURES_H_
