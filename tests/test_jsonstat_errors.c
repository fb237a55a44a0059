/* SPDX-License-Identifier: MIT */
/*
 * Malformed JSON-stat: every row is one document, the return code it must
 * give, and substrings of err->where and err->msg (an editor reads those).
 */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "migstat/jsonstat.h"

/* A valid 2x3 dataset, spliced from parts so rows can swap one part. */
#define HEAD "{\"version\":\"2.0\",\"class\":\"dataset\","
#define ID "\"id\":[\"geo\",\"time\"],"
#define SIZE "\"size\":[2,3],"
#define GEO "\"geo\":{\"category\":{\"index\":[\"DE\",\"FR\"]}}"
#define TIME "\"time\":{\"category\":{\"index\":{\"2024\":0,\"2025\":1,\"2026\":2}}}"
#define DIMS(g, t) "\"dimension\":{" g "," t "},"
#define VALUE "\"value\":[1,2,3,4,5,6]"
#define DOC(id, size, dims, value) HEAD id size dims value "}"
#define OK_DOC DOC(ID, SIZE, DIMS(GEO, TIME), VALUE)

typedef struct row {
        const char *name;
        const char *json;
        const char *dataset;
        size_t max_cells, max_dims;
        int r;
        const char *where; /* substring of err.where */
        const char *msg; /* substring of err.msg */
        unsigned line; /* 0: not checked */
} row;

static const row rows[] = {
        {"valid document", OK_DOC, .r = 0},
        {"value count differs from the size product", DOC(ID, SIZE, DIMS(GEO, TIME), "\"value\":[1,2,3,4,5]"),
         .r = -EBADMSG, "value", "expected 6 values (product of size), got 5"},
        {"dimension listed in id is missing",
         DOC("\"id\":[\"geo\",\"time\",\"sex\"],", "\"size\":[2,3,1],", DIMS(GEO, TIME), VALUE),
         .r = -EBADMSG, "dimension.sex", "dimension listed in \"id\" is missing"},
        {"truncated JSON", "{\"version\":\"2.0\",\n\"class\":\"dataset\",\n\"id\":[\"geo\",", .r = -EBADMSG,
         "", "expected a complete JSON document", 3},
        {"empty input", "", .r = -EBADMSG, "", "expected a complete JSON document"},
        {"syntax error", "{\n\"id\": [1,,2]}", .r = -EBADMSG, "", "got ','", 2},
        {"trailing garbage", OK_DOC " x", .r = -EBADMSG, "", "expected the end of the document"},
        {"index position out of range",
         DOC(ID, SIZE, DIMS(GEO, "\"time\":{\"category\":{\"index\":{\"2024\":0,\"2025\":1,\"2026\":5}}}"),
             VALUE),
         .r = -EBADMSG, "dimension.time.category.index", "position 5 out of range 0..2"},
        {"two categories at one position",
         DOC(ID, SIZE, DIMS(GEO, "\"time\":{\"category\":{\"index\":{\"2024\":0,\"2025\":0,\"2026\":2}}}"),
             VALUE),
         .r = -EBADMSG, "dimension.time.category.index", "position 0 given to both \"2024\" and \"2025\""},
        {"index positions as numeric strings are accepted",
         DOC(ID, SIZE,
             DIMS(GEO, "\"time\":{\"category\":{\"index\":{\"2024\":\"0\",\"2025\":\"1\",\"2026\":\"2\"}}}"),
             VALUE),
         .r = 0},
        {"index position as a word",
         DOC(ID, SIZE,
             DIMS(GEO, "\"time\":{\"category\":{\"index\":{\"2024\":\"first\",\"2025\":1,\"2026\":2}}}"),
             VALUE),
         .r = -EBADMSG, "dimension.time.category.index", "\"2024\": expected a position, got \"first\""},
        {"duplicate category codes",
         DOC(ID, SIZE, DIMS("\"geo\":{\"category\":{\"index\":[\"DE\",\"DE\"]}}", TIME), VALUE),
         .r = -EBADMSG, "dimension.geo.category.index", "category \"DE\" listed twice"},
        {"index length differs from size",
         DOC(ID, SIZE, DIMS("\"geo\":{\"category\":{\"index\":[\"DE\"]}}", TIME), VALUE), .r = -EBADMSG,
         "dimension.geo.category.index", "expected 2 categories (its size), got 1"},
        {"index missing for several categories",
         DOC(ID, SIZE,
             DIMS("\"geo\":{\"category\":{\"label\":{\"DE\":\"Germany\",\"FR\":\"France\"}}}", TIME), VALUE),
         .r = -EBADMSG, "dimension.geo.category.index", "may be left out only for a single category"},
        {"category missing", DOC(ID, SIZE, DIMS("\"geo\":{\"label\":\"Country\"}", TIME), VALUE),
         .r = -EBADMSG, "dimension.geo.category", "expected an object, got nothing"},
        {"size entry is a word", DOC(ID, "\"size\":[2,\"x\"],", DIMS(GEO, TIME), VALUE), .r = -EBADMSG,
         "size[1]", "expected a non-negative integer, got \"x\""},
        {"size entry negative", DOC(ID, "\"size\":[-2,3],", DIMS(GEO, TIME), VALUE), .r = -EBADMSG, "size[0]",
         "expected a non-negative integer, got -2"},
        {"size entry fractional", DOC(ID, "\"size\":[2,2.5],", DIMS(GEO, TIME), VALUE), .r = -EBADMSG,
         "size[1]", "got 2.5"},
        {"sizes as numeric strings are accepted", DOC(ID, "\"size\":[\"2\",\"3\"],", DIMS(GEO, TIME), VALUE),
         .r = 0},
        {"fewer sizes than ids", DOC(ID, "\"size\":[2],", DIMS(GEO, TIME), VALUE), .r = -EBADMSG, "size",
         "expected 2 sizes (one per id), got 1"},
        {"dimension id as a number", DOC("\"id\":[\"geo\",3],", SIZE, DIMS(GEO, TIME), VALUE), .r = -EBADMSG,
         "id[1]", "expected a dimension id string, got 3"},
        {"category id as a number",
         DOC(ID, SIZE, DIMS("\"geo\":{\"category\":{\"index\":[\"DE\",7]}}", TIME), VALUE), .r = -EBADMSG,
         "dimension.geo.category.index[1]", "expected a category id string, got 7"},
        {"dimension id twice", DOC("\"id\":[\"geo\",\"geo\"],", SIZE, DIMS(GEO, TIME), VALUE), .r = -EBADMSG,
         "id", "dimension \"geo\" listed twice"},
        {"id missing", DOC("", SIZE, DIMS(GEO, TIME), VALUE), .r = -EBADMSG, "id",
         "expected an array of dimension ids, got nothing"},
        {"dimension not an object", DOC(ID, SIZE, "\"dimension\":[],", VALUE), .r = -EBADMSG, "dimension",
         "expected an object, got an array"},
        {"value entry true", DOC(ID, SIZE, DIMS(GEO, TIME), "\"value\":[1,2,3,true,5,6]"), .r = -EBADMSG,
         "value[3]", "expected a number, a string or null, got true"},
        {"value strings are kept as text",
         DOC(ID, SIZE, DIMS(GEO, TIME), "\"value\":[\"1\",2,3,\":C\",5,null]"), .r = 0},
        {"value missing", DOC(ID, SIZE, DIMS(GEO, TIME), "\"label\":\"x\""), .r = -EBADMSG, "value",
         "expected an array or an object, got nothing"},
        {"sparse value key past the last cell", DOC(ID, SIZE, DIMS(GEO, TIME), "\"value\":{\"0\":1,\"6\":2}"),
         .r = -EBADMSG, "value", "expected a cell offset 0..5 as key, got \"6\""},
        {"sparse value key not a number", DOC(ID, SIZE, DIMS(GEO, TIME), "\"value\":{\"x1\":1}"),
         .r = -EBADMSG, "value", "got \"x1\""},
        {"status array of the wrong length",
         DOC(ID, SIZE, DIMS(GEO, TIME), VALUE ",\"status\":[\"p\",\"e\"]"), .r = -EBADMSG, "status",
         "expected 1 or 6 entries (product of size), got 2"},
        {"status entry a number", DOC(ID, SIZE, DIMS(GEO, TIME), VALUE ",\"status\":{\"2\":7}"),
         .r = -EBADMSG, "status.2", "expected a status string, got 7"},
        {"over the cell limit", OK_DOC, .max_cells = 5, .r = -E2BIG, "size", "exceeds the limit of 5 cells"},
        {"size product overflows", DOC(ID, "\"size\":[4294967296,4294967297],", DIMS(GEO, TIME), VALUE),
         .r = -E2BIG, "size", "exceeds the limit"},
        {"over the dimension limit", OK_DOC, .max_dims = 1, .r = -E2BIG, "id",
         "2 dimensions exceed the limit of 1"},
        {"Eurostat error document",
         "{\"error\":[{\"status\":413,\"id\":413,\"label\":\"EXTRACTION_TOO_BIG: The requested extraction is too big, "
         "estimated 10305182 rows, max authorised is 5000000\"}]}",
         .r = -EBADMSG, "error", "status 413: EXTRACTION_TOO_BIG: The requested extraction is too big"},
        {"JSON-stat error class",
         "{\"version\":\"2.0\",\"class\":\"error\",\"status\":\"400\",\"label\":\"Invalid geo\"}",
         .r = -EBADMSG, "error", "status \"400\": Invalid geo"},
        {"1.x bundle asked for a missing name",
         "{\"a\":{\"dimension\":{\"id\":[\"x\"],\"size\":[1],\"x\":{\"category\":{\"label\":{\"X\":\"x\"}}}},\"value\":[1]},"
         "\"b\":{\"dimension\":{\"id\":[\"x\"],\"size\":[1],\"x\":{\"category\":{\"label\":{\"X\":\"x\"}}}},\"value\":[2]}}",
         .dataset = "nope", .r = -ENOENT, "", "dataset \"nope\" not found; the bundle holds: a, b"},
        {"1.x bundle dataset error carries its name",
         "{\"a\":{\"dimension\":{\"id\":[\"x\"],\"size\":[1],\"x\":{\"category\":{\"label\":{\"X\":\"x\"}}}},\"value\":[1,2]}}",
         .dataset = "a", .r = -EBADMSG, "a.value", "expected 1 values"},
        {"collection item out of range",
         "{\"version\":\"2.0\",\"class\":\"collection\",\"link\":{\"item\":[{\"class\":\"dataset\",\"href\":\"x\"}]}}",
         .dataset = "3", .r = -ENOENT, "link.item", "no item 3: the collection holds 1"},
        {"collection item only a link",
         "{\"version\":\"2.0\",\"class\":\"collection\",\"link\":{\"item\":[{\"class\":\"dataset\",\"href\":\"http://x\"}]}}",
         .r = -ENOENT, "link.item[0]", "links to http://x and embeds no dataset"},
        {"single dataset asked for another", OK_DOC, .dataset = "other", .r = -ENOENT, "", "single dataset"},
        {"standalone dimension document", "{\"version\":\"2.0\",\"class\":\"dimension\",\"category\":{}}",
         .r = -EBADMSG, "class", "standalone dimension"},
        {"unknown class", "{\"version\":\"2.0\",\"class\":\"cube\"}", .r = -EBADMSG, "class", "got \"cube\""},
        {"top level an array", "[1,2]", .r = -EBADMSG, "",
         "expected a JSON object at the top level, got an array"},
        {"object without datasets", "{\"a\":1}", .r = -EBADMSG, "", "neither \"class\" nor \"dimension\""},
        {"empty cube is valid",
         DOC(ID, "\"size\":[2,0],", DIMS(GEO, "\"time\":{\"category\":{\"index\":{},\"label\":{}}}"),
             "\"value\":{}"),
         .r = 0},
};

static void rows_should_give_code_where_and_message(void **state) {
        (void) state;
        size_t failed = 0;
        for (size_t i = 0; i < ELEMENTSOF(rows); i++) {
                const row *t = &rows[i];
                ms_jsonstat_options o = {.dataset = t->dataset,
                                         .max_cells = t->max_cells,
                                         .max_dims = t->max_dims,
                                         .keep_text = true};
                ms_error err = {0};
                ms_cube *c = NULL;
                int r = ms_jsonstat_parse(t->json, strlen(t->json), &o, &c, &err);
                bool ok = r == t->r && (r < 0) == (c == NULL);
                if (r < 0 && t->where && !strstr(err.where, t->where))
                        ok = false;
                if (r < 0 && t->msg && !strstr(err.msg, t->msg))
                        ok = false;
                if (r < 0 && t->line && err.line != t->line)
                        ok = false;
                if (!ok) {
                        char m[700];
                        print_error("%s: expected %d, where \"%s\", msg \"%s\", line %u\n"
                                    "%*sgot %d: %s (where \"%s\")\n",
                                    t->name, t->r, t->where ?: "", t->msg ?: "", t->line,
                                    (int) strlen(t->name) + 2, "", r, ms_error_format(&err, m, sizeof(m)),
                                    err.where);
                        failed++;
                }
                c = ms_cube_free(c);
        }
        print_message("%zu rows\n", ELEMENTSOF(rows));
        assert_int_equal(failed, 0);
}

/* keep_text pairs the k-th number node with the k-th number token; numbers
 * and digits in strings before `value` must not shift the pairing. */
static void keep_text_should_survive_numbers_before_value(void **state) {
        (void) state;
        static const char doc[] = HEAD
                "\"note\":[\"a \\\"12\\\" b\\\\\",\"-3\"],\"extension\":{\"n\":[1.50,-2e3,0]}," ID SIZE DIMS(
                        GEO, TIME) "\"value\":[4.0,-0.50,1E3,null,\"x\\\"1\",7]}";
        ms_jsonstat_options o = {.keep_text = true};
        ms_error err = {0};
        _cleanup_(ms_cube_freep) ms_cube *c = NULL;
        assert_int_equal(ms_jsonstat_parse(doc, strlen(doc), &o, &c, &err), 0);
        static const char *const want[] = {"4.0", "-0.50", "1E3", NULL, "x\"1", "7"};
        for (size_t off = 0; off < 6; off++) {
                const char *t;
                int kind = ms_cube_text(c, off, &t);
                if (!want[off]) {
                        assert_int_equal(kind, MS_CELL_TEXT_NONE);
                        continue;
                }
                assert_int_equal(kind, off == 4 ? MS_CELL_TEXT_STRING : MS_CELL_TEXT_NUMBER);
                assert_string_equal(t, want[off]);
        }
        assert_true(c->values[2] == 1000.0);
        assert_true(isnan(c->values[4]));
        assert_int_equal(ms_cube_count_nonnull(c), 5);
}

/* Status forms: a string or one-element array apply to every cell. */
static void status_forms_should_expand(void **state) {
        (void) state;
        static const char *const docs[] = {
                DOC(ID, SIZE, DIMS(GEO, TIME), VALUE ",\"status\":\"p\""),
                DOC(ID, SIZE, DIMS(GEO, TIME), VALUE ",\"status\":[\"p\"]"),
                DOC(ID, SIZE, DIMS(GEO, TIME), VALUE ",\"status\":[\"p\",\"p\",\"p\",\"p\",\"p\",\"p\"]"),
        };
        for (size_t i = 0; i < ELEMENTSOF(docs); i++) {
                ms_error err = {0};
                _cleanup_(ms_cube_freep) ms_cube *c = NULL;
                assert_int_equal(ms_jsonstat_parse(docs[i], strlen(docs[i]), NULL, &c, &err), 0);
                for (size_t off = 0; off < c->n_cells; off++)
                        assert_string_equal(ms_cube_status(c, off), "p");
                assert_int_equal(c->n_status_codes, 2);
        }
}

/* The buffer need not end in NUL: parse a prefix of a longer buffer. */
static void parse_should_respect_length(void **state) {
        (void) state;
        static const char doc[] = OK_DOC "garbage";
        ms_error err = {0};
        _cleanup_(ms_cube_freep) ms_cube *c = NULL;
        assert_int_equal(ms_jsonstat_parse(doc, strlen(OK_DOC), NULL, &c, &err), 0);
        assert_int_equal(c->n_cells, 6);
        assert_true(c->values[5] == 6.0);
        assert_int_equal(ms_cube_dim_by_role(c, MS_ROLE_TIME), 1); /* inferred from the id */
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(rows_should_give_code_where_and_message),
                cmocka_unit_test(keep_text_should_survive_numbers_before_value),
                cmocka_unit_test(status_forms_should_expand),
                cmocka_unit_test(parse_should_respect_length),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
