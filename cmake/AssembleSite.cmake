# Assembles the static site: pages, scripts and styles from web/, the Wasm modules, and content/ as courses/.
# Run as `cmake -DSITE=… -DWEB=… -DCONTENT=… -DSTRINGS=… -DMODULES=a;b -DNODE=… [-DNODE_MODULES=…] [-DLRS=a;b] -P AssembleSite.cmake`
# (LRS: the organisation's learning record store endpoints, whose origins the pages may reach: docs/lms.md)
# (STRINGS: the interface catalogues as cmake/embed-strings.mjs writes them for pages, copied to strings/)
# (with NODE_MODULES, the JavaScript is minified); the result is
# self-contained and can be copied to any static host, under any path.
# Also writes sw-assets.js for the service worker: the shell files to precache and a version that is the
# SHA-256 of all of them, so any change to the shell makes a new service worker with a new cache.
file(REMOVE_RECURSE "${SITE}")
file(MAKE_DIRECTORY "${SITE}/modules" "${SITE}/courses")
file(COPY "${WEB}/" DESTINATION "${SITE}"
  FILES_MATCHING PATTERN "*.js" PATTERN "*.css" PATTERN "*.svg" PATTERN "*.png" PATTERN "*.webmanifest"
  PATTERN "bindings" EXCLUDE PATTERN "html" EXCLUDE)
# The stylesheet's custom properties come from the design tokens the canvas player is built with (docs/design.md).
execute_process(COMMAND "${NODE}" "${CMAKE_CURRENT_LIST_DIR}/design-tokens.mjs" css "${WEB}/design/tokens.json"
  "${SITE}/css/site.css" RESULT_VARIABLE _tokens)
if(NOT _tokens EQUAL 0)
  message(FATAL_ERROR "Writing the design tokens into css/site.css failed (see above).")
endif()
# The pages: web/html/'s one shell (head, CSP, header, navigation) filled with each page's settings and content.
if(NOT NODE)
  message(FATAL_ERROR "AssembleSite.cmake needs -DNODE=<node> to write the pages.")
endif()
if(NOT IS_DIRECTORY "${STRINGS}")
  message(FATAL_ERROR "AssembleSite.cmake needs -DSTRINGS=<the built catalogues> (cmake/embed-strings.mjs's JSON).")
endif()
file(COPY "${STRINGS}/" DESTINATION "${SITE}/strings" FILES_MATCHING PATTERN "*.json")
# The pages' connect-src names the LRSs they may send statements to: each course's `lrs` and the LRS list's.
set(_lrs_arguments --courses "${CONTENT}")
foreach(_lrs IN LISTS LRS)
  list(APPEND _lrs_arguments --lrs "${_lrs}")
endforeach()
execute_process(COMMAND "${NODE}" "${CMAKE_CURRENT_LIST_DIR}/assemble-pages.mjs" "${WEB}" "${SITE}" "${STRINGS}"
  ${_lrs_arguments} RESULT_VARIABLE _paged)
if(NOT _paged EQUAL 0)
  message(FATAL_ERROR "Writing the site's pages from web/html failed (see above).")
endif()
foreach(_module IN LISTS MODULES)
  file(COPY "${_module}" DESTINATION "${SITE}/modules")
endforeach()
if(EXISTS "${CONTENT}")
  # The authoring guide and the template to copy (content/_template) are for authors, not learners.
  file(COPY "${CONTENT}/" DESTINATION "${SITE}/courses" PATTERN "README.md" EXCLUDE PATTERN "_template" EXCLUDE)
  # Badge art: each course's badge.svg (made from its title when it has none) and badge.png from it, by librsvg.
  execute_process(COMMAND "${NODE}" "${CMAKE_CURRENT_LIST_DIR}/badge-art.mjs" "${SITE}/courses" RESULT_VARIABLE _badges)
  if(NOT _badges EQUAL 0)
    message(FATAL_ERROR "Making the courses' badge art failed (see above).")
  endif()
endif()

# What ships is minified (cmake/minify-site.mjs); the digests below are of the minified files.
if(DEFINED NODE_MODULES)
  execute_process(COMMAND "${NODE}" "${CMAKE_CURRENT_LIST_DIR}/minify-site.mjs" "${SITE}" "${NODE_MODULES}"
    RESULT_VARIABLE _minified)
  if(NOT _minified EQUAL 0)
    message(FATAL_ERROR "Minifying the site's JavaScript failed (see above); run npm ci if terser is missing.")
  endif()
endif()

# The shell: everything but the courses (cached as opened), the service worker itself, and the canvas
# player's page and module (downloaded only by learners who choose that player; never in low-bandwidth mode)
# and the SCORM module (only an LMS's launch loads it).
# Those are cached by the service worker when first fetched, so the version covers them too.
file(GLOB_RECURSE _site_files RELATIVE "${SITE}" "${SITE}/*")
list(FILTER _site_files EXCLUDE REGEX "^courses/|^sw\\.js$|^sw-assets\\.js$")
list(SORT _site_files)
set(_digests "")
set(_list "")
set(_lazy "")
foreach(_file IN LISTS _site_files)
  file(SHA256 "${SITE}/${_file}" _digest)
  string(APPEND _digests "${_file} ${_digest}\n")
  if(_file MATCHES "^modules/player\\.|^canvas\\.html$|^js/canvas-page\\.js$|^js/lms/")
    string(APPEND _lazy "  '${_file}',\n")
  else()
    string(APPEND _list "  '${_file}',\n")
  endif()
endforeach()
string(SHA256 _version "${_digests}")
string(SUBSTRING "${_version}" 0 16 _version)
file(WRITE "${SITE}/sw-assets.js"
  "// Written by cmake/AssembleSite.cmake: the shell files the service worker precaches, and their version.\n"
  "self.TESSERA_VERSION = '${_version}';\n"
  "self.TESSERA_ASSETS = [\n  './',\n${_list}];\n"
  "// Shell files cached when first fetched, not at install (the canvas player's page and module, the SCORM module).\n"
  "self.TESSERA_LAZY_ASSETS = [\n${_lazy}];\n")
