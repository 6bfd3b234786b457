// winnow-test-llm-server: TestLlmServer as a process, for benchmark scripts. Prints
// "listening on http://127.0.0.1:PORT" once it serves, runs until SIGTERM or SIGINT, then writes
// the request log (--log) and exits 0. Exit 2: bad flags; 1: the port or a file failed.
//
// Throughput, measured on the 2-core build machine (shared: load average ~8 from other jobs) with
// client and server on the same cores: a throwaway C++ loop over winnow::HttpClient::PerformAll
// (keep-alive; distinct chat bodies of ~250 bytes; 20,000 requests after a warm-up) against this
// binary with no latency and no faults:
//   1 connection: ~11,000 req/s; 8: ~16,000 req/s; 16 to 64: 8,000-19,500 req/s (varying with
//   the other jobs' load; --log made no measurable difference).
// With --latency-median-ms 200 --latency-sigma 0.5 and 256 connections: ~880 req/s (the latency
// bound is ~1,130 req/s).

#include <pthread.h>

#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <string_view>

#include "llm/test_llm_server.h"

namespace {

using winnow::testutil::FaultRates;
using winnow::testutil::TestLlmServer;
using winnow::testutil::TestLlmServerOptions;

constexpr const char* kUsage = R"(usage: winnow-test-llm-server [flags]
  --port N                 port on 127.0.0.1; 0 (default) picks a free one
  --threads N              connections served at once (default 512)
  --latency-median-ms X    lognormal latency median per request (default 0: none)
  --latency-sigma S        lognormal sigma (default 0)
  --fault-429 P            probability of a 429 (0..1); likewise --fault-500, --fault-503,
                           --fault-slow, --fault-timeout, --fault-drop, --fault-malformed,
                           --fault-length, --fault-invalid-json, --fault-empty-choices
  --retry-after SECONDS    Retry-After of 429 answers (default "1"; "" sends none)
  --slow-seconds SECONDS   sleep of a slow answer (default 0.2)
  --timeout-sleep SECONDS  sleep of a timed-out request before its connection closes (default 30)
  --seed N                 seed of the fault and latency draws (default 0)
  --script FILE            JSON rules: [{"model"?, "contains"?, "regex"?, "reply" | "replies"}]
  --log FILE               request log as JSON lines, written at exit
)";

struct Flags {
  TestLlmServerOptions options;
  double latency_median_ms = 0;
  double latency_sigma = 0;
  FaultRates rates;
  std::string retry_after = "1";
  double slow_seconds = 0.2;
  double timeout_sleep = 30;
  std::string script;
  std::string log;
};

template <typename T>
bool ParseNumber(std::string_view text, T* value) {
  const char* end = text.data() + text.size();
  auto [ptr, error] = std::from_chars(text.data(), end, *value);
  return error == std::errc() && ptr == end;
}

// Each flag's parser; false when the value does not parse.
std::map<std::string, std::function<bool(std::string_view, Flags*)>, std::less<>> FlagTable() {
  auto number = [](auto member) {
    return [member](std::string_view text, Flags* flags) {
      return ParseNumber(text, &(flags->*member));
    };
  };
  auto rate = [](double FaultRates::*member) {
    return [member](std::string_view text, Flags* flags) {
      return ParseNumber(text, &(flags->rates.*member));
    };
  };
  return {
      {"--port", [](std::string_view t, Flags* f) { return ParseNumber(t, &f->options.port); }},
      {"--threads",
       [](std::string_view t, Flags* f) { return ParseNumber(t, &f->options.max_threads); }},
      {"--latency-median-ms", number(&Flags::latency_median_ms)},
      {"--latency-sigma", number(&Flags::latency_sigma)},
      {"--fault-429", rate(&FaultRates::rate_limited)},
      {"--fault-500", rate(&FaultRates::server_error)},
      {"--fault-503", rate(&FaultRates::unavailable)},
      {"--fault-slow", rate(&FaultRates::slow)},
      {"--fault-timeout", rate(&FaultRates::timeout)},
      {"--fault-drop", rate(&FaultRates::drop)},
      {"--fault-malformed", rate(&FaultRates::malformed)},
      {"--fault-length", rate(&FaultRates::length)},
      {"--fault-invalid-json", rate(&FaultRates::invalid_json)},
      {"--fault-empty-choices", rate(&FaultRates::empty_choices)},
      {"--retry-after",
       [](std::string_view t, Flags* f) { return f->retry_after = std::string(t), true; }},
      {"--slow-seconds", number(&Flags::slow_seconds)},
      {"--timeout-sleep", number(&Flags::timeout_sleep)},
      {"--seed", [](std::string_view t, Flags* f) { return ParseNumber(t, &f->rates.seed); }},
      {"--script", [](std::string_view t, Flags* f) { return f->script = std::string(t), true; }},
      {"--log", [](std::string_view t, Flags* f) { return f->log = std::string(t), true; }},
  };
}

// Accepts "--flag value" and "--flag=value". Returns false (after saying why) on a bad flag.
bool ParseFlags(int argc, char** argv, Flags* flags) {
  const auto table = FlagTable();
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    }
    std::string_view name = arg.substr(0, arg.find('='));
    auto it = table.find(name);
    if (it == table.end()) {
      std::fprintf(stderr, "winnow-test-llm-server: unknown flag %s\n%s", argv[i], kUsage);
      return false;
    }
    std::string_view value;
    if (name.size() < arg.size()) {
      value = arg.substr(name.size() + 1);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      std::fprintf(stderr, "winnow-test-llm-server: %s needs a value\n", argv[i]);
      return false;
    }
    if (!it->second(value, flags)) {
      std::fprintf(stderr, "winnow-test-llm-server: %.*s: cannot use \"%.*s\"\n",
                   static_cast<int>(name.size()), name.data(), static_cast<int>(value.size()),
                   value.data());
      return false;
    }
  }
  winnow::Status rates = winnow::testutil::ValidateFaultRates(flags->rates);
  if (!rates.ok()) {
    std::fprintf(stderr, "winnow-test-llm-server: %s\n", rates.message().c_str());
    return false;
  }
  return true;
}

bool Configure(const Flags& flags, TestLlmServer* server) {
  if (!flags.script.empty()) {
    std::ifstream in(flags.script, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) {
      std::fprintf(stderr, "winnow-test-llm-server: %s: cannot read\n", flags.script.c_str());
      return false;
    }
    winnow::Status loaded = server->LoadScript(text.str());
    if (!loaded.ok()) {
      std::fprintf(stderr, "winnow-test-llm-server: %s: %s\n", flags.script.c_str(),
                   loaded.message().c_str());
      return false;
    }
  }
  server->set_fault_rates(flags.rates);
  server->set_retry_after(flags.retry_after);
  server->set_slow_seconds(flags.slow_seconds);
  server->set_timeout_seconds(flags.timeout_sleep);
  server->set_latency(flags.latency_median_ms / 1000.0, flags.latency_sigma, flags.rates.seed);
  server->set_keep_log(!flags.log.empty());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags;
  if (!ParseFlags(argc, argv, &flags)) return 2;
  // Blocked before any thread starts, so every server thread inherits the mask and the signals
  // wait for sigwait below.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  TestLlmServer server(flags.options);
  if (server.port() <= 0) {
    std::fprintf(stderr, "winnow-test-llm-server: cannot listen on 127.0.0.1:%d\n",
                 flags.options.port);
    return 1;
  }
  if (!Configure(flags, &server)) return 1;
  std::printf("listening on %s\n", server.base_url().c_str());
  std::fflush(stdout);

  int signal = 0;
  sigwait(&stop_signals, &signal);
  server.Stop();
  if (!flags.log.empty()) {
    winnow::Status written = server.WriteLog(flags.log);
    if (!written.ok()) {
      std::fprintf(stderr, "winnow-test-llm-server: %s\n", written.message().c_str());
      return 1;
    }
  }
  return 0;
}
