/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "publish/publish_guard.h"

int ms_publish_refuse_symlink(int dirfd, const char *dir, const char *name, ms_error *err) {
        struct stat st;
        if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISLNK(st.st_mode))
                return 0;
        char target[PATH_MAX];
        ssize_t l = readlinkat(dirfd, name, target, sizeof(target) - 1);
        target[l > 0 ? l : 0] = '\0';
        return ms_error_set(
                err, -ELOOP, "",
                "%s/%s is a symbolic link (to %s), expected a directory: refusing to publish through it", dir,
                name, target);
}

/* The <name> of "releases/<name>": one plain component, not hidden. */
static const char *current_release_name(const char *target) {
        static const char prefix[] = "releases/";
        if (strncmp(target, prefix, sizeof(prefix) - 1) != 0)
                return NULL;
        const char *name = target + sizeof(prefix) - 1;
        if (name[0] == '\0' || name[0] == '.' || strchr(name, '/'))
                return NULL;
        return name;
}

int ms_publish_open_current(int publish_fd, int releases_fd, const char *dir, int *ret_fd, ms_error *err) {
        char target[PATH_MAX];
        ssize_t l = readlinkat(publish_fd, "current", target, sizeof(target) - 1);
        if (l < 0 && errno == ENOENT) {
                *ret_fd = -1;
                return 0;
        }
        if (l < 0 && errno == EINVAL)
                return ms_error_set(err, -EINVAL, "",
                                    "%s/current is not a symbolic link, expected a link to releases/<name>: "
                                    "refusing to publish over it (move it away by hand)",
                                    dir);
        if (l < 0)
                return ms_error_set(err, -errno, "", "cannot read the link %s/current: %m", dir);
        target[l] = '\0';
        const char *name = current_release_name(target);
        if (!name)
                return ms_error_set(err, -EINVAL, "",
                                    "%s/current points to \"%s\", expected releases/<name>: "
                                    "refusing to publish (was it planted?)",
                                    dir, target);
        char releases[PATH_MAX];
        snprintf(releases, sizeof(releases), "%s/releases", dir);
        int r = ms_publish_refuse_symlink(releases_fd, releases, name, err);
        if (r < 0)
                return r;
        int fd = openat(releases_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0 && errno != ENOENT)
                return ms_error_set(err, -errno, "", "cannot open %s/%s (current): %m", dir, target);
        *ret_fd = fd; /* -1: current dangles, every file is written anew */
        return 0;
}
