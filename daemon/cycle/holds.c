/* SPDX-License-Identifier: MIT */
#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/fileio.h"
#include "base/log.h"
#include "cycle/holds.h"
#include "migstat/json_util.h"

#define HOLD_MAX_BYTES (64u * 1024)

/* Open <state>/cache (created when missing). */
static int hold_dir(const char *state_dir, ms_error *err) {
        char dir[PATH_MAX];
        if (snprintf(dir, sizeof(dir), "%s/cache", state_dir) >= (int) sizeof(dir))
                return ms_error_set(err, -ENAMETOOLONG, "", "state directory path too long");
        int r = ms_mkdir_p(dir);
        if (r < 0)
                return ms_error_set(err, r, "", "%s: cannot create: %s", dir, strerror(-r));
        int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        return fd >= 0 ? fd : ms_error_set(err, -errno, "", "%s: cannot open: %m", dir);
}

/* Replace dirfd/<id><suffix> atomically with text. */
static int hold_write(int dirfd, const char *id, const char *suffix, const char *text, ms_error *err) {
        char name[NAME_MAX + 1];
        if (snprintf(name, sizeof(name), "%s%s", id, suffix) >= (int) sizeof(name))
                return ms_error_set(err, -ENAMETOOLONG, "", "source id too long");
        int r = ms_replace_file_at(dirfd, name, text, strlen(text));
        if (r == -ENAMETOOLONG) /* the temporary name, one byte and ".tmp" longer */
                return ms_error_set(err, r, "", "source id too long");
        if (r >= 0)
                r = ms_fsync_dir(dirfd);
        if (r < 0)
                return ms_error_set(err, r, "", "cache/%s: cannot write: %s", name, strerror(-r));
        return 0;
}

int ms_hold_record(const char *state_dir, const char *id, const char *sha256, const char *check,
                   const char *reason, ms_error *err) {
        _cleanup_close_ int dfd = hold_dir(state_dir, err);
        if (dfd < 0)
                return dfd;
        _cleanup_(cJSON_Deletep) cJSON *j = cJSON_CreateObject();
        if (!j || !cJSON_AddStringToObject(j, "source", id) ||
            !cJSON_AddStringToObject(j, "sha256", sha256) || !cJSON_AddStringToObject(j, "check", check) ||
            !cJSON_AddStringToObject(j, "reason", reason) ||
            !cJSON_AddNumberToObject(j, "held_at_unix", (double) time(NULL)))
                return ms_error_set(err, -ENOMEM, "", "out of memory");
        _cleanup_free_ char *text = cJSON_Print(j);
        if (!text)
                return ms_error_set(err, -ENOMEM, "", "out of memory");
        return hold_write(dfd, id, ".held", text, err);
}

static int hold_path(char *out, size_t n, const char *state_dir, const char *id, const char *suffix) {
        return snprintf(out, n, "%s/cache/%s%s", state_dir, id, suffix) >= (int) n ? -ENAMETOOLONG : 0;
}

/* Remove <id><suffix>; 0 if there is none. */
static int hold_unlink(const char *state_dir, const char *id, const char *suffix) {
        char path[PATH_MAX];
        if (hold_path(path, sizeof(path), state_dir, id, suffix) < 0)
                return -ENAMETOOLONG;
        return unlink(path) < 0 && errno != ENOENT ? -errno : 0;
}

int ms_hold_clear(const char *state_dir, const char *id) {
        int r = hold_unlink(state_dir, id, ".held"), q = hold_unlink(state_dir, id, ".accepted");
        return r < 0 ? r : q;
}

int ms_hold_accept(const char *state_dir, const char *id, char ret_sha[65], ms_error *err) {
        char path[PATH_MAX];
        ms_buf text = {0};
        _cleanup_(cJSON_Deletep) cJSON *j = NULL;
        if (hold_path(path, sizeof(path), state_dir, id, ".held") < 0)
                return ms_error_set(err, -ENAMETOOLONG, "", "source id too long");
        ms_error rerr = {.offset = -1};
        int r = ms_read_file(path, HOLD_MAX_BYTES, &text, &rerr);
        if (r == -ENOENT)
                return ms_error_set(err, -ENOENT, "", "source %s is not held", id);
        if (r >= 0)
                r = ms_json_parse(text.data ? text.data : "", text.len, &j, &rerr);
        ms_buf_done(&text);
        const char *sha = r >= 0 ? ms_json_string(j, "sha256") : NULL;
        if (!sha || strlen(sha) != 64 || strspn(sha, "0123456789abcdef") != 64)
                return ms_error_set(err, r < 0 ? r : -EBADMSG, "",
                                    "%s: expected a hold record with a sha256%s%s", path, r < 0 ? ": " : "",
                                    r < 0 ? rerr.msg : "");
        _cleanup_close_ int dfd = hold_dir(state_dir, err);
        if (dfd < 0)
                return dfd;
        char line[80];
        snprintf(line, sizeof(line), "%s\n", sha);
        r = hold_write(dfd, id, ".accepted", line, err);
        if (r < 0)
                return r;
        memcpy(ret_sha, sha, 65);
        char field[160];
        snprintf(field, sizeof(field), "MIGSTAT_SOURCE=%s", id);
        const char *const fields[] = {field, NULL};
        (void) ms_log_full(LOG_NOTICE, 0, fields,
                           "source %s: the operator accepted its held data (SHA-256 %s)", id, sha);
        return hold_unlink(state_dir, id, ".held");
}

bool ms_hold_is_accepted(const char *state_dir, const char *id, const char *sha256) {
        char path[PATH_MAX];
        ms_buf text = {0};
        ms_error err = {.offset = -1};
        if (hold_path(path, sizeof(path), state_dir, id, ".accepted") < 0 || access(path, F_OK) < 0)
                return false;
        bool yes = ms_read_file(path, 256, &text, &err) >= 0 && text.len >= 64 &&
                   memcmp(text.data, sha256, 64) == 0;
        ms_buf_done(&text);
        return yes;
}
