#include "winnow/pipeline/pipeline_graph.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "winnow/common/hash.h"
#include "winnow/pipeline/step_options.h"

namespace winnow {
namespace {

Status StepError(const PipelineStepSpec& step, std::string_view message) {
  return Status::InvalidInput(fmt::format("{}: step '{}': {}", step.where, step.name, message));
}

std::string SuggestType(std::string_view type, const std::vector<std::string>& known) {
  std::string best;
  size_t best_distance = 4;
  for (const std::string& candidate : known) {
    size_t distance = EditDistance(type, candidate);
    if (distance < best_distance) best_distance = distance, best = candidate;
  }
  return best.empty() ? std::string() : fmt::format(" (did you mean '{}'?)", best);
}

// Depth-first search for a cycle; returns the loop "a -> b -> a" or "".
std::string FindCycle(const std::vector<GraphNode>& nodes) {
  std::vector<int> state(nodes.size(), 0);  // 0 new, 1 on the stack, 2 done
  std::vector<size_t> stack;
  std::string loop;
  auto visit = [&](auto&& self, size_t node) -> bool {
    state[node] = 1;
    stack.push_back(node);
    for (size_t child : nodes[node].children) {
      if (state[child] == 1) {
        auto start = std::find(stack.begin(), stack.end(), child);
        for (auto it = start; it != stack.end(); ++it) loop += nodes[*it].spec.name + " -> ";
        loop += nodes[child].spec.name;
        return true;
      }
      if (state[child] == 0 && self(self, child)) return true;
    }
    stack.pop_back();
    state[node] = 2;
    return false;
  };
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (state[i] == 0 && visit(visit, i)) return loop;
  }
  return {};
}

std::string Fingerprint(const GraphNode& node, const std::vector<GraphNode>& nodes,
                        const PipelineSpec& spec) {
  std::string material = node.spec.type;
  for (const auto& [key, value] : node.spec.options) {
    material += fmt::format("\n{}={}", key, value);
  }
  if (node.kind == NodeKind::kLlm) {
    // What the answers depend on beyond the options: the seed and which model each endpoint is.
    material += fmt::format("\nseed={}", spec.seed);
    for (const auto& endpoint : spec.endpoints) {
      material += fmt::format("\nendpoint {}={}", endpoint.name, endpoint.model);
    }
  }
  for (size_t parent : node.parents) material += "\nparent=" + nodes[parent].fingerprint;
  return fmt::format("{:016x}", Hash64(material));
}

}  // namespace

Result<PipelineGraph> PipelineGraph::Build(const PipelineSpec& spec,
                                           bool (*is_llm_task)(std::string_view),
                                           bool (*step_exists)(std::string_view),
                                           const std::vector<std::string>& known_types) {
  PipelineGraph graph;
  std::map<std::string, size_t, std::less<>> by_name;
  for (const PipelineStepSpec& step : spec.steps) {
    GraphNode node;
    node.spec = step;
    if (step.type == "read") {
      node.kind = NodeKind::kRead;
    } else if (step.type == "write") {
      node.kind = NodeKind::kWrite;
    } else if (step.type == "join") {
      node.kind = NodeKind::kJoin;
    } else if (is_llm_task(step.type)) {
      node.kind = NodeKind::kLlm;
    } else if (step_exists(step.type)) {
      node.kind = NodeKind::kStep;
    } else {
      return Error(StepError(step, fmt::format("unknown step type '{}'{}", step.type,
                                               SuggestType(step.type, known_types))));
    }
    if (!by_name.emplace(step.name, graph.nodes.size()).second) {
      return Error(StepError(step, "another step has this name; names must be unique"));
    }
    graph.nodes.push_back(std::move(node));
  }
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    GraphNode& node = graph.nodes[i];
    std::vector<std::string> after = node.spec.after;
    if (after.size() == 1 && after[0] == kPreviousStep) {
      after.clear();
      if (node.kind != NodeKind::kRead) {
        if (i == 0) return Error(StepError(node.spec, "the first step must be a `read` step"));
        after.push_back(graph.nodes[i - 1].spec.name);
      }
    }
    node.spec.after = after;
    if (node.kind == NodeKind::kRead && !after.empty()) {
      return Error(StepError(node.spec, "a `read` step cannot have `after`"));
    }
    if (node.kind == NodeKind::kJoin && after.size() < 2) {
      return Error(StepError(node.spec, "a `join` needs at least two steps in `after`"));
    }
    if (node.kind != NodeKind::kJoin && after.size() > 1) {
      return Error(StepError(node.spec, "only a `join` step may have several steps in `after`"));
    }
    for (const std::string& parent : after) {
      auto it = by_name.find(parent);
      if (it == by_name.end()) {
        std::vector<std::string> names;
        for (const auto& [name, index] : by_name) names.push_back(name);
        return Error(StepError(node.spec, fmt::format("`after` names an unknown step '{}'{}",
                                                      parent, SuggestType(parent, names))));
      }
      if (it->second == i) return Error(StepError(node.spec, "a step cannot come after itself"));
      if (graph.nodes[it->second].kind == NodeKind::kWrite) {
        return Error(StepError(node.spec, fmt::format("'{}' is a `write` step; nothing comes "
                                                      "after a write",
                                                      parent)));
      }
      node.parents.push_back(it->second);
      graph.nodes[it->second].children.push_back(i);
    }
  }
  std::string cycle = FindCycle(graph.nodes);
  if (!cycle.empty()) {
    return Error(
        Status::InvalidInput(fmt::format("{}: the steps form a cycle: {}", spec.path, cycle)));
  }
  // Kahn's algorithm, taking the lowest file position first so the order is stable.
  std::vector<size_t> pending(graph.nodes.size());
  for (size_t i = 0; i < graph.nodes.size(); ++i) pending[i] = graph.nodes[i].parents.size();
  std::vector<bool> done(graph.nodes.size(), false);
  while (graph.order.size() < graph.nodes.size()) {
    size_t next = graph.nodes.size();
    for (size_t i = 0; i < graph.nodes.size() && next == graph.nodes.size(); ++i) {
      if (!done[i] && pending[i] == 0) next = i;
    }
    done[next] = true;
    graph.order.push_back(next);
    for (size_t child : graph.nodes[next].children) --pending[child];
  }
  for (size_t index : graph.order) {
    graph.nodes[index].fingerprint = Fingerprint(graph.nodes[index], graph.nodes, spec);
  }
  for (const GraphNode& node : graph.nodes) {
    if (node.kind != NodeKind::kWrite && node.children.empty()) {
      return Error(StepError(node.spec,
                             "nothing uses this step's rows; end the branch with a "
                             "`write` step"));
    }
  }
  return graph;
}

}  // namespace winnow
