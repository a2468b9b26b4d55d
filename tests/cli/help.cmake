# Runs `nnplay ARGS…` and requires exit status 0 and a usage text naming the command:
#   cmake -DNNPLAY=path/to/nnplay -DARGS="compare;--help" -DEXPECT="nnplay compare" -P help.cmake
execute_process(COMMAND "${NNPLAY}" ${ARGS} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "nnplay ${ARGS} exited with ${status}, expected 0\nstdout: ${out}\nstderr: ${err}")
endif()
string(FIND "${out}" "usage:" at)
string(FIND "${out}" "${EXPECT}" named)
if(at EQUAL -1 OR named EQUAL -1)
  message(FATAL_ERROR "nnplay ${ARGS} printed no usage naming \"${EXPECT}\":\n${out}")
endif()
if(NOT "${err}" STREQUAL "")
  message(FATAL_ERROR "nnplay ${ARGS} wrote to stderr: ${err}")
endif()
