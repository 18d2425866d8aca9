# ALERTGATE_FUZZ: everything, the production library included, is instrumented for libFuzzer's
# coverage and built with ASan + UBSan, so a finding anywhere in our code stops the run; only the
# fuzz targets link libFuzzer's main (-fsanitize=fuzzer, in tests/fuzz).
if(NOT ALERTGATE_FUZZ)
  return()
endif()
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "ALERTGATE_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++-14")
endif()
if(ALERTGATE_SANITIZE)
  message(FATAL_ERROR "ALERTGATE_FUZZ already builds with ASan + UBSan: leave ALERTGATE_SANITIZE off")
endif()
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
add_link_options(-fsanitize=address,undefined)
