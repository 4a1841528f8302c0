#include "lib/util/format_double.h"

#include <cstdio>

namespace nnc {

std::string format_double(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

}  // namespace nnc
