# Runs one command and checks its exit code and output, for CLI tests that need both
# (ctest's PASS_REGULAR_EXPRESSION alone ignores the exit code).
#   -DCOMMAND=<;-list> -DEXIT=<code> [-DMATCH=<regex on stdout>] [-DSAME_AS=<file stdout must equal>]
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code STREQUAL "${EXIT}")
    message(FATAL_ERROR "exit code ${code}, expected ${EXIT}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(DEFINED MATCH AND NOT out MATCHES "${MATCH}")
    message(FATAL_ERROR "stdout does not match '${MATCH}':\n${out}")
endif()
if(DEFINED SAME_AS)
    file(READ "${SAME_AS}" expected)
    if(NOT out STREQUAL expected)
        message(FATAL_ERROR "stdout differs from ${SAME_AS}; regenerate it with "
                            "'headroom-cli schema > ${SAME_AS}'")
    endif()
endif()
