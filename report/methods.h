// The methods table (//pipeline:methods.csv): which compression methods exist, what kind and family
// each is, and how the report names and orders them. The claims take their method groups from it,
// so adding a method is a row in the table, not a change to the claims.
#ifndef NNCOMPRESS_REPORT_METHODS_H_
#define NNCOMPRESS_REPORT_METHODS_H_

#include <string>
#include <vector>

namespace nnc {

struct MethodInfo {
  std::string name;  // as in the records' method identifier, e.g. "mag_l1"
  std::string kind;  // baseline | scratch | pruning
  std::string
      family;  // dense | nn | hashed | magnitude | obd | random | rer | lrd | dk | hashed_dk
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

  // The groups the claims compare, each in table order:
  std::vector<std::string> pruning() const;    // kind pruning, family other than random
  std::vector<std::string> magnitude() const;  // family magnitude
  std::vector<std::string> obd() const;        // family obd
  std::vector<std::string> hashed() const;     // family hashed
  std::vector<std::string> nn() const;         // family nn (equivalent-size networks)
  std::vector<std::string> dense() const;      // family dense (the uncompressed reference)

 private:
  std::vector<std::string> select(bool (*keep)(const MethodInfo&)) const;
  std::vector<MethodInfo> methods_;  // sorted by order, then name
};

// Returns: the table in CSV text with header name,kind,family,baseline,label,color,order (any
// column order). Throws std::runtime_error("<source>: ...") naming a missing column, an unknown
// kind or family, a non-integer order, a duplicate name or an empty table.
MethodTable method_table_from_csv(const std::string& text, const std::string& source);

}  // namespace nnc

#endif  // NNCOMPRESS_REPORT_METHODS_H_
