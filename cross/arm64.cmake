# CMake toolchain file for Debian arm64 (ARMv8-A, AArch64): Raspberry Pi 3, 4 and 5 with a 64-bit
# OS (Raspberry Pi OS arm64 is Debian's arm64).
#
#   apt-get install g++-aarch64-linux-gnu mmdebstrap
#   cross/make-sysroot arm64 /var/cache/alertgate-sysroot/arm64
#   cmake -S . -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=cross/arm64.cmake
#   cmake --build build-arm64 -j"$(nproc)"

set(ALERTGATE_DEB_ARCH arm64)
set(ALERTGATE_TRIPLET aarch64-linux-gnu)
set(ALERTGATE_PROCESSOR aarch64)
set(ALERTGATE_ARCH_FLAGS "-march=armv8-a")
set(ALERTGATE_QEMU qemu-aarch64-static)
include(${CMAKE_CURRENT_LIST_DIR}/toolchain-common.cmake)
