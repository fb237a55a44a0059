/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/fileio.h"
#include "base/timefmt.h"
#include "fetch/source_health.h"

static int health_path(char *out, size_t n, const char *state_dir, const char *id, const char *suffix) {
        if (snprintf(out, n, "%s/cache/%s.failing%s", state_dir, id, suffix) >= (int) n)
                return -ENAMETOOLONG;
        return 0;
}

static int64_t health_read(const char *path) {
        ms_buf b = {0};
        ms_error err = {.offset = -1};
        int64_t t = -1;
        if (ms_read_file(path, 64, &b, &err) >= 0 && b.data) {
                char *end = NULL;
                long long v = strtoll(b.data, &end, 10);
                if (end != b.data && v > 0)
                        t = (int64_t) v;
        }
        ms_buf_done(&b);
        return t;
}

void ms_source_health_failed(const char *state_dir, const char *id, int64_t now, int64_t *ret_since) {
        char path[PATH_MAX], tmp[PATH_MAX], dir[PATH_MAX], text[32];
        *ret_since = now;
        if (!state_dir || health_path(path, sizeof(path), state_dir, id, "") < 0 ||
            health_path(tmp, sizeof(tmp), state_dir, id, ".tmp") < 0)
                return;
        int64_t since = health_read(path);
        if (since > 0 && since <= now) {
                *ret_since = since;
                return;
        }
        snprintf(dir, sizeof(dir), "%s/cache", state_dir);
        int n = snprintf(text, sizeof(text), "%" PRId64 "\n", now);
        if (ms_mkdir_p(dir) < 0)
                return;
        (void) unlink(tmp);
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
        if (fd < 0)
                return;
        bool ok = ms_write_all(fd, text, (size_t) n) >= 0;
        ok = close(fd) == 0 && ok;
        if (!ok || rename(tmp, path) < 0)
                (void) unlink(tmp);
}

void ms_source_health_ok(const char *state_dir, const char *id) {
        char path[PATH_MAX];
        if (state_dir && health_path(path, sizeof(path), state_dir, id, "") >= 0)
                (void) unlink(path);
}

void ms_source_health_format(int64_t t, char *buf, size_t size) {
        ms_format_utc(t, buf, size, "?");
}
