/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "migstat/fileio.h"
#include "migstat/publish.h"

#define STAGING_PREFIX ".staging-"
#define CURRENT_TMP_PREFIX ".current-"

struct ms_release {
        int publish_fd;
        int releases_fd;
        int staging_fd;
        char staging_name[64];
        char *publish_dir;
        ms_release_file *files;
        size_t n_files;
        bool committed;
};

void ms_sha256_hex(const void *data, size_t len, char out[65]) {
        unsigned char md[32];
        unsigned int mdlen = 0;
        if (EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) != 1 || mdlen != 32)
                memset(md, 0, sizeof(md)); /* cannot happen with the default provider */
        for (size_t i = 0; i < 32; i++)
                snprintf(out + 2 * i, 3, "%02x", md[i]);
}

/* Left-overs of a crashed run: staging directories and temporary symlinks.
 * One daemon owns a publish directory, so any of them is stale. */
static void publish_clean_stale(int publish_fd, int releases_fd) {
        int fds[2] = {releases_fd, publish_fd};
        const char *prefixes[2] = {STAGING_PREFIX, CURRENT_TMP_PREFIX};
        for (size_t i = 0; i < 2; i++) {
                int fd = dup(fds[i]);
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
        rel->releases_fd = openat(rel->publish_fd, "releases", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (rel->releases_fd < 0)
                return ms_error_set(err, -errno, "", "cannot open %s/releases: %m", publish_dir);
        return 0;
}

int ms_release_begin(const char *publish_dir, ms_release **ret, ms_error *err) {
        _cleanup_(ms_release_freep) ms_release *rel = calloc(1, sizeof(*rel));
        if (!rel)
                return -ENOMEM;
        rel->publish_fd = rel->releases_fd = rel->staging_fd = -1;
        if (!(rel->publish_dir = strdup(publish_dir)))
                return -ENOMEM;
        int r = release_open_dirs(rel, publish_dir, err);
        if (r < 0)
                return r;
        publish_clean_stale(rel->publish_fd, rel->releases_fd);
        snprintf(rel->staging_name, sizeof(rel->staging_name), STAGING_PREFIX "%d", (int) getpid());
        if (mkdirat(rel->releases_fd, rel->staging_name, 0755) < 0)
                return ms_error_set(err, -errno, "", "cannot create %s/releases/%s: %m", publish_dir,
                                    rel->staging_name);
        rel->staging_fd = openat(rel->releases_fd, rel->staging_name,
                                 O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (rel->staging_fd < 0)
                return ms_error_set(err, -errno, "", "cannot open the staging directory: %m");
        *ret = TAKE_PTR(rel);
        return 0;
}

int ms_release_add(ms_release *rel, const char *name, const void *data, size_t len, ms_error *err) {
        if (!name[0] || strchr(name, '/') || name[0] == '.')
                return ms_error_set(err, -EINVAL, "", "expected a plain file name, got \"%s\"", name);
        ms_release_file *n = reallocarray(rel->files, rel->n_files + 1, sizeof(*n));
        if (!n)
                return -ENOMEM;
        rel->files = n;
        ms_release_file *f = &rel->files[rel->n_files];
        *f = (ms_release_file){.bytes = len};
        if (!(f->name = strdup(name)))
                return -ENOMEM;
        int r = ms_write_file_synced(rel->staging_fd, name, data, len);
        if (r < 0) {
                free(f->name);
                return ms_error_set(err, r, "", "cannot write %s/releases/%s/%s: %s", rel->publish_dir,
                                    rel->staging_name, name, strerror(-r));
        }
        ms_sha256_hex(data, len, f->sha256);
        rel->n_files++;
        return 0;
}

size_t ms_release_files(const ms_release *rel, const ms_release_file **ret) {
        *ret = rel->files;
        return rel->n_files;
}

/* Short content hash: names and digests of every file, in the order added. */
static void release_short_hash(const ms_release *rel, char out[7]) {
        ms_buf b = {0};
        char hex[65];
        for (size_t i = 0; i < rel->n_files; i++)
                (void) ms_buf_printf(&b, "%s %s\n", rel->files[i].sha256, rel->files[i].name);
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
                return ms_error_set(err, -errno, "", "cannot create symlink %s/%s: %m", rel->publish_dir, tmp);
        if (renameat(rel->publish_fd, tmp, rel->publish_fd, "current") < 0) {
                int r = -errno;
                (void) unlinkat(rel->publish_fd, tmp, 0);
                return ms_error_set(err, r, "", "cannot replace %s/current: %s", rel->publish_dir,
                                    strerror(-r));
        }
        int r = ms_fsync_dir(rel->publish_fd);
        return r < 0 ? ms_error_set(err, r, "", "cannot fsync %s: %s", rel->publish_dir, strerror(-r)) : 0;
}

int ms_release_commit(ms_release *rel, const char *timestamp, char **ret_name, ms_error *err) {
        char hash[7], name[128];
        release_short_hash(rel, hash);
        snprintf(name, sizeof(name), "%s-%s", timestamp, hash);
        int r = ms_fsync_dir(rel->staging_fd);
        if (r < 0)
                return ms_error_set(err, r, "", "cannot fsync the staging directory: %s", strerror(-r));
        /* renameat() onto an existing non-empty directory fails: the same
         * content published twice within one second keeps the first. */
        if (renameat(rel->releases_fd, rel->staging_name, rel->releases_fd, name) < 0) {
                if (errno != EEXIST && errno != ENOTEMPTY)
                        return ms_error_set(err, -errno, "", "cannot move the release into %s/releases/%s: %m",
                                            rel->publish_dir, name);
        } else
                rel->committed = true;
        r = ms_fsync_dir(rel->releases_fd);
        if (r < 0)
                return ms_error_set(err, r, "", "cannot fsync %s/releases: %s", rel->publish_dir, strerror(-r));
        r = release_swap_current(rel, name, err);
        if (r < 0)
                return r;
        if (ret_name && !(*ret_name = strdup(name)))
                return -ENOMEM;
        return 0;
}

ms_release *ms_release_free(ms_release *rel) {
        if (!rel)
                return NULL;
        if (rel->staging_fd >= 0)
                (void) close(rel->staging_fd);
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
