# winnow_add_test(NAME subsystem LABEL unit|integration|slow)
# Builds one GoogleTest binary from every tests/<subsystem>/*_test.cc and registers its tests with CTest.
function(winnow_add_test subsystem label)
  file(GLOB test_sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/${subsystem}/*_test.cc)
  if(NOT test_sources)
    return()
  endif()
  set(target ${subsystem}_tests)
  add_executable(${target} ${test_sources})
  target_link_libraries(${target} PRIVATE winnow_core GTest::gtest GTest::gtest_main GTest::gmock)
  target_include_directories(${target} PRIVATE ${CMAKE_SOURCE_DIR}/tests)
  target_compile_definitions(${target} PRIVATE
    WINNOW_TEST_DATA_DIR="${CMAKE_SOURCE_DIR}/tests/data"
    WINNOW_SHARED_DATA_DIR="${CMAKE_SOURCE_DIR}/../shared/data"
    WINNOW_BINARY="$<TARGET_FILE:winnow>")
  add_dependencies(${target} winnow)
  # The prefix lets `ctest -R convert` pick one subsystem's tests.
  gtest_discover_tests(${target} TEST_PREFIX "${subsystem}." PROPERTIES LABELS ${label}
                       DISCOVERY_TIMEOUT 60)
endfunction()

# winnow_add_fuzzer(NAME source): a libFuzzer binary under clang, a corpus-replay binary under g++.
function(winnow_add_fuzzer name source)
  add_executable(${name} ${source})
  target_link_libraries(${name} PRIVATE winnow_core)
  if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    target_compile_options(${name} PRIVATE -fsanitize=fuzzer)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  else()
    target_sources(${name} PRIVATE ${CMAKE_SOURCE_DIR}/fuzz/replay_main.cc)
  endif()
endfunction()
