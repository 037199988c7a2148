# Installed layout (relative to the prefix, so the package is relocatable):
#   bin/headroom, bin/headroom-cli
#   share/headroom/{catalog,schema,sample_sites,slurm}
#   share/applications, share/metainfo, share/mime/packages, share/icons/hicolor, share/man/man1

install(DIRECTORY ${PROJECT_SOURCE_DIR}/sample_sites/ DESTINATION ${HEADROOM_DATA_INSTALL_DIR}/sample_sites
        FILES_MATCHING PATTERN "*.json")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/resources/schema/ DESTINATION ${HEADROOM_DATA_INSTALL_DIR}/schema
        OPTIONAL FILES_MATCHING PATTERN "*.json")

set(packaging_dir ${PROJECT_SOURCE_DIR}/packaging)
# The Slurm array-job scripts (README, "On a cluster"), runnable where they are installed.
install(PROGRAMS ${packaging_dir}/slurm/headroom-sweep.sbatch ${packaging_dir}/slurm/headroom-merge.sbatch
        ${packaging_dir}/slurm/submit.sh DESTINATION ${HEADROOM_DATA_INSTALL_DIR}/slurm)
install(FILES ${packaging_dir}/io.github.headroom.Headroom.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${packaging_dir}/io.github.headroom.Headroom.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${packaging_dir}/headroom-mime.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages
        RENAME headroom.xml)
install(FILES ${packaging_dir}/icons/headroom.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)

# PNG icons are rendered from the SVG at build time, one per hicolor size.
find_program(RSVG_CONVERT rsvg-convert REQUIRED)
set(icon_pngs "")
foreach(size 16 24 32 48 64 128 256)
    set(png ${PROJECT_BINARY_DIR}/icons/${size}/headroom.png)
    add_custom_command(OUTPUT ${png}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/icons/${size}
        COMMAND ${RSVG_CONVERT} -w ${size} -h ${size} ${packaging_dir}/icons/headroom.svg -o ${png}
        DEPENDS ${packaging_dir}/icons/headroom.svg
        COMMENT "Rendering ${size}x${size} icon")
    install(FILES ${png} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
    list(APPEND icon_pngs ${png})
endforeach()
add_custom_target(headroom_icons ALL DEPENDS ${icon_pngs})

# Man pages are installed gzip-compressed, as Debian policy asks (-n: reproducible).
set(man_pages "")
foreach(page headroom.1 headroom-cli.1)
    set(gz ${PROJECT_BINARY_DIR}/man/${page}.gz)
    add_custom_command(OUTPUT ${gz}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/man
        COMMAND gzip -9 -n -c ${packaging_dir}/man/${page} > ${gz}
        DEPENDS ${packaging_dir}/man/${page}
        COMMENT "Compressing man page ${page}")
    install(FILES ${gz} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
    list(APPEND man_pages ${gz})
endforeach()
add_custom_target(headroom_man_pages ALL DEPENDS ${man_pages})

set(CPACK_PACKAGE_NAME headroom)
set(CPACK_PACKAGE_VENDOR "Headroom")
set(CPACK_PACKAGE_CONTACT "Headroom developers <headroom@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Datacenter capacity, power, cooling, water and carbon planning")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "shared-mime-info, desktop-file-utils")
# The Slurm scripts submit with sbatch and check the merged store with sqlite3.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "slurm-client, sqlite3")
set(CPACK_STRIP_FILES ON)
include(CPack)
