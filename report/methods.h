// The methods table (//pipeline:methods.csv): which compression methods exist, what kind and family
// each is, which sides of the seed paper's claims it takes, and how the report names and orders
// them. The claims take their method groups from the table's `claims` column only, so a method
// joins a claim when its row says so, never by its kind or family.
#ifndef NNCOMPRESS_REPORT_METHODS_H_
#define NNCOMPRESS_REPORT_METHODS_H_

#include <string>
#include <vector>

namespace nnc {

struct MethodInfo {
  std::string name;  // as in the records' method identifier, e.g. "mag_l1"
  std::string kind;  // baseline | scratch | pruning
  std::string
      family;  // what it is (dense, nn, hashed, magnitude, obd, ...), as the report names it
  std::vector<std::string> claims;  // the claim sides it takes (kClaimSides)
  std::string baseline;  // the model a pruning method starts from (as the table gives it)
  std::string label;     // what the method is, one line (the report's method list)
  std::string color;     // figure line color
  int order = 0;         // position in every report table
};

class MethodTable {
 public:
  MethodTable() = default;
  explicit MethodTable(std::vector<MethodInfo> methods);

  // Returns: the method named `name`, or nullptr when the table has no such method.
  const MethodInfo* find(const std::string& name) const;
  // Returns: every method, in table order.
  const std::vector<MethodInfo>& all() const { return methods_; }
  // Returns: the method's table order; methods not in the table come after every listed one.
  int rank(const std::string& name) const;

  // The groups the claims compare, each the methods whose `claims` name it, in table order
  // (pipeline/methods.bzl says what each side means):
  std::vector<std::string> pruning() const { return side("pruning"); }
  std::vector<std::string> magnitude() const { return side("magnitude"); }
  std::vector<std::string> obd() const { return side("obd"); }
  std::vector<std::string> hashed() const { return side("hashed"); }
  std::vector<std::string> nn() const { return side("nn"); }
  std::vector<std::string> dense() const { return side("dense"); }

 private:
  std::vector<std::string> side(const std::string& name) const;
  std::vector<MethodInfo> methods_;  // sorted by order, then name
};

// The claim sides a method may take (the `claims` column, space-separated).
inline const std::vector<std::string> kClaimSides = {"pruning", "magnitude", "obd",
                                                     "hashed",  "nn",        "dense"};

// Returns: the table in CSV text with header name,kind,family,baseline,label,color,order,claims
// (any column order). Throws std::runtime_error("<source>: ...") naming a missing column, an
// unknown kind or claim side, an empty family, a non-integer order, a duplicate name or an empty
// table.
MethodTable method_table_from_csv(const std::string& text, const std::string& source);

}  // namespace nnc

#endif  // NNCOMPRESS_REPORT_METHODS_H_
