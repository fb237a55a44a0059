/* SPDX-License-Identifier: MIT */
/* charts/png.c: what it writes decodes (with cairo's reader, another
 * decoder than the encoder's library) to the pixels drawn, both in the
 * indexed and the truecolour path, with and without alpha, and carries the
 * provenance chunks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "layout.h"

typedef struct reader {
        const ms_buf *b;
        size_t off;
} reader;

static cairo_status_t read_buf(void *closure, unsigned char *data, unsigned int len) {
        reader *r = closure;
        if (r->off + len > r->b->len)
                return CAIRO_STATUS_READ_ERROR;
        memcpy(data, r->b->data + r->off, len);
        r->off += len;
        return CAIRO_STATUS_SUCCESS;
}

/* Encode s, decode it again and compare every pixel within `tolerance`
 * per channel (premultiplied alpha loses precision in faint pixels). */
static void roundtrip(cairo_surface_t *s, unsigned tolerance, const char *want_type) {
        ms_buf png = {};
        chart_scratch sc = {};
        chart_png_meta meta = {"Quelle: Eurostat (migr_asyappctzm) – CC BY 4.0", "2019-04", "migstat test"};
        assert_int_equal(chart_png_encode(s, &meta, &sc, &png), 0);
        chart_scratch_done(&sc);
        /* The IHDR colour type: 3 indexed, 2 RGB, 6 RGBA. */
        assert_int_equal((unsigned char) png.data[25], (unsigned char) want_type[0]);
        /* Latin-1 text goes to tEXt; the en dash is not Latin-1, so iTXt. */
        assert_non_null(memmem(png.data, png.len,
                               "tEXtStand\0"
                               "2019-04",
                               17));
        assert_non_null(memmem(png.data, png.len, "tEXtSoftware\0migstat test", 25));
        assert_non_null(memmem(png.data, png.len, "iTXtSource\0", 11));

        reader rd = {&png, 0};
        cairo_surface_t *d = cairo_image_surface_create_from_png_stream(read_buf, &rd);
        assert_int_equal(cairo_surface_status(d), CAIRO_STATUS_SUCCESS);
        int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
        assert_int_equal(cairo_image_surface_get_width(d), w);
        assert_int_equal(cairo_image_surface_get_height(d), h);
        bool alpha = cairo_image_surface_get_format(s) == CAIRO_FORMAT_ARGB32;
        for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                        uint32_t a = ((uint32_t *) (void *) (cairo_image_surface_get_data(s) +
                                                             y * cairo_image_surface_get_stride(s)))[x];
                        uint32_t b = ((uint32_t *) (void *) (cairo_image_surface_get_data(d) +
                                                             y * cairo_image_surface_get_stride(d)))[x];
                        if (!alpha)
                                a |= 0xff000000u;
                        for (int k = 0; k < 32; k += 8) {
                                int da = (int) ((a >> k) & 0xff), db = (int) ((b >> k) & 0xff);
                                if (abs(da - db) > (int) tolerance)
                                        fail_msg("pixel %d,%d: drawn %08x, decoded %08x", x, y, a, b);
                        }
                }
        cairo_surface_destroy(d);
        ms_buf_done(&png);
}

static cairo_surface_t *draw(cairo_format_t fmt, bool gradient) {
        cairo_surface_t *s = cairo_image_surface_create(fmt, 300, 120);
        cairo_t *cr = cairo_create(s);
        if (gradient) { /* thousands of colours: the truecolour path */
                cairo_pattern_t *p = cairo_pattern_create_linear(0, 0, 300, 120);
                cairo_pattern_add_color_stop_rgba(p, 0, 1, 0.2, 0, 1);
                cairo_pattern_add_color_stop_rgba(p, 1, 0, 0.4, 1, 0.3);
                cairo_set_source(cr, p);
                cairo_paint(cr);
                cairo_pattern_destroy(p);
        } else {
                cairo_set_source_rgba(cr, 1, 1, 1, fmt == CAIRO_FORMAT_ARGB32 ? 0.5 : 1);
                cairo_paint(cr);
        }
        cairo_set_source_rgba(cr, 0.11, 0.31, 0.49, 0.8); /* antialiased edges: a few dozen colours */
        cairo_arc(cr, 150, 60, 40.3, 0, 6.283);
        cairo_fill(cr);
        cairo_destroy(cr);
        cairo_surface_flush(s);
        return s;
}

static void png_should_roundtrip_indexed_rgb(void **state) {
        (void) state;
        cairo_surface_t *s = draw(CAIRO_FORMAT_RGB24, false);
        roundtrip(s, 0, "\3");
        cairo_surface_destroy(s);
}

static void png_should_roundtrip_truecolor_rgb(void **state) {
        (void) state;
        cairo_surface_t *s = draw(CAIRO_FORMAT_RGB24, true);
        roundtrip(s, 0, "\2");
        cairo_surface_destroy(s);
}

static void png_should_unpremultiply_indexed_alpha(void **state) {
        (void) state;
        cairo_surface_t *s = draw(CAIRO_FORMAT_ARGB32, false);
        roundtrip(s, 1, "\3");
        cairo_surface_destroy(s);
}

static void png_should_unpremultiply_truecolor_alpha(void **state) {
        (void) state;
        cairo_surface_t *s = draw(CAIRO_FORMAT_ARGB32, true);
        roundtrip(s, 1, "\6");
        cairo_surface_destroy(s);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(png_should_roundtrip_indexed_rgb),
                cmocka_unit_test(png_should_roundtrip_truecolor_rgb),
                cmocka_unit_test(png_should_unpremultiply_indexed_alpha),
                cmocka_unit_test(png_should_unpremultiply_truecolor_alpha),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
