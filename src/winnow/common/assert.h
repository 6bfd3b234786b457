#pragma once

// WINNOW_ASSERT is for programmer errors only, never for user input (use Status for that).

#include <cstdio>
#include <cstdlib>

#define WINNOW_ASSERT(cond)                                                                   \
  do {                                                                                        \
    if (!(cond)) {                                                                            \
      std::fprintf(stderr, "winnow: internal error: %s:%d: assertion failed: %s\n", __FILE__, \
                   __LINE__, #cond);                                                          \
      std::abort();                                                                           \
    }                                                                                         \
  } while (0)
