# headroom-cli validate and schema (issue 3): exit codes and located diagnostics on small
# bad files, the schema resource kept current, and every sample site checked by a real
# JSON Schema validator (python3-jsonschema).

set(runner ${CMAKE_CURRENT_SOURCE_DIR}/cmake/run_and_check.cmake)
set(sites ${CMAKE_CURRENT_SOURCE_DIR}/data/sites)
set(bad ${CMAKE_CURRENT_SOURCE_DIR}/data/bad_sites)

function(headroom_validate_test name file exit_code match)
    add_test(NAME cli.validate.${name}
        COMMAND ${CMAKE_COMMAND} "-DCOMMAND=$<TARGET_FILE:headroom-cli>;validate;${file}"
                -DEXIT=${exit_code} "-DMATCH=${match}" -P ${runner})
    set_tests_properties(cli.validate.${name} PROPERTIES LABELS e2e)
endfunction()

headroom_validate_test(minimal ${sites}/minimal.json 0 "minimal.json: valid\n$")
headroom_validate_test(unknown_key_warns ${sites}/unknown_key.json 0
    "unknown_key.json:4:3: warning: /colour: unknown key \"colour\" is ignored")
headroom_validate_test(truncated ${bad}/truncated.json 1
    "truncated.json:9:19: error: unexpected end of file")
headroom_validate_test(trailing_comma ${bad}/trailing_comma.json 1
    "trailing_comma.json:15:34: error: trailing comma before '}'")
headroom_validate_test(wrong_unit ${bad}/wrong_unit.json 1
    "wrong_unit.json:12:19: error: /campus/hall/it_power: expected a power such as \"65 MW\", got a temperature \"16 degC\"")
headroom_validate_test(out_of_range ${bad}/out_of_range.json 1
    "out_of_range.json:5:69: error: /location/elevation: expected a length from -500 m to 6000 m, got \"9000 m\"")
headroom_validate_test(missing_field ${bad}/missing_field.json 1
    "missing_field.json:11:13: error: /campus/hall: missing required field \"rack_positions\"")
headroom_validate_test(unknown_chip ${bad}/unknown_chip.json 1
    "unknown_chip.json:18:18: error: /it/chip: unknown chip \"trainium9\"; the catalog's chips are: trainium1, trainium2")
headroom_validate_test(missing_epw ${bad}/missing_epw.json 1
    "missing_epw.json:6:22: error: /climate/epw: cannot find the weather file")
headroom_validate_test(wrong_format ${bad}/wrong_format.json 1
    "wrong_format.json:2:13: error: /format: format \"headroom-site/7\" is newer")
headroom_validate_test(invalid_utf8 ${bad}/invalid_utf8.json 1
    "invalid_utf8.json:3:26: error: invalid UTF-8: byte 0xFF")
# Physics guards (issue 10): the same located diagnostics as `run` and `batch` give.
headroom_validate_test(supply_below_dew_point ${bad}/supply_below_dew_point.json 1
    "supply_below_dew_point.json:18:55: error: /cooling/supply_air/max: expected a temperature at or above the maximum supply dew point \"15 degC\" .*: air is never below its dew point, got \"14 degC\"")
headroom_validate_test(ten_million_ultraservers ${bad}/ten_million_ultraservers.json 1
    "ten_million_ultraservers.json:18:102: error: /it/ultraservers: 10000000 UltraServers need 40000 halls; the site has 1")
# A sweep scenario the reader refuses fails alone, its message in the store; the batch goes on.
add_test(NAME cli.batch.one_impossible_scenario COMMAND sh -c
    "rm -f \"$2\"*; out=$(\"$0\" batch \"$1\" --db \"$2\" --jobs 2 2>&1); rc=$?; echo \"$out\"; [ $rc -eq 1 ] && echo \"$out\" | grep -q 'batch: 3 of 3 scenarios, 1 failed (their diagnostics are in the store)'"
    $<TARGET_FILE:headroom-cli> ${CMAKE_CURRENT_SOURCE_DIR}/data/sweeps/one_impossible_scenario.json
    ${CMAKE_CURRENT_BINARY_DIR}/one_impossible_scenario.sqlite)
set_tests_properties(cli.batch.one_impossible_scenario PROPERTIES LABELS e2e)
# Hostile files (issue 10): the absurd, the non-finite, the binary, the UTF-16, and 100,000
# nested arrays (made here, not checked in). Exit 1 and a located message, never a crash.
headroom_validate_test(absurd_power ${bad}/absurd_power.json 1
    "absurd_power.json:9:29: error: /campus/utility_interconnect: expected a power above 0 MW and at most 100 GW, got \"1e30 MW\"")
headroom_validate_test(nan ${bad}/nan.json 1
    "nan.json:5:28: error: NaN is not valid JSON: write a finite number")
headroom_validate_test(binary ${bad}/binary.json 1
    "binary.json:3:1: error: binary data, not JSON text: a NUL byte")
headroom_validate_test(utf16 ${bad}/utf16.json 1
    "utf16.json:1:1: error: the file is UTF-16 text")
string(REPEAT "[" 100000 deep_arrays)
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/deep_nesting.json "{\"format\": ${deep_arrays}")
headroom_validate_test(deep_nesting ${CMAKE_CURRENT_BINARY_DIR}/deep_nesting.json 1
    "deep_nesting.json:1:75: error: nesting deeper than 64 levels: this array is at level 65")
# A bad site writes nothing: run makes no output folder, format leaves the file as it was.
add_test(NAME cli.run.bad_site_writes_nothing COMMAND sh -c
    "rm -rf \"$2\"; \"$0\" run \"$1\" --out \"$2\"; rc=$?; [ $rc -eq 1 ] && [ ! -e \"$2\" ]"
    $<TARGET_FILE:headroom-cli> ${bad}/absurd_power.json ${CMAKE_CURRENT_BINARY_DIR}/bad_site_out)
add_test(NAME cli.format.bad_site_is_unchanged COMMAND sh -c
    "cp \"$1\" \"$2\" && \"$0\" format \"$2\"; rc=$?; [ $rc -eq 1 ] && cmp \"$1\" \"$2\""
    $<TARGET_FILE:headroom-cli> ${bad}/nan.json ${CMAKE_CURRENT_BINARY_DIR}/format_bad_site.json)
set_tests_properties(cli.run.bad_site_writes_nothing cli.format.bad_site_is_unchanged
    PROPERTIES LABELS e2e)
# One bad file among good ones still fails the whole run.
add_test(NAME cli.validate.mixed
    COMMAND ${CMAKE_COMMAND}
            "-DCOMMAND=$<TARGET_FILE:headroom-cli>;validate;${sites}/minimal.json;${bad}/wrong_unit.json"
            -DEXIT=1 "-DMATCH=minimal.json: valid" -P ${runner})
add_test(NAME cli.validate.json
    COMMAND ${CMAKE_COMMAND} "-DCOMMAND=$<TARGET_FILE:headroom-cli>;validate;--json;${bad}/wrong_unit.json"
            -DEXIT=1 "-DMATCH=\"line\": 12,.*\"pointer\": \"/campus/hall/it_power\".*\"valid\": false"
            -P ${runner})
add_test(NAME cli.validate.no_files
    COMMAND ${CMAKE_COMMAND} "-DCOMMAND=$<TARGET_FILE:headroom-cli>;validate" -DEXIT=2 -P ${runner})
add_test(NAME cli.validate.missing_file
    COMMAND ${CMAKE_COMMAND} "-DCOMMAND=$<TARGET_FILE:headroom-cli>;validate;${sites}/nothing.json"
            -DEXIT=1 "-DMATCH=nothing.json: error: no such site file" -P ${runner})

add_test(NAME cli.schema.resource_is_current
    COMMAND ${CMAKE_COMMAND} "-DCOMMAND=$<TARGET_FILE:headroom-cli>;schema" -DEXIT=0
            -DSAME_AS=${PROJECT_SOURCE_DIR}/resources/schema/headroom-site-1.schema.json
            -P ${runner})
set_tests_properties(cli.validate.mixed cli.validate.json cli.validate.no_files cli.validate.missing_file
    cli.schema.resource_is_current PROPERTIES LABELS e2e)

# Every sample site (and the valid test sites) against the published schema, with a real
# validator rather than our own reader.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_FOUND)
    file(GLOB schema_checked_sites ${PROJECT_SOURCE_DIR}/sample_sites/*.json ${sites}/*.json)
    add_test(NAME site.schema.validates_sample_sites
        COMMAND ${Python3_EXECUTABLE} -c
"import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
bad = 0
for path in sys.argv[2:]:
    for error in validator.iter_errors(json.load(open(path, encoding='utf-8'))):
        print(f'{path}: {error.json_path}: {error.message}')
        bad += 1
print(f'{len(sys.argv) - 2} files checked, {bad} schema errors')
sys.exit(1 if bad or len(sys.argv) < 3 else 0)"
                ${PROJECT_SOURCE_DIR}/resources/schema/headroom-site-1.schema.json
                ${schema_checked_sites})
    set_tests_properties(site.schema.validates_sample_sites PROPERTIES LABELS e2e)
    # The digests inside the sample sites are the ones their EPW files in tests/data/weather
    # give today (digests are made, never hand-edited).
    add_test(NAME sample.climate_digests_are_current
        COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/sample_sites/embed_climate_digests.py
                $<TARGET_FILE:headroom-cli> --check)
    set_tests_properties(sample.climate_digests_are_current PROPERTIES LABELS e2e)
endif()

# The sample sites validate with no error and are kept in canonical form.
file(GLOB sample_sites ${PROJECT_SOURCE_DIR}/sample_sites/*.json)
if(sample_sites)
    add_test(NAME cli.validate.sample_sites
        COMMAND ${CMAKE_COMMAND} "-DCOMMAND=$<TARGET_FILE:headroom-cli>;validate;${sample_sites}"
                -DEXIT=0 "-DMATCH=st-joseph-county-in.json: valid\n" -P ${runner})
    add_test(NAME cli.format.sample_sites_are_canonical
        COMMAND $<TARGET_FILE:headroom-cli> format --check ${sample_sites})
    set_tests_properties(cli.validate.sample_sites cli.format.sample_sites_are_canonical
        PROPERTIES LABELS e2e)
endif()
