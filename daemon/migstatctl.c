/* SPDX-License-Identifier: MIT */
/*
 * migstatctl: the operator's and editor's command line.
 *
 *   migstatctl inspect [--kind jsonstat|eurostat|table|eurostat-tsv|unhcr] [--dataset NAME|N] [--normalize-periods] FILE
 *       print the normalized cube of a source file as tidy CSV: one column
 *       per dimension, then value and status; values exactly as the source
 *       wrote them.  Without --kind the kind is detected from the content.
 *       --normalize-periods prints time codes as 2016-02 (not 2016M02).
 *       --measure prints a derived measure instead (docs/measures.md), e.g.
 *       "filter:citizenship_bamf_code=TOTAL|annual|protection"; per-100k
 *       takes the population from --population FILE.
 *       Needs no running daemon.
 *
 * Exit codes: 0 ok, 1 error (bad input), 2 usage.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "migstat/inspect.h"

#define EXIT_USAGE 2

static void usage(FILE *f) {
        fprintf(f, "Usage: migstatctl inspect [--kind jsonstat|eurostat|table|eurostat-tsv|unhcr] [--dataset NAME|N] [--normalize-periods]\n"
                   "                          [--measure PIPELINE [--population FILE]] FILE\n"
                   "       migstatctl --version\n");
}

static int cmd_inspect(int argc, char **argv) {
        static const struct option opts[] = {
                {"kind", required_argument, NULL, 'k'},
                {"dataset", required_argument, NULL, 'd'},
                {"normalize-periods", no_argument, NULL, 'p'},
                {"measure", required_argument, NULL, 'm'},
                {"population", required_argument, NULL, 'P'},
                {0},
        };
        ms_inspect_options o = {0};
        optind = 1;
        for (int c; (c = getopt_long(argc, argv, "", opts, NULL)) >= 0;) {
                switch (c) {
                case 'k': o.kind = optarg; break;
                case 'd': o.dataset = optarg; break;
                case 'p': o.normalize_periods = true; break;
                case 'm': o.measure = optarg; break;
                case 'P': o.population = optarg; break;
                default: usage(stderr); return EXIT_USAGE;
                }
        }
        if (optind + 1 != argc) {
                usage(stderr);
                return EXIT_USAGE;
        }
        return ms_inspect_file(argv[optind], &o, stdout, stderr) < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
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
