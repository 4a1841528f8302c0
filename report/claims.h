// The seed paper's claims (Baktash, Natale, Viennot 2019, abstract and section 5) as verdicts with
// uncertainty, computed from the per-seed rows of results.csv (report/runs.h). Each claim is a set
// of comparisons (report/claim.h), each a paired t-test over seeds (report/statistics.h); where a
// claim takes "the best of" several methods, the one of lowest mean VALIDATION error is picked, so
// the test error it is then judged on played no part in the choice (report/comparisons.h). The
// verdict rule is report/tally.h's, the Markdown report/claim_markdown.h's. Method groups
// (pruning, magnitude, OBD, hashed, equivalent-size) come from the methods table.
//
// Only runs that trained vote (report/validity.h): a comparison with an untrained or over-budget
// side, or whose side rests on a baseline near chance, is shown with that reason in place of a
// verdict, left out of the tally and counted in the summary.
//
// Settings: the claims are judged once per pruning schedule of the run, on the pruning runs of that
// schedule and the runs that have none (baselines, networks trained from scratch): the seed
// paper's own ("authors": 15 steps while training) and this project's iterative halving.
#ifndef NNCOMPRESS_REPORT_CLAIMS_H_
#define NNCOMPRESS_REPORT_CLAIMS_H_

#include <string>
#include <vector>

#include "report/claim.h"
#include "report/methods.h"
#include "report/runs.h"
#include "report/validity.h"

namespace nnc {

// Returns: the four claims, evaluated on the runs of `schedule` ("halving" or "authors") and the
// runs without a pruning schedule, with the method groups of `methods` (runs of methods not in
// the table are ignored) and `guard` deciding which comparisons may vote:
//  1. pruning_vs_hashed: the best pruning method beats every hashed method at the same
//     architecture and factor;
//  2. obd_vs_magnitude: the better magnitude method beats every OBD method at high compression;
//     each (dataset, arch, OBD method) series is judged at its highest compression where the
//     comparison may vote, and its crossover is the largest factor f such that magnitude wins
//     significantly at f and at every smaller factor of the run (the claim holds where a
//     crossover exists);
//  3. magnitude_competitive: the better magnitude method beats the equivalent-size network and the
//     hashed methods at the same factor;
//  4. conv_vs_hashed: the best convolutional network (dense or equivalent size) storing no more
//     weights than a fully-connected hashed network beats it.
std::vector<Claim> evaluate_claims(const std::vector<Run>& runs, const MethodTable& methods,
                                   const ValidityGuard& guard = ValidityGuard(),
                                   const std::string& schedule = "halving");

// Returns: one sentence saying which comparisons run under both a shortened schedule and its
// literal lengths end differently (verdict, or reason left out), or that none does.
std::string cut_effect(const std::vector<Claim>& shortened, const std::vector<Claim>& literal);

}  // namespace nnc

#endif  // NNCOMPRESS_REPORT_CLAIMS_H_
