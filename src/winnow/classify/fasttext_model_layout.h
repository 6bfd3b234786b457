#pragma once

// A structural check of a fastText model file before fastText reads it.
//
// fastText 0.9.2's loader trusts its input: a truncated dictionary makes it loop forever reading
// past the end, a garbage matrix size makes it allocate terabytes, and a model whose sizes
// disagree (bucket 0 with word n-grams, fewer matrix rows than words) crashes later inside
// predict (division by zero, reads out of bounds). This check walks the file as the 0.9.2 loader
// would, without allocating anything sized by the file, and accepts only what the loader and
// predict handle safely:
//   magic 793712314, version 11 or 12;
//   args: a supervised model (model = sup), loss hs/ns/softmax/ova, dim > 0, and a bucket
//     whenever subwords or word n-grams need one;
//   dictionary: 1+ labels, the words first and then the labels, entries that end inside the file,
//     not pruned;
//   dense input and output matrices (quantized .ftz models are refused) whose sizes fit the file
//     and the dictionary (input rows >= words + bucket, output rows = labels, columns = dim);
//   nothing after the output matrix.
// The layout is fastText's own (args.cc, dictionary.cc, densematrix.cc of 0.9.2).

#include <cstdint>
#include <istream>

#include "winnow/common/status.h"

namespace winnow {

struct FastTextModelShape {
  int32_t version = 0;
  int32_t dim = 0;
  int32_t words = 0;
  int32_t labels = 0;
  int32_t word_ngrams = 0;
  int64_t bucket = 0;
};

// Checks the model in `in` (positioned at its first byte, `size` bytes long). Leaves the stream at
// an unspecified position. The error says what is wrong, not which file (the caller adds it).
Result<FastTextModelShape> CheckFastTextModelLayout(std::istream& in, uint64_t size);

}  // namespace winnow
