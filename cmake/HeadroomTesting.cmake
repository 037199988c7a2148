include(GoogleTest)

# headroom_add_test(NAME <name> SOURCES <files...> LIBS <targets...> LABEL model|ui|e2e [QT])
# One GoogleTest executable; each test case becomes a ctest test carrying LABEL.
# QT tests get a main that starts a QApplication on the offscreen platform.
function(headroom_add_test)
    cmake_parse_arguments(arg "QT" "NAME;LABEL" "SOURCES;LIBS" ${ARGN})
    if(arg_QT)
        add_executable(${arg_NAME} ${arg_SOURCES} ${PROJECT_SOURCE_DIR}/tests/qt_test_main.cpp)
        target_link_libraries(${arg_NAME} PRIVATE ${arg_LIBS} GTest::gtest Qt6::Widgets
                              Qt6::Test headroom_warnings)
    else()
        add_executable(${arg_NAME} ${arg_SOURCES})
        target_link_libraries(${arg_NAME} PRIVATE ${arg_LIBS} GTest::gtest_main headroom_warnings)
    endif()
    target_compile_definitions(${arg_NAME} PRIVATE
        HEADROOM_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
        HEADROOM_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data"
        HEADROOM_BINARY_DIR="${PROJECT_BINARY_DIR}")
    gtest_discover_tests(${arg_NAME} DISCOVERY_MODE PRE_TEST
        PROPERTIES LABELS ${arg_LABEL})
endfunction()
