#include "winnow/filters/rule_packs.h"

namespace winnow {
namespace {
// Keep each text byte-for-byte equal to rules/<name>.yaml (rule_packs_test checks it).

constexpr std::string_view kLlmIsmsYaml =
    R"yaml(# llm_isms: phrases that give a response away as written by a chat model.
#
# Use it with `pack:llm_isms` (on the command line, in filter options, or `include:` in a rules
# file), or copy this file and edit it. winnow embeds a copy of this file; this one is for
# reading and copying.
#
# Where the idea comes from (the phrases below are our own selection, not a copy of any list):
#   - the cleaning scripts of ShareGPT_Vicuna_unfiltered and of the WizardLM "unfiltered"
#     datasets, which drop turns containing "as an AI language model" and similar;
#   - Kobak et al. 2024, "Delving into ChatGPT usage in academic writing through excess
#     vocabulary" (arXiv:2406.07016), and Liang et al. 2024, "Mapping the increasing use of LLMs
#     in scientific papers" (arXiv:2404.01268): words such as delves, showcasing, intricate,
#     pivotal, realm;
#   - the "slop" phrase lists shared by the open fine-tuning community (for example the
#     antislop-sampler project) for tapestry, testament to, a symphony of, ever-evolving.
#
# Matching: case-insensitive, on word boundaries (Unicode letters, digits and marks count as
# word characters), a space matches any run of whitespace and an apostrophe matches ' or ’.
# A * at the start or end of a phrase stands for more word characters ("delv*").
#
# Two rules:
#   llm_isms   phrases a human writer practically never uses: one match drops the text.
#   llm_style  words that chat models overuse but people use too: two matches (of any of them)
#              drop the text, one does not.

rules:
  - name: llm_isms
    description: an assistant talking about being an AI, its training or its cutoff, and stock
      openers and closers of chat models
    phrases:
      - as an AI language model
      - as an AI model
      - as an AI assistant
      - as an AI developed by
      - as a language model
      - as a large language model
      - I am an AI language model
      - I'm just an AI
      - I am just an AI
      - as an artificial intelligence
      - as of my last knowledge update
      - as of my last update
      - as of my knowledge cutoff
      - my knowledge cutoff
      - my last training update
      - as of my training data
      - I don't have personal opinions
      - I do not have personal opinions
      - I don't have personal experiences
      - I don't have personal beliefs
      - I don't have feelings
      - I do not have feelings or emotions
      - I don't have the ability to browse
      - I don't have real-time
      - I do not have real-time
      - I don't have access to real-time
      - I hope this helps
      - I hope this information helps
      - I'd be happy to help
      - I would be happy to help
      - I'm happy to help
      - feel free to ask
      - don't hesitate to ask
      - let me know if you have any other questions
      - let me know if you need any further
      - is there anything else I can help you with
      - great question
      - certainly!
      - it's important to note
      - it is important to note
      - it's worth noting
      - it is worth noting
      - it's important to remember
      - it is important to remember
      - in conclusion
      - in today's fast-paced world
      - in today's digital age

  - name: llm_style
    description: vocabulary chat models overuse; two matches are needed to drop a text
    min_matches: 2
    phrases:
      - delv*
      - tapestry
      - a testament to
      - multifaceted
      - intricate
      - intricacies
      - meticulous*
      - pivotal
      - showcasing
      - underscores the
      - the realm of
      - embark on
      - a beacon of
      - a symphony of
      - ever-evolving
      - navigate the complexities
      - navigating the complexities
      - unwavering
      - paramount
      - commendable
      - seamlessly
      - bustling
      - nestled
      - unleash the power
      - harness the power
      - unlock the potential
)yaml";

constexpr std::string_view kRefusalsYaml =
    R"yaml(# refusals: a response that declines the request, apologises instead of answering, or cites its
# guidelines.
#
# Use it with `pack:refusals` (on the command line, in filter options, or `include:` in a rules
# file), or copy this file and edit it. winnow embeds a copy of this file; this one is for
# reading and copying.
#
# Where the idea comes from (the phrases below are our own selection): the refusal and
# moralising phrases that the ShareGPT_Vicuna_unfiltered and WizardLM "unfiltered" cleaning
# scripts remove, and the refusal-detection string lists used to score jailbreak benchmarks
# (for example the "I'm sorry" / "I cannot" prefixes of the GCG attack evaluation, Zou et al.
# 2023, arXiv:2307.15043).
#
# Matching: case-insensitive, on word boundaries, a space matches any run of whitespace and an
# apostrophe matches ' or ’. One match drops the text.
#
# "I'm sorry, but" also catches polite corrections ("I'm sorry, but the second number is
# wrong"); if your data has many of those, copy this file and move that phrase to a rule with
# min_matches: 2, or add an allow pattern.

rules:
  - name: refusals
    description: the assistant declines, apologises instead of answering, or cites its policies
    phrases:
      - I cannot assist
      - I can't assist
      - I can not assist
      - I cannot help with
      - I can't help with
      - I cannot help you with
      - I can't help you with
      - I'm sorry, but
      - I am sorry, but
      - I apologize, but
      - I apologise, but
      - my apologies, but
      - I'm unable to
      - I am unable to
      - I'm not able to provide
      - I am not able to provide
      - I cannot provide
      - I can't provide
      - I cannot fulfill
      - I can't fulfill
      - I cannot comply
      - I can't comply
      - I won't be able to
      - I will not be able to
      - I must decline
      - I have to decline
      - against my programming
      - goes against my guidelines
      - against my ethical guidelines
      - violates my guidelines
      - OpenAI's use case policy
      - I'm not comfortable
      - I am not comfortable
      - it is not appropriate for me to
      - it's not appropriate for me to
      - I'm not programmed to
      - as a responsible AI
      - I cannot engage in
      - I can't engage in
      - I cannot create content
      - I can't create content
      - promote harmful
      - harmful or unethical
)yaml";

}  // namespace

const std::vector<RulePack>& RulePacks() {
  static const std::vector<RulePack> packs = {{"llm_isms", kLlmIsmsYaml},
                                              {"refusals", kRefusalsYaml}};
  return packs;
}

const RulePack* FindRulePack(std::string_view name) {
  for (const RulePack& pack : RulePacks()) {
    if (pack.name == name) return &pack;
  }
  return nullptr;
}

}  // namespace winnow
