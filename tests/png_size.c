/* SPDX-License-Identifier: MIT */
/* png_size FILE: decode FILE as PNG and print "WIDTH HEIGHT"; exit 1 if it
 * does not decode. */
#include <cairo.h>
#include <stdio.h>

int main(int argc, char **argv) {
        if (argc != 2) {
                fprintf(stderr, "usage: png_size FILE\n");
                return 2;
        }
        cairo_surface_t *s = cairo_image_surface_create_from_png(argv[1]);
        if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
                fprintf(stderr, "%s: %s\n", argv[1], cairo_status_to_string(cairo_surface_status(s)));
                cairo_surface_destroy(s);
                return 1;
        }
        /* Force the decode of every row: read the data. */
        cairo_surface_flush(s);
        printf("%d %d\n", cairo_image_surface_get_width(s), cairo_image_surface_get_height(s));
        cairo_surface_destroy(s);
        return 0;
}
