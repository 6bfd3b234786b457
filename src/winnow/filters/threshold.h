#pragma once

// Threshold: one rule's limit, which a user may change or switch off ("off").

namespace winnow {

struct Threshold {
  double value = 0;
  bool enabled = true;
};

}  // namespace winnow
