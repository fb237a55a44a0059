/* SPDX-License-Identifier: MIT */
/* The cache of last good responses: round trip, atomic replace, corruption. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "fetch/cache.h"
#include "base/fileio.h"
#include "temp_dir.h"

static void store_then_load_should_round_trip(void **state) {
        (void) state;
        ms_cache_meta in = {.url = "https://example.org/a.json",
                            .etag = "\"abc\"",
                            .last_modified = "Wed, 01 May 2019 00:00:00 GMT",
                            .fetch_time = 1764059400,
                            .status = 200};
        ms_error err = {.offset = -1};
        assert_int_equal(ms_cache_store(temp_dir, "src", &in, "{\"x\":1}", 7, &err), 0);
        ms_cache_meta out = {0};
        ms_buf body = {0};
        assert_int_equal(ms_cache_load(temp_dir, "src", 1024, &out, &body, &err), 0);
        assert_int_equal(body.len, 7);
        assert_memory_equal(body.data, "{\"x\":1}", 7);
        assert_string_equal(out.url, in.url);
        assert_string_equal(out.etag, in.etag);
        assert_string_equal(out.last_modified, in.last_modified);
        assert_int_equal(out.fetch_time, in.fetch_time);
        assert_int_equal(out.status, 200);
        assert_int_equal(out.bytes, 7);
        assert_string_equal(out.sha256, "5041bf1f713df204784353e82f6a4a535931cb64f1f4b4a5aeaffcb720918b22");
        ms_cache_meta_done(&out);
        ms_buf_done(&body);

        /* Replacing leaves no temporary file behind, even after a crash left one. */
        char tmp[512];
        snprintf(tmp, sizeof(tmp), "%s/cache/.src.body.tmp", temp_dir);
        FILE *f = fopen(tmp, "w");
        assert_non_null(f);
        fclose(f);
        in.etag = NULL;
        assert_int_equal(ms_cache_store(temp_dir, "src", &in, "{\"x\":2}", 7, &err), 0);
        assert_int_equal(access(tmp, F_OK), -1);
        assert_int_equal(ms_cache_load(temp_dir, "src", 1024, &out, &body, &err), 0);
        assert_null(out.etag);
        assert_memory_equal(body.data, "{\"x\":2}", 7);
        ms_cache_meta_done(&out);
        ms_buf_done(&body);
}

static void a_body_that_does_not_match_its_meta_should_be_refused(void **state) {
        (void) state;
        ms_cache_meta in = {.url = "https://example.org/b.json", .fetch_time = 1, .status = 200};
        ms_error err = {.offset = -1};
        assert_int_equal(ms_cache_store(temp_dir, "b", &in, "[1,2,3]", 7, &err), 0);
        char path[512];
        snprintf(path, sizeof(path), "%s/cache/b.body", temp_dir);
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs("[1,2,4]", f);
        fclose(f);
        ms_cache_meta out = {0};
        ms_buf body = {0};
        assert_int_equal(ms_cache_load(temp_dir, "b", 1024, &out, &body, &err), -EBADMSG);
        printf("error: %s\n", err.msg);
        assert_non_null(strstr(err.msg, "expected SHA-256"));
        assert_null(body.data);
        assert_int_equal(ms_cache_load(temp_dir, "none", 1024, &out, &body, &err), -ENOENT);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(store_then_load_should_round_trip),
                cmocka_unit_test(a_body_that_does_not_match_its_meta_should_be_refused),
        };
        return cmocka_run_group_tests(tests, temp_dir_setup, temp_dir_teardown);
}
