#pragma once

// GPT-2's byte-level alphabet (bytes_to_unicode in openai/gpt-2's encoder.py): every byte is shown
// as one printable character so that a BPE vocabulary over bytes can be stored as text. The 188
// printable Latin-1 bytes (! to ~, ¡ to ¬, ® to ÿ) stand for themselves; the other 68 bytes
// (controls, space, DEL, NBSP, soft hyphen...) become U+0100, U+0101... in byte order, so a space
// is "Ġ" (U+0120) and a newline "Ċ" (U+010A).

#include <cstdint>
#include <string>
#include <string_view>

namespace winnow::tokenizers {

// The character that stands for `byte`.
uint32_t ByteLevelChar(uint8_t byte);

// Appends the byte-level spelling of `bytes` (one character per byte).
void AppendByteLevel(std::string_view bytes, std::string* out);

// Decodes a byte-level spelling back to the bytes it stands for. Returns false (and leaves *out
// unspecified) when `text` holds a character outside the alphabet.
bool DecodeByteLevel(std::string_view text, std::string* out);

}  // namespace winnow::tokenizers
