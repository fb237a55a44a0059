/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/fileio.h"
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
        char path[PATH_MAX], dir[PATH_MAX], name[NAME_MAX + 1], text[32];
        *ret_since = now;
        if (!state_dir || health_path(path, sizeof(path), state_dir, id, "") < 0)
                return;
        int64_t since = health_read(path);
        if (since > 0 && since <= now) {
                *ret_since = since;
                return;
        }
        snprintf(dir, sizeof(dir), "%s/cache", state_dir);
        if (snprintf(name, sizeof(name), "%s.failing", id) >= (int) sizeof(name))
                return;
        int n = snprintf(text, sizeof(text), "%" PRId64 "\n", now);
        if (ms_mkdir_p(dir) < 0)
                return;
        _cleanup_close_ int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0)
                (void) ms_replace_file_at(dfd, name, text, (size_t) n);
}

void ms_source_health_ok(const char *state_dir, const char *id) {
        char path[PATH_MAX];
        if (state_dir && health_path(path, sizeof(path), state_dir, id, "") >= 0)
                (void) unlink(path);
}
