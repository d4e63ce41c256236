# Assembles the static site: pages, scripts and styles from web/, the Wasm modules, and content/ as courses/.
# Run as `cmake -DSITE=… -DWEB=… -DCONTENT=… -DMODULES=a;b -P AssembleSite.cmake`; the result is
# self-contained and can be copied to any static host.
file(REMOVE_RECURSE "${SITE}")
file(MAKE_DIRECTORY "${SITE}/modules" "${SITE}/courses")
file(COPY "${WEB}/" DESTINATION "${SITE}"
  FILES_MATCHING PATTERN "*.html" PATTERN "*.js" PATTERN "*.css" PATTERN "*.svg" PATTERN "*.webmanifest"
  PATTERN "bindings" EXCLUDE)
foreach(_module IN LISTS MODULES)
  file(COPY "${_module}" DESTINATION "${SITE}/modules")
endforeach()
if(EXISTS "${CONTENT}")
  # The authoring guide and the template to copy (content/_template) are for authors, not learners.
  file(COPY "${CONTENT}/" DESTINATION "${SITE}/courses" PATTERN "README.md" EXCLUDE PATTERN "_template" EXCLUDE)
endif()
