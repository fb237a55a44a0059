/* SPDX-License-Identifier: MIT */
#include "control/command_table.h"
#include "control/commands_internal.h"

/* In ms_command_kind's order.  synopsis and help are what `migstatctl
 * --help` prints; migstatctl(1) and the completion are tested against them. */
const ms_command_def ms_command_table[_MS_COMMAND_MAX] = {
        [MS_COMMAND_STATUS] = {"status", MS_COMMAND_ARGS_NONE, 0, cmd_status, "",
                               "what it is doing, its runs, what it last published, the hook"},
        [MS_COMMAND_LIST] = {"list", MS_COMMAND_ARGS_NONE, 0, cmd_list, "", "configured sources and charts"},
        [MS_COMMAND_FETCH] = {"fetch", MS_COMMAND_ARGS_SOURCES, MS_COMMAND_OPT_WAIT, cmd_run,
                              "[--wait] [SOURCE...]", "fetch the sources and publish (a full run)"},
        [MS_COMMAND_REGENERATE] = {"regenerate", MS_COMMAND_ARGS_CHARTS,
                                   MS_COMMAND_OPT_FORCE | MS_COMMAND_OPT_WAIT, cmd_run,
                                   "[--force] [--wait] [CHART...]", "render and publish a new release"},
        [MS_COMMAND_VALIDATE] = {"validate", MS_COMMAND_ARGS_NONE, 0, cmd_validate, "",
                                 "check the configuration on disk"},
        [MS_COMMAND_RELOAD] = {"reload", MS_COMMAND_ARGS_NONE, 0, cmd_reload, "",
                               "re-read the configuration"},
        [MS_COMMAND_VERSION] = {"version", MS_COMMAND_ARGS_NONE, 0, cmd_version, "", "the daemon's version"},
        [MS_COMMAND_ACCEPT] = {"accept", MS_COMMAND_ARGS_SOURCE, MS_COMMAND_OPT_WAIT, cmd_accept,
                               "[--wait] SOURCE", "publish a held source's data (a real break you checked)"},
};
