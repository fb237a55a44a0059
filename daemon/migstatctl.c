/* SPDX-License-Identifier: MIT */
/*
 * migstatctl: the operator's and editor's command line.
 *
 *   migstatctl inspect [--kind jsonstat] [--dataset NAME|N] FILE
 *       print the normalized cube of a source file as tidy CSV: one column
 *       per dimension, then value and status; values exactly as the source
 *       wrote them.  Needs no running daemon.
 *
 * Exit codes: 0 ok, 1 error (bad input), 2 usage.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "migstat/cube_csv.h"
#include "migstat/fileio.h"
#include "migstat/jsonstat.h"

#define EXIT_USAGE 2
/* inspect reads a local file an editor points it at; the daemon's per-source
 * limit is configurable, this one only guards against a wrong file. */
#define INSPECT_MAX_BYTES (1024u * 1024 * 1024)

static void usage(FILE *f) {
        fprintf(f, "Usage: migstatctl inspect [--kind jsonstat] [--dataset NAME|N] FILE\n"
                   "       migstatctl --version\n");
}

static int inspect_file(const char *path, const char *dataset) {
        ms_error err = {.file = path, .offset = -1};
        ms_buf in = {0}, out = {0};
        char msg[1024];
        _cleanup_(ms_cube_freep) ms_cube *cube = NULL;
        int r = ms_read_file(path, INSPECT_MAX_BYTES, &in, &err);
        if (r >= 0) {
                ms_jsonstat_options o = {.dataset = dataset, .keep_text = true};
                r = ms_jsonstat_parse(in.data ? in.data : "", in.len, &o, &cube, &err);
        }
        ms_buf_done(&in);
        if (r >= 0)
                r = ms_cube_write_csv(cube, &out);
        if (r >= 0 && fwrite(out.data, 1, out.len, stdout) != out.len)
                r = -EIO;
        ms_buf_done(&out);
        if (r >= 0 && fflush(stdout) != 0)
                r = -errno;
        if (r < 0) {
                if (!err.msg[0])
                        ms_error_set(&err, r, "", "%s", strerror(-r));
                fprintf(stderr, "migstatctl: %s\n", ms_error_format(&err, msg, sizeof(msg)));
                return EXIT_FAILURE;
        }
        return EXIT_SUCCESS;
}

static int cmd_inspect(int argc, char **argv) {
        static const struct option opts[] = {
                {"kind", required_argument, NULL, 'k'},
                {"dataset", required_argument, NULL, 'd'},
                {0},
        };
        const char *dataset = NULL;
        optind = 1;
        for (int c; (c = getopt_long(argc, argv, "", opts, NULL)) >= 0;) {
                switch (c) {
                case 'k':
                        if (strcmp(optarg, "jsonstat") != 0) {
                                fprintf(stderr, "migstatctl: unknown kind '%s' (expected jsonstat)\n", optarg);
                                return EXIT_USAGE;
                        }
                        break;
                case 'd': dataset = optarg; break;
                default: usage(stderr); return EXIT_USAGE;
                }
        }
        if (optind + 1 != argc) {
                usage(stderr);
                return EXIT_USAGE;
        }
        return inspect_file(argv[optind], dataset);
}

int main(int argc, char **argv) {
        if (argc < 2) {
                usage(stderr);
                return EXIT_USAGE;
        }
        if (strcmp(argv[1], "--version") == 0) {
                printf("migstatctl %s\n", MIGSTAT_VERSION);
                return EXIT_SUCCESS;
        }
        if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
                usage(stdout);
                return EXIT_SUCCESS;
        }
        if (strcmp(argv[1], "inspect") == 0)
                return cmd_inspect(argc - 1, argv + 1);
        fprintf(stderr, "migstatctl: unknown command '%s'\n", argv[1]);
        usage(stderr);
        return EXIT_USAGE;
}
