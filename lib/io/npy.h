// NumPy .npy files (format version 1.0) for float32 tensors: how model tensors are handed to
// Python (numpy.load). C order, little-endian '<f4'.
#ifndef NNCOMPRESS_LIB_IO_NPY_H_
#define NNCOMPRESS_LIB_IO_NPY_H_

#include <string>
#include <xtensor/xarray.hpp>

#include "lib/io/model_file.h"

namespace nnc {

// Returns: the .npy bytes of `values` (any rank; a 0-D array is written with shape ()).
std::string npy_bytes(const xt::xarray<float>& values);
// Writes values to path atomically as .npy.
void write_npy(const std::string& path, const xt::xarray<float>& values);
// Returns: the float32 C-order array in the .npy file at path. Throws std::runtime_error
// ("<path>: <problem>") for another dtype, Fortran order, or a malformed/truncated file.
xt::xarray<float> read_npy(const std::string& path);

// Returns: every tensor of the model as (path, .npy bytes), path = dir + "/<layer index>_<kind>_
// <tensor>.npy" (and "..._<tensor>_mask.npy" for masks; index zero-padded to 2 digits), in order.
// A stage passes them to write_files_atomic with its other outputs, so they land all-or-nothing.
std::vector<std::pair<std::string, std::string>> npy_files(const ModelFile& model,
                                                           const std::string& dir);

}  // namespace nnc

#endif  // NNCOMPRESS_LIB_IO_NPY_H_
