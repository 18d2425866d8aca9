# Shared part of cross/armhf.cmake and cross/arm64.cmake: cross-compile against a Debian bookworm
# sysroot made by cross/make-sysroot. The including file sets ALERTGATE_DEB_ARCH, ALERTGATE_TRIPLET,
# ALERTGATE_PROCESSOR, ALERTGATE_ARCH_FLAGS and ALERTGATE_QEMU.
#
# The sysroot: -DALERTGATE_SYSROOT=DIR, else the environment's ALERTGATE_SYSROOT, else
# /var/cache/alertgate-sysroot/<arch> (where cross/make-sysroot and scripts/package-check put it).

if(NOT ALERTGATE_SYSROOT)
  if(DEFINED ENV{ALERTGATE_SYSROOT} AND NOT "$ENV{ALERTGATE_SYSROOT}" STREQUAL "")
    set(ALERTGATE_SYSROOT "$ENV{ALERTGATE_SYSROOT}")
  else()
    set(ALERTGATE_SYSROOT /var/cache/alertgate-sysroot/${ALERTGATE_DEB_ARCH})
  endif()
endif()
if(NOT EXISTS "${ALERTGATE_SYSROOT}/usr/include/Poco/Foundation.h")
  message(FATAL_ERROR "No ${ALERTGATE_DEB_ARCH} sysroot in ${ALERTGATE_SYSROOT}; make one with:\n"
                      "  cross/make-sysroot ${ALERTGATE_DEB_ARCH} ${ALERTGATE_SYSROOT}")
endif()
# try_compile() projects read this file again: hand them the same sysroot.
set(ENV{ALERTGATE_SYSROOT} "${ALERTGATE_SYSROOT}")
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES ALERTGATE_SYSROOT)

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR ${ALERTGATE_PROCESSOR})
set(CMAKE_LIBRARY_ARCHITECTURE ${ALERTGATE_TRIPLET})
set(CMAKE_SYSROOT "${ALERTGATE_SYSROOT}")
set(CMAKE_C_COMPILER ${ALERTGATE_TRIPLET}-gcc)
set(CMAKE_CXX_COMPILER ${ALERTGATE_TRIPLET}-g++)
set(CMAKE_C_FLAGS_INIT "${ALERTGATE_ARCH_FLAGS}")
set(CMAKE_CXX_FLAGS_INIT "${ALERTGATE_ARCH_FLAGS}")

# Headers, libraries and CMake packages (POCO's) from the sysroot only; programs from the build machine.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# The build machine's pkg-config, reading only the sysroot's .pc files (libsystemd, cppunit). This
# also replaces the <triplet>-pkg-config that debhelper passes, which would read multiarch paths.
set(PKG_CONFIG_EXECUTABLE /usr/bin/pkg-config CACHE FILEPATH "pkg-config, pointed at the sysroot" FORCE)
set(ENV{PKG_CONFIG_LIBDIR}
    "${ALERTGATE_SYSROOT}/usr/lib/${ALERTGATE_TRIPLET}/pkgconfig:${ALERTGATE_SYSROOT}/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "${ALERTGATE_SYSROOT}")
unset(ENV{PKG_CONFIG_PATH})

# ctest runs the test binaries under user-mode emulation (qemu-user-static); -L makes the
# emulator load the sysroot's dynamic loader and libraries.
set(CMAKE_CROSSCOMPILING_EMULATOR ${ALERTGATE_QEMU} -L "${ALERTGATE_SYSROOT}")
