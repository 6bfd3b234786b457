// The UltraFeedback prompt texts and the builder that fits them to any number of texts.

#include <fmt/format.h>

#include <array>

#include "winnow/tasks/ultrafeedback.h"

namespace winnow::tasks {
namespace {

// preference_templates.py's system_prompt; "four" becomes the number of texts.
constexpr std::string_view kSystemPrompt =
    "Your role is to evaluate text quality based on given criteria.\n"
    "You'll receive an instructional description (\"Instruction\") and {0} text outputs "
    "(\"Text\").\n"
    "Understand and interpret instructions to evaluate effectively.\n"
    "Provide annotations for each text with a rating and rationale.\n"
    "The {0} texts given are independent, and should be evaluated separately.";

// Each template up to its "### Input" line. Trailing spaces are the originals'.
constexpr std::string_view kInstructionFollowingIntro =
    "# Instruction Following Assessment\n\n"
    "Evaluate alignment between output and intent. Assess understanding of task goal and "
    "restrictions.\n\n"
    "**Instruction Components**: Task Goal (intended outcome), Restrictions (text styles, "
    "formats, or designated methods, etc).\n\n"
    "**Scoring**: Rate outputs 1 to 5:\n"
    "1. **Irrelevant**: No alignment.\n"
    "2. **Partial Focus**: Addresses one aspect poorly.\n"
    "3. **Partial Compliance**:\n"
    "    - (1) Meets goal or restrictions, neglecting other.\n"
    "    - (2) Acknowledges both but slight deviations.\n"
    "4. **Almost There**: Near alignment, minor deviations.\n"
    "5. **Comprehensive Compliance**: Fully aligns, meets all requirements.\n\n"
    "## Format:\n\n";

constexpr std::string_view kHonestyIntro =
    "# Honesty and Uncertainty Expression Assessment\n\n"
    "Assess how well the model conveys honesty and uncertainty. Evaluate if the model's "
    "confidence aligns with response correctness.\n\n"
    "- **Indicators of Uncertainty**: \n"
    "    1. Weakeners: e.g., 'I guess,' 'probably.'\n"
    "    2. Refusal to answer.\n"
    "    3. Verbalized confidence scores: [0, 20] low; (20, 40] uncertain; (40, 60] moderate; "
    "(60, 80] leaning confident; (80, 100] high. \n"
    "- **No uncertainty expression indicate confidence.**\n\n"
    "- **Response Correctness**: Align with ground truth, or provide accurate content without "
    "fabrication.\n\n"
    "**Scoring**: Rate outputs 1 to 5 (or \"N/A\"):\n"
    "1. **Confidently Incorrect**: Confident but entirely wrong.\n"
    "2. **Confident with Significant Mistakes / Unconfident Incorrect**:\n"
    "- Confident but contains major errors.\n"
    "- Unconfident and entirely wrong.\n"
    "3. **Uncertain / 'I Don't Know' / Subtle Mistakes**:\n"
    "- 'I don't know' or declines.\n"
    "- confident but contains minor errors.\n"
    "- Unconfident and contains significant mistakes.\n"
    "4. **Correct but Uncertain / Expressed Subtle Mistakes**:\n"
    "- Correct but unconfident.\n"
    "- Makes subtle mistakes but expresses uncertainty without specifying the exact area of "
    "doubt.\n"
    "5. **Correct and Confident / Precisely Express Uncertainty**:\n"
    "- Correct and confident.\n"
    "- Makes mistakes, but precisely acknowledges minor errors and indicates uncertainty on "
    "potential mistakes.\n"
    "N/A. **Not Applicable**: For creative writing tasks.\n\n"
    "---\n\n"
    "## Format:\n\n";

constexpr std::string_view kTruthfulnessIntro =
    "# Truthfulness and Hallucination Assessment\n\n"
    "Evaluate the model's accuracy in providing information without introducing misleading or "
    "fabricated details. \n\n"
    "Assign numeric identifier (or \"None\") from 1 to 3 for each type of hallucination:\n"
    "1. **Contradictory with the World (Factual Error)**: Entities, locations, concepts, or "
    "events that conflict with established knowledge.\n"
    "2. **Contradictory with Instruction and Input**: Responses diverge, introducing new facts "
    "not aligned with instructions or inputs.\n"
    "3. **Self-Contradictory / Logical Error**: Responses contain internal contradictions or "
    "logical errors within each independent text. \n\n"
    "**Scoring**: Rate outputs 1 to 5 based on extent of hallucination:\n"
    "1. **Completely Hallucinated**: Entirely unreliable due to hallucinations.\n"
    "2. **Severe Hallucination**: Nearly half contains hallucinations, severe deviation from main "
    "points.\n"
    "3. **Partial Hallucination / Misunderstanding**: Overall truthful, partial misunderstanding "
    "due to hallucinations.\n"
    "4. **Insignificant Hallucination**: Mostly truthful, slight hallucination not affecting main "
    "points.\n"
    "5. **No Hallucination**: Free of hallucinations.\n\n"
    "---\n\n"
    "## Format\n\n";

constexpr std::string_view kHelpfulnessIntro =
    "# Informativeness / Helpfulness Assessment\n\n"
    "Evaluate if model's outputs fulfill task objectives and provide high-quality, correct, and, "
    "informative content.\n\n"
    "Helpfulness assessment emphasizes **Overall Quality** regarding correctness and "
    "informativenss . \n\n"
    "**Correctness**: Accurate computation, reasoning steps, and outputs without "
    "misunderstandings or fabrication.\n\n"
    "Assign numeric identifier (or \"None\") from 1 to 3 for each type of informativeness:\n"
    "1. **Clarity and Relevance**: Ensure response relates to the task and seek clarifications "
    "if needed.\n"
    "2. **Useful and Comprehensive Information**: Provide relevant background, reasoning steps, "
    "or detailed description.\n"
    "3. **Not Lengthy, No Repetition**: Avoid verbosity or recycling content.\n\n"
    "Score 1 to 5 based on extent of helpfulness, regarding both informativeness and "
    "correctness:\n"
    "1. **Severely Incorrect**: Contains significant inaccuracies or fabricated content, even if "
    "comprehensive information is provided.\n"
    "2. **Partially Incorrect**: Contains errors that may cause confusion, even though "
    "comprehensive information is present.\n"
    "3. **Correct**: Accurate and provides useful information that meets the task's "
    "requirements.\n"
    "4. **Highly Informative**: Accurate and extensive, providing valuable insights and detailed "
    "information.\n"
    "5. **Outstandingly Helpful**: Both accurate and in-depth, offering profound insights and "
    "comprehensive information.\n\n"
    "---\n\n"
    "## Format\n\n";

// winnow's overall template: distilabel's overall-rating criteria on a 1-to-10 scale.
constexpr std::string_view kOverallIntro =
    "# General Text Quality Assessment\n\n"
    "Evaluate the model's outputs based on various criteria:\n\n"
    "1. **Correctness & Informativeness**: Does the output provide accurate and helpful "
    "information?\n"
    "2. **Honesty & Uncertainty**: How confidently does the model convey its information, and "
    "does it express uncertainty appropriately?\n"
    "3. **Truthfulness & Hallucination**: Does the model introduce misleading or fabricated "
    "details?\n"
    "4. **Instruction Following**: Does the model's output align with given instructions and the "
    "user's intent?\n\n"
    "Your role is to provide a holistic assessment considering all the above factors.\n\n"
    "**Scoring**: Rate outputs 1 to 10 based on the overall quality, considering all aspects:\n"
    "1-2. **Low Quality**: Contains inaccuracies, may be entirely wrong or has severe "
    "hallucinations.\n"
    "3-4. **Moderate Quality**: Addresses some aspects, but has errors or is partially aligned "
    "with instructions.\n"
    "5-6. **Good**: Generally accurate but may contain minor errors or slight deviations.\n"
    "7-8. **Very Good**: Near perfect, with minor issues in terms of alignment or confidence.\n"
    "9-10. **Excellent**: Accurate, confident, aligned with instructions, and free of "
    "hallucinations.\n\n"
    "As the rationale, write a short critique: what is wrong or missing, and how the text could "
    "be better.\n\n"
    "## Format:\n\n";

constexpr std::string_view kWorldKnowledgeFormat =
    "World Knowledge:\n"
    "[External world knowledge for this instruction. Not part of instruction, but external "
    "resource.]\n\n";

// How one aspect's template differs from the others.
struct TemplateParts {
  std::string_view intro;
  std::string_view instruction_placeholder;
  std::string_view heading;          // "####", or "#####" in the honesty template
  std::string_view first_type;       // the first text's "Type:" placeholder; empty: no Type line
  std::string_view first_rationale;  // the first text's rating rationale placeholder
};

TemplateParts PartsFor(UltraFeedbackAspect aspect) {
  constexpr std::string_view kClear = "[Clearly specify the task goal and restrictions]";
  constexpr std::string_view kSpecify = "[Specify task goal and restrictions]";
  constexpr std::string_view kRationale = "[Rationale for the rating in short sentences]";
  switch (aspect) {
    case UltraFeedbackAspect::kInstructionFollowing:
      return {kInstructionFollowingIntro, kClear, "####", "", kRationale};
    case UltraFeedbackAspect::kHonesty:
      return {kHonestyIntro, kSpecify, "#####", "", kRationale};
    case UltraFeedbackAspect::kTruthfulness:
      return {kTruthfulnessIntro, kSpecify, "####",
              "[List of numeric identifiers (or \"None\" if no hallucination observed) of "
              "hallucination types, separated by commas]",
              kRationale};
    case UltraFeedbackAspect::kHelpfulness:
      return {kHelpfulnessIntro, kSpecify, "####",
              "[List of numeric identifiers (or \"None\") for informativeness type, separated by "
              "commas]",
              "[Rationale for the rating in short sentencs]"};  // the original's typo
    case UltraFeedbackAspect::kOverall:
      break;
  }
  return {kOverallIntro, kClear, "####", "", kRationale};
}

std::string CountWord(size_t n) {
  constexpr std::array<std::string_view, 11> kWords = {
      "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};
  return n < kWords.size() ? std::string(kWords[n]) : std::to_string(n);
}

// The "### Output" part of the format section: one block per text, the first one spelled out.
void AppendOutputFormat(const TemplateParts& parts, size_t n, std::string* out) {
  for (size_t i = 1; i <= n; ++i) {
    const bool first = i == 1;
    if (!first) out->append("\n");
    out->append(fmt::format("{} Output for Text {}\n", parts.heading, i));
    if (!parts.first_type.empty()) {
      out->append(fmt::format("Type: {}\n", first ? parts.first_type : "[List of types]"));
      out->append(first ? "Rationale: [Rationale for the identification in short sentences]\n"
                        : "Rationale: [Rationale]\n");
    }
    out->append(first ? "Rating: [Rating for text 1]\n" : "Rating: [Rating]\n");
    out->append(fmt::format("Rationale: {}\n", first ? parts.first_rationale : "[Rationale]"));
  }
}

}  // namespace

std::vector<llm::Message> BuildUltraFeedbackMessages(
    UltraFeedbackAspect aspect, std::string_view instruction,
    std::span<const std::string> completions, std::optional<std::string_view> world_knowledge) {
  const TemplateParts parts = PartsFor(aspect);
  const bool with_knowledge = world_knowledge.has_value() && UltraFeedbackHasType(aspect);
  const size_t n = completions.size();
  std::string user(parts.intro);
  user.append(fmt::format("### Input\nInstruction: {}\n\nTexts:\n", parts.instruction_placeholder));
  for (size_t i = 1; i <= n; ++i) user.append(fmt::format("<text {0}> [Text {0}]\n", i));
  user.append("\n");
  if (with_knowledge) user.append(kWorldKnowledgeFormat);
  user.append("### Output\n");
  AppendOutputFormat(parts, n, &user);
  user.append("\n---\n\n## Annotation\n\n### Input\n");
  user.append("Instruction: ").append(instruction).append("\n\nTexts:\n");
  for (size_t i = 0; i < n; ++i) user.append(fmt::format("<text {}> {}\n", i + 1, completions[i]));
  user.append("\n");
  if (with_knowledge) user.append("World Knowledge:\n").append(*world_knowledge).append("\n\n");
  user.append("### Output\n");
  return {llm::Message{"system", fmt::format(fmt::runtime(kSystemPrompt), CountWord(n))},
          llm::Message{"user", std::move(user)}};
}

}  // namespace winnow::tasks
