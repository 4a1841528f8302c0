// format_double: how a double is written wherever it must read back as the same double (layer
// attributes, model metadata, error messages that quote a flag).
#ifndef NNCOMPRESS_LIB_UTIL_FORMAT_DOUBLE_H_
#define NNCOMPRESS_LIB_UTIL_FORMAT_DOUBLE_H_

#include <string>

namespace nnc {

// Returns: v printed so that std::strtod reads back the same double ("%.17g").
std::string format_double(double v);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_UTIL_FORMAT_DOUBLE_H_
