# `nnplay sequence --save` then `--load`: the loaded model prints the same step, batch loss and
# test score; a corrupted file is refused with a message and exit status 2.
#   cmake -DNNPLAY=path/to/nnplay -DOUT=dir -P sequence_model.cmake
set(file "${OUT}/sequence-cli.json")
execute_process(COMMAND "${NNPLAY}" sequence --task reverse --length 6 --symbols 6 --arch gru --steps 60 --every 30 --save "${file}"
                RESULT_VARIABLE status OUTPUT_VARIABLE trained ERROR_VARIABLE err)
if(NOT status EQUAL 0 OR NOT EXISTS "${file}")
  message(FATAL_ERROR "nnplay sequence --save exited with ${status}\n${trained}\n${err}")
endif()
string(REGEX MATCH "\n +60 [^\n]+" saved "${trained}")
execute_process(COMMAND "${NNPLAY}" sequence --load "${file}"
                RESULT_VARIABLE status OUTPUT_VARIABLE loaded ERROR_VARIABLE err)
string(REGEX MATCH "\n +60 [^\n]+" restored "${loaded}")
if(NOT status EQUAL 0 OR saved STREQUAL "" OR NOT saved STREQUAL restored)
  message(FATAL_ERROR "the loaded model does not score as the saved one (status ${status}):\n${trained}\n---\n${loaded}\n${err}")
endif()
string(FIND "${loaded}" "loaded at step 60" at)
if(at EQUAL -1)
  message(FATAL_ERROR "no \"loaded at step 60\" in:\n${loaded}")
endif()
file(READ "${file}" text)
string(LENGTH "${text}" length)
math(EXPR half "${length} / 2")
string(SUBSTRING "${text}" 0 ${half} broken)
file(WRITE "${OUT}/sequence-broken.json" "${broken}")
execute_process(COMMAND "${NNPLAY}" sequence --load "${OUT}/sequence-broken.json"
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(FIND "${err}" "not valid JSON" named)
if(NOT status EQUAL 2 OR named EQUAL -1)
  message(FATAL_ERROR "a corrupted model file: exit ${status} (expected 2), stderr: ${err}")
endif()
