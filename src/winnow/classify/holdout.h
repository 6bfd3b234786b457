#pragma once

// The held-out validation rows of `classify train`: a seeded, stratified split. Each label keeps
// its share: of the n rows with a label, round(n * fraction) are held out, but never all of them
// (the model must see every label), chosen by a seeded shuffle of that label's rows. The same
// rows, labels, fraction and seed always give the same split (std::mt19937_64 and libstdc++'s
// std::shuffle, as `winnow split` uses).

#include <cstddef>
#include <cstdint>
#include <vector>

namespace winnow {

// For each row (row_labels[i] is its label number, below `label_count`), whether it is held out.
std::vector<bool> StratifiedHoldout(const std::vector<uint32_t>& row_labels, size_t label_count,
                                    double fraction, uint64_t seed);

}  // namespace winnow
