// The model file's metadata (docs/DESIGN.md, "Stages and their contracts"): what the train and
// compress stages say about how a model was made, read back by compress, evaluate and the report
// (through the record's model_metadata). The file stores it as string -> string (model_file.h);
// this is its schema, version 3:
//   metadata_version  "3"
//   core keys         owned by the pipeline, typed, each written by one stage (the table in
//                     model_metadata.cc); compress-stage keys only in compressed models,
//                     authors_* only under the authors' schedule;
//   input_shape       written and checked by lib/nn/model_io.h;
//   method.<key>      owned by a method (hash_seed, ranks, obd_form, teacher_sha256, ...): any
//                     key in this namespace is accepted, so a new method needs no schema change.
// Version 1 was the free map written before this schema (a "format" key, no metadata_version);
// version 2 had no lr_restarts.
#ifndef NNCOMPRESS_LIB_IO_MODEL_METADATA_H_
#define NNCOMPRESS_LIB_IO_MODEL_METADATA_H_

#include <cstdint>
#include <map>
#include <string>

namespace nnc {

constexpr int kModelMetadataVersion = 3;

struct ModelMetadata {
  // The last stage that wrote the model: "train" or "compress".
  std::string stage = "train";
  // Written by train.
  std::string architecture, protocol, regularizer, method;
  double lambda = 0, factor = 1, lr0 = 0;  // lr0: the rate of the kept run (after restarts)
  // Runs the protocol's backoff abandoned before the kept one, each diverged or stuck at chance
  // (lib/train/trainer.h, train_with_backoff).
  uint64_t lr_restarts = 0;
  uint64_t seed = 0;
  uint64_t epochs = 0;  // the train stage's epochs
  // Every SGD epoch run for these weights, those after a kept best-validation epoch included (the
  // training budget; compress adds its own).
  uint64_t epochs_total = 0;
  uint64_t selected_epoch = 0, classes = 0, limit_train = 0;
  std::string dataset_manifest_sha256 = "none";  // "none" for a folder without a manifest
  // Written by compress (stage "compress"); method and factor are then the pruning method's.
  std::string schedule;  // "halving" or "authors"
  std::string ranking, retrain_regularizer, input_model_sha256;
  // "epochs_total:factor:valid_before:valid_pruned:valid_retrained" per pruning step, ';'-joined.
  std::string prune_history;
  uint64_t compress_seed = 0, retrain_epochs = 0, stored_weights = 0;
  // Written by compress under the authors' schedule.
  uint64_t authors_first_epoch = 0, authors_patience = 0, authors_tail = 0, authors_steps = 0,
           authors_steps_taken = 0;
  // Method-owned keys, without their "method." prefix.
  std::map<std::string, std::string> method_keys;
};

// Returns: the file's string map for `meta` (metadata_version, core keys, method.<key>); values
// read back as the same numbers. input_shape is added by to_model_file (lib/nn/model_io.h).
std::map<std::string, std::string> metadata_entries(const ModelMetadata& meta);

// Returns: the metadata in `entries`. Throws std::runtime_error with one line,
// "<origin>: model metadata ...", naming the missing, mistyped or unexpected key or the version.
ModelMetadata parse_metadata(const std::map<std::string, std::string>& entries,
                             const std::string& origin);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_IO_MODEL_METADATA_H_
