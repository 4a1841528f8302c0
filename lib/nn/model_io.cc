#include "lib/nn/model_io.h"

#include <cstdio>
#include <stdexcept>

namespace nnc {

Shape parse_shape(const std::string& text) {
  Shape s;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%zux%zux%zu%c", &s.height, &s.width, &s.channels, &tail) != 3 ||
      s.size() == 0)
    throw std::runtime_error("bad shape '" + text + "' (expected HxWxC)");
  return s;
}

ModelFile to_model_file(const Network& net, const std::map<std::string, std::string>& metadata) {
  ModelFile model;
  model.metadata = metadata;
  model.metadata["input_shape"] = net.in_shape().str();
  for (size_t i = 0; i < net.size(); ++i) {
    const Layer& l = net.layer(i);
    LayerRecord rec{l.kind(), l.attributes(), {}};
    for (const Param& p : l.params()) {
      TensorRecord t;
      t.name = p.name;
      t.is_weight = p.is_weight;
      t.values = p.value;
      t.masked = p.masked();
      if (t.masked) t.mask = p.mask;
      rec.tensors.push_back(std::move(t));
    }
    model.layers.push_back(std::move(rec));
  }
  return model;
}

Network from_model_file(const ModelFile& model) {
  const auto it = model.metadata.find("input_shape");
  if (it == model.metadata.end()) throw std::runtime_error("model has no input_shape");
  Network net(parse_shape(it->second));
  for (size_t i = 0; i < model.layers.size(); ++i) {
    const LayerRecord& rec = model.layers[i];
    const std::string where = "layer " + std::to_string(i) + " (" + rec.kind + ")";
    std::unique_ptr<Layer> layer;
    try {
      layer = make_layer(rec.kind, net.out_shape(), rec.attributes);
    } catch (const std::exception& e) {
      throw std::runtime_error(where + ": " + e.what());
    }
    if (layer->params().size() != rec.tensors.size())
      throw std::runtime_error(where + ": " + std::to_string(rec.tensors.size()) +
                               " tensors stored, the layer has " +
                               std::to_string(layer->params().size()));
    for (Param& p : layer->params()) {
      const TensorRecord* t = nullptr;
      for (const TensorRecord& c : rec.tensors)
        if (c.name == p.name) t = &c;
      if (!t) throw std::runtime_error(where + ": tensor '" + p.name + "' missing");
      if (t->values.shape() != p.value.shape())
        throw std::runtime_error(where + ": tensor '" + p.name + "' has the wrong shape");
      p.value = t->values;
      p.is_weight = t->is_weight;
      if (t->masked) p.set_mask(t->mask);
    }
    net.add(std::move(layer));
  }
  return net;
}

}  // namespace nnc
