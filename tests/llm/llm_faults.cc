#include "llm/llm_faults.h"

#include <fmt/format.h>

#include <cmath>
#include <numbers>
#include <utility>

#include "winnow/common/hash.h"

namespace winnow::testutil {
namespace {

// Draws are salted so the fault draw and the two latency draws are independent.
constexpr uint64_t kFaultSalt = 0x6661756c74ULL;
constexpr uint64_t kLatencySaltA = 0x6c6174656e6361ULL;
constexpr uint64_t kLatencySaltB = 0x6c6174656e6362ULL;

// A uniform double in [0, 1) from (seed, body_hash, seen_before, salt).
double Uniform(uint64_t seed, uint64_t body_hash, uint64_t seen_before, uint64_t salt) {
  const uint64_t words[3] = {body_hash, seen_before, salt};
  const uint64_t bits =
      Hash64(std::string_view(reinterpret_cast<const char*>(words), sizeof(words)), seed);
  return static_cast<double>(bits >> 11) * 0x1.0p-53;
}

// The rates in the order DrawFault walks them.
std::array<std::pair<LlmFault, double>, 10> RateTable(const FaultRates& rates) {
  return {{{LlmFault::kRateLimited, rates.rate_limited},
           {LlmFault::kServerError, rates.server_error},
           {LlmFault::kUnavailable, rates.unavailable},
           {LlmFault::kSlow, rates.slow},
           {LlmFault::kTimeout, rates.timeout},
           {LlmFault::kDrop, rates.drop},
           {LlmFault::kMalformed, rates.malformed},
           {LlmFault::kLength, rates.length},
           {LlmFault::kInvalidJson, rates.invalid_json},
           {LlmFault::kEmptyChoices, rates.empty_choices}}};
}

}  // namespace

std::string_view LlmFaultName(LlmFault fault) {
  switch (fault) {
    case LlmFault::kNone:
      return "none";
    case LlmFault::kRateLimited:
      return "429";
    case LlmFault::kServerError:
      return "500";
    case LlmFault::kUnavailable:
      return "503";
    case LlmFault::kBadRequest:
      return "400";
    case LlmFault::kSlow:
      return "slow";
    case LlmFault::kTimeout:
      return "timeout";
    case LlmFault::kDrop:
      return "drop";
    case LlmFault::kMalformed:
      return "malformed";
    case LlmFault::kLength:
      return "length";
    case LlmFault::kInvalidJson:
      return "invalid_json";
    case LlmFault::kEmptyChoices:
      return "empty_choices";
  }
  return "unknown";
}

Status ValidateFaultRates(const FaultRates& rates) {
  double sum = 0;
  for (const auto& [fault, rate] : RateTable(rates)) {
    if (!(rate >= 0 && rate <= 1)) {
      return Status::InvalidArgument(
          fmt::format("fault rate for \"{}\" is {}; expected 0..1", LlmFaultName(fault), rate));
    }
    sum += rate;
  }
  if (sum > 1 + 1e-9) {
    return Status::InvalidArgument(fmt::format("fault rates sum to {}; expected at most 1", sum));
  }
  return Status::OK();
}

LlmFault DrawFault(const FaultRates& rates, uint64_t body_hash, uint64_t seen_before) {
  double u = Uniform(rates.seed, body_hash, seen_before, kFaultSalt);
  for (const auto& [fault, rate] : RateTable(rates)) {
    if (u < rate) return fault;
    u -= rate;
  }
  return LlmFault::kNone;
}

double DrawLatencySeconds(double median, double sigma, uint64_t seed, uint64_t body_hash,
                          uint64_t seen_before) {
  if (median <= 0) return 0;
  // Box-Muller: 1 - u keeps the logarithm's argument in (0, 1].
  const double u1 = 1.0 - Uniform(seed, body_hash, seen_before, kLatencySaltA);
  const double u2 = Uniform(seed, body_hash, seen_before, kLatencySaltB);
  const double normal = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  return median * std::exp(sigma * normal);
}

}  // namespace winnow::testutil
