# CMake toolchain file for Debian armhf: ARMv7-A, VFPv3-D16, hard float, Thumb-2, exactly as
# Debian's armhf port (and its gcc-arm-linux-gnueabihf defaults). Runs on a Raspberry Pi 2 and
# later; not on a Pi 1 or Zero (ARMv6), which Raspberry Pi OS's own armhf build targets.
#
#   apt-get install g++-arm-linux-gnueabihf mmdebstrap
#   cross/make-sysroot armhf /var/cache/alertgate-sysroot/armhf
#   cmake -S . -B build-armhf -DCMAKE_TOOLCHAIN_FILE=cross/armhf.cmake
#   cmake --build build-armhf -j"$(nproc)"
#   cd build-armhf && ctest          # under qemu-arm-static (ALERTGATE_TEST_WRAPPER: see the README)

set(ALERTGATE_DEB_ARCH armhf)
set(ALERTGATE_TRIPLET arm-linux-gnueabihf)
set(ALERTGATE_PROCESSOR armv7l)
set(ALERTGATE_ARCH_FLAGS "-march=armv7-a+fp -mfpu=vfpv3-d16 -mfloat-abi=hard -mthumb")
set(ALERTGATE_QEMU qemu-arm-static)
include(${CMAKE_CURRENT_LIST_DIR}/toolchain-common.cmake)
