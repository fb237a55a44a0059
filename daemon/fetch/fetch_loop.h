/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Many fetches at once on an sd-event loop, driven by libcurl multi:
 * curl's socket callback keeps one sd_event_add_io() source per socket,
 * its timer callback one oneshot time source; both handlers let curl act
 * and then drain every finished transfer.  Nothing blocks; connections per
 * host are bounded.  Failed attempts are retried as retry.h decides, on a
 * timer of the same loop; the completion callback sees the final outcome.
 */
#include <stdbool.h>
#include <systemd/sd-event.h>

#include "migstat/buf.h"
#include "fetch/fetch.h"
#include "fetch/retry.h"

typedef struct ms_fetcher ms_fetcher;

typedef struct ms_fetch_request {
        const char *url; /* copied */
        const char *name; /* for log lines (the source id); copied */
        ms_fetch_options opts; /* copied; its strings must outlive the request */
        ms_retry_policy retry;
} ms_fetch_request;

typedef struct ms_fetch_response {
        int error; /* 0 or -errno of the last attempt */
        unsigned attempts;
        ms_fetch_result result; /* of the last attempt */
        ms_buf body; /* the callback may take it (set to {0}) */
        char reason[600]; /* on failure: the error and why it is final */
} ms_fetch_response;

typedef void (*ms_fetch_done_fn)(ms_fetcher *f, ms_fetch_response *resp, void *userdata);

/* max_host_connections: 0 for curl's default (no bound). */
int ms_fetcher_new(sd_event *e, unsigned max_host_connections, ms_fetcher **ret);
ms_fetcher *ms_fetcher_free(ms_fetcher *f);
DEFINE_TRIVIAL_CLEANUP_FUNC(ms_fetcher *, ms_fetcher_free);

/* Start req; done is called once, from the loop, with the final outcome. */
int ms_fetcher_start(ms_fetcher *f, const ms_fetch_request *req, ms_fetch_done_fn done, void *userdata);
/* Run the fetcher's loop until no request is pending (each one is bounded
 * by its timeouts and retries). */
int ms_fetcher_wait(ms_fetcher *f);
