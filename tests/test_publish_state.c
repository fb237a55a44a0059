/* SPDX-License-Identifier: MIT */
/*
 * Hostile state in the publish and cache directories (issue 18): a
 * directory planted under the next release's name, planted and
 * future-dated names among the releases, a `current` swap that fails, a
 * cached ETag with CR/LF, a FIFO where a cache file belongs.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/fileio.h"
#include "fetch/cache.h"
#include "publish/prune.h"
#include "publish/publish.h"
#include "temp_dir.h"

static void path_of(char *out, size_t n, const char *pub, const char *rel) {
        snprintf(out, n, "%s/%s/%s", temp_dir, pub, rel);
}

/* One release of one file into temp_dir/pub at timestamp ts; its name into name. */
static int publish_one(const char *pub, const char *ts, const char *content, char *name, size_t n) {
        char p[512];
        snprintf(p, sizeof(p), "%s/%s", temp_dir, pub);
        ms_error err = {.offset = -1};
        _cleanup_(ms_release_freep) ms_release *rel = NULL;
        int r = ms_release_begin(p, &rel, &err);
        if (r >= 0)
                r = ms_release_add(rel, "a.txt", content, strlen(content), &err);
        _cleanup_free_ char *got = NULL;
        if (r >= 0)
                r = ms_release_commit(rel, ts, &got, &err);
        if (r < 0)
                print_message("publish: %s\n", err.msg);
        else
                snprintf(name, n, "%s", got);
        return r;
}

static void current_of(const char *pub, char *out, size_t n) {
        char p[512], t[512];
        path_of(p, sizeof(p), pub, "current");
        ssize_t l = readlink(p, t, sizeof(t) - 1);
        assert_true(l > 0);
        t[l] = '\0';
        snprintf(out, n, "%s", strrchr(t, '/') + 1);
}

static void a_planted_next_name_never_becomes_current(void **state) {
        (void) state;
        char name[160], planted[512], mine[160], cur[160];
        /* The name a release of these bytes at this time takes ... */
        assert_int_equal(publish_one("scratch", "20300101T000000Z", "ours\n", name, sizeof(name)), 0);
        /* ... planted, with other content, where the real one will publish. */
        snprintf(planted, sizeof(planted), "%s/pub/releases/%s", temp_dir, name);
        assert_int_equal(ms_mkdir_p(planted), 0);
        _cleanup_close_ int pfd = open(planted, O_RDONLY | O_DIRECTORY);
        assert_int_equal(ms_write_file_synced(pfd, "a.txt", "planted\n", 8), 0);
        assert_int_equal(publish_one("pub", "20300101T000000Z", "ours\n", mine, sizeof(mine)), 0);
        current_of("pub", cur, sizeof(cur));
        print_message("planted %s, published %s, current %s\n", name, mine, cur);
        assert_string_not_equal(cur, name);
        assert_string_equal(cur, mine);
        char p[512];
        ms_buf b = {0};
        ms_error err = {.offset = -1};
        path_of(p, sizeof(p), "pub", "current/a.txt");
        assert_int_equal(ms_read_file(p, 100, &b, &err), 0);
        assert_memory_equal(b.data, "ours\n", 5);
        ms_buf_done(&b);
        path_of(p, sizeof(p), "pub", "releases");
        strncat(p, "/", sizeof(p) - strlen(p) - 1);
        strncat(p, name, sizeof(p) - strlen(p) - 1);
        strncat(p, "/a.txt", sizeof(p) - strlen(p) - 1);
        assert_int_equal(ms_read_file(p, 100, &b, &err), 0);
        assert_memory_equal(b.data, "planted\n", 8); /* untouched */
        ms_buf_done(&b);
}

static bool exists(const char *pub, const char *rel) {
        char p[512];
        struct stat st;
        snprintf(p, sizeof(p), "%s/%s/releases/%s", temp_dir, pub, rel);
        return stat(p, &st) == 0;
}

static void pruning_follows_the_record_not_names(void **state) {
        (void) state;
        char n[4][160], p[512];
        const char *ts[4] = {"20300101T000000Z", "20300102T000000Z", "20300103T000000Z", "20300104T000000Z"};
        for (int i = 0; i < 4; i++) {
                char content[32];
                snprintf(content, sizeof(content), "release %d\n", i);
                assert_int_equal(publish_one("prune", ts[i], content, n[i], sizeof(n[i])), 0);
        }
        /* Ten names from the future and an operator's directory. */
        for (int i = 0; i < 10; i++) {
                snprintf(p, sizeof(p), "%s/prune/releases/2999%02d01T000000Z-abcdef", temp_dir, i + 1);
                assert_int_equal(ms_mkdir_p(p), 0);
        }
        snprintf(p, sizeof(p), "%s/prune/releases/operator-notes", temp_dir);
        assert_int_equal(ms_mkdir_p(p), 0);
        ms_error err = {.offset = -1};
        snprintf(p, sizeof(p), "%s/prune", temp_dir);
        assert_int_equal(ms_release_prune(p, 2, &err), 2);
        assert_false(exists("prune", n[0]));
        assert_false(exists("prune", n[1]));
        assert_true(exists("prune", n[2]));
        assert_true(exists("prune", n[3]));
        assert_true(exists("prune", "operator-notes"));
        for (int i = 0; i < 10; i++) {
                char f[64];
                snprintf(f, sizeof(f), "2999%02d01T000000Z-abcdef", i + 1);
                assert_true(exists("prune", f));
        }
        /* Pruning again removes nothing more. */
        assert_int_equal(ms_release_prune(p, 2, &err), 0);
}

static void a_failed_swap_leaves_no_release_behind(void **state) {
        (void) state;
        char name[160], p[512];
        assert_int_equal(publish_one("swap", "20300101T000000Z", "first\n", name, sizeof(name)), 0);
        snprintf(p, sizeof(p), "%s/swap", temp_dir);
        ms_error err = {.offset = -1};
        _cleanup_(ms_release_freep) ms_release *rel = NULL;
        assert_int_equal(ms_release_begin(p, &rel, &err), 0);
        assert_int_equal(ms_release_add(rel, "a.txt", "second\n", 7, &err), 0);
        /* `current` becomes a non-empty directory: renaming the new link
         * over it fails. */
        char cur[512];
        path_of(cur, sizeof(cur), "swap", "current");
        assert_int_equal(unlink(cur), 0);
        strncat(cur, "/x", sizeof(cur) - strlen(cur) - 1);
        assert_int_equal(ms_mkdir_p(cur), 0);
        _cleanup_free_ char *got = NULL;
        int r = ms_release_commit(rel, "20300102T000000Z", &got, &err);
        print_message("commit: %d %s\n", r, err.msg);
        assert_true(r < 0);
        assert_non_null(strstr(err.msg, "cannot replace"));
        rel = ms_release_free(rel);
        /* Only the first release is left, and it alone is recorded. */
        snprintf(p, sizeof(p), "%s/swap/releases", temp_dir);
        _cleanup_close_ int rfd = open(p, O_RDONLY | O_DIRECTORY);
        char **v = NULL;
        size_t n = 0;
        assert_int_equal(ms_release_record_read(rfd, &v, &n), 0);
        assert_int_equal(n, 1);
        assert_string_equal(v[0], name);
        free(v[0]);
        free(v);
        DIR *d = opendir(p);
        assert_non_null(d);
        size_t dirs = 0;
        for (struct dirent *de; (de = readdir(d));)
                dirs += de->d_name[0] != '.';
        closedir(d);
        assert_int_equal(dirs, 1);
}

static void a_cached_etag_with_crlf_is_refused_naming_the_file(void **state) {
        (void) state;
        ms_cache_meta in = {.url = "https://example.org/a.json",
                            .etag = "\"abc\"\r\nX-Injected: 1",
                            .fetch_time = 1764059400,
                            .status = 200};
        ms_error err = {.offset = -1};
        assert_int_equal(ms_cache_store(temp_dir, "crlf", &in, "{}", 2, &err), 0);
        ms_cache_meta out = {0};
        int r = ms_cache_load_meta(temp_dir, "crlf", &out, &err);
        print_message("%s\n", err.msg);
        assert_int_equal(r, -EBADMSG);
        assert_non_null(strstr(err.msg, "cache/crlf.meta: etag and last_modified: expected"));
}

static void a_fifo_where_a_cache_file_belongs_is_refused_at_once(void **state) {
        (void) state;
        char p[512];
        snprintf(p, sizeof(p), "%s/cache", temp_dir);
        assert_int_equal(ms_mkdir_p(p), 0);
        snprintf(p, sizeof(p), "%s/cache/fifo.meta", temp_dir);
        assert_int_equal(mkfifo(p, 0644), 0);
        ms_cache_meta out = {0};
        ms_error err = {.offset = -1};
        int r = ms_cache_load_meta(temp_dir, "fifo", &out, &err); /* would block forever in open() */
        print_message("%s\n", err.msg);
        assert_int_equal(r, -EBADFD);
        assert_non_null(strstr(err.msg, "fifo.meta: expected a regular file, got a FIFO"));
        snprintf(p, sizeof(p), "%s/cache/dir.meta", temp_dir);
        assert_int_equal(ms_mkdir_p(p), 0);
        assert_int_equal(ms_cache_load_meta(temp_dir, "dir", &out, &err), -EBADFD);
        assert_non_null(strstr(err.msg, "got a directory"));
        ms_buf b = {0};
        assert_int_equal(ms_read_file("/dev/zero", 100, &b, &err), -EBADFD);
        assert_non_null(strstr(err.msg, "got a character device"));
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(a_planted_next_name_never_becomes_current),
                cmocka_unit_test(pruning_follows_the_record_not_names),
                cmocka_unit_test(a_failed_swap_leaves_no_release_behind),
                cmocka_unit_test(a_cached_etag_with_crlf_is_refused_naming_the_file),
                cmocka_unit_test(a_fifo_where_a_cache_file_belongs_is_refused_at_once),
        };
        return cmocka_run_group_tests(tests, temp_dir_setup, temp_dir_teardown);
}
