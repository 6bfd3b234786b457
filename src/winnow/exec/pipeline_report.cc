#include "winnow/exec/pipeline_report.h"

#include <fmt/format.h>

#include "winnow/llm/request_body.h"
#include "winnow/record/json_builder.h"
#include "winnow/stats/report_format.h"

namespace winnow {
namespace {

uint64_t Done(const DagNode& node) {
  const Counters& c = const_cast<DagNode&>(node).counters();
  return c.Get("ok") + c.Get("ok.journal") + c.Get("failed");
}

Counters& CountersOf(const std::unique_ptr<DagNode>& node) { return node->counters(); }

std::string Dollars(double usd) {
  return usd < 0.01 && usd > 0 ? fmt::format("${:.4f}", usd) : fmt::format("${:.2f}", usd);
}

}  // namespace

std::string FormatRunProgress(const std::vector<std::unique_ptr<DagNode>>& nodes,
                              const llm::LlmEngine* engine, double elapsed_seconds) {
  std::string line = FormatSeconds(elapsed_seconds);
  for (const auto& node : nodes) {
    if (!node->is_llm()) continue;
    Counters& c = CountersOf(node);
    line += fmt::format(" | {} {}/{}", node->name(), FormatCount(Done(*node)),
                        FormatCount(c.Get("in")));
    if (c.Get("failed") > 0) line += fmt::format(" ({} failed)", FormatCount(c.Get("failed")));
  }
  if (engine != nullptr) {
    uint64_t in_flight = 0, cached = 0, tokens = 0, retries = 0;
    double cost = 0;
    for (const auto& s : engine->Stats()) {
      in_flight += s.in_flight;
      cached += s.cache_hits;
      retries += s.retries;
      tokens += static_cast<uint64_t>(s.prompt_tokens + s.completion_tokens);
      cost += s.cost_usd;
    }
    line += fmt::format(" | {} in flight, {} cached, {} retries, {} tokens", in_flight,
                        FormatCount(cached), FormatCount(retries), FormatCount(tokens));
    if (cost > 0) line += ", " + Dollars(cost);
  }
  // The slowest LLM step sets the pace: its rows per second and, once its input is known, ETA.
  for (auto it = nodes.rbegin(); it != nodes.rend(); ++it) {
    if (!(*it)->is_llm()) continue;
    uint64_t done = Done(**it);
    uint64_t in = (*it)->counters().Get("in");
    double rate = elapsed_seconds > 0 ? static_cast<double>(done) / elapsed_seconds : 0;
    line += fmt::format(" | {}/s", FormatNumber(rate));
    if (rate > 0 && in > done) {
      line += " ETA " + FormatSeconds(static_cast<double>(in - done) / rate);
    }
    break;
  }
  return line;
}

void PrintDryRun(const PipelineSpec& spec, const std::vector<std::unique_ptr<DagNode>>& nodes,
                 const llm::DryRunBackend& backend, std::FILE* out) {
  std::fprintf(out, "dry run of %s: nothing is sent or written\n", spec.path.c_str());
  uint64_t read_rows = 0, total_rows = 0;
  for (const auto& node : nodes) total_rows += CountersOf(node).Get("total");
  for (const auto& node : nodes) {
    Counters& c = CountersOf(node);
    if (c.Get("total") > 0) read_rows += c.Get("in");
    std::fprintf(out, "\n== %s: %s rows out\n", node->name().c_str(),
                 FormatCount(c.Get("out")).c_str());
    for (const std::string& row : node->preview()) {
      std::string shown = SanitizeText(row);
      if (shown.size() > 400) shown = shown.substr(0, 400) + "...";
      std::fprintf(out, "  %s\n", shown.c_str());
    }
  }
  for (const auto& [endpoint, requests] : backend.Examples()) {
    for (const llm::LlmRequest& request : requests) {
      std::fprintf(out, "\n== first request to %s (POST /v1/%s)\n", endpoint.c_str(),
                   std::string(llm::RequestRoute(request)).c_str());
      auto show = [out](std::string_view label, const std::string& text) {
        std::string shown = SanitizeText(text);
        if (shown.size() > 1200) shown = shown.substr(0, 1200) + "...";
        std::fprintf(out, "  [%.*s] %s\n", static_cast<int>(label.size()), label.data(),
                     shown.c_str());
      };
      if (request.kind == llm::RequestKind::kChat) {
        for (const llm::Message& message : request.messages) show(message.role, message.content);
      } else {
        show(request.kind == llm::RequestKind::kEmbedding ? "input" : "prompt", request.prompt);
      }
    }
  }
  double scale =
      read_rows > 0 ? static_cast<double>(total_rows) / static_cast<double>(read_rows) : 1.0;
  std::fprintf(out, "\n== estimate for all %s input rows (from the %s previewed)\n",
               FormatCount(total_rows).c_str(), FormatCount(read_rows).c_str());
  bool has_generator = false;
  for (const auto& node : nodes)
    has_generator = has_generator || node->counters().Get("rounds") > 0;
  if (has_generator) {
    std::fprintf(out,
                 "  (a generator step such as self_instruct sends rounds until its target is "
                 "met; how many depends on how many answers pass its filters, so its share "
                 "below is a guess from one round)\n");
  }
  double total_cost = 0;
  for (const auto& [name, tally] : backend.Tally()) {
    double calls = static_cast<double>(tally.calls) * scale;
    double prompt_tokens = static_cast<double>(tally.prompt_bytes) / 4.0 * scale;
    double max_completion = static_cast<double>(tally.max_tokens) * scale;
    double cost = 0;
    for (const auto& endpoint : spec.endpoints) {
      if (endpoint.name != name) continue;
      cost = (prompt_tokens * endpoint.input_price_per_mtok +
              max_completion * endpoint.output_price_per_mtok) /
             1e6;
    }
    total_cost += cost;
    std::fprintf(out,
                 "  %s: ~%s requests (before retries and re-asks), ~%s prompt tokens, at most %s "
                 "answer tokens, at most %s\n",
                 name.c_str(), FormatCount(static_cast<uint64_t>(calls)).c_str(),
                 FormatCount(static_cast<uint64_t>(prompt_tokens)).c_str(),
                 FormatCount(static_cast<uint64_t>(max_completion)).c_str(), Dollars(cost).c_str());
  }
  if (spec.budget_usd > 0) {
    std::fprintf(out,
                 "  budget: %s (the run stops cleanly when it is spent; the estimate's "
                 "upper bound is %s)\n",
                 Dollars(spec.budget_usd).c_str(), Dollars(total_cost).c_str());
  }
}

void PrintRunSummary(const PipelineSpec& spec, const std::string& run_dir,
                     const std::vector<std::unique_ptr<DagNode>>& nodes,
                     const std::vector<llm::EndpointStats>& stats,
                     const std::vector<WriteNode*>& writers, const PipelineRunResult& result,
                     std::FILE* out) {
  std::fprintf(out, "winnow run %s\n", spec.path.c_str());
  for (const auto& node : nodes) {
    Counters& c = CountersOf(node);
    if (node->is_llm()) {
      std::fprintf(out,
                   "  %-18s %s rows: %s answered, %s from the journal, %s failed; %s calls, %s "
                   "from the cache, %s + %s tokens\n",
                   node->name().c_str(), FormatCount(c.Get("in")).c_str(),
                   FormatCount(c.Get("ok")).c_str(), FormatCount(c.Get("ok.journal")).c_str(),
                   FormatCount(c.Get("failed")).c_str(), FormatCount(c.Get("llm.calls")).c_str(),
                   FormatCount(c.Get("llm.cache_hits")).c_str(),
                   FormatCount(c.Get("llm.prompt_tokens")).c_str(),
                   FormatCount(c.Get("llm.completion_tokens")).c_str());
    } else {
      std::fprintf(out, "  %-18s %s rows in, %s out\n", node->name().c_str(),
                   FormatCount(c.Get("in")).c_str(), FormatCount(c.Get("out")).c_str());
    }
  }
  for (const llm::EndpointStats& s : stats) {
    std::fprintf(out,
                 "  endpoint %s (%s): %s calls, %s requests, %s retries, %s re-asks, %s cache "
                 "hits, %s + %s tokens, %s\n",
                 s.name.c_str(), s.model.c_str(), FormatCount(s.calls).c_str(),
                 FormatCount(s.requests).c_str(), FormatCount(s.retries).c_str(),
                 FormatCount(s.reasks).c_str(), FormatCount(s.cache_hits).c_str(),
                 FormatCount(static_cast<uint64_t>(s.prompt_tokens)).c_str(),
                 FormatCount(static_cast<uint64_t>(s.completion_tokens)).c_str(),
                 Dollars(s.cost_usd).c_str());
    for (const auto& [failure, count] : s.failures) {
      std::fprintf(out, "    failed calls, %s: %s\n", failure.c_str(), FormatCount(count).c_str());
    }
  }
  if (result.failed_rows > 0) {
    std::fprintf(out,
                 "  %s rows failed: see %s/failed.jsonl (winnow run --retry-failed re-runs "
                 "them)\n",
                 FormatCount(result.failed_rows).c_str(), run_dir.c_str());
  }
  if (result.rejected_rows > 0) {
    std::fprintf(out, "  %s rows rejected by steps: see %s/rejected.jsonl\n",
                 FormatCount(result.rejected_rows).c_str(), run_dir.c_str());
  }
  if (result.budget_stopped) {
    std::fprintf(out,
                 "  the budget of %s is spent: outputs were not written; raise budget_usd "
                 "and run again to finish (finished rows are kept)\n",
                 Dollars(spec.budget_usd).c_str());
    return;
  }
  for (const WriteNode* writer : writers) {
    for (const std::string& path : writer->paths()) {
      std::fprintf(out, "  wrote %s\n", path.c_str());
    }
  }
}

std::string FormatRunSummaryJson(const std::vector<std::unique_ptr<DagNode>>& nodes,
                                 const std::vector<llm::EndpointStats>& stats,
                                 const PipelineRunResult& result) {
  JsonBuilder json;
  json.BeginObject().Key("steps").BeginObject();
  for (const auto& node : nodes) {
    json.Key(node->name()).BeginObject();
    for (const auto& [name, value] : node->counters().Snapshot()) {
      json.Key(name).Int(static_cast<int64_t>(value));
    }
    json.EndObject();
  }
  json.EndObject().Key("endpoints").BeginObject();
  for (const llm::EndpointStats& s : stats) {
    json.Key(s.name).BeginObject().Field("model", s.model);
    json.Key("calls").Int(static_cast<int64_t>(s.calls));
    json.Key("ok").Int(static_cast<int64_t>(s.ok));
    json.Key("failed").Int(static_cast<int64_t>(s.failed));
    json.Key("requests").Int(static_cast<int64_t>(s.requests));
    json.Key("retries").Int(static_cast<int64_t>(s.retries));
    json.Key("reasks").Int(static_cast<int64_t>(s.reasks));
    json.Key("cache_hits").Int(static_cast<int64_t>(s.cache_hits));
    json.Key("prompt_tokens").Int(s.prompt_tokens);
    json.Key("completion_tokens").Int(s.completion_tokens);
    json.Key("cost_usd").Number(s.cost_usd);
    json.Key("failures").BeginObject();
    for (const auto& [failure, count] : s.failures) {
      json.Key(failure).Int(static_cast<int64_t>(count));
    }
    json.EndObject().EndObject();
  }
  json.EndObject();
  json.Key("failed_rows").Int(static_cast<int64_t>(result.failed_rows));
  json.Key("rejected_rows").Int(static_cast<int64_t>(result.rejected_rows));
  json.Key("budget_stopped").Bool(result.budget_stopped);
  json.EndObject();
  return json.Take();
}

}  // namespace winnow
