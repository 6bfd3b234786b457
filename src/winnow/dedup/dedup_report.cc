#include "winnow/dedup/dedup_report.h"

#include <fmt/format.h>

#include "winnow/record/json_builder.h"
#include "winnow/stats/html_page.h"
#include "winnow/stats/report_format.h"

namespace winnow {
namespace {

struct SizeBin {
  const char* label;
  uint64_t low, high;
};
constexpr SizeBin kSizeBins[] = {{"2", 2, 2},
                                 {"3", 3, 3},
                                 {"4-5", 4, 5},
                                 {"6-10", 6, 10},
                                 {"11-100", 11, 100},
                                 {"101-1000", 101, 1000},
                                 {">1000", 1001, ~uint64_t{0}}};

std::string Throughput(const DedupReport& report) {
  if (report.seconds <= 0) return "";
  if (report.input_bytes == 0) {
    return fmt::format("{} records/s",
                       FormatCount(static_cast<uint64_t>(report.records / report.seconds)));
  }
  return fmt::format("{:.1f} MB/s, {} records/s",
                     static_cast<double>(report.input_bytes) / 1e6 / report.seconds,
                     FormatCount(static_cast<uint64_t>(report.records / report.seconds)));
}

}  // namespace

void AddClusterSizesToReport(const std::vector<uint64_t>& sizes, DedupReport* report) {
  report->clusters = sizes.size();
  report->records_in_clusters = 0;
  report->largest_cluster = 0;
  std::vector<uint64_t> counts(std::size(kSizeBins), 0);
  for (uint64_t size : sizes) {
    report->records_in_clusters += size;
    report->largest_cluster = std::max(report->largest_cluster, size);
    for (size_t i = 0; i < std::size(kSizeBins); ++i) {
      if (size >= kSizeBins[i].low && size <= kSizeBins[i].high) ++counts[i];
    }
  }
  report->size_histogram.clear();
  for (size_t i = 0; i < std::size(kSizeBins); ++i) {
    report->size_histogram.emplace_back(kSizeBins[i].label, counts[i]);
  }
}

void AddPlanToReport(const DedupPlan& plan, DedupReport* report) {
  report->records = plan.cluster_of.size();
  report->removed = plan.removed;
  AddClusterSizesToReport(std::vector<uint64_t>(plan.sizes.begin(), plan.sizes.end()), report);
}

std::string ClustersJsonl(const DedupPlan& plan, const DocTable& docs) {
  std::vector<std::vector<uint32_t>> members(plan.cluster_count());
  for (uint32_t doc = 0; doc < plan.cluster_of.size(); ++doc) {
    if (plan.InCluster(doc)) members[plan.cluster_of[doc]].push_back(doc);
  }
  std::string out;
  JsonBuilder json;
  for (uint32_t cluster = 0; cluster < members.size(); ++cluster) {
    json.BeginObject()
        .Key("cluster_id")
        .Int(cluster)
        .Key("size")
        .Int(plan.sizes[cluster])
        .Field("kept", docs.id(plan.kept[cluster]))
        .Key("cluster")
        .BeginArray();
    for (uint32_t doc : members[cluster]) json.String(docs.id(doc));
    json.EndArray().EndObject();
    out += json.Take();
    out += '\n';
  }
  return out;
}

std::string DedupReportText(const DedupReport& report) {
  std::string out = fmt::format("winnow dedup {}:", report.method);
  for (const auto& [key, value] : report.settings) out += fmt::format(" {}={}", key, value);
  out += "\n";
  if (!report.s_curve.empty()) out += report.s_curve;
  out += fmt::format("  records {}   clusters {} ({} records)   {} {} ({})\n",
                     FormatCount(report.records), FormatCount(report.clusters),
                     FormatCount(report.records_in_clusters),
                     report.annotate ? "marked as duplicates" : "removed",
                     FormatCount(report.removed), FormatPercent(report.removed, report.records));
  if (report.without_fingerprint > 0) {
    out += fmt::format(
        "  {} records had no fingerprint (empty, or shorter than one shingle) and "
        "were never compared\n",
        FormatCount(report.without_fingerprint));
  }
  if (report.verify) {
    out += fmt::format("  verification: {} candidate pairs, {} confirmed, {} below the threshold\n",
                       FormatCount(report.verify->candidate_pairs),
                       FormatCount(report.verify->confirmed_pairs),
                       FormatCount(report.verify->rejected_pairs));
  }
  if (report.clusters > 0) {
    out += "  cluster sizes:";
    for (const auto& [label, count] : report.size_histogram) {
      if (count > 0) out += fmt::format(" {}: {}", label, FormatCount(count));
    }
    out += fmt::format("  (largest {})\n", report.largest_cluster);
  }
  const std::string speed = Throughput(report);
  if (!speed.empty()) out += fmt::format("  {} in {}\n", speed, FormatSeconds(report.seconds));
  return out;
}

std::string DedupReportJson(const DedupReport& report) {
  JsonBuilder json;
  json.BeginObject().Field("method", report.method).Key("settings").BeginObject();
  for (const auto& [key, value] : report.settings) json.Field(key, value);
  json.EndObject()
      .Key("records")
      .Int(static_cast<int64_t>(report.records))
      .Key("records_without_fingerprint")
      .Int(static_cast<int64_t>(report.without_fingerprint))
      .Key("clusters")
      .Int(static_cast<int64_t>(report.clusters))
      .Key("records_in_clusters")
      .Int(static_cast<int64_t>(report.records_in_clusters))
      .Key(report.annotate ? "marked" : "removed")
      .Int(static_cast<int64_t>(report.removed))
      .Key("largest_cluster")
      .Int(static_cast<int64_t>(report.largest_cluster))
      .Key("seconds")
      .Number(report.seconds)
      .Key("input_bytes")
      .Int(static_cast<int64_t>(report.input_bytes));
  if (report.verify) {
    json.Key("verification")
        .BeginObject()
        .Key("candidate_pairs")
        .Int(static_cast<int64_t>(report.verify->candidate_pairs))
        .Key("confirmed_pairs")
        .Int(static_cast<int64_t>(report.verify->confirmed_pairs))
        .Key("rejected_pairs")
        .Int(static_cast<int64_t>(report.verify->rejected_pairs))
        .EndObject();
  }
  json.Key("cluster_sizes").BeginObject();
  for (const auto& [label, count] : report.size_histogram) {
    json.Key(label).Int(static_cast<int64_t>(count));
  }
  json.EndObject().Key("sample_clusters").BeginArray();
  for (size_t i = 0; i < report.samples.size(); ++i) {
    const ClusterSample& sample = report.samples[i];
    json.BeginObject()
        .Key("cluster_id")
        .Int(static_cast<int64_t>(sample.cluster))
        .Key("size")
        .Int(static_cast<int64_t>(sample.size))
        .Field("why_shown", i < report.largest_samples ? "largest" : "random")
        .Key("members")
        .BeginArray();
    for (const auto& member : sample.members) {
      json.BeginObject()
          .Field("id", member.id)
          .Key("kept")
          .Bool(member.kept)
          .Field("text", member.text)
          .EndObject();
    }
    json.EndArray().EndObject();
  }
  json.EndArray().EndObject();
  return json.Take() + "\n";
}

std::string DedupReportHtml(const DedupReport& report) {
  std::string out = HtmlPageStart("winnow dedup " + report.method);
  out += "<h1>Dedup: " + HtmlEscape(report.method) + "</h1>\n<article class=\"card\">";
  out += "<div class=\"stats\">";
  out += HtmlStat("records", FormatCount(report.records));
  out += HtmlStat("clusters", FormatCount(report.clusters));
  out += HtmlStat("records in clusters", FormatCount(report.records_in_clusters));
  out += HtmlStat(
      report.annotate ? "marked duplicate" : "removed",
      FormatCount(report.removed) + " (" + FormatPercent(report.removed, report.records) + ")");
  out += HtmlStat("largest cluster", FormatCount(report.largest_cluster));
  if (report.without_fingerprint > 0) {
    out += HtmlStat("never compared", FormatCount(report.without_fingerprint));
  }
  const std::string speed = Throughput(report);
  if (!speed.empty()) out += HtmlStat("speed", speed);
  out += "</div>\n<table>";
  for (const auto& [key, value] : report.settings) {
    out += "<tr><th>" + HtmlEscape(key) + "</th><td class=\"mono\">" + HtmlEscape(value) +
           "</td></tr>";
  }
  out += "</table>";
  if (!report.s_curve.empty()) {
    out += "<h4>Probability that a pair becomes a candidate</h4><pre class=\"mono\">" +
           HtmlEscape(report.s_curve) + "</pre>";
  }
  if (report.verify) {
    out += fmt::format("<p>Exact Jaccard check: {} candidate pairs, {} confirmed, {} rejected.</p>",
                       FormatCount(report.verify->candidate_pairs),
                       FormatCount(report.verify->confirmed_pairs),
                       FormatCount(report.verify->rejected_pairs));
  }
  out +=
      "</article>\n<h2>Cluster sizes</h2>\n<article class=\"card\"><table>"
      "<tr><th>size</th><th class=\"n\">clusters</th><th></th></tr>";
  for (const auto& [label, count] : report.size_histogram) {
    out += "<tr><td>" + HtmlEscape(label) + "</td><td class=\"n\">" + FormatCount(count) +
           "</td><td style=\"width:60%\">" + HtmlMeter(count, report.clusters) + "</td></tr>";
  }
  out += "</table></article>\n<h2>Sample clusters</h2>\n";
  for (size_t i = 0; i < report.samples.size(); ++i) {
    const ClusterSample& sample = report.samples[i];
    out += fmt::format(
        "<article class=\"card\"><h3>cluster {} <span class=\"tag\">{} records"
        "</span><span class=\"tag\">{}</span></h3><div class=\"grid\">",
        sample.cluster, sample.size, i < report.largest_samples ? "largest" : "random");
    for (const auto& member : sample.members) {
      out += "<div><h4>" + HtmlEscape(member.id) +
             (member.kept ? " <span class=\"tag\">kept</span>" : "") + "</h4><div class=\"snip\">" +
             HtmlEscape(member.text) + "</div></div>";
    }
    out += "</div></article>\n";
  }
  out += HtmlPageEnd();
  return out;
}

}  // namespace winnow
