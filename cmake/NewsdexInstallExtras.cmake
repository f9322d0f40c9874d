# What `cmake --install` puts beside the tools: a man page for each (made at
# build time by Debian's help2man from the tool's --help and --version, plus
# the EXAMPLES and SEE ALSO of man/<tool>.h2m), bash completion for all
# three (completion/newsdex.bash, installed under each tool's name, where
# bash-completion looks for it), and the licence notice.
#   cmake --build build && cmake --install build --prefix ~/.local
set(NEWSDEX_TOOLS newsdex-index newsdex-query newsdex-ner)
set(NEWSDEX_TOOL_SUMMARY_newsdex-index "index news archives into a Xapian database, with their people, places and organizations")
set(NEWSDEX_TOOL_SUMMARY_newsdex-query "search a newsdex database: ranked hits, snippets, entity facets, batch JSON Lines")
set(NEWSDEX_TOOL_SUMMARY_newsdex-ner "newsdex's entity tagger: tag, tokenize, train and score")

find_program(HELP2MAN help2man)
if(HELP2MAN)
  set(pages "")
  foreach(tool IN LISTS NEWSDEX_TOOLS)
    set(page "${PROJECT_BINARY_DIR}/man/${tool}.1")
    set(extra "${PROJECT_SOURCE_DIR}/man/${tool}.h2m")
    add_custom_command(
      OUTPUT "${page}"
      COMMAND "${CMAKE_COMMAND}" -E make_directory "${PROJECT_BINARY_DIR}/man"
      COMMAND "${HELP2MAN}" --no-info --section=1 "--name=${NEWSDEX_TOOL_SUMMARY_${tool}}" "--include=${extra}"
              "--output=${page}" "$<TARGET_FILE:${tool}>"
      DEPENDS ${tool} "${extra}"
      COMMENT "Man page ${tool}.1"
      VERBATIM)
    list(APPEND pages "${page}")
  endforeach()
  add_custom_target(man-pages ALL DEPENDS ${pages})
  install(FILES ${pages} DESTINATION share/man/man1)
else()
  message(STATUS "help2man not found: no man pages (apt-get install help2man, or scripts/install-packages.sh build)")
endif()

foreach(tool IN LISTS NEWSDEX_TOOLS)
  install(FILES "${PROJECT_SOURCE_DIR}/completion/newsdex.bash" DESTINATION share/bash-completion/completions
          RENAME "${tool}")
endforeach()
install(FILES "${PROJECT_SOURCE_DIR}/NOTICE" DESTINATION share/doc/newsdex)
