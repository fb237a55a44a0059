/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "publish/editions.h"
#include "publish/publish_guard.h"
#include "base/fileio.h"
#include "migstat/period.h"

#define EDITION_TMP_PREFIX ".edition-"

/* The latest period among codes, of kind `kind` only unless any_kind. */
static bool edition_latest(const char *const *codes, size_t n, bool any_kind, ms_period_kind kind,
                           ms_period *ret) {
        ms_period p;
        bool found = false;
        for (size_t i = 0; i < n; i++) {
                if (!codes[i] || ms_period_parse(codes[i], &p) < 0 || (!any_kind && p.kind != kind))
                        continue;
                if (!found || ms_period_compare(&p, ret) > 0)
                        *ret = p;
                found = true;
        }
        return found;
}

int ms_edition_from_periods(const char *const *codes, size_t n, char *ret, size_t ret_size) {
        ms_period best;
        if (!edition_latest(codes, n, false, MS_PERIOD_MONTH, &best) &&
            !edition_latest(codes, n, true, 0, &best))
                return -EINVAL;
        ms_period_format(&best, ret, ret_size);
        return 0;
}

static bool edition_name_is_valid(const char *e) {
        size_t l = strlen(e);
        return l >= 4 && l <= 16 && strspn(e, "0123456789-QS") == l && e[0] != '-';
}

/* Stale temporary links of a crashed run are simply replaced: the name of
 * ours carries our pid, and unlinkat() clears a left-over one first. */
int ms_edition_set(const char *publish_dir, const char *edition, const char *release, ms_error *err) {
        if (!edition_name_is_valid(edition) || strchr(release, '/') || release[0] == '.')
                return ms_error_set(err, -EINVAL, "",
                                    "expected an edition like 2025-10 and a release name, got "
                                    "\"%s\" and \"%s\"",
                                    edition, release);
        _cleanup_close_ int pfd = open(publish_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (pfd < 0)
                return ms_error_set(err, -errno, "", "cannot open publish directory %s: %m", publish_dir);
        if (mkdirat(pfd, "editions", 0755) < 0 && errno != EEXIST)
                return ms_error_set(err, -errno, "", "cannot create %s/editions: %m", publish_dir);
        int r = ms_publish_refuse_symlink(pfd, publish_dir, "editions", err);
        if (r < 0)
                return r;
        _cleanup_close_ int efd = openat(pfd, "editions", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (efd < 0)
                return ms_error_set(err, -errno, "", "cannot open %s/editions: %m", publish_dir);
        char target[PATH_MAX], tmp[64];
        snprintf(target, sizeof(target), "../releases/%s", release);
        snprintf(tmp, sizeof(tmp), EDITION_TMP_PREFIX "%d", (int) getpid());
        (void) unlinkat(efd, tmp, 0);
        if (symlinkat(target, efd, tmp) < 0)
                return ms_error_set(err, -errno, "", "cannot create symlink %s/editions/%s: %m", publish_dir,
                                    tmp);
        if (renameat(efd, tmp, efd, edition) < 0) {
                r = -errno;
                (void) unlinkat(efd, tmp, 0);
                return ms_error_set(err, r, "", "cannot replace %s/editions/%s: %s", publish_dir, edition,
                                    strerror(-r));
        }
        r = ms_fsync_dir(efd);
        if (r >= 0)
                r = ms_fsync_dir(pfd); /* the editions directory itself may be new */
        return r < 0 ? ms_error_set(err, r, "", "cannot fsync %s/editions: %s", publish_dir, strerror(-r))
                     : 0;
}
