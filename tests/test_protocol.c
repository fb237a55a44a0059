/* SPDX-License-Identifier: MIT */
/* The control protocol's request parser, table-driven: each word, its
 * arguments, and abuse (overlong lines, NUL and control bytes, unknown words). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "control/protocol.h"

typedef struct row {
        const char *line;
        size_t len; /* 0: strlen(line) */
        int expect; /* 0 or a negative errno */
        ms_command_kind kind;
        bool force;
        const char *args; /* expected args joined by ',' (for fetch/regenerate: "+wait" first means --wait) */
        const char *msg; /* substring of the error message */
} row;

static const row rows[] = {
        {"status", 0, 0, MS_COMMAND_STATUS, false, "", NULL},
        {"status\n", 0, 0, MS_COMMAND_STATUS, false, "", NULL},
        {"status\r\n", 0, 0, MS_COMMAND_STATUS, false, "", NULL},
        {"  \tstatus  ", 0, 0, MS_COMMAND_STATUS, false, "", NULL},
        {"list", 0, 0, MS_COMMAND_LIST, false, "", NULL},
        {"validate", 0, 0, MS_COMMAND_VALIDATE, false, "", NULL},
        {"reload", 0, 0, MS_COMMAND_RELOAD, false, "", NULL},
        {"version", 0, 0, MS_COMMAND_VERSION, false, "", NULL},
        {"fetch", 0, 0, MS_COMMAND_FETCH, false, "", NULL},
        {"fetch eurostat-asylum-monthly", 0, 0, MS_COMMAND_FETCH, false, "eurostat-asylum-monthly", NULL},
        {"fetch a b\tc", 0, 0, MS_COMMAND_FETCH, false, "a,b,c", NULL},
        {"regenerate", 0, 0, MS_COMMAND_REGENERATE, false, "", NULL},
        {"regenerate --force", 0, 0, MS_COMMAND_REGENERATE, true, "", NULL},
        {"regenerate --force x.y_z", 0, 0, MS_COMMAND_REGENERATE, true, "x.y_z", NULL},
        {"regenerate chart-1 chart-2\n", 0, 0, MS_COMMAND_REGENERATE, false, "chart-1,chart-2", NULL},
        /* options anywhere after the command word, as systemctl takes them */
        {"regenerate a --force", 0, 0, MS_COMMAND_REGENERATE, true, "a", NULL},
        {"regenerate a --wait b --force", 0, 0, MS_COMMAND_REGENERATE, true, "+wait,a,b", NULL},
        {"fetch --wait", 0, 0, MS_COMMAND_FETCH, false, "+wait", NULL},
        {"fetch s1 --wait", 0, 0, MS_COMMAND_FETCH, false, "+wait,s1", NULL},
        /* abuse */
        {"", 0, -EINVAL, 0, false, NULL, "empty request"},
        {"\n", 0, -EINVAL, 0, false, NULL, "empty request"},
        {"   ", 0, -EINVAL, 0, false, NULL, "empty request"},
        {"STATUS", 0, -EINVAL, 0, false, NULL, "unknown command \"STATUS\""},
        {"stat", 0, -EINVAL, 0, false, NULL, "unknown command"},
        {"statusx", 0, -EINVAL, 0, false, NULL, "unknown command"},
        {"rm -rf /", 0, -EINVAL, 0, false, NULL, "unknown command \"rm\""},
        {"status now", 0, -EINVAL, 0, false, NULL, "status: expected no arguments"},
        {"version 2", 0, -EINVAL, 0, false, NULL, "expected no arguments"},
        {"reload --force", 0, -EINVAL, 0, false, NULL, "reload: unknown option \"--force\""},
        {"status --wait", 0, -EINVAL, 0, false, NULL, "status: unknown option \"--wait\""},
        {"fetch --wait --force", 0, -EINVAL, 0, false, NULL, "fetch: unknown option \"--force\""},
        {"fetch --force", 0, -EINVAL, 0, false, NULL, "unknown option \"--force\""},
        {"regenerate --forced", 0, -EINVAL, 0, false, NULL, "unknown option"},
        {"fetch ../../etc/passwd", 0, -EINVAL, 0, false, NULL, "expected an id"},
        {"fetch a;b", 0, -EINVAL, 0, false, NULL, "expected an id"},
        {"status\0", 7, -EBADMSG, 0, false, NULL, "byte 7: expected printable ASCII, got 0x00"},
        {"sta\0tus", 7, -EBADMSG, 0, false, NULL, "byte 4"},
        {"status\n\n", 0, -EBADMSG, 0, false, NULL, "got 0x0a"},
        {"status\x1b[2J", 0, -EBADMSG, 0, false, NULL, "got 0x1b"},
        {"fetch \xc3\xa4", 0, -EBADMSG, 0, false, NULL, "got 0xc3"},
        {"status\r", 0, 0, MS_COMMAND_STATUS, false, "", NULL},
        {"regenerate --force --force", 0, -EINVAL, 0, false, NULL, "--force given twice"},
        {"accept eurostat-asylum-monthly", 0, 0, MS_COMMAND_ACCEPT, false, "eurostat-asylum-monthly", NULL},
        {"accept", 0, -EINVAL, 0, false, NULL, "accept: expected one source id, got 0"},
        {"accept a b", 0, -EINVAL, 0, false, NULL, "accept: expected one source id, got 2"},
        {"accept --force a", 0, -EINVAL, 0, false, NULL, "accept: unknown option \"--force\""},
        {"regenerate --wait --wait", 0, -EINVAL, 0, false, NULL, "regenerate: --wait given twice"},
};

static void join_args(const ms_command *c, char *out, size_t n) {
        out[0] = '\0';
        if (c->wait)
                strncat(out, c->n_args ? "+wait," : "+wait", n - 1);
        for (size_t i = 0; i < c->n_args; i++) {
                if (i)
                        strncat(out, ",", n - strlen(out) - 1);
                strncat(out, c->args[i], n - strlen(out) - 1);
        }
}

static void protocol_parse_should_follow_the_table(void **state) {
        (void) state;
        for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
                const row *t = &rows[i];
                ms_command c;
                ms_error err = {.offset = -1};
                size_t len = t->len ? t->len : strlen(t->line);
                int r = ms_protocol_parse(t->line, len, &c, &err);
                print_message("row %zu: \"%s\" -> %d %s\n", i, t->line, r, r < 0 ? err.msg : "");
                assert_int_equal(r, t->expect);
                if (r < 0) {
                        assert_non_null(strstr(err.msg, t->msg));
                        continue;
                }
                char args[512];
                join_args(&c, args, sizeof(args));
                assert_int_equal(c.kind, t->kind);
                assert_int_equal(c.force, t->force);
                assert_string_equal(args, t->args);
        }
}

static void protocol_parse_should_bound_the_line(void **state) {
        (void) state;
        char line[MS_PROTOCOL_MAX_LINE + 2];
        ms_command c;
        ms_error err = {.offset = -1};
        /* Exactly the limit: "fetch" and ids of up to 128 bytes filling it. */
        memset(line, ' ', sizeof(line));
        memcpy(line, "fetch", 5);
        for (size_t p = 6; p + 100 < MS_PROTOCOL_MAX_LINE; p += 101)
                memset(line + p, 'a', 100);
        assert_int_equal(ms_protocol_parse(line, MS_PROTOCOL_MAX_LINE, &c, &err), 0);
        assert_int_equal(c.n_args, 10);
        /* One byte more is refused, with or without a newline after it. */
        assert_int_equal(ms_protocol_parse(line, MS_PROTOCOL_MAX_LINE + 1, &c, &err), -EMSGSIZE);
        assert_non_null(strstr(err.msg, "longer than 1024"));
        line[MS_PROTOCOL_MAX_LINE] = '\n';
        assert_int_equal(ms_protocol_parse(line, MS_PROTOCOL_MAX_LINE + 1, &c, &err), 0);
        line[MS_PROTOCOL_MAX_LINE + 1] = '\n';
        line[MS_PROTOCOL_MAX_LINE] = 'a';
        assert_int_equal(ms_protocol_parse(line, MS_PROTOCOL_MAX_LINE + 2, &c, &err), -EMSGSIZE);
}

static void protocol_parse_should_bound_ids_and_words(void **state) {
        (void) state;
        char line[MS_PROTOCOL_MAX_LINE];
        ms_command c;
        ms_error err = {.offset = -1};
        int n = snprintf(line, sizeof(line), "fetch %0*d", MS_PROTOCOL_MAX_ID, 0);
        assert_int_equal(ms_protocol_parse(line, (size_t) n, &c, &err), 0);
        n = snprintf(line, sizeof(line), "fetch %0*d", MS_PROTOCOL_MAX_ID + 1, 0);
        assert_int_equal(ms_protocol_parse(line, (size_t) n, &c, &err), -EINVAL);
        assert_non_null(strstr(err.msg, "at most 128 bytes"));
        /* 64 words in all fit, 65 do not. */
        n = snprintf(line, sizeof(line), "fetch");
        for (int i = 1; i < MS_PROTOCOL_MAX_ARGS; i++)
                n += snprintf(line + n, sizeof(line) - (size_t) n, " s%d", i);
        assert_int_equal(ms_protocol_parse(line, (size_t) n, &c, &err), 0);
        assert_int_equal(c.n_args, MS_PROTOCOL_MAX_ARGS - 1);
        assert_string_equal(c.args[MS_PROTOCOL_MAX_ARGS - 2], "s63");
        n += snprintf(line + n, sizeof(line) - (size_t) n, " s64");
        assert_int_equal(ms_protocol_parse(line, (size_t) n, &c, &err), -EINVAL);
        assert_non_null(strstr(err.msg, "more than 64 words"));
}

static void command_to_string_should_name_every_word(void **state) {
        (void) state;
        static const char *const names[] = {"status",   "list",   "fetch",   "regenerate",
                                            "validate", "reload", "version", "accept"};
        static const char *const lines[] = {"status",   "list",   "fetch",   "regenerate",
                                            "validate", "reload", "version", "accept some-source"};
        for (int k = 0; k < _MS_COMMAND_MAX; k++) {
                assert_string_equal(ms_command_to_string((ms_command_kind) k), names[k]);
                ms_command c;
                ms_error err = {.offset = -1};
                assert_int_equal(ms_protocol_parse(lines[k], strlen(lines[k]), &c, &err), 0);
                assert_int_equal(c.kind, k);
        }
        assert_null(ms_command_to_string(_MS_COMMAND_MAX));
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(protocol_parse_should_follow_the_table),
                cmocka_unit_test(protocol_parse_should_bound_the_line),
                cmocka_unit_test(protocol_parse_should_bound_ids_and_words),
                cmocka_unit_test(command_to_string_should_name_every_word),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
