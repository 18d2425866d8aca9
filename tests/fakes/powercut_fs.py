#!/usr/bin/python3
"""A FUSE file system for power-cut tests (the method of LazyFS): what is written stays in this process's
memory until it is fsync'd; fsync writes it to the backing directory (and fsyncs it there). A power cut is
this process dying (SIGKILL): everything not yet fsync'd is gone, and mounting again shows only what was
synced. Directory entries (create, unlink, rename, mkdir) go to the backing directory at once, as on a
journalling file system that commits metadata before the data it names (a simplification: a real cut can
also lose a create that was never followed by an fsync of the directory).

    powercut_fs.py BACKING_DIR MOUNTPOINT      (foreground; prints "mounted" when ready)

Debian: python3-fusepy (libfuse2) and fuse3 (fusermount); run with /usr/bin/python3.
"""

import errno
import os
import sys
import threading

import fusepy


class File:
    """A file's current content (durable + unsynced) and the ranges written since the last fsync."""

    def __init__(self, backing):
        with open(backing, "rb") as source:
            self.data = bytearray(source.read())
        self.dirty = []
        self.truncated = False


class PowerCutFs(fusepy.Operations):
    def __init__(self, root):
        self.root = os.path.realpath(root)
        self.files = {}
        self.mutex = threading.Lock()

    def _backing(self, path):
        return os.path.join(self.root, path.lstrip("/"))

    def _file(self, path):
        entry = self.files.get(path)
        if entry is None:
            entry = self.files[path] = File(self._backing(path))
        return entry

    # Metadata: straight to the backing directory.

    def getattr(self, path, fh=None):
        try:
            st = os.lstat(self._backing(path))
        except FileNotFoundError:
            raise fusepy.FuseOSError(errno.ENOENT)
        attrs = {key: getattr(st, key) for key in ("st_atime", "st_ctime", "st_gid", "st_mode", "st_mtime",
                                                   "st_nlink", "st_size", "st_uid")}
        with self.mutex:
            if path in self.files:
                attrs["st_size"] = len(self.files[path].data)
        return attrs

    def readdir(self, path, fh):
        return [".", ".."] + os.listdir(self._backing(path))

    def access(self, path, mode):
        if not os.access(self._backing(path), mode):
            raise fusepy.FuseOSError(errno.EACCES)

    def chmod(self, path, mode):
        os.chmod(self._backing(path), mode)

    def chown(self, path, uid, gid):
        os.chown(self._backing(path), uid, gid)

    def utimens(self, path, times=None):
        os.utime(self._backing(path), times)

    def mkdir(self, path, mode):
        os.mkdir(self._backing(path), mode)

    def rmdir(self, path):
        os.rmdir(self._backing(path))

    def unlink(self, path):
        with self.mutex:
            self.files.pop(path, None)
        os.unlink(self._backing(path))

    def rename(self, old, new):
        with self.mutex:
            if old in self.files:
                self.files[new] = self.files.pop(old)
            else:
                self.files.pop(new, None)
        os.rename(self._backing(old), self._backing(new))

    def statfs(self, path):
        st = os.statvfs(self._backing(path))
        return {key: getattr(st, key) for key in ("f_bavail", "f_bfree", "f_blocks", "f_bsize", "f_favail",
                                                  "f_ffree", "f_files", "f_flag", "f_frsize", "f_namemax")}

    def create(self, path, mode, fi=None):
        fd = os.open(self._backing(path), os.O_WRONLY | os.O_CREAT, mode)
        os.close(fd)
        return 0

    def open(self, path, flags):
        if not os.path.exists(self._backing(path)):
            raise fusepy.FuseOSError(errno.ENOENT)
        return 0

    # Data: in memory until fsync.

    def read(self, path, size, offset, fh):
        with self.mutex:
            return bytes(self._file(path).data[offset:offset + size])

    def write(self, path, data, offset, fh):
        with self.mutex:
            entry = self._file(path)
            end = offset + len(data)
            if end > len(entry.data):
                entry.data.extend(b"\0" * (end - len(entry.data)))
            entry.data[offset:end] = data
            entry.dirty.append((offset, len(data)))
            return len(data)

    def truncate(self, path, length, fh=None):
        with self.mutex:
            entry = self._file(path)
            if length < len(entry.data):
                del entry.data[length:]
            else:
                entry.data.extend(b"\0" * (length - len(entry.data)))
            entry.truncated = True

    def fsync(self, path, datasync, fh):
        with self.mutex:
            entry = self.files.get(path)
            if entry is None:
                return 0
            fd = os.open(self._backing(path), os.O_WRONLY)
            try:
                for offset, length in entry.dirty:
                    os.pwrite(fd, bytes(entry.data[offset:offset + length]), offset)
                os.ftruncate(fd, len(entry.data))
                os.fsync(fd)
            finally:
                os.close(fd)
            entry.dirty = []
            entry.truncated = False
        return 0

    def flush(self, path, fh):
        return 0  # close() is not fsync(): nothing becomes durable here

    def release(self, path, fh):
        return 0

    def fsyncdir(self, path, datasync, fh):
        return 0

    # Not registered with FUSE: the kernel then keeps the POSIX locks (SQLite's) itself, as for a local
    # file system.
    lock = None


def main():
    backing, mountpoint = sys.argv[1], sys.argv[2]
    print("mounted", flush=True)  # fusepy mounts before serving; the test waits for the mount itself
    fusepy.FUSE(PowerCutFs(backing), mountpoint, foreground=True, nothreads=False, allow_other=False,
                default_permissions=False)


if __name__ == "__main__":
    main()
