#include "winnow/pipeline/pipeline_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "winnow/pipeline/pipeline_graph.h"

namespace winnow {
namespace {

bool IsTask(std::string_view type) { return type == "generate" || type == "ultrafeedback"; }
bool IsStep(std::string_view type) { return type == "sample" || type == "markdown_clean"; }
const std::vector<std::string> kKnown = {"read",     "write",  "join",
                                         "generate", "sample", "markdown_clean"};

Result<PipelineGraph> Graph(std::string_view yaml) {
  Result<PipelineSpec> spec = ParsePipeline(yaml, "p.yaml");
  if (!spec.has_value()) return Error(spec.error());
  return PipelineGraph::Build(*spec, IsTask, IsStep, kKnown);
}

std::string GraphError(std::string_view yaml) {
  Result<PipelineGraph> graph = Graph(yaml);
  return graph.has_value() ? std::string("(no error)") : graph.error().message();
}

TEST(PipelineFileTest, ParsesSettingsEndpointsAndSteps) {
  auto spec = ParsePipeline(R"(
name: demo
seed: 42
budget_usd: 2.5
endpoints:
  small:
    model: qwen
    base_url: http://127.0.0.1:8000
    dialect: vllm
    max_in_flight: 8
    requests_per_minute: 600
    input_price: 0.1
    output_price: 0.4
  big:
    model: llama
    replicas:
      - {base_url: "http://a:1", weight: 2}
      - {base_url: "http://b:1"}
steps:
  - name: src
    step: read
    path: data.jsonl
  - step: generate
    endpoints: [small, big]
    prompt: "Q: {{ question }}"
    json_schema: {type: object, required: [a], properties: {a: {type: integer}}}
  - step: write
    path: out.jsonl
)",
                            "dir/p.yaml");
  ASSERT_TRUE(spec.has_value()) << spec.error().message();
  EXPECT_EQ(spec->name, "demo");
  EXPECT_EQ(spec->seed, 42u);
  EXPECT_DOUBLE_EQ(spec->budget_usd, 2.5);
  EXPECT_EQ(spec->directory, "dir");
  ASSERT_EQ(spec->endpoints.size(), 2u);
  EXPECT_EQ(spec->endpoints[0].model, "qwen");
  EXPECT_EQ(spec->endpoints[0].dialect, llm::Dialect::kVllm);
  EXPECT_EQ(spec->endpoints[0].replicas.at(0).max_in_flight, 8u);
  EXPECT_DOUBLE_EQ(spec->endpoints[0].requests_per_minute, 600);
  EXPECT_DOUBLE_EQ(spec->endpoints[0].output_price_per_mtok, 0.4);
  ASSERT_EQ(spec->endpoints[1].replicas.size(), 2u);
  EXPECT_DOUBLE_EQ(spec->endpoints[1].replicas[0].weight, 2);
  ASSERT_EQ(spec->steps.size(), 3u);
  EXPECT_EQ(spec->steps[1].name, "generate_2");  // unnamed steps are named by type and place
  EXPECT_EQ(spec->steps[1].options.at("endpoints"), R"(["small","big"])");
  EXPECT_EQ(spec->steps[1].options.at("prompt"), "Q: {{ question }}");
  // Nested YAML becomes JSON; plain numbers stay numbers.
  EXPECT_EQ(spec->steps[1].options.at("json_schema"),
            R"({"type":"object","required":["a"],"properties":{"a":{"type":"integer"}}})");
  EXPECT_EQ(spec->steps[1].where, "dir/p.yaml:23:5");
}

TEST(PipelineFileTest, QuotedScalarsStayStrings) {
  auto spec = ParsePipeline("steps:\n  - step: read\n    x: {a: \"1\", b: 1, c: true, d: 'no'}\n",
                            "p.yaml");
  ASSERT_TRUE(spec.has_value());
  EXPECT_EQ(spec->steps[0].options.at("x"), R"({"a":"1","b":1,"c":true,"d":"no"})");
}

TEST(PipelineFileTest, CaFileIsRelativeToThePipelineAndMustExist) {
  std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "winnow-ca-file-test";
  std::filesystem::create_directories(dir / "certs");
  std::ofstream(dir / "certs/ca.pem") << "not checked here\n";
  std::string yaml =
      "endpoints:\n  e: {model: m, base_url: https://x, ca_file: certs/ca.pem}\n"
      "steps:\n  - step: read\n";
  auto spec = ParsePipeline(yaml, (dir / "p.yaml").string());
  ASSERT_TRUE(spec.has_value()) << spec.error().message();
  EXPECT_EQ(spec->endpoints[0].ca_file, (dir / "certs/ca.pem").string());
  auto missing = ParsePipeline(yaml, "elsewhere/p.yaml");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().message(),
            "elsewhere/p.yaml:2:3: endpoint 'e': ca_file 'elsewhere/certs/ca.pem' is not a "
            "readable file");
  std::filesystem::remove_all(dir);
}

TEST(PipelineFileTest, ErrorsNameFileLineAndColumn) {
  auto typo = ParsePipeline("stpes:\n  - step: read\n", "p.yaml");
  ASSERT_FALSE(typo.has_value());
  EXPECT_EQ(typo.error().message(), "p.yaml:1:1: unknown key 'stpes' (did you mean 'steps'?)");
  auto syntax = ParsePipeline("steps: [\n", "p.yaml");
  ASSERT_FALSE(syntax.has_value());
  EXPECT_NE(syntax.error().message().find("p.yaml:"), std::string::npos);
  auto endpoint = ParsePipeline(
      "endpoints:\n  e: {model: m, base_url: ftp://x}\nsteps:\n  - step: read\n", "p.yaml");
  ASSERT_FALSE(endpoint.has_value());
  EXPECT_EQ(endpoint.error().message(),
            "p.yaml:2:3: endpoint 'e': base_url 'ftp://x' must start with http:// or https://");
  auto no_type = ParsePipeline("steps:\n  - name: x\n", "p.yaml");
  ASSERT_FALSE(no_type.has_value());
  EXPECT_EQ(no_type.error().message(), "p.yaml:2:5: this step has no `step: <type>`");
  auto empty = ParsePipeline("seed: 1\n", "p.yaml");
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().message(), "p.yaml: the pipeline has no steps");
}

TEST(PipelineGraphTest, LinearByDefaultWithFingerprints) {
  auto graph = Graph(
      "steps:\n  - step: read\n    path: a\n  - step: sample\n    n: 2\n  - step: write\n"
      "    path: b\n");
  ASSERT_TRUE(graph.has_value()) << graph.error().message();
  ASSERT_EQ(graph->nodes.size(), 3u);
  EXPECT_EQ(graph->nodes[1].parents, std::vector<size_t>{0});
  EXPECT_EQ(graph->nodes[2].parents, std::vector<size_t>{1});
  EXPECT_EQ(graph->nodes[1].kind, NodeKind::kStep);
  EXPECT_EQ(graph->order, (std::vector<size_t>{0, 1, 2}));
  EXPECT_EQ(graph->nodes[0].fingerprint.size(), 16u);

  // Editing a step changes its fingerprint and those below it, not those above.
  auto edited = Graph(
      "steps:\n  - step: read\n    path: a\n  - step: sample\n    n: 3\n  - step: write\n"
      "    path: b\n");
  ASSERT_TRUE(edited.has_value());
  EXPECT_EQ(edited->nodes[0].fingerprint, graph->nodes[0].fingerprint);
  EXPECT_NE(edited->nodes[1].fingerprint, graph->nodes[1].fingerprint);
  EXPECT_NE(edited->nodes[2].fingerprint, graph->nodes[2].fingerprint);
}

TEST(PipelineGraphTest, FanOutAndJoin) {
  auto graph = Graph(R"(
steps:
  - {name: src, step: read, path: a}
  - {name: a, step: generate, after: src}
  - {name: b, step: generate, after: src}
  - {name: both, step: join, after: [a, b]}
  - {name: out, step: write, path: o}
)");
  ASSERT_TRUE(graph.has_value()) << graph.error().message();
  EXPECT_EQ(graph->nodes[0].children, (std::vector<size_t>{1, 2}));
  EXPECT_EQ(graph->nodes[3].parents, (std::vector<size_t>{1, 2}));
  EXPECT_EQ(graph->nodes[3].kind, NodeKind::kJoin);
  EXPECT_EQ(graph->nodes[1].kind, NodeKind::kLlm);
}

TEST(PipelineGraphTest, BadGraphsSayWhatIsWrong) {
  EXPECT_EQ(GraphError("steps:\n  - step: read\n  - step: generat\n  - step: write\n"),
            "p.yaml:3:5: step 'generat_2': unknown step type 'generat' (did you mean "
            "'generate'?)");
  EXPECT_EQ(GraphError("steps:\n  - step: sample\n"),
            "p.yaml:2:5: step 'sample_1': the first step must be a `read` step");
  EXPECT_EQ(GraphError("steps:\n  - {step: read}\n  - {step: write, after: nope}\n"),
            "p.yaml:3:5: step 'write_2': `after` names an unknown step 'nope'");
  EXPECT_EQ(GraphError("steps:\n  - {name: r, step: read}\n  - {name: r, step: write}\n"),
            "p.yaml:3:5: step 'r': another step has this name; names must be unique");
  EXPECT_EQ(GraphError("steps:\n  - {name: r, step: read}\n  - {name: s, step: sample}\n"),
            "p.yaml:3:5: step 's': nothing uses this step's rows; end the branch with a `write` "
            "step");
  EXPECT_EQ(GraphError(R"(steps:
  - {name: r, step: read}
  - {name: a, step: sample, after: c}
  - {name: b, step: sample, after: a}
  - {name: c, step: sample, after: b}
  - {name: w, step: write, after: c}
)"),
            "p.yaml: the steps form a cycle: a -> b -> c -> a");
  EXPECT_EQ(GraphError("steps:\n  - {name: r, step: read}\n  - {name: j, step: join}\n"
                       "  - {step: write}\n"),
            "p.yaml:3:5: step 'j': a `join` needs at least two steps in `after`");
  EXPECT_EQ(GraphError("steps:\n  - {name: r, step: read}\n  - {name: r2, step: read}\n"
                       "  - {step: sample, after: [r, r2]}\n  - {step: write}\n"),
            "p.yaml:4:5: step 'sample_3': only a `join` step may have several steps in `after`");
}

}  // namespace
}  // namespace winnow
