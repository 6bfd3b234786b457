#include "winnow/common/interrupt.h"

#include <unistd.h>

#include <csignal>

namespace winnow {
namespace {

volatile std::sig_atomic_t g_interrupts = 0;

void OnSignal(int) {
  g_interrupts = g_interrupts + 1;
  if (g_interrupts > 1) _exit(130);
}

}  // namespace

void InstallInterruptHandler() {
  struct sigaction action {};
  action.sa_handler = OnSignal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

bool InterruptRequested() { return g_interrupts > 0; }

}  // namespace winnow
