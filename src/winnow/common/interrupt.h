#pragma once

// Ctrl-C handling. The first SIGINT/SIGTERM sets a flag that runners poll, so outputs are discarded
// cleanly (temp files removed) and winnow exits with 130; a second one exits at once. The flag is
// process-wide state by necessity: a signal handler can reach nothing else.

namespace winnow {

void InstallInterruptHandler();
bool InterruptRequested();

}  // namespace winnow
