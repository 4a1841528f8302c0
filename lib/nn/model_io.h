// Conversion between a Network and the generic ModelFile (lib/io/model_file.h): every layer is
// written as its kind, attributes and params (with masks); reading rebuilds each layer through the
// layer-kind registry, so kinds registered by compression methods load the same way.
#ifndef NNCOMPRESS_LIB_NN_MODEL_IO_H_
#define NNCOMPRESS_LIB_NN_MODEL_IO_H_

#include <map>
#include <string>

#include "lib/io/model_file.h"
#include "lib/nn/network.h"

namespace nnc {

// Returns: the model file of net; metadata is copied and "input_shape" (HxWxC) is set.
ModelFile to_model_file(const Network& net, const std::map<std::string, std::string>& metadata);

// Returns: the network stored in model. Throws std::runtime_error naming the layer and problem for
// a missing/bad input_shape, an unknown layer kind, or a tensor whose name or shape does not match
// the layer rebuilt from its attributes.
Network from_model_file(const ModelFile& model);

// Returns: Shape parsed from "HxWxC"; throws std::runtime_error on another form.
Shape parse_shape(const std::string& text);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_NN_MODEL_IO_H_
