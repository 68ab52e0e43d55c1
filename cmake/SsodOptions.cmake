# Common compile settings every target links (qBittorrent's CommonConfig pattern).
add_library(ssod_options INTERFACE)
target_compile_features(ssod_options INTERFACE cxx_std_20)
target_compile_definitions(ssod_options INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_CAST_TO_ASCII
  QT_NO_CONTEXTLESS_CONNECT
  QT_USE_QSTRINGBUILDER
  QT_NO_URL_CAST_FROM_STRING
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  QT_DISABLE_DEPRECATED_UP_TO=0x060400)
target_compile_options(ssod_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
# ASan + UBSan. UBSan findings are fatal (-fno-sanitize-recover) so that one fails its test rather
# than scrolling by in the log; the runtime options and LeakSanitizer's suppressions are set per
# test in tests/CMakeLists.txt. A fuzz build is a sanitizer build (the harnesses add libFuzzer's
# coverage instrumentation to the core only, see tests/fuzz/CMakeLists.txt).
if(SSOD_SANITIZE OR SSOD_FUZZ)
  target_compile_options(ssod_options INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(ssod_options INTERFACE -fsanitize=address,undefined)
endif()

# `cmake --build build --target format` reformats every source file with .clang-format.
find_program(SSOD_CLANG_FORMAT NAMES clang-format clang-format-14)
if(SSOD_CLANG_FORMAT)
  file(GLOB_RECURSE _ssod_format_files CONFIGURE_DEPENDS
    ${PROJECT_SOURCE_DIR}/core/*.cpp ${PROJECT_SOURCE_DIR}/core/*.h ${PROJECT_SOURCE_DIR}/ui/*.cpp ${PROJECT_SOURCE_DIR}/ui/*.h
    ${PROJECT_SOURCE_DIR}/app/*.cpp ${PROJECT_SOURCE_DIR}/app/*.h ${PROJECT_SOURCE_DIR}/tests/*.cpp)
  add_custom_target(format COMMAND ${SSOD_CLANG_FORMAT} -i ${_ssod_format_files} COMMENT "clang-format")
endif()
