/* SPDX-License-Identifier: MIT */
/* Colours of the light and dark themes and the WCAG contrast measure. */
#include <math.h>

#include "layout_int.h"

/* Contrast of each against its background is in the comments (WCAG 2). */
const lo_theme lo_theme_light = {
        .bg = 0xffffff,
        .text = 0x1a1a1a, /* 17.4:1 */
        .subtle = 0x4d4d4d, /* 8.5:1 */
        .footer = 0x595959, /* 7.0:1 */
        .grid = 0xdedede,
        .baseline = 0x333333,
        .marker = 0xc24e00, /* 4.6:1 */
        .palette = {0x1d4f7c, /* blue 8.6:1 */
                    0xc24e00, /* vermilion 4.6:1 */
                    0x00785d, /* bluish green 5.4:1 */
                    0xa8467f, /* reddish purple 5.6:1 */
                    0x7d6608, /* ochre 5.7:1 */
                    0x6b6b6b}, /* grey 5.3:1 */
};

const lo_theme lo_theme_dark = {
        .bg = 0x14171a,
        .text = 0xf2f2f2, /* 16.6:1 */
        .subtle = 0xc4c4c4, /* 10.9:1 */
        .footer = 0xb0b0b0, /* 8.9:1 */
        .grid = 0x3a3f45,
        .baseline = 0xc4c4c4,
        .marker = 0xff8a3d, /* 7.9:1 */
        .palette = {0x56b4e9, /* sky blue 8.4:1 */
                    0xff8a3d, /* vermilion 7.9:1 */
                    0x2fc49b, /* bluish green 8.6:1 */
                    0xdf8fc0, /* reddish purple 7.6:1 */
                    0xe6c445, /* ochre 11.2:1 */
                    0xa3a3a3}, /* grey 7.7:1 */
};

static double luminance(uint32_t rgb) {
        double c[3];
        for (int k = 0; k < 3; k++) {
                double v = (double) ((rgb >> (16 - 8 * k)) & 0xff) / 255.0;
                c[k] = v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

double lo_contrast(uint32_t a, uint32_t b) {
        double la = luminance(a), lb = luminance(b);
        return (fmax(la, lb) + 0.05) / (fmin(la, lb) + 0.05);
}

uint32_t lo_text_on(const lo_theme *th, uint32_t bg) {
        (void) th;
        return lo_contrast(0x111111, bg) >= lo_contrast(0xffffff, bg) ? 0x111111 : 0xffffff;
}
