/* SPDX-License-Identifier: MIT */
#pragma once
/*
 * Golden images: a rendered PNG is compared with tests/golden/NAME.png
 * pixel by pixel after decoding both (cairo's reader).  A pixel differs
 * when a channel differs by more than GOLDEN_CHANNEL_TOLERANCE; the test
 * fails when more than GOLDEN_PIXEL_PERMILLE per mille of the pixels
 * differ (room for FreeType/pixman rounding, none for a moved label).  On
 * failure the actual image is written beside the test binary as
 * NAME.actual.png.  MIGSTAT_BLESS=1 writes the golden files instead: use
 * scripts/bless-golden.sh, which shows what changed for review.
 */
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "migstat/buf.h"

#define GOLDEN_DIR MIGSTAT_SOURCE_DIR "/tests/golden/"
#define GOLDEN_CHANNEL_TOLERANCE 24
#define GOLDEN_PIXEL_PERMILLE 1

typedef struct golden_reader {
        const ms_buf *b;
        size_t off;
} golden_reader;

static inline cairo_status_t golden_read(void *closure, unsigned char *data, unsigned int len) {
        golden_reader *r = closure;
        if (r->off + len > r->b->len)
                return CAIRO_STATUS_READ_ERROR;
        memcpy(data, r->b->data + r->off, len);
        r->off += len;
        return CAIRO_STATUS_SUCCESS;
}

static inline void golden_write(const char *path, const ms_buf *png) {
        FILE *fp = fopen(path, "we");
        assert_non_null(fp);
        assert_int_equal(fwrite(png->data, 1, png->len, fp), png->len);
        assert_int_equal(fclose(fp), 0);
}

/* Differing pixels between two decoded images of equal size. */
static inline size_t golden_diff(cairo_surface_t *a, cairo_surface_t *b) {
        int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
        size_t n = 0;
        for (int y = 0; y < h; y++) {
                const uint32_t *ra =
                        (const uint32_t *) (const void *) (cairo_image_surface_get_data(a) +
                                                           y * cairo_image_surface_get_stride(a));
                const uint32_t *rb =
                        (const uint32_t *) (const void *) (cairo_image_surface_get_data(b) +
                                                           y * cairo_image_surface_get_stride(b));
                for (int x = 0; x < w; x++)
                        for (int k = 0; k < 32; k += 8) {
                                int d = (int) ((ra[x] >> k) & 0xff) - (int) ((rb[x] >> k) & 0xff);
                                if (d > GOLDEN_CHANNEL_TOLERANCE || d < -GOLDEN_CHANNEL_TOLERANCE) {
                                        n++;
                                        break;
                                }
                        }
        }
        return n;
}

static inline void golden_check(const ms_buf *png, const char *name) {
        char path[512], actual[512];
        snprintf(path, sizeof(path), GOLDEN_DIR "%s.png", name);
        if (getenv("MIGSTAT_BLESS")) {
                golden_write(path, png);
                return;
        }
        cairo_surface_t *want = cairo_image_surface_create_from_png(path);
        if (cairo_surface_status(want) != CAIRO_STATUS_SUCCESS)
                fail_msg("%s: no golden image (%s); run scripts/bless-golden.sh and review it", path,
                         cairo_status_to_string(cairo_surface_status(want)));
        golden_reader rd = {png, 0};
        cairo_surface_t *got = cairo_image_surface_create_from_png_stream(golden_read, &rd);
        assert_int_equal(cairo_surface_status(got), CAIRO_STATUS_SUCCESS);
        int w = cairo_image_surface_get_width(want), h = cairo_image_surface_get_height(want);
        size_t n = w == cairo_image_surface_get_width(got) && h == cairo_image_surface_get_height(got)
                           ? golden_diff(want, got)
                           : (size_t) w * (size_t) h;
        cairo_surface_destroy(want);
        cairo_surface_destroy(got);
        if (n * 1000 > (size_t) w * (size_t) h * GOLDEN_PIXEL_PERMILLE) {
                snprintf(actual, sizeof(actual), "%s.actual.png", name);
                golden_write(actual, png);
                fail_msg(
                        "%s: %zu of %d pixels differ from the golden image (allowed %d per mille); actual image: %s",
                        name, n, w * h, GOLDEN_PIXEL_PERMILLE, actual);
        }
}
