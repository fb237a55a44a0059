/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The control socket on the sd-event loop: a listening AF_UNIX stream socket,
 * either passed by systemd (a .socket unit, FileDescriptorName=control) or
 * bound at a path (mode 0660, a stale socket file replaced, a live one
 * refused).  Each client sends one request line and gets one JSON line back,
 * then the connection is closed.  Clients are non-blocking, bounded in number,
 * time out, and must be root, the daemon's own user or in the configured group
 * (SO_PEERCRED and SO_PEERGROUPS).  A handler may defer its answer (`--wait`):
 * the client then waits without a time-out and without holding one of the
 * client slots (waiting clients are bounded on their own), until
 * ms_control_reply() answers it or it hangs up.
 */
#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <systemd/sd-event.h>

#include "migstat/macro.h"

typedef struct ms_control ms_control;
/* The client whose request a handler answers (valid during the call). */
typedef struct ms_control_request ms_control_request;

/* Answer one request line (line[0..len), without its newline; the socket
 * knows no commands): a new cJSON object (owned by the caller after return);
 * NULL means out of memory, unless the handler deferred. */
typedef cJSON *(*ms_control_handler)(const char *line, size_t len, ms_control_request *req, void *userdata);

/* Most clients that may wait for a deferred answer at once. */
#define MS_CONTROL_MAX_WAITING 64u

typedef struct ms_control_options {
        const char *path; /* bind here unless systemd passed a socket */
        const char *group; /* group allowed besides root; NULL or unknown: none */
        unsigned max_clients; /* 0: default (16) */
        uint64_t timeout_usec; /* per client, 0: default (5 s) */
} ms_control_options;

int ms_control_new(sd_event *e, const ms_control_options *o, ms_control_handler h, void *userdata,
                   ms_control **ret);
/* Change the allowed group (after a reload); resolves the name now, so the
 * loop never waits on NSS for a client.  An unknown group is logged and
 * leaves the socket to root. */
void ms_control_set_group(ms_control *c, const char *group);
unsigned ms_control_n_clients(const ms_control *c);
/* From a handler: answer this request later.  A token (> 0) for
 * ms_control_reply(); 0 when too many clients wait already (answer now). */
uint64_t ms_control_defer(ms_control_request *req);
/* Answer a deferred request with response (taken over).  -ENOENT when the
 * client has hung up meanwhile. */
int ms_control_reply(ms_control *c, uint64_t token, cJSON *response);
/* Whether the socket came from systemd (else we bound it). */
bool ms_control_activated(const ms_control *c);
ms_control *ms_control_free(ms_control *c);
DEFINE_TRIVIAL_CLEANUP_FUNC(ms_control *, ms_control_free);
