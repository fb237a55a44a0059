/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The daemon's control commands on top of the service: the control socket,
 * dispatch through the command table, and the clients that wait (`--wait`)
 * for the run their request started or joined.  migstatd.c attaches them to
 * the service before running it.
 */
#include "service/service.h"

typedef struct ms_commands ms_commands;

/* Bind (or take from systemd) the control socket on svc's loop and answer
 * its requests; svc must outlive the result. */
int ms_commands_new(ms_service *svc, ms_commands **ret);
ms_commands *ms_commands_free(ms_commands *ctx);
DEFINE_TRIVIAL_CLEANUP_FUNC(ms_commands *, ms_commands_free);
/* Whether the socket came from systemd (else it was bound). */
bool ms_commands_activated(const ms_commands *ctx);
