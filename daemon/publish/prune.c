/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fileio.h"
#include "base/strv.h"
#include "publish/prune.h"

#define RECORD_MAX_BYTES (4u << 20)

/* A name we could have made: no slash, no dot first, printable, short. */
static bool record_name_ok(const char *s, size_t n) {
        if (n == 0 || n > 200 || s[0] == '.')
                return false;
        for (size_t i = 0; i < n; i++)
                if (s[i] == '/' || s[i] <= ' ' || s[i] == 0x7f)
                        return false;
        return true;
}

int ms_release_record_add(int releases_fd, const char *name) {
        if (!record_name_ok(name, strlen(name)))
                return -EINVAL;
        _cleanup_close_ int fd = openat(releases_fd, MS_RELEASE_RECORD,
                                        O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (fd < 0)
                return -errno;
        struct stat st;
        if (fstat(fd, &st) < 0)
                return -errno;
        if (!S_ISREG(st.st_mode))
                return -EBADFD;
        char line[256];
        int n = snprintf(line, sizeof(line), "%s\n", name);
        int r = ms_write_all(fd, line, (size_t) n);
        if (r >= 0 && fsync(fd) < 0)
                r = -errno;
        return r;
}

int ms_release_record_read(int releases_fd, char ***ret, size_t *ret_n) {
        *ret = NULL;
        *ret_n = 0;
        ms_buf text = {0};
        ms_error err = {.offset = -1};
        int r = ms_read_file_at(releases_fd, MS_RELEASE_RECORD, RECORD_MAX_BYTES, &text, &err);
        if (r == -ENOENT)
                return 0;
        char **v = NULL;
        size_t n = 0;
        for (const char *p = text.data, *end = text.data + text.len; r >= 0 && p && p < end;) {
                const char *nl = memchr(p, '\n', (size_t) (end - p));
                size_t l = (size_t) ((nl ? nl : end) - p);
                if (record_name_ok(p, l)) {
                        char **nv = reallocarray(v, n + 1, sizeof(*v));
                        if (!nv || !(nv[n] = strndup(p, l)))
                                r = -ENOMEM;
                        if (nv)
                                v = nv;
                        if (r >= 0)
                                n++;
                }
                p += l + 1;
        }
        ms_buf_done(&text);
        if (r < 0) {
                ms_strv_free(v, n);
                return r;
        }
        *ret = v;
        *ret_n = n;
        return 0;
}

/* Rewrite the record as v[0..n) minus the entries marked NULL. */
static int record_write(int releases_fd, char **v, size_t n) {
        ms_buf b = {0};
        int r = 0;
        for (size_t i = 0; r >= 0 && i < n; i++)
                if (v[i])
                        r = ms_buf_printf(&b, "%s\n", v[i]);
        if (r >= 0)
                r = ms_replace_file_at(releases_fd, MS_RELEASE_RECORD, b.data ? b.data : "", b.len);
        ms_buf_done(&b);
        return r;
}

int ms_release_record_remove(int releases_fd, const char *name) {
        char **v;
        size_t n;
        int r = ms_release_record_read(releases_fd, &v, &n);
        bool found = false;
        for (size_t i = 0; r >= 0 && i < n; i++)
                if (strcmp(v[i], name) == 0) {
                        free(v[i]);
                        v[i] = NULL;
                        found = true;
                }
        if (r >= 0 && found)
                r = record_write(releases_fd, v, n);
        ms_strv_free(v, n);
        return r;
}

/* The release name a link below dirfd points at ("releases/X" or
 * "../releases/X"), into out; "" when it is no such link. */
static void prune_link_target(int dirfd, const char *link, char *out, size_t n) {
        char buf[PATH_MAX];
        ssize_t l = readlinkat(dirfd, link, buf, sizeof(buf) - 1);
        out[0] = '\0';
        if (l <= 0)
                return;
        buf[l] = '\0';
        const char *slash = strrchr(buf, '/');
        const char *base = slash ? slash + 1 : buf;
        size_t bl = strlen(base);
        if (bl < n) /* longer names are none of ours */
                memcpy(out, base, bl + 1);
}

/* Whether name is the target of `current` or of any editions/ link. */
static bool prune_is_protected(int publish_fd, const char *name) {
        char t[256];
        prune_link_target(publish_fd, "current", t, sizeof(t));
        if (strcmp(t, name) == 0)
                return true;
        int fd = openat(publish_fd, "editions", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
        if (!d) {
                if (fd >= 0)
                        (void) close(fd);
                return false;
        }
        bool found = false;
        for (struct dirent *de; !found && (de = readdir(d));) {
                prune_link_target(dirfd(d), de->d_name, t, sizeof(t));
                found = strcmp(t, name) == 0;
        }
        (void) closedir(d);
        return found;
}

int ms_release_prune(const char *publish_dir, unsigned keep, ms_error *err) {
        _cleanup_close_ int pfd = open(publish_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        _cleanup_close_ int rfd =
                pfd >= 0 ? openat(pfd, "releases", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) : -1;
        if (rfd < 0)
                return ms_error_set(err, -errno, "", "cannot open %s/releases: %m", publish_dir);
        char **v;
        size_t n;
        int r = ms_release_record_read(rfd, &v, &n);
        if (r < 0)
                return ms_error_set(err, r, "", "cannot read %s/releases/%s: %s", publish_dir,
                                    MS_RELEASE_RECORD, strerror(-r));
        int removed = 0;
        bool changed = false;
        /* Oldest first; the newest `keep` entries stay. */
        for (size_t i = 0; r >= 0 && i + keep < n; i++) {
                struct stat st;
                if (prune_is_protected(pfd, v[i]))
                        continue;
                if (fstatat(rfd, v[i], &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode)) {
                        int q = ms_rm_rf_at(rfd, v[i]);
                        if (q < 0) {
                                r = ms_error_set(err, q, "", "cannot remove %s/releases/%s: %s", publish_dir,
                                                 v[i], strerror(-q));
                                break;
                        }
                        removed++;
                }
                free(v[i]); /* gone, or never there: out of the record */
                v[i] = NULL;
                changed = true;
        }
        if (changed) {
                int q = record_write(rfd, v, n);
                if (q < 0 && r >= 0)
                        r = ms_error_set(err, q, "", "cannot rewrite %s/releases/%s: %s", publish_dir,
                                         MS_RELEASE_RECORD, strerror(-q));
        }
        ms_strv_free(v, n);
        if (r >= 0 && removed > 0 && (r = ms_fsync_dir(rfd)) < 0)
                r = ms_error_set(err, r, "", "cannot fsync %s/releases: %s", publish_dir, strerror(-r));
        return r < 0 ? r : removed;
}
