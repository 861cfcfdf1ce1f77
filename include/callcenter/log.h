/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * callcenter/log.h - logging by subsystem and level.
 *
 * Every module logs through cc_log() with its subsystem; the level of each
 * subsystem can be changed at run time (cc_log_set_level(), or a spec string
 * such as "all=notice,ss7=debug" given to cc_log_parse_levels(), which the
 * daemons and utilities accept as --log and the CC_LOG environment variable).
 * Output goes to stderr by default or to a sink installed with
 * cc_log_set_sink().  Logs explain; counters measure.
 */
#ifndef CALLCENTER_LOG_H
#define CALLCENTER_LOG_H

#include <stdarg.h>
#include <callcenter/core.h>

enum cc_logl {
	CC_LOGL_DEBUG,
	CC_LOGL_INFO,
	CC_LOGL_NOTICE,
	CC_LOGL_ERROR,
	CC_LOGL_FATAL,
	CC_LOGL_NONE, /* as a level setting: log nothing */
	CC_LOGL__COUNT
};

enum cc_logss {
	CC_LOGSS_CORE,
	CC_LOGSS_UTIL,
	CC_LOGSS_TRUNK,
	CC_LOGSS_MTP2,
	CC_LOGSS_MTP3,
	CC_LOGSS_ISUP,
	CC_LOGSS_TUP,
	CC_LOGSS_R2,
	CC_LOGSS_DSP,
	CC_LOGSS_ACD,
	CC_LOGSS_CTI,
	CC_LOGSS_ALARM,
	CC_LOGSS_REC,
	CC_LOGSS_UPS,
	CC_LOGSS_APP,
	CC_LOGSS__COUNT
};

/* Sink: receives one complete line (without the trailing newline). */
typedef void (*cc_log_sink_fn)(enum cc_logss ss, enum cc_logl lvl, const char *line, void *priv);

CC_API const char *cc_logl_name(enum cc_logl lvl);
CC_API const char *cc_logss_name(enum cc_logss ss);

/**
 * cc_log_set_level() - set the threshold of one subsystem
 * Return: 0, or -EINVAL for an unknown subsystem or level.
 */
CC_API int cc_log_set_level(enum cc_logss ss, enum cc_logl lvl);
CC_API enum cc_logl cc_log_get_level(enum cc_logss ss);
CC_API bool cc_log_enabled(enum cc_logss ss, enum cc_logl lvl);

/**
 * cc_log_parse_levels() - apply a level spec: comma-separated "subsystem=level"
 * @spec: e.g. "all=notice,ss7=debug"; "all" sets every subsystem, "ss7" sets
 *        mtp2, mtp3, isup and tup; a bare level ("debug") means all=level.
 * @out_errpos: on -EINVAL, the offset of the offending item (may be NULL)
 *
 * The spec is applied only if every item is valid; a bad spec changes nothing.
 * Return: 0, or -EINVAL.
 */
CC_API CC_MUST_CHECK int cc_log_parse_levels(const char *spec, size_t *out_errpos);

CC_API void cc_log_set_sink(cc_log_sink_fn fn, void *priv);

CC_API void cc_log(enum cc_logss ss, enum cc_logl lvl, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
CC_API void cc_logv(enum cc_logss ss, enum cc_logl lvl, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

#define CC_LOG(ss, lvl, ...)                                                                       \
	do {                                                                                       \
		if (cc_log_enabled((ss), (lvl)))                                                   \
			cc_log((ss), (lvl), __VA_ARGS__);                                          \
	} while (0)

#endif /* CALLCENTER_LOG_H */
