#include "winnow/tokenizers/model.h"

#include <fmt/format.h>

namespace winnow::tokenizers {

Result<Vocab> ParseVocabObject(simdjson::dom::element element, const std::string& path) {
  simdjson::dom::object object;
  if (element.get_object().get(object) != simdjson::SUCCESS) {
    return Error(Status::InvalidInput(fmt::format(
        "{}: expected an object {{\"token\": id}}, got {}", path, DescribeJsonValue(element))));
  }
  Vocab vocab;
  vocab.reserve(object.size());
  for (auto [token, value] : object) {
    int64_t id = -1;
    if (value.get_int64().get(id) != simdjson::SUCCESS || id < 0 || id > INT32_MAX) {
      return Error(Status::InvalidInput(
          fmt::format("{}: the id of token \"{}\" must be an integer in [0, 2^31)", path, token)));
    }
    vocab.insert_or_assign(std::string(token), static_cast<int32_t>(id));
  }
  return vocab;
}

std::vector<int32_t> FindByteFallbackIds(const Vocab& vocab) {
  std::vector<int32_t> ids(256, -1);
  for (int byte = 0; byte < 256; ++byte) {
    auto found = vocab.find(fmt::format("<0x{:02X}>", byte));
    if (found != vocab.end()) ids[byte] = found->second;
  }
  return ids;
}

}  // namespace winnow::tokenizers
