/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include "base/sha256.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/fileio.h"
#include "publish/publish.h"
#include "publish/prune.h"
#include "publish/publish_guard.h"

#define STAGING_PREFIX ".staging-"
#define CURRENT_TMP_PREFIX ".current-"
#define EDITION_TMP_PREFIX ".edition-" /* editions.c */

struct ms_release {
        int publish_fd;
        int releases_fd;
        int staging_fd;
        int previous_fd; /* the release `current` pointed at when we began, or -1 */
        char staging_name[64];
        char *publish_dir;
        ms_release_file *files;
        size_t n_files;
        bool committed;
        unsigned long delay_us;
        char subdirs[4][64];
        size_t n_subdirs;
        char name[128]; /* set by ms_release_name(), else at commit */
};

/* XXX test hook: MIGSTAT_TEST_PUBLISH_DELAY_US widens the windows between the
 * steps of a publish so that the kill -9 test (tests/publish_crash.sh) hits
 * every one of them.  Unset in production: no delay at all. */
static unsigned long publish_test_delay(void) {
        const char *s = getenv("MIGSTAT_TEST_PUBLISH_DELAY_US");
        char *end = NULL;
        unsigned long v = s ? strtoul(s, &end, 10) : 0;
        return end && *end == '\0' && v <= 1000000 ? v : 0;
}

static void publish_step(const ms_release *rel) {
        if (rel->delay_us == 0)
                return;
        struct timespec ts = {.tv_sec = (time_t) (rel->delay_us / 1000000),
                              .tv_nsec = (long) (rel->delay_us % 1000000) * 1000};
        while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
                ;
}

/* Left-overs of a crashed run: staging directories and temporary symlinks.
 * One daemon owns a publish directory, so any of them is stale. */
static void publish_clean_stale(int publish_fd, int releases_fd) {
        _cleanup_close_ int editions_fd =
                openat(publish_fd, "editions", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        int fds[3] = {releases_fd, publish_fd, editions_fd};
        const char *prefixes[3] = {STAGING_PREFIX, CURRENT_TMP_PREFIX, EDITION_TMP_PREFIX};
        for (size_t i = 0; i < 3; i++) {
                int fd = fds[i] >= 0 ? dup(fds[i]) : -1;
                DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
                if (!d) {
                        if (fd >= 0)
                                (void) close(fd);
                        continue;
                }
                for (struct dirent *de; (de = readdir(d));)
                        if (strncmp(de->d_name, prefixes[i], strlen(prefixes[i])) == 0)
                                (void) ms_rm_rf_at(fds[i], de->d_name);
                (void) closedir(d);
        }
}

static int release_open_dirs(ms_release *rel, const char *publish_dir, ms_error *err) {
        int r = ms_mkdir_p(publish_dir);
        if (r < 0)
                return ms_error_set(err, r, "", "cannot create publish directory %s: %s", publish_dir,
                                    strerror(-r));
        rel->publish_fd = open(publish_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (rel->publish_fd < 0)
                return ms_error_set(err, -errno, "", "cannot open publish directory %s: %m", publish_dir);
        if (mkdirat(rel->publish_fd, "releases", 0755) < 0 && errno != EEXIST)
                return ms_error_set(err, -errno, "", "cannot create %s/releases: %m", publish_dir);
        r = ms_publish_refuse_symlink(rel->publish_fd, publish_dir, "releases", err);
        if (r < 0)
                return r;
        rel->releases_fd =
                openat(rel->publish_fd, "releases", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (rel->releases_fd < 0)
                return ms_error_set(err, -errno, "", "cannot open %s/releases: %m", publish_dir);
        return 0;
}

int ms_release_begin(const char *publish_dir, ms_release **ret, ms_error *err) {
        _cleanup_(ms_release_freep) ms_release *rel = calloc(1, sizeof(*rel));
        if (!rel)
                return -ENOMEM;
        rel->publish_fd = rel->releases_fd = rel->staging_fd = rel->previous_fd = -1;
        rel->delay_us = publish_test_delay();
        if (!(rel->publish_dir = strdup(publish_dir)))
                return -ENOMEM;
        int r = release_open_dirs(rel, publish_dir, err);
        if (r < 0)
                return r;
        /* One publisher at a time: a second migstatd (or a second --once
         * from cron) would otherwise remove our staging directory as stale
         * while we still write into it.  The lock lives as long as publish_fd,
         * so a crashed process releases it. */
        if (flock(rel->publish_fd, LOCK_EX | LOCK_NB) < 0)
                return ms_error_set(
                        err, errno == EWOULDBLOCK ? -EBUSY : -errno, "",
                        "another process is publishing into %s (it holds the lock on the directory): %m",
                        publish_dir);
        publish_clean_stale(rel->publish_fd, rel->releases_fd);
        /* No previous release (first run, or a dangling link) only costs the
         * hard links: every file is then written anew.  A planted link is
         * refused (publish_guard.h). */
        r = ms_publish_open_current(rel->publish_fd, rel->releases_fd, publish_dir, &rel->previous_fd, err);
        if (r < 0)
                return r;
        snprintf(rel->staging_name, sizeof(rel->staging_name), STAGING_PREFIX "%d", (int) getpid());
        if (mkdirat(rel->releases_fd, rel->staging_name, 0755) < 0)
                return ms_error_set(err, -errno, "", "cannot create %s/releases/%s: %m", publish_dir,
                                    rel->staging_name);
        rel->staging_fd =
                openat(rel->releases_fd, rel->staging_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (rel->staging_fd < 0)
                return ms_error_set(err, -errno, "", "cannot open the staging directory: %m");
        *ret = TAKE_PTR(rel);
        return 0;
}

/* Whether the previous release holds name with exactly these bytes.  The
 * bytes themselves are compared, not a manifest's word for them: a file
 * someone altered by hand is not carried forward. */
static bool release_previous_has(const ms_release *rel, const char *name, const void *data, size_t len) {
        /* O_NONBLOCK: a FIFO planted in the release must not block the open. */
        _cleanup_close_ int fd =
                openat(rel->previous_fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
        struct stat st;
        if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (size_t) st.st_size != len)
                return false;
        const char *p = data;
        char chunk[65536];
        for (size_t done = 0; done < len;) {
                ssize_t n = read(fd, chunk, sizeof(chunk));
                if (n < 0 && errno == EINTR)
                        continue;
                if (n <= 0 || (size_t) n > len - done || memcmp(chunk, p + done, (size_t) n) != 0)
                        return false;
                done += (size_t) n;
        }
        return true;
}

/* Hard-link name from the previous release when its bytes did not change,
 * so the file keeps its inode and the web server its ETag.  1 when linked,
 * 0 when the caller must write the file, -errno on a real failure.  The
 * link is made durable by the fsync of the staging directory at commit. */
static int release_link_unchanged(ms_release *rel, const char *name, const void *data, size_t len) {
        if (rel->previous_fd < 0 || !release_previous_has(rel, name, data, len))
                return 0;
        if (linkat(rel->previous_fd, name, rel->staging_fd, name, 0) == 0)
                return 1;
        /* EXDEV, EMLINK, EPERM (protected_hardlinks): fall back to a copy. */
        return errno == ENOSPC || errno == EDQUOT || errno == EIO ? -errno : 0;
}

/* "name" or "dir/name" (one level, e.g. data/<source>.csv); the
 * sub-directory is created on first use and fsync'ed at commit. */
static int release_check_name(ms_release *rel, const char *name, ms_error *err) {
        const char *slash = strchr(name, '/');
        if (!name[0] || name[0] == '.' || (slash && (strchr(slash + 1, '/') || !slash[1] || slash[1] == '.')))
                return ms_error_set(err, -EINVAL, "", "expected a file name or dir/name, got \"%s\"", name);
        if (!slash)
                return 0;
        char dir[64];
        if ((size_t) (slash - name) >= sizeof(dir))
                return ms_error_set(err, -ENAMETOOLONG, "", "directory name too long in \"%s\"", name);
        memcpy(dir, name, (size_t) (slash - name));
        dir[slash - name] = '\0';
        for (size_t i = 0; i < rel->n_subdirs; i++)
                if (strcmp(rel->subdirs[i], dir) == 0)
                        return 0;
        if (rel->n_subdirs == ELEMENTSOF(rel->subdirs))
                return ms_error_set(err, -E2BIG, "", "too many sub-directories in a release");
        if (mkdirat(rel->staging_fd, dir, 0755) < 0)
                return ms_error_set(err, -errno, "", "cannot create %s/releases/%s/%s: %m", rel->publish_dir,
                                    rel->staging_name, dir);
        snprintf(rel->subdirs[rel->n_subdirs++], sizeof(rel->subdirs[0]), "%s", dir);
        return 0;
}

static int release_fsync_subdirs(const ms_release *rel) {
        for (size_t i = 0; i < rel->n_subdirs; i++) {
                _cleanup_close_ int fd = openat(rel->staging_fd, rel->subdirs[i],
                                                O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                if (fd < 0 || fsync(fd) < 0)
                        return -errno;
        }
        return 0;
}

int ms_release_add(ms_release *rel, const char *name, const void *data, size_t len, ms_error *err) {
        int r = release_check_name(rel, name, err);
        if (r < 0)
                return r;
        ms_release_file *n = reallocarray(rel->files, rel->n_files + 1, sizeof(*n));
        if (!n)
                return -ENOMEM;
        rel->files = n;
        ms_release_file *f = &rel->files[rel->n_files];
        *f = (ms_release_file){.bytes = len};
        if (!(f->name = strdup(name)))
                return -ENOMEM;
        publish_step(rel);
        r = release_link_unchanged(rel, name, data, len);
        if (r > 0)
                f->linked = true;
        else
                r = ms_write_file_synced(rel->staging_fd, name, data, len);
        if (r < 0) {
                free(f->name);
                return ms_error_set(err, r, "", "cannot write %s/releases/%s/%s: %s", rel->publish_dir,
                                    rel->staging_name, name, strerror(-r));
        }
        ms_sha256_hex(data, len, f->sha256);
        rel->n_files++;
        return 0;
}

/* Read dirfd/name whole (a regular file, no symlink: unlike ms_read_file_at(),
 * which config layers need to follow), at most max bytes.  O_NONBLOCK: a FIFO
 * planted in the release must not block the open (regular files ignore it). */
static int release_read_at(int dirfd, const char *name, size_t max, ms_buf *ret) {
        if (dirfd < 0)
                return -ENOENT;
        _cleanup_close_ int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
        struct stat st;
        if (fd < 0 || fstat(fd, &st) < 0)
                return -errno;
        if (!S_ISREG(st.st_mode))
                return -ENOENT;
        if ((size_t) st.st_size > max)
                return -EFBIG;
        size_t size = (size_t) st.st_size, len = 0;
        _cleanup_free_ char *data = malloc(size + 1);
        if (!data)
                return -ENOMEM;
        while (len < size) {
                ssize_t n = read(fd, data + len, size - len);
                if (n < 0 && errno == EINTR)
                        continue;
                if (n <= 0)
                        return n < 0 ? -errno : -EIO; /* shrunk while read */
                len += (size_t) n;
        }
        data[len] = '\0';
        *ret = (ms_buf){.data = TAKE_PTR(data), .len = len, .cap = size + 1};
        return 0;
}

int ms_release_read_previous(const ms_release *rel, const char *name, size_t max, ms_buf *ret,
                             ms_error *err) {
        int r = release_read_at(rel->previous_fd, name, max, ret);
        if (r < 0)
                return ms_error_set(err, r, "", "cannot read %s from the current release: %s", name,
                                    strerror(-r));
        return 0;
}

int ms_release_carry(ms_release *rel, const char *name, size_t bytes, const char *sha256, ms_error *err) {
        int r = release_check_name(rel, name, err);
        if (r < 0)
                return r;
        if (strlen(sha256) != 64)
                return ms_error_set(err, -EINVAL, "", "%s: expected a SHA-256 to carry it over", name);
        ms_release_file *n = reallocarray(rel->files, rel->n_files + 1, sizeof(*n));
        if (!n)
                return -ENOMEM;
        rel->files = n;
        ms_release_file *f = &rel->files[rel->n_files];
        *f = (ms_release_file){.bytes = bytes, .linked = true};
        memcpy(f->sha256, sha256, sizeof(f->sha256));
        if (!(f->name = strdup(name)))
                return -ENOMEM;
        publish_step(rel);
        r = linkat(rel->previous_fd, name, rel->staging_fd, name, 0) < 0 ? -errno : 0;
        if (r == -EXDEV || r == -EMLINK || r == -EPERM) { /* as release_link_unchanged(): copy */
                ms_buf b = {0};
                r = release_read_at(rel->previous_fd, name, bytes, &b);
                if (r >= 0)
                        r = ms_write_file_synced(rel->staging_fd, name, b.data ? b.data : "", b.len);
                ms_buf_done(&b);
        }
        if (r < 0) {
                free(f->name);
                return ms_error_set(err, r, "", "cannot link %s into %s/releases/%s: %s", name,
                                    rel->publish_dir, rel->staging_name, strerror(-r));
        }
        rel->n_files++;
        return 0;
}

struct ms_release_stream {
        int fd;
        char *name;
        size_t bytes;
        ms_sha256 *hash;
};

int ms_release_stream_begin(ms_release *rel, const char *name, ms_release_stream **ret, ms_error *err) {
        int r = release_check_name(rel, name, err);
        if (r < 0)
                return r;
        ms_release_stream *s = calloc(1, sizeof(*s));
        if (!s || !(s->name = strdup(name)) || !(s->hash = ms_sha256_new())) {
                if (s)
                        free(s->name);
                free(s);
                return -ENOMEM;
        }
        publish_step(rel);
        s->fd = openat(rel->staging_fd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (s->fd < 0) {
                r = -errno;
                char sum[65];
                ms_sha256_final(s->hash, sum);
                free(s->name);
                free(s);
                return ms_error_set(err, r, "", "cannot write %s/releases/%s/%s: %s", rel->publish_dir,
                                    rel->staging_name, name, strerror(-r));
        }
        *ret = s;
        return 0;
}

int ms_release_stream_write(ms_release_stream *s, const void *data, size_t len, ms_error *err) {
        int r = ms_write_all(s->fd, data, len);
        if (r >= 0)
                r = ms_sha256_update(s->hash, data, len);
        s->bytes += len;
        return r < 0 ? ms_error_set(err, r, "", "cannot write %s: %s", s->name, strerror(-r)) : 0;
}

/* SHA-256 of the previous release's name, "" when it has none. */
static void release_previous_sha(const ms_release *rel, const char *name, size_t len, char out[65]) {
        _cleanup_close_ int fd =
                rel->previous_fd >= 0
                        ? openat(rel->previous_fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
                        : -1;
        struct stat st;
        out[0] = '\0';
        ms_sha256 *h = NULL;
        if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (size_t) st.st_size != len ||
            !(h = ms_sha256_new()))
                return;
        char chunk[65536];
        for (ssize_t n; (n = read(fd, chunk, sizeof(chunk))) != 0;)
                if ((n < 0 && errno != EINTR) || (n > 0 && ms_sha256_update(h, chunk, (size_t) n) < 0)) {
                        ms_sha256_final(h, out);
                        out[0] = '\0';
                        return;
                }
        ms_sha256_final(h, out);
}

bool ms_release_previous_check(const ms_release *rel, const char *name, size_t bytes, const char *sha256) {
        char sum[65];
        release_previous_sha(rel, name, bytes, sum); /* streamed: a data file is never whole in memory */
        return sum[0] && strcmp(sum, sha256) == 0;
}

/* Replace the written staging file name by a hard link to the previous
 * release's (same bytes): linked beside it under a dot name (never a
 * release file's) and renamed over it, so that a link that cannot be made
 * (EXDEV, EMLINK, EPERM under protected_hardlinks) keeps the written copy.
 * True when the link is in place. */
static bool release_relink_previous(ms_release *rel, const char *name) {
        char tmp[PATH_MAX];
        const char *slash = strrchr(name, '/');
        int dl = slash ? (int) (slash - name + 1) : 0;
        if (snprintf(tmp, sizeof(tmp), "%.*s.%s.link", dl, name, name + dl) >= (int) sizeof(tmp))
                return false;
        (void) unlinkat(rel->staging_fd, tmp, 0);
        if (linkat(rel->previous_fd, name, rel->staging_fd, tmp, 0) < 0)
                return false;
        if (renameat(rel->staging_fd, tmp, rel->staging_fd, name) < 0) {
                (void) unlinkat(rel->staging_fd, tmp, 0);
                return false;
        }
        return true;
}

int ms_release_stream_end(ms_release *rel, ms_release_stream *s, ms_error *err) {
        ms_release_file f = {.bytes = s->bytes, .name = s->name};
        char prev[65];
        ms_sha256_final(s->hash, f.sha256);
        int r = fsync(s->fd) < 0 ? -errno : 0;
        (void) close(s->fd);
        free(s);
        release_previous_sha(rel, f.name, f.bytes, prev);
        /* Unchanged: the previous release's inode (same ETag), as ms_release_add() does. */
        if (r >= 0 && strcmp(prev, f.sha256) == 0)
                f.linked = release_relink_previous(rel, f.name);
        ms_release_file *n = r >= 0 ? reallocarray(rel->files, rel->n_files + 1, sizeof(*n)) : NULL;
        if (r >= 0 && !n)
                r = -ENOMEM;
        if (r < 0) {
                int q = ms_error_set(err, r, "", "cannot write %s/releases/%s/%s: %s", rel->publish_dir,
                                     rel->staging_name, f.name, strerror(-r));
                free(f.name);
                return q;
        }
        rel->files = n;
        rel->files[rel->n_files++] = f;
        return 0;
}

size_t ms_release_files(const ms_release *rel, const ms_release_file **ret) {
        *ret = rel->files;
        return rel->n_files;
}

/* Regular files in dirfd and its sub-directories (one level, as releases
 * are), or -1 when it cannot be read. */
static ssize_t release_count_files(int dirfd, bool descend) {
        int fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
        if (!d) {
                if (fd >= 0)
                        (void) close(fd);
                return -1;
        }
        ssize_t n = 0;
        for (struct dirent *de; n >= 0 && (de = readdir(d));) {
                struct stat st;
                if (de->d_name[0] == '.' || fstatat(dirfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
                        continue;
                if (S_ISREG(st.st_mode))
                        n++;
                else if (S_ISDIR(st.st_mode) && descend) {
                        _cleanup_close_ int sub =
                                openat(dirfd, de->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
                        ssize_t m = sub >= 0 ? release_count_files(sub, false) : -1;
                        n = m < 0 ? -1 : n + m;
                }
        }
        (void) closedir(d);
        return n;
}

bool ms_release_same_as_previous(const ms_release *rel, const char *except) {
        if (rel->previous_fd < 0)
                return false;
        size_t n = 0;
        for (size_t i = 0; i < rel->n_files; i++) {
                if (except && strcmp(rel->files[i].name, except) == 0)
                        continue;
                if (!rel->files[i].linked)
                        return false;
                n++;
        }
        struct stat st;
        bool prev_has_except = except && fstatat(rel->previous_fd, except, &st, AT_SYMLINK_NOFOLLOW) == 0;
        ssize_t prev = release_count_files(rel->previous_fd, true);
        return prev >= 0 && (size_t) prev == n + (prev_has_except ? 1 : 0);
}

/* Short content hash: names and digests of every file, in the order added. */
static void release_short_hash(const ms_release *rel, const char *also, char out[7]) {
        ms_buf b = {0};
        char hex[65];
        for (size_t i = 0; i < rel->n_files; i++)
                (void) ms_buf_printf(&b, "%s %s\n", rel->files[i].sha256, rel->files[i].name);
        if (also && *also)
                (void) ms_buf_printf(&b, "%s", also);
        ms_sha256_hex(b.data ? b.data : "", b.len, hex);
        ms_buf_done(&b);
        memcpy(out, hex, 6);
        out[6] = '\0';
}

/* Point `current` at releases/name by renaming a fresh symlink over it. */
static int release_swap_current(ms_release *rel, const char *name, ms_error *err) {
        char target[PATH_MAX], tmp[64];
        snprintf(target, sizeof(target), "releases/%s", name);
        snprintf(tmp, sizeof(tmp), CURRENT_TMP_PREFIX "%d", (int) getpid());
        (void) unlinkat(rel->publish_fd, tmp, 0);
        if (symlinkat(target, rel->publish_fd, tmp) < 0)
                return ms_error_set(err, -errno, "", "cannot create symlink %s/%s: %m", rel->publish_dir,
                                    tmp);
        if (renameat(rel->publish_fd, tmp, rel->publish_fd, "current") < 0) {
                int r = -errno;
                (void) unlinkat(rel->publish_fd, tmp, 0);
                return ms_error_set(err, r, "", "cannot replace %s/current: %s", rel->publish_dir,
                                    strerror(-r));
        }
        int r = ms_fsync_dir(rel->publish_fd);
        return r < 0 ? ms_error_set(err, r, "", "cannot fsync %s: %s", rel->publish_dir, strerror(-r)) : 0;
}

/* The release's name: "<timestamp>-<hash>", or "<...>-2", "-3", ... when a
 * directory of that name is there already (planted, or ours of the same
 * second): it is never mistaken for this release. */
const char *ms_release_name(ms_release *rel, const char *timestamp, const char *also) {
        char hash[7], base[100];
        struct stat st;
        release_short_hash(rel, also, hash);
        snprintf(base, sizeof(base), "%s-%s", timestamp, hash);
        snprintf(rel->name, sizeof(rel->name), "%s", base);
        for (unsigned i = 2; i <= 100 && fstatat(rel->releases_fd, rel->name, &st, AT_SYMLINK_NOFOLLOW) == 0;
             i++)
                snprintf(rel->name, sizeof(rel->name), "%s-%u", base, i);
        return rel->name;
}

/* Move the staging directory to name, never over anything there (a
 * directory planted since the name was chosen fails the publish: the
 * manifest names the release).  The name is in the daemon's record
 * (prune.h) before the directory exists, so a crash leaves nothing that
 * retention would miss. */
static int release_move_into_place(ms_release *rel, const char *name, ms_error *err) {
        int r = ms_release_record_add(rel->releases_fd, name);
        if (r < 0)
                return ms_error_set(err, r, "", "cannot record the release in %s/releases/%s: %s",
                                    rel->publish_dir, MS_RELEASE_RECORD, strerror(-r));
        if (renameat2(rel->releases_fd, rel->staging_name, rel->releases_fd, name, RENAME_NOREPLACE) == 0) {
                rel->committed = true;
                return 0;
        }
        r = -errno;
        (void) ms_release_record_remove(rel->releases_fd, name);
        return ms_error_set(err, r, "", "cannot move the release into %s/releases/%s: %s%s", rel->publish_dir,
                            name, strerror(-r),
                            r == -EEXIST || r == -ENOTEMPTY ? " (not ours: left as it is)" : "");
}

int ms_release_commit(ms_release *rel, const char *timestamp, char **ret_name, ms_error *err) {
        char name[128];
        snprintf(name, sizeof(name), "%s", rel->name[0] ? rel->name : ms_release_name(rel, timestamp, NULL));
        publish_step(rel);
        int r = release_fsync_subdirs(rel);
        if (r >= 0)
                r = ms_fsync_dir(rel->staging_fd);
        if (r < 0)
                return ms_error_set(err, r, "", "cannot fsync the staging directory: %s", strerror(-r));
        publish_step(rel);
        r = release_move_into_place(rel, name, err);
        if (r < 0)
                return r;
        r = ms_fsync_dir(rel->releases_fd);
        if (r < 0)
                ms_error_set(err, r, "", "cannot fsync %s/releases: %s", rel->publish_dir, strerror(-r));
        publish_step(rel);
        if (r >= 0)
                r = release_swap_current(rel, name, err);
        if (r < 0) {
                /* Never current: a release nobody can reach would only
                 * fill the disk.  current still names the previous one. */
                (void) ms_rm_rf_at(rel->releases_fd, name);
                (void) ms_release_record_remove(rel->releases_fd, name);
                (void) ms_fsync_dir(rel->releases_fd);
                return r;
        }
        if (ret_name && !(*ret_name = strdup(name)))
                return -ENOMEM;
        return 0;
}

ms_release *ms_release_free(ms_release *rel) {
        if (!rel)
                return NULL;
        if (rel->staging_fd >= 0)
                (void) close(rel->staging_fd);
        if (rel->previous_fd >= 0)
                (void) close(rel->previous_fd);
        if (!rel->committed && rel->releases_fd >= 0 && rel->staging_name[0])
                (void) ms_rm_rf_at(rel->releases_fd, rel->staging_name);
        if (rel->releases_fd >= 0)
                (void) close(rel->releases_fd);
        if (rel->publish_fd >= 0)
                (void) close(rel->publish_fd);
        for (size_t i = 0; i < rel->n_files; i++)
                free(rel->files[i].name);
        free(rel->files);
        free(rel->publish_dir);
        free(rel);
        return NULL;
}
