# The one-place change, end to end: a build that adds only a toy layer kind (its class and
# schema entry, tests/engine/support/toy_layer.h) exports it in the schema, and the generated
# TypeScript types, API reference and page copy all carry it.
#   cmake -DDUMP=schema_with_toy_layer -DNODE=node -DREPO=. -DOUT=dir -P toy_schema_outputs.cmake
execute_process(COMMAND "${DUMP}" OUTPUT_FILE "${OUT}/schema.json" RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${DUMP} exited with ${status}")
endif()
execute_process(COMMAND "${NODE}" "${REPO}/build-scripts/generate-schema.mjs" --schema "${OUT}/schema.json" --out "${OUT}"
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "generate-schema.mjs exited with ${status}: ${out}${err}")
endif()
function(require_text file needle)
  file(READ "${OUT}/${file}" text)
  string(FIND "${text}" "${needle}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${file} does not mention the toy layer kind (\"${needle}\")")
  endif()
endfunction()
require_text("web/js/engine-config.d.ts" "kind: 'toy_scale';")
require_text("web/js/engine-config.d.ts" "| ToyScaleLayer")
require_text("web/js/engine-config.d.ts" "start?: number;")
require_text("docs/api-reference.md" "### `toy_scale`: Toy scale")
require_text("docs/api-reference.md" "| `start` | Starting scale |")
require_text("web/js/ground/engine-schema.js" "\"name\": \"toy_scale\"")
message(STATUS "the toy layer kind reached the types, the API reference and the page's schema")
