#include "winnow/exec/dag_runner.h"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "winnow/common/hash.h"
#include "winnow/common/interrupt.h"
#include "winnow/exec/dag_nodes.h"
#include "winnow/exec/parallel_for.h"
#include "winnow/exec/pipeline_report.h"
#include "winnow/io/atomic_output.h"
#include "winnow/llm/dry_run_backend.h"
#include "winnow/llm/llm_engine.h"
#include "winnow/pipeline/pipeline_graph.h"
#include "winnow/pipeline/reject_writer.h"
#include "winnow/pipeline/step_registry.h"
#include "winnow/tasks/task_table.h"

namespace winnow {
namespace {

namespace fs = std::filesystem;

bool IsTask(std::string_view type) { return tasks::FindTask(type) != nullptr; }

bool IsStep(std::string_view type) {
  for (const StepSpec& spec : StepTable()) {
    if (type == spec.name) return true;
  }
  return false;
}

std::vector<std::string> KnownTypes() {
  std::vector<std::string> names = {"read", "write", "join"};
  for (const auto& spec : tasks::TaskTable()) names.emplace_back(spec.name);
  for (const auto& spec : StepTable()) names.emplace_back(spec.name);
  return names;
}

// Options naming files are relative to the pipeline file's folder, so a pipeline runs the same
// from anywhere.
bool IsPathOption(std::string_view type, std::string_view key) {
  return key == "path" || key.ends_with("_file") || key == "rules" || key == "tokenizer" ||
         (type == "chat_template" && key == "template");
}

std::string ResolvePath(const std::string& directory, const std::string& value) {
  if (value.empty() || value == "-" || fs::path(value).is_absolute() || directory.empty()) {
    return value;
  }
  return (fs::path(directory) / value).lexically_normal().string();
}

std::map<std::string, std::string> ResolvedOptions(const PipelineSpec& spec,
                                                   const PipelineStepSpec& step) {
  std::map<std::string, std::string> options = step.options;
  for (auto& [key, value] : options) {
    if (!IsPathOption(step.type, key)) continue;
    if (!value.starts_with('[')) {
      value = ResolvePath(spec.directory, value);
      continue;
    }
    StepOptions list(step.name, {{key, value}});
    Result<std::vector<std::string>> items = list.GetList(key, "");
    if (!items.has_value()) continue;  // the step reports the bad value itself
    std::string json = "[";
    for (const std::string& item : *items) {
      if (json.size() > 1) json += ',';
      json += fmt::format("\"{}\"", ResolvePath(spec.directory, item));
    }
    value = json + "]";
  }
  return options;
}

Status StepError(const PipelineStepSpec& step, const Status& status) {
  // Option errors already start with "step '<name>': "; say it once.
  std::string prefix = fmt::format("step '{}': ", step.name);
  if (status.message().starts_with(prefix)) {
    return Status(status.code(), fmt::format("{}: {}", step.where, status.message()));
  }
  return Status(status.code(), fmt::format("{}: {}{}", step.where, prefix, status.message()));
}

Status CheckEndpoints(const PipelineSpec& spec, const std::vector<std::string>& used) {
  for (const std::string& endpoint : used) {
    bool known = false;
    for (const auto& defined : spec.endpoints) known = known || defined.name == endpoint;
    if (!known) {
      return Status::InvalidArgument(
          fmt::format("endpoint '{}' is not defined under `endpoints:`", endpoint));
    }
  }
  return Status::OK();
}

// The nodes of one run, wired as the graph says.
struct BuiltRun {
  std::vector<std::unique_ptr<DagNode>> nodes;  // graph order
  std::vector<WriteNode*> writers;
  std::vector<const GraphNode*> specs;
};

size_t TaskWindow(const PipelineSpec& spec, const llm::LlmTask& task) {
  if (spec.max_rows_in_flight > 0) return spec.max_rows_in_flight;
  size_t window = 0;
  for (const std::string& name : task.Endpoints()) {
    for (const auto& endpoint : spec.endpoints) {
      if (endpoint.name != name) continue;
      for (const auto& replica : endpoint.replicas) window += replica.max_in_flight;
    }
  }
  return std::max<size_t>(16, window);
}

Result<BuiltRun> BuildNodes(const PipelineSpec& spec, const PipelineGraph& graph, FileSystem& fs,
                            RunShared& shared) {
  BuiltRun run;
  for (const GraphNode& node : graph.nodes) {
    const PipelineStepSpec& step = node.spec;
    StepOptions options(step.name, ResolvedOptions(spec, step));
    std::unique_ptr<DagNode> built;
    Status status;
    switch (node.kind) {
      case NodeKind::kRead: {
        auto made = MakeReadNode(step.name, options, fs, shared);
        if (made.has_value())
          built = std::move(*made);
        else
          status = made.error();
        break;
      }
      case NodeKind::kWrite: {
        auto made = MakeWriteNode(step.name, options, fs, shared);
        if (made.has_value()) {
          run.writers.push_back(made->get());
          built = std::move(*made);
        } else {
          status = made.error();
        }
        break;
      }
      case NodeKind::kJoin: {
        built = MakeJoinNode(step.name, step.after, shared);
        break;
      }
      case NodeKind::kLlm: {
        const tasks::TaskSpec* task_spec = tasks::FindTask(step.type);
        if (task_spec->create_generator != nullptr) {
          auto generator = task_spec->create_generator(options, Hash64(step.name, spec.seed));
          if (!generator.has_value()) {
            status = generator.error();
            break;
          }
          status = CheckEndpoints(spec, (*generator)->Endpoints());
          if (status.ok()) built = MakeGeneratorNode(step.name, std::move(*generator), shared);
          break;
        }
        auto task = task_spec->create(options, step.name);
        if (!task.has_value()) {
          status = task.error();
          break;
        }
        status = CheckEndpoints(spec, (*task)->Endpoints());
        if (!status.ok()) break;
        size_t window = TaskWindow(spec, **task);
        built = MakeLlmNode(step.name, node.fingerprint, std::move(*task), window, shared);
        break;
      }
      case NodeKind::kStep: {
        auto made = CreateStep(step.type, StepOptions(step.name, ResolvedOptions(spec, step)));
        if (made.has_value())
          built = MakeStepNode(step.name, std::move(*made), shared);
        else
          status = made.error();
        break;
      }
    }
    if (status.ok() && node.kind != NodeKind::kStep) status = options.Finish();
    if (!status.ok()) return Error(StepError(step, status));
    run.nodes.push_back(std::move(built));
    run.specs.push_back(&node);
  }
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    const GraphNode& node = graph.nodes[i];
    for (size_t slot = 0; slot < node.parents.size(); ++slot) {
      run.nodes[node.parents[slot]]->AddChild(run.nodes[i].get(), slot);
    }
    shared.inboxes.push_back(&run.nodes[i]->inbox());
  }
  return run;
}

// Runs every node on its own thread until all finish; polls for Ctrl-C and draws progress.
void RunThreads(BuiltRun& run, RunShared& shared, const llm::LlmEngine* engine,
                llm::LlmEngine* cancel, bool progress, std::FILE* report) {
  std::vector<std::thread> threads;
  threads.reserve(run.nodes.size());
  std::atomic<size_t> running{run.nodes.size()};
  for (auto& node : run.nodes) {
    threads.emplace_back([&running, raw = node.get()] {
      raw->RunToEnd();
      running.fetch_sub(1);
    });
  }
  auto start = std::chrono::steady_clock::now();
  bool drawn = false;
  while (running.load() > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (InterruptRequested() && !shared.aborted.load()) {
      if (cancel != nullptr) cancel->Cancel();
      shared.Abort(Status::Cancelled("interrupted"));
    }
    double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (progress && elapsed > 0.5) {
      std::string line = FormatRunProgress(run.nodes, engine, elapsed);
      std::fprintf(report, "\r\033[K%s", line.c_str());
      std::fflush(report);
      drawn = true;
    }
  }
  for (std::thread& thread : threads) thread.join();
  if (drawn) std::fprintf(report, "\r\033[K");
}

}  // namespace

Result<PipelineRunResult> RunPipeline(const PipelineSpec& spec, const PipelineRunOptions& options,
                                      std::FILE* report) {
  WINNOW_ASSIGN_OR_RETURN(PipelineGraph graph,
                          PipelineGraph::Build(spec, IsTask, IsStep, KnownTypes()));
  std::unique_ptr<FileSystem> fs = NewLocalFileSystem();
  bool has_llm = false;
  for (const GraphNode& node : graph.nodes) has_llm = has_llm || node.kind == NodeKind::kLlm;

  // Preflight: the first rows through every step with example answers, so a missing column or
  // a template error stops the run before any request is sent.
  {
    std::map<std::string, std::string> models;
    for (const auto& endpoint : spec.endpoints) models[endpoint.name] = endpoint.model;
    llm::DryRunBackend backend(options.dry_run ? 1 : 0, std::move(models));
    RunOutcomes outcomes(nullptr);
    RunShared shared;
    shared.outcomes = &outcomes;
    shared.backend = &backend;
    shared.seed = spec.seed;
    shared.preview = true;
    shared.strict_columns = true;
    shared.limit = options.limit > 0 ? options.limit : (options.dry_run ? 3 : 5);
    shared.preview_rows = options.dry_run ? shared.limit : 0;
    shared.max_rows_in_flight = spec.max_rows_in_flight;
    WINNOW_ASSIGN_OR_RETURN(BuiltRun run, BuildNodes(spec, graph, *fs, shared));
    RunThreads(run, shared, nullptr, nullptr, false, report);
    if (!shared.first_error.ok()) {
      if (shared.first_error.code() == StatusCode::kCancelled) return Error(shared.first_error);
      return Error(Status(
          shared.first_error.code(),
          fmt::format("{}: checking the first rows: {}", spec.path, shared.first_error.message())));
    }
    if (options.dry_run) {
      PrintDryRun(spec, run.nodes, backend, report);
      return PipelineRunResult{};
    }
  }

  std::string run_dir = options.run_dir;
  if (run_dir.empty()) {
    fs::path file(spec.path);
    run_dir = (file.parent_path() / (file.stem().string() + ".run")).string();
  }
  std::error_code error;
  fs::create_directories(fs::path(run_dir) / "journal", error);
  if (error) {
    return Error(Status::IoError(
        fmt::format("cannot create run directory {}: {}", run_dir, error.message())));
  }
  WINNOW_RETURN_IF_ERROR(WriteFileAtomically(*fs, run_dir + "/pipeline.yaml", spec.source_text));

  std::unique_ptr<llm::ResponseCache> cache;
  std::unique_ptr<llm::LlmEngine> engine;
  if (has_llm) {
    WINNOW_ASSIGN_OR_RETURN(cache, llm::ResponseCache::Open(run_dir + "/cache.sqlite"));
    llm::EngineOptions engine_options;
    engine_options.endpoints = spec.endpoints;
    engine_options.cache = cache.get();
    engine_options.budget_usd = spec.budget_usd;
    engine_options.seed = spec.seed;
    WINNOW_ASSIGN_OR_RETURN(engine, llm::LlmEngine::Start(std::move(engine_options)));
  }
  WINNOW_ASSIGN_OR_RETURN(auto rejects, RejectWriter::Create(*fs, run_dir + "/rejected.jsonl"));
  RunOutcomes outcomes(rejects.get());
  RunShared shared;
  shared.outcomes = &outcomes;
  shared.backend = engine.get();
  shared.seed = spec.seed;
  shared.run_dir = run_dir;
  shared.retry_failed = options.retry_failed;
  shared.limit = options.limit;
  shared.max_rows_in_flight = spec.max_rows_in_flight;
  // A parallel step (the filters, describe, most converters) uses every core inside its node, so
  // a pipeline of one heavy step is not held to one thread. Previews stay single-threaded.
  shared.step_workers = ResolveThreads(options.workers);
  WINNOW_ASSIGN_OR_RETURN(BuiltRun run, BuildNodes(spec, graph, *fs, shared));
  RunThreads(run, shared, engine.get(), engine.get(), options.progress, report);
  // Every call gets its callback before the nodes go away.
  std::vector<llm::EndpointStats> stats;
  if (engine) stats = engine->Stats();
  engine.reset();
  if (!shared.first_error.ok()) return Error(shared.first_error);

  PipelineRunResult result;
  result.failed_rows = outcomes.failed();
  result.rejected_rows = outcomes.rejected();
  for (const auto& node : run.nodes) {
    if (node->counters().Get("abandoned") > 0) result.budget_stopped = true;
  }
  WINNOW_RETURN_IF_ERROR(
      WriteFileAtomically(*fs, run_dir + "/failed.jsonl", outcomes.TakeFailures()));
  WINNOW_RETURN_IF_ERROR(rejects->Commit());
  WINNOW_RETURN_IF_ERROR(WriteFileAtomically(*fs, run_dir + "/summary.json",
                                             FormatRunSummaryJson(run.nodes, stats, result)));
  if (!result.budget_stopped) {
    for (WriteNode* writer : run.writers) WINNOW_RETURN_IF_ERROR(writer->Commit());
  }
  if (!options.quiet) PrintRunSummary(spec, run_dir, run.nodes, stats, run.writers, result, report);
  return result;
}

}  // namespace winnow
