/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fileio.h"

static const char *file_type_name(mode_t m) {
        return S_ISFIFO(m)   ? "a FIFO"
               : S_ISDIR(m)  ? "a directory"
               : S_ISCHR(m)  ? "a character device"
               : S_ISBLK(m)  ? "a block device"
               : S_ISSOCK(m) ? "a socket"
                             : "not a regular file";
}

/* Opened without blocking and refused unless a regular file: a FIFO planted
 * where a cache file belongs would otherwise block the daemon in open() or
 * read() until a writer comes, and a device could feed it forever. */
int ms_read_file(const char *path, size_t max, ms_buf *out, ms_error *err) {
        return ms_read_file_at(AT_FDCWD, path, max, out, err);
}

int ms_read_file_at(int dirfd, const char *path, size_t max, ms_buf *out, ms_error *err) {
        _cleanup_close_ int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
        if (fd < 0)
                return ms_error_set(err, -errno, "", "%s: cannot open: %m", path);
        struct stat st;
        if (fstat(fd, &st) < 0)
                return ms_error_set(err, -errno, "", "%s: cannot stat: %m", path);
        if (!S_ISREG(st.st_mode))
                return ms_error_set(err, -EBADFD, "", "%s: expected a regular file, got %s", path,
                                    file_type_name(st.st_mode));
        int fl = fcntl(fd, F_GETFL);
        if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0)
                return ms_error_set(err, -errno, "", "%s: cannot clear O_NONBLOCK: %m", path);
        char chunk[65536];
        size_t total = 0;
        for (;;) {
                ssize_t n = read(fd, chunk, sizeof(chunk));
                if (n < 0 && errno == EINTR)
                        continue;
                if (n < 0)
                        return ms_error_set(err, -errno, "", "cannot read: %m");
                if (n == 0)
                        return 0;
                total += (size_t) n;
                if (total > max)
                        return ms_error_set(err, -EFBIG, "", "expected at most %zu bytes, the file is larger",
                                            max);
                int r = ms_buf_append(out, chunk, (size_t) n);
                if (r < 0)
                        return ms_error_set(err, r, "", "out of memory");
        }
}

int ms_write_all(int fd, const void *data, size_t len) {
        const char *p = data;
        while (len > 0) {
                ssize_t n = write(fd, p, len);
                if (n < 0 && errno == EINTR)
                        continue;
                if (n < 0)
                        return -errno;
                p += n;
                len -= (size_t) n;
        }
        return 0;
}

int ms_write_file_synced(int dirfd, const char *name, const void *data, size_t len) {
        _cleanup_close_ int fd =
                openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
        if (fd < 0)
                return -errno;
        int r = ms_write_all(fd, data, len);
        if (r < 0)
                return r;
        if (fsync(fd) < 0)
                return -errno;
        /* close() can report a delayed write error (NFS, quota): check it. */
        if (close(TAKE_FD(fd)) < 0)
                return -errno;
        return 0;
}

int ms_replace_file_at(int dirfd, const char *name, const void *data, size_t len) {
        char tmp[NAME_MAX + 1];
        if (snprintf(tmp, sizeof(tmp), "%s%s.tmp", name[0] == '.' ? "" : ".", name) >= (int) sizeof(tmp))
                return -ENAMETOOLONG;
        (void) unlinkat(dirfd, tmp, 0); /* a leftover of a crash */
        int r = ms_write_file_synced(dirfd, tmp, data, len);
        if (r >= 0 && renameat(dirfd, tmp, dirfd, name) < 0)
                r = -errno;
        if (r < 0)
                (void) unlinkat(dirfd, tmp, 0);
        return r;
}

int ms_fsync_dir(int dirfd) {
        return fsync(dirfd) < 0 ? -errno : 0;
}

int ms_mkdir_p(const char *path) {
        char buf[PATH_MAX];
        if (strlen(path) >= sizeof(buf))
                return -ENAMETOOLONG;
        strncpy(buf, path, sizeof(buf) - 1);
        buf[sizeof(buf) - 1] = '\0';
        for (char *p = buf + 1;; p++) {
                if (*p != '/' && *p != '\0')
                        continue;
                char c = *p;
                *p = '\0';
                if (mkdir(buf, 0755) < 0 && errno != EEXIST)
                        return -errno;
                if (c == '\0')
                        return 0;
                *p = c;
        }
}

int ms_rm_rf_at(int dirfd, const char *name) {
        int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) {
                if (errno == ENOTDIR || errno == ELOOP)
                        return unlinkat(dirfd, name, 0) < 0 ? -errno : 0;
                return errno == ENOENT ? 0 : -errno;
        }
        DIR *d = fdopendir(fd);
        if (!d) {
                int r = -errno;
                (void) close(fd);
                return r;
        }
        int r = 0;
        for (struct dirent *de; (de = readdir(d));) {
                if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
                        continue;
                int q = 0;
                if (de->d_type == DT_DIR)
                        q = ms_rm_rf_at(fd, de->d_name);
                else if (unlinkat(fd, de->d_name, 0) < 0) /* DT_UNKNOWN may be a directory */
                        q = errno == EISDIR ? ms_rm_rf_at(fd, de->d_name) : -errno;
                if (q < 0 && r == 0)
                        r = q;
        }
        (void) closedir(d);
        if (unlinkat(dirfd, name, AT_REMOVEDIR) < 0 && r == 0)
                r = -errno;
        return r;
}
