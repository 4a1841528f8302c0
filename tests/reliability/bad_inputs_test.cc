// Every bad-input class of every stage binary (the table "Bad inputs and their messages" in
// README.md): the stage exits 1, its last stderr line is "error: <message>" naming the file or
// flag and the problem (the only line, except after training progress), and its output folder
// stays empty: no model, log, record, CSV or temporary is left behind for Bazel's cache.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "lib/io/atomic_file.h"
#include "lib/io/model_file.h"
#include "tests/reliability/stage_runner.h"

namespace nnc {
namespace {

using testing::Flags;
using testing::with;

struct BadInput {
  std::string what;     // the class of bad input (as in README.md)
  Flags changes;        // applied to the stage's good flags
  std::string message;  // expected inside the error line
};

// Runs every case of `cases` on `stage`, each with a fresh, empty output folder <tmp>/out_<n>.
void expect_clean_failures(const std::string& stage, const Flags& good, const std::string& out,
                           const std::vector<BadInput>& cases) {
  for (const BadInput& c : cases) {
    testing::make_dir(out);
    const testing::StageRun r = testing::run_stage(stage, with(good, c.changes));
    INFO(stage << ": " << c.what << "\nstderr:\n" << r.err);
    CHECK(r.status == 1);
    CHECK(r.last_line().rfind("error: ", 0) == 0);
    CHECK(r.last_line().find(c.message) != std::string::npos);
    // Progress lines may come first; the error is one line, and the only one.
    CHECK(testing::error_lines(r.err) == 1);
    CHECK(testing::files_in(out).empty());
    testing::remove_tree(out);
  }
}

// Damaged copies of a good dataset, one folder per damage. Train and compress read the train and
// valid splits, evaluate the test split; `split` is the one damaged.
struct Datasets {
  std::string good, missing_labels, truncated_images, wrong_magic, count_mismatch, bad_gzip,
      bad_manifest, label_outside, empty_split, empty_train, large_images;
};

Datasets make_datasets(const std::string& split) {
  const std::string t = testing::make_dir(testing::tmp_dir() + "/damaged_" + split);
  Datasets d;
  d.good = testing::make_dataset(t + "/good");
  const std::string test_images = "/" + split_images_file(split),
                    test_labels = "/" + split_labels_file(split);
  const std::string images = read_file(d.good + test_images);

  d.missing_labels = testing::copy_dataset(d.good, t + "/missing_labels");
  std::remove((d.missing_labels + test_labels).c_str());
  d.truncated_images = testing::copy_dataset(d.good, t + "/truncated_images");
  write_file_atomic(d.truncated_images + test_images, images.substr(0, images.size() - 100));
  d.wrong_magic = testing::copy_dataset(d.good, t + "/wrong_magic");
  write_file_atomic(d.wrong_magic + test_images, "PK" + images.substr(2));
  d.count_mismatch = testing::copy_dataset(d.good, t + "/count_mismatch");
  write_idx_labels(d.count_mismatch + test_labels, std::vector<uint8_t>(29, 1));
  d.bad_gzip = testing::copy_dataset(d.good, t + "/bad_gzip");
  write_file_atomic(d.bad_gzip + test_images, std::string("\x1f\x8b\x08\x00garbage", 12));
  d.bad_manifest = testing::copy_dataset(d.good, t + "/bad_manifest");
  write_file_atomic(d.bad_manifest + "/manifest.json", "{\"classes\": 3");
  d.label_outside = testing::copy_dataset(d.good, t + "/label_outside");
  write_file_atomic(d.label_outside + "/manifest.json", "{\"classes\": 2}\n");
  d.empty_split = testing::copy_dataset(d.good, t + "/empty_split");
  write_idx_images(d.empty_split + test_images, IdxImages{0, 8, 8, {}});
  write_idx_labels(d.empty_split + test_labels, {});
  d.empty_train = testing::copy_dataset(d.good, t + "/empty_train");
  write_idx_images(d.empty_train + "/train-images-idx3-ubyte", IdxImages{0, 8, 8, {}});
  write_idx_labels(d.empty_train + "/train-labels-idx1-ubyte", {});
  d.large_images = testing::make_dir(t + "/large_images");  // 28x28 test images
  for (const char* split : {"train", "valid", "test"}) {
    write_idx_images(d.large_images + "/" + split + "-images-idx3-ubyte",
                     IdxImages{4, 28, 28, std::vector<uint8_t>(4 * 784, 7)});
    write_idx_labels(d.large_images + "/" + split + "-labels-idx1-ubyte", {0, 1, 2, 0});
  }
  return d;
}

// Damaged model files next to a good one.
struct Models {
  std::string good, missing, truncated, flipped, not_a_model, empty, directory, newer_version,
      unknown_architecture, metadata_v1, metadata_unknown_key;
};

Models make_models(const std::string& data) {
  const std::string t = testing::tmp_dir() + "/models";
  testing::make_dir(t);
  Models m;
  m.good = t + "/good.model";
  const testing::StageRun r = testing::run_stage("train", {{"--data", {data}},
                                                           {"--arch", {"lenet300"}},
                                                           {"--protocol", {"lenet"}},
                                                           {"--seed", {"1"}},
                                                           {"--epochs", {"1"}},
                                                           {"--out", {m.good}},
                                                           {"--log", {t + "/good.csv"}}});
  INFO(r.err);
  REQUIRE(r.status == 0);
  const std::string bytes = read_file(m.good);
  m.missing = t + "/missing.model";
  m.truncated = t + "/truncated.model";
  write_file_atomic(m.truncated, bytes.substr(0, bytes.size() / 2));
  m.flipped = t + "/flipped.model";
  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x10;
  write_file_atomic(m.flipped, flipped);
  m.not_a_model = t + "/record.json";
  write_file_atomic(m.not_a_model,
                    "{\"test_error\": 0.5, \"padding\": \"" + std::string(64, 'x') + "\"}\n");
  m.empty = t + "/empty.model";
  write_file_atomic(m.empty, "");
  m.directory = testing::make_dir(t + "/a_directory.model");
  m.newer_version = t + "/v2.model";
  std::string v2 = bytes;
  v2[8] = 2;
  write_file_atomic(m.newer_version, v2);
  ModelFile renamed = read_model_file(m.good);
  renamed.metadata["architecture"] = "lenet7";
  m.unknown_architecture = t + "/lenet7.model";
  write_model_file(m.unknown_architecture, renamed);
  ModelFile v1 = read_model_file(m.good);  // metadata as written before its schema
  v1.metadata.erase("metadata_version");
  v1.metadata["format"] = "nncompress model";
  m.metadata_v1 = t + "/metadata_v1.model";
  write_model_file(m.metadata_v1, v1);
  ModelFile unknown_key = read_model_file(m.good);  // a method's key outside its namespace
  unknown_key.metadata["hash_seed"] = "42";
  m.metadata_unknown_key = t + "/unknown_key.model";
  write_model_file(m.metadata_unknown_key, unknown_key);
  return m;
}

// Returns: a followed by b.
std::vector<BadInput> operator+(std::vector<BadInput> a, const std::vector<BadInput>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// The factors every stage taking --factor rejects, with the message of their one parser.
std::vector<BadInput> bad_factors() {
  std::vector<BadInput> cases;
  for (const std::string v : {"0", "2", "1.5", "-1/8", "1/0", "half"})
    cases.push_back(
        {"factor " + v, {{"--factor", {v}}}, "factor '" + v + "' is not a number in (0, 1]"});
  return cases;
}

// The seeds every stage taking --seed rejects (flags.h's kNonNegativeInteger).
std::vector<BadInput> bad_seeds() {
  std::vector<BadInput> cases;
  for (const std::string v : {"x", "-1", "1.5"})
    cases.push_back(
        {"seed " + v, {{"--seed", {v}}}, "--seed: '" + v + "' is not a non-negative integer"});
  return cases;
}

// The damaged model files every stage that reads a model (`flag`: --model, --teacher) rejects with
// the same message naming the file.
std::vector<BadInput> bad_models(const std::string& flag, const Models& m) {
  return {
      {flag + " missing",
       {{flag, {m.missing}}},
       m.missing + ": cannot read (No such file or directory)"},
      {flag + " truncated", {{flag, {m.truncated}}}, m.truncated + ": truncated model file"},
      {flag + " corrupt (checksum)",
       {{flag, {m.flipped}}},
       m.flipped + ": checksum mismatch (corrupt model file)"},
      {flag + " not a model file",
       {{flag, {m.not_a_model}}},
       m.not_a_model + ": not a model file (bad magic)"},
      {flag + " an empty file", {{flag, {m.empty}}}, m.empty + ": truncated model file (0 bytes)"},
      {flag + " a folder", {{flag, {m.directory}}}, m.directory + ": cannot read (Is a directory)"},
      {flag + " from a newer format",
       {{flag, {m.newer_version}}},
       "unsupported model file version 2 (expected 1)"},
      {flag + " metadata from before its schema",
       {{flag, {m.metadata_v1}}},
       m.metadata_v1 + ": model metadata has no 'metadata_version': version 1"},
      {flag + " metadata with a key outside the schema",
       {{flag, {m.metadata_unknown_key}}},
       m.metadata_unknown_key + ": model metadata has an unexpected key 'hash_seed'"},
  };
}

// The damaged files of one split (`d` = make_datasets(split)) that every stage reading the split
// rejects, naming the file.
std::vector<BadInput> bad_split_files(const Datasets& d, const std::string& split) {
  const std::string images = split_images_file(split), labels = split_labels_file(split);
  return {
      {split + " labels missing",
       {{"--data", {d.missing_labels}}},
       labels + ": cannot read (No such file or directory)"},
      {split + " images truncated",
       {{"--data", {d.truncated_images}}},
       images + ": truncated: 1820 data bytes, the header promises 1920"},
      {split + " images not an IDX file",
       {{"--data", {d.wrong_magic}}},
       images + ": wrong magic number"},
      {split + " images and labels disagree",
       {{"--data", {d.count_mismatch}}},
       "count mismatch: 30 images but"},
      {split + " images corrupt gzip", {{"--data", {d.bad_gzip}}}, images + ": bad gzip data"},
      {split + " split empty",
       {{"--data", {d.empty_split}}},
       images + ": empty " + split + " split (0 images)"},
  };
}

// The damaged datasets (`d`, valid split damaged; `t` the temporary folder) that the stages reading
// the train and valid splits (train, compress) reject.
std::vector<BadInput> bad_datasets(const Datasets& d, const std::string& t) {
  return bad_split_files(d, "valid") +
         std::vector<BadInput>{
             {"dataset folder missing",
              {{"--data", {t + "/nowhere"}}},
              t + "/nowhere/train-images-idx3-ubyte: cannot read (No such file or directory)"},
             {"corrupt manifest", {{"--data", {d.bad_manifest}}}, "manifest.json: bad manifest"},
             {"label outside the manifest's classes",
              {{"--data", {d.label_outside}}},
              "outside [0, 2) declared by manifest.json"},
             {"empty train split",
              {{"--data", {d.empty_train}}},
              "train-images-idx3-ubyte: empty train split (0 images)"},
         };
}

TEST_CASE("every bad input of every stage: one error line, exit 1, no output at all") {
  const std::string t = testing::tmp_dir();
  const Datasets d = make_datasets("valid"), dt = make_datasets("test");
  const Models m = make_models(d.good);
  const std::string out = t + "/out";
  const std::string a_file = t + "/a_file";  // a path under a file cannot be written
  write_file_atomic(a_file, "x");
  const std::string no_dir = a_file + "/sub";

  SECTION("train") {
    const Flags good = {{"--data", {d.good}},        {"--arch", {"lenet300"}},
                        {"--protocol", {"lenet"}},   {"--seed", {"3"}},
                        {"--epochs", {"1"}},         {"--out", {out + "/m.model"}},
                        {"--log", {out + "/m.csv"}}, {"--timing", {out + "/m.timing.json"}}};
    expect_clean_failures(
        "train", good, out,
        bad_datasets(d, t) + bad_factors() + bad_seeds() +
            std::vector<BadInput>{
                {"images too small for the architecture",
                 {{"--data", {d.good}}, {"--arch", {"lenet5"}}},
                 "does not fit input"},
                {"unknown architecture", {{"--arch", {"fc4"}}}, "unknown architecture 'fc4'"},
                {"unknown protocol", {{"--protocol", {"adam"}}}, "unknown protocol 'adam'"},
                {"unknown regulariser", {{"--regularizer", {"l3"}}}, "unknown regularizer 'l3'"},
                {"epochs not a number", {{"--epochs", {"two"}}}, "--epochs: 'two' is not"},
                {"negative epochs", {{"--epochs", {"-3"}}}, "--epochs: '-3' is not"},
                {"negative sample limit",
                 {{"--limit-train", {"-5"}}},
                 "--limit-train: '-5' is not"},
                {"dense at a factor", {{"--factor", {"1/2"}}}, "method dense stores every weight"},
                {"a method this binary does not link",
                 {{"--method", {"hashed"}}},
                 "unknown method 'hashed' (expected dense)"},
                {"negative learning rate",
                 {{"--lr", {"-1"}}},
                 "--lr: '-1' is not a finite number > 0"},
                {"learning rate not finite",
                 {{"--lr", {"nan"}}},
                 "--lr: 'nan' is not a finite number > 0"},
                {"negative penalty",
                 {{"--lambda", {"-0.1"}}},
                 "--lambda: '-0.1' is not a finite number >= 0"},
                {"diverging run", {{"--lr", {"1e30"}}}, "training diverged: loss is"},
                {"unknown flag", {{"--epoch", {"2"}}}, "--epoch"},
                {"required flag missing", {{"--seed", {}}}, "--seed is required"},
                {"model folder unwritable",
                 {{"--out", {no_dir + "/m.model"}}},
                 no_dir + "/m.model: cannot write (Not a directory)"},
                {"log unwritable after the model",
                 {{"--log", {no_dir + "/m.csv"}}},
                 no_dir + "/m.csv: cannot write (Not a directory)"},
                {"timing unwritable after the model and log",
                 {{"--timing", {no_dir + "/t.json"}}},
                 no_dir + "/t.json: cannot write (Not a directory)"},
                {".npy folder missing (the model and log are not left behind)",
                 {{"--npy-dir", {t + "/no_such_folder"}}},
                 t + "/no_such_folder/00_dense_weight.npy: cannot write (No such file or "
                     "directory)"},
                {"a teacher for a method that does not train on one",
                 {{"--teacher", {m.good}}},
                 "--teacher " + m.good + ": method dense does not train on a teacher"},
            });
  }

  SECTION("train_nn --method dk (a method trained on a teacher)") {
    const Flags good = {{"--data", {d.good}},          {"--arch", {"lenet300"}},
                        {"--protocol", {"lenet"}},     {"--seed", {"3"}},
                        {"--epochs", {"1"}},           {"--method", {"dk"}},
                        {"--factor", {"1/2"}},         {"--teacher", {m.good}},
                        {"--out", {out + "/m.model"}}, {"--log", {out + "/m.csv"}}};
    expect_clean_failures(
        "train_nn", good, out,
        bad_models("--teacher", m) +
            std::vector<BadInput>{
                {"teacher flag missing",
                 {{"--teacher", {}}},
                 "--teacher: method dk trains on a teacher's outputs; give the dense model's file"},
                {"teacher of other inputs than the data set's",
                 {{"--data", {d.large_images}}, {"--arch", {"fc3"}}},
                 m.good + ": the teacher maps"},
            });
  }

  SECTION("compress") {
    const Flags good = {{"--model", {m.good}},
                        {"--data", {d.good}},
                        {"--method", {"obd"}},
                        {"--factor", {"1/4"}},
                        {"--seed", {"1"}},
                        {"--retrain-epochs", {"1"}},
                        {"--out", {out + "/c.model"}},
                        {"--log", {out + "/c.csv"}},
                        {"--timing", {out + "/c.timing.json"}}};
    expect_clean_failures(
        "compress", good, out,
        bad_models("--model", m) + bad_datasets(d, t) + bad_factors() + bad_seeds() +
            std::vector<BadInput>{
                {"dataset images of another size",
                 {{"--data", {d.large_images}}},
                 "does not match"},
                {"unknown method",
                 {{"--method", {"prune"}}},
                 "unknown method 'prune' (expected mag_l1, mag_l2, obd, obd_gn or random)"},
                {"method that does not prune",
                 {{"--method", {"hashed"}}},
                 "unknown method 'hashed'"},
                {"unknown ranking", {{"--ranking", {"local"}}}, "unknown ranking 'local'"},
                {"unknown schedule",
                 {{"--schedule", {"gradual"}}},
                 "unknown schedule 'gradual' (expected halving or authors)"},
                {"baseline trained fewer epochs than the authors' first pruning epoch",
                 {{"--schedule", {"authors"}},
                  {"--retrain-epochs", {}},
                  {"--authors-first-epoch", {"5"}}},
                 "authors' schedule: the input model was trained for 1 epochs, fewer than the "
                 "first "
                 "pruning epoch 5"},
                {"authors' flags without the authors' schedule",
                 {{"--authors-patience", {"2"}}},
                 "--authors-first-epoch, --authors-patience and --authors-tail need --schedule "
                 "authors"},
                {"retraining epochs with the authors' schedule",
                 {{"--schedule", {"authors"}}},
                 "--retrain-epochs is for --schedule halving"},
                {"negative authors' tail",
                 {{"--schedule", {"authors"}},
                  {"--retrain-epochs", {}},
                  {"--authors-tail", {"-1"}}},
                 "--authors-tail: '-1' is not a non-negative integer"},
                {"the removed OBD form flag (the method names the form)",
                 {{"--obd-form", {"exact"}}},
                 "--obd-form"},
                {"retrain epochs not a number",
                 {{"--retrain-epochs", {"x"}}},
                 "--retrain-epochs: 'x' is neither -1 (the protocol's) nor a count >= 0"},
                {"retrain epochs below -1",
                 {{"--retrain-epochs", {"-5"}}},
                 "--retrain-epochs: '-5' is"},
                {"negative sample limit",
                 {{"--limit-train", {"-1"}}},
                 "--limit-train: '-1' is not"},
                {"model folder unwritable", {{"--out", {no_dir + "/c.model"}}}, "cannot write"},
                {"log unwritable after the model",
                 {{"--log", {no_dir + "/c.csv"}}},
                 no_dir + "/c.csv: cannot write (Not a directory)"},
                {"timing unwritable after model and log",
                 {{"--timing", {no_dir + "/t.json"}}},
                 no_dir + "/t.json: cannot write (Not a directory)"},
            });
  }

  SECTION("evaluate") {
    const Flags good = {{"--model", {m.good}},
                        {"--data", {d.good}},
                        {"--out", {out + "/r.json"}},
                        {"--timing", {out + "/r.timing.json"}},
                        {"--id", {"method=dense"}}};
    expect_clean_failures(
        "evaluate", good, out,
        bad_models("--model", m) + bad_split_files(dt, "test") +
            std::vector<BadInput>{
                {"unknown architecture in the model",
                 {{"--model", {m.unknown_architecture}}},
                 "unknown architecture 'lenet7'"},
                {"test images of another size",
                 {{"--data", {d.large_images}}},
                 "test images have 784 pixels, the model takes 8x8x1"},
                {"identifier without '='", {{"--id", {"method"}}}, "--id 'method': want KEY=VALUE"},
                {"sample limit not a number",
                 {{"--limit-test", {"x"}}},
                 "--limit-test: 'x' is not"},
                {"negative sample limit", {{"--limit-test", {"-1"}}}, "--limit-test: '-1' is not"},
                {"record unwritable",
                 {{"--out", {no_dir + "/r.json"}}},
                 "cannot write (Not a directory)"},
                {"timing unwritable after the record",
                 {{"--timing", {no_dir + "/t.json"}}},
                 no_dir + "/t.json: cannot write (Not a directory)"},
                {"model that does not fit the encoding",
                 {{"--compressed", {"hashed=" + out + "/r.hashed"}}},
                 m.good + ": hashed encoding: layer 1 (dense) has no hashed weights"},
                {"unknown encoding",
                 {{"--compressed", {"gzip=" + out + "/r.gz"}}},
                 "unknown encoding 'gzip' (expected csr, bitmask or hashed)"},
                {"encoding without a path",
                 {{"--compressed", {"csr"}}},
                 "--compressed 'csr': want ENCODING=PATH"},
                {"compressed file unwritable (the record is not left behind)",
                 {{"--compressed", {"csr=" + out + "/r.csr", "bitmask=" + no_dir + "/r.bitmask"}}},
                 no_dir + "/r.bitmask: cannot write (Not a directory)"},
            });
  }

  SECTION("run_compressed") {
    const std::string files = testing::make_dir(t + "/compressed");
    const std::string csr = files + "/good.csr";
    const testing::StageRun e = testing::run_stage("evaluate", {{"--model", {m.good}},
                                                                {"--data", {d.good}},
                                                                {"--out", {files + "/good.json"}},
                                                                {"--compressed", {"csr=" + csr}}});
    INFO(e.err);
    REQUIRE(e.status == 0);
    const std::string bytes = read_file(csr);
    write_file_atomic(files + "/truncated.csr", bytes.substr(0, bytes.size() / 2));
    std::string flipped = bytes;
    flipped[bytes.size() - 12] ^= 0x10;  // a stored value
    write_file_atomic(files + "/flipped.csr", flipped);
    std::string v2 = bytes;
    v2[8] = 2;
    write_file_atomic(files + "/v2.csr", v2);
    const Flags good = {{"--file", {csr}}, {"--data", {dt.good}}};
    expect_clean_failures(
        "run_compressed", good, out,
        {
            {"compressed file missing",
             {{"--file", {files + "/none.csr"}}},
             files + "/none.csr: cannot read (No such file or directory)"},
            {"compressed file truncated",
             {{"--file", {files + "/truncated.csr"}}},
             files + "/truncated.csr: truncated compressed file"},
            {"compressed file corrupt (checksum)",
             {{"--file", {files + "/flipped.csr"}}},
             files + "/flipped.csr: checksum mismatch (corrupt compressed file)"},
            {"not a compressed file (a model file)",
             {{"--file", {m.good}}},
             m.good + ": not a compressed model file (bad magic)"},
            {"compressed file of a newer format",
             {{"--file", {files + "/v2.csr"}}},
             files + "/v2.csr: unsupported compressed file version 2 (expected 1)"},
            {"test images of another size",
             {{"--data", {d.large_images}}},
             "test images have 784 pixels, the model takes 8x8x1"},
        });
  }

  SECTION("aggregate") {
    const std::string records = testing::make_dir(t + "/records");
    const Flags evaluate = {{"--model", {m.good}},
                            {"--data", {d.good}},
                            {"--id",
                             {"dataset=tiny", "arch=lenet300", "protocol=lenet", "method=dense",
                              "target_factor=1", "seed=1"}}};
    for (const auto& [name, ids] : std::vector<std::pair<std::string, std::vector<std::string>>>{
             {"a", {}},
             {"no_dataset",
              {"arch=lenet300", "protocol=lenet", "method=dense", "target_factor=1", "seed=1"}},
             {"bad_factor",
              {"dataset=tiny", "arch=lenet300", "protocol=lenet", "method=dense", "target_factor=8",
               "seed=1"}},
             {"bad_seed",
              {"dataset=tiny", "arch=lenet300", "protocol=lenet", "method=dense", "target_factor=1",
               "seed=one"}}}) {
      Flags flags = with(evaluate, {{"--out", {records + "/" + name + ".json"}}});
      if (!ids.empty()) flags["--id"] = ids;
      const testing::StageRun e = testing::run_stage("evaluate", flags);
      INFO(e.err);
      REQUIRE(e.status == 0);
    }
    const std::string record = read_file(records + "/a.json");
    write_file_atomic(records + "/cut.json", record.substr(0, record.size() / 2));
    write_file_atomic(records + "/array.json", "[1, 2]\n");
    const Flags good = {{"--results", {out + "/results.csv"}},
                        {"--summary", {out + "/summary.csv"}},
                        {"", {records + "/a.json"}}};
    expect_clean_failures(
        "aggregate", good, out,
        {
            {"record missing",
             {{"", {records + "/a.json", records + "/none.json"}}},
             records + "/none.json: cannot read"},
            {"record truncated",
             {{"", {records + "/cut.json"}}},
             records + "/cut.json: not valid JSON"},
            {"record not a record", {{"", {records + "/array.json"}}}, records + "/array.json"},
            {"model file given as a record", {{"", {m.good}}}, m.good + ": not valid JSON"},
            {"record without an identifier",
             {{"", {records + "/a.json", records + "/no_dataset.json"}}},
             records + "/no_dataset.json: record has no identifier 'dataset' (evaluate --id "
                       "dataset=...)"},
            {"record with a factor outside (0, 1]",
             {{"", {records + "/bad_factor.json"}}},
             records + "/bad_factor.json: identifier target_factor: factor '8' is not a number in "
                       "(0, 1]"},
            {"record with a seed not a number",
             {{"", {records + "/bad_seed.json"}}},
             records + "/bad_seed.json: identifier seed 'one' is not an integer"},
            {"no records", {{"", {}}}, "records is required"},
            {"results unwritable",
             {{"--results", {no_dir + "/results.csv"}}},
             "cannot write (Not a directory)"},
            {"summary unwritable after the results",
             {{"--summary", {no_dir + "/summary.csv"}}},
             no_dir + "/summary.csv: cannot write (Not a directory)"},
        });
  }
}

}  // namespace
}  // namespace nnc
