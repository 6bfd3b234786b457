#include "winnow/classify/fasttext_model_layout.h"

#include <string>

namespace winnow {
namespace {

constexpr int32_t kMagic = 793712314;    // FASTTEXT_FILEFORMAT_MAGIC_INT32
constexpr int32_t kLatestVersion = 12;   // FASTTEXT_VERSION of 0.9.2
constexpr int32_t kSupervised = 3;       // model_name::sup
constexpr int32_t kHierarchical = 1;     // loss_name::hs
constexpr int32_t kOneVsAll = 4;         // loss_name::ova
constexpr uint64_t kMinEntryBytes = 10;  // NUL, int64 count, int8 type
constexpr uint64_t kFloatBytes = 4;      // fastText's real

// Reads fixed-size fields and skips payloads, tracking how much of the file is left.
class LayoutReader {
 public:
  LayoutReader(std::istream& in, uint64_t size) : in_(in), left_(size) {}

  template <typename T>
  bool Read(T* value) {
    if (left_ < sizeof(T)) return false;
    in_.read(reinterpret_cast<char*>(value), sizeof(T));
    if (!in_) return false;
    left_ -= sizeof(T);
    return true;
  }
  // Skips a NUL-terminated string; false when no NUL comes before the end.
  bool SkipString() {
    std::streambuf& buffer = *in_.rdbuf();
    while (left_ > 0) {
      const int c = buffer.sbumpc();
      if (c == std::char_traits<char>::eof()) return false;
      --left_;
      if (c == 0) return true;
    }
    return false;
  }
  bool Skip(uint64_t bytes) {
    if (bytes > left_) return false;
    in_.seekg(static_cast<std::streamoff>(bytes), std::ios::cur);
    if (!in_) return false;
    left_ -= bytes;
    return true;
  }
  uint64_t left() const { return left_; }

 private:
  std::istream& in_;
  uint64_t left_;
};

Status Bad(const std::string& what) {
  return Status::InvalidInput("not a usable fastText model: " + what);
}

struct Args {
  int32_t dim, ws, epoch, min_count, neg, word_ngrams, loss, model, bucket, minn, maxn, lr_update;
  double t;
};

Status CheckArgs(LayoutReader& reader, int32_t version, Args* args) {
  int32_t* fields[] = {&args->dim,    &args->ws,          &args->epoch, &args->min_count,
                       &args->neg,    &args->word_ngrams, &args->loss,  &args->model,
                       &args->bucket, &args->minn,        &args->maxn,  &args->lr_update};
  for (int32_t* field : fields) {
    if (!reader.Read(field)) return Bad("the file ends inside its settings");
  }
  if (!reader.Read(&args->t)) return Bad("the file ends inside its settings");
  if (args->model != kSupervised) {
    return Bad("it is a word-vector model, not a classifier (trained without labels)");
  }
  if (args->loss < kHierarchical || args->loss > kOneVsAll) {
    return Bad("unknown loss " + std::to_string(args->loss));
  }
  if (args->dim <= 0) return Bad("dimension " + std::to_string(args->dim));
  // fastText compares subword lengths as size_t, so a negative maxn means "no limit".
  if (args->minn < 0 || args->maxn < 0) {
    return Bad("subword lengths " + std::to_string(args->minn) + ".." + std::to_string(args->maxn));
  }
  // fastText 0.9 reads old (version 11) classifiers without subwords.
  if (version == 11) args->maxn = 0;
  const bool hashes = args->maxn > 0 || args->word_ngrams > 1;
  if (args->bucket < 0 || (hashes && args->bucket == 0)) {
    return Bad("bucket " + std::to_string(args->bucket) + " with subwords or word n-grams");
  }
  return Status::OK();
}

Status CheckDictionary(LayoutReader& reader, FastTextModelShape* shape) {
  int32_t size = 0;
  int64_t tokens = 0;
  int64_t pruned = 0;
  if (!reader.Read(&size) || !reader.Read(&shape->words) || !reader.Read(&shape->labels) ||
      !reader.Read(&tokens) || !reader.Read(&pruned)) {
    return Bad("the file ends inside the dictionary header");
  }
  if (shape->words < 0 || shape->labels < 1 ||
      static_cast<int64_t>(shape->words) + shape->labels != size) {
    return Bad("dictionary of " + std::to_string(size) + " entries with " +
               std::to_string(shape->words) + " words and " + std::to_string(shape->labels) +
               " labels");
  }
  if (static_cast<uint64_t>(size) > reader.left() / kMinEntryBytes) {
    return Bad("dictionary of " + std::to_string(size) + " entries is longer than the file");
  }
  for (int32_t i = 0; i < size; ++i) {
    int64_t count = 0;
    int8_t type = 0;
    if (!reader.SkipString() || !reader.Read(&count) || !reader.Read(&type)) {
      return Bad("dictionary entry " + std::to_string(i) + " runs past the end of the file");
    }
    const int8_t expected = i < shape->words ? 0 : 1;  // words sort before labels
    if (type != expected) {
      return Bad("dictionary entry " + std::to_string(i) + " has type " + std::to_string(type));
    }
  }
  if (pruned >= 0) return Bad("a pruned dictionary belongs to a quantized model");
  return Status::OK();
}

Status CheckDenseMatrix(LayoutReader& reader, const char* name, int64_t* rows, int64_t* columns) {
  uint8_t quantized = 0;
  if (!reader.Read(&quantized)) return Bad(std::string("the file ends before the ") + name);
  if (quantized != 0) {
    return Bad("quantized (.ftz) models are not supported; use the .bin model");
  }
  if (!reader.Read(rows) || !reader.Read(columns)) {
    return Bad(std::string("the file ends inside the ") + name + " header");
  }
  if (*rows < 0 || *columns < 0 ||
      (*columns > 0 && static_cast<uint64_t>(*rows) >
                           reader.left() / kFloatBytes / static_cast<uint64_t>(*columns))) {
    return Bad(std::string("the ") + name + " (" + std::to_string(*rows) + " x " +
               std::to_string(*columns) + ") is larger than the file");
  }
  if (!reader.Skip(static_cast<uint64_t>(*rows) * static_cast<uint64_t>(*columns) * kFloatBytes)) {
    return Bad(std::string("the file ends inside the ") + name);
  }
  return Status::OK();
}

}  // namespace

Result<FastTextModelShape> CheckFastTextModelLayout(std::istream& in, uint64_t size) {
  LayoutReader reader(in, size);
  FastTextModelShape shape;
  int32_t magic = 0;
  if (!reader.Read(&magic) || magic != kMagic || !reader.Read(&shape.version)) {
    return Error(Bad("it does not start with fastText's magic number"));
  }
  if (shape.version < 11 || shape.version > kLatestVersion) {
    return Error(Bad("format version " + std::to_string(shape.version) + " (fastText 0.9 reads " +
                     "11 and 12)"));
  }
  Args args{};
  WINNOW_RETURN_IF_ERROR(CheckArgs(reader, shape.version, &args));
  shape.dim = args.dim;
  shape.word_ngrams = args.word_ngrams;
  shape.bucket = args.bucket;
  WINNOW_RETURN_IF_ERROR(CheckDictionary(reader, &shape));
  int64_t rows = 0;
  int64_t columns = 0;
  // The output matrix has its own flag byte (args.qout) in front, like the input's quant flag; it
  // only matters for quantized models, so any value passes there.
  WINNOW_RETURN_IF_ERROR(CheckDenseMatrix(reader, "input matrix", &rows, &columns));
  const bool hashes = args.maxn > 0 || args.word_ngrams > 1;
  const int64_t needed = shape.words + (hashes ? static_cast<int64_t>(args.bucket) : 0);
  if (rows < needed || columns != args.dim) {
    return Error(Bad("input matrix " + std::to_string(rows) + " x " + std::to_string(columns) +
                     " for " + std::to_string(needed) + " rows of dimension " +
                     std::to_string(args.dim)));
  }
  uint8_t qout = 0;
  if (!reader.Read(&qout)) return Error(Bad("the file ends before the output matrix"));
  int64_t out_rows = 0;
  int64_t out_columns = 0;
  if (!reader.Read(&out_rows) || !reader.Read(&out_columns)) {
    return Error(Bad("the file ends inside the output matrix header"));
  }
  if (out_rows != shape.labels || out_columns != args.dim) {
    return Error(Bad("output matrix " + std::to_string(out_rows) + " x " +
                     std::to_string(out_columns) + " for " + std::to_string(shape.labels) +
                     " labels of dimension " + std::to_string(args.dim)));
  }
  const uint64_t output_bytes =
      static_cast<uint64_t>(out_rows) * static_cast<uint64_t>(out_columns) * kFloatBytes;
  if (output_bytes != reader.left()) {
    return Error(Bad(output_bytes > reader.left() ? "the file ends inside the output matrix"
                                                  : "bytes follow the output matrix"));
  }
  return shape;
}

}  // namespace winnow
