# headroom_embed_text(TARGET <library> NAME <name> FILE <generated.cpp> HEADER <include>
#                     FUNCTION <fn> INPUTS <files...>)
# Compiles text files into a model library as raw strings (cmake/embed_text.cmake), so the
# defaults they hold never depend on a path at run time.
function(headroom_embed_text)
    cmake_parse_arguments(arg "" "TARGET;NAME;FILE;HEADER;FUNCTION" "INPUTS" ${ARGN})
    set(script ${PROJECT_SOURCE_DIR}/cmake/embed_text.cmake)
    add_custom_command(OUTPUT ${arg_FILE}
        COMMAND ${CMAKE_COMMAND} -DOUTPUT=${arg_FILE} "-DINPUTS=${arg_INPUTS}"
                -DHEADER=${arg_HEADER} -DNAMESPACE=headroom::model
                -DFUNCTION=${arg_FUNCTION} -P ${script}
        DEPENDS ${arg_INPUTS} ${script}
        COMMENT "Embedding ${arg_NAME} into ${arg_TARGET}"
        VERBATIM)
    # The library is defined in another folder, so a target here runs the generator.
    add_custom_target(headroom_${arg_NAME}_embed DEPENDS ${arg_FILE})
    add_dependencies(${arg_TARGET} headroom_${arg_NAME}_embed)
    target_sources(${arg_TARGET} PRIVATE ${arg_FILE})
endfunction()
