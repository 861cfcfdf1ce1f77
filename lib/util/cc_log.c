// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Logging by subsystem and level.
 *
 * Levels live in a plain array indexed by subsystem; the check in CC_LOG() is a
 * load and a compare so disabled debug logging costs nothing measurable.  The
 * library is single-threaded by design (every callback runs on the loop
 * thread), so no locking here; a level change from a signal handler is a
 * single aligned store.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <callcenter/log.h>

static const char *const logl_names[CC_LOGL__COUNT] = {
	[CC_LOGL_DEBUG] = "debug", [CC_LOGL_INFO] = "info",   [CC_LOGL_NOTICE] = "notice",
	[CC_LOGL_ERROR] = "error", [CC_LOGL_FATAL] = "fatal", [CC_LOGL_NONE] = "none",
};

static const char *const logss_names[CC_LOGSS__COUNT] = {
	[CC_LOGSS_CORE] = "core", [CC_LOGSS_UTIL] = "util", [CC_LOGSS_TRUNK] = "trunk",
	[CC_LOGSS_MTP2] = "mtp2", [CC_LOGSS_MTP3] = "mtp3", [CC_LOGSS_ISUP] = "isup",
	[CC_LOGSS_TUP] = "tup",	  [CC_LOGSS_R2] = "r2",	    [CC_LOGSS_DSP] = "dsp",
	[CC_LOGSS_ACD] = "acd",	  [CC_LOGSS_CTI] = "cti",   [CC_LOGSS_ALARM] = "alarm",
	[CC_LOGSS_REC] = "rec",	  [CC_LOGSS_UPS] = "ups",   [CC_LOGSS_APP] = "app",
};

#define DEFAULT_LEVEL CC_LOGL_NOTICE

static unsigned char levels[CC_LOGSS__COUNT] = {
	[0 ... CC_LOGSS__COUNT - 1] = DEFAULT_LEVEL,
};

static void stderr_sink(enum cc_logss ss, enum cc_logl lvl, const char *line, void *priv);

static cc_log_sink_fn sink = stderr_sink;
static void *sink_priv;

const char *cc_logl_name(enum cc_logl lvl)
{
	if ((unsigned int)lvl >= CC_LOGL__COUNT)
		return "?";
	return logl_names[lvl];
}

const char *cc_logss_name(enum cc_logss ss)
{
	if ((unsigned int)ss >= CC_LOGSS__COUNT)
		return "?";
	return logss_names[ss];
}

int cc_log_set_level(enum cc_logss ss, enum cc_logl lvl)
{
	if ((unsigned int)ss >= CC_LOGSS__COUNT || (unsigned int)lvl >= CC_LOGL__COUNT)
		return -EINVAL;
	levels[ss] = (unsigned char)lvl;
	return 0;
}

enum cc_logl cc_log_get_level(enum cc_logss ss)
{
	if ((unsigned int)ss >= CC_LOGSS__COUNT)
		return CC_LOGL_NONE;
	return (enum cc_logl)levels[ss];
}

bool cc_log_enabled(enum cc_logss ss, enum cc_logl lvl)
{
	if ((unsigned int)ss >= CC_LOGSS__COUNT)
		return false;
	return lvl != CC_LOGL_NONE && (unsigned int)lvl >= levels[ss];
}

/* Does [s, s+n) name exactly @name? */
static bool word_is(const char *s, size_t n, const char *name)
{
	return strlen(name) == n && strncmp(s, name, n) == 0;
}

static int lookup_level(const char *s, size_t n)
{
	for (int i = 0; i < CC_LOGL__COUNT; i++)
		if (word_is(s, n, logl_names[i]))
			return i;
	return -1;
}

/* Subsystem word -> bit mask of subsystems, 0 if unknown. */
static uint32_t lookup_ss_mask(const char *s, size_t n)
{
	if (word_is(s, n, "all"))
		return (1u << CC_LOGSS__COUNT) - 1;
	if (word_is(s, n, "ss7"))
		return 1u << CC_LOGSS_MTP2 | 1u << CC_LOGSS_MTP3 | 1u << CC_LOGSS_ISUP |
		       1u << CC_LOGSS_TUP;
	for (int i = 0; i < CC_LOGSS__COUNT; i++)
		if (word_is(s, n, logss_names[i]))
			return 1u << i;
	return 0;
}

int cc_log_parse_levels(const char *spec, size_t *out_errpos)
{
	unsigned char next[CC_LOGSS__COUNT];
	const char *p = spec;

	if (!spec)
		return -EINVAL;
	memcpy(next, levels, sizeof(next));
	while (*p) {
		const char *item = p, *eq = NULL;
		size_t len;
		uint32_t mask;
		int lvl;

		while (*p && *p != ',') {
			if (*p == '=' && !eq)
				eq = p;
			p++;
		}
		len = (size_t)(p - item);
		if (eq) {
			mask = lookup_ss_mask(item, (size_t)(eq - item));
			lvl = lookup_level(eq + 1, (size_t)(p - eq - 1));
		} else {
			mask = lookup_ss_mask("all", 3);
			lvl = lookup_level(item, len);
		}
		if (!mask || lvl < 0) {
			if (out_errpos)
				*out_errpos = (size_t)(item - spec);
			return -EINVAL;
		}
		for (int i = 0; i < CC_LOGSS__COUNT; i++)
			if (mask & 1u << i)
				next[i] = (unsigned char)lvl;
		if (*p == ',') {
			p++;
			if (!*p) { /* trailing comma */
				if (out_errpos)
					*out_errpos = (size_t)(p - spec);
				return -EINVAL;
			}
		}
	}
	memcpy(levels, next, sizeof(levels));
	return 0;
}

void cc_log_set_sink(cc_log_sink_fn fn, void *priv)
{
	sink = fn ? fn : stderr_sink;
	sink_priv = fn ? priv : NULL;
}

static void stderr_sink(enum cc_logss ss, enum cc_logl lvl, const char *line, void *priv)
{
	struct timespec ts;
	struct tm tm;
	char stamp[32] = "";

	(void)priv;
	if (clock_gettime(CLOCK_REALTIME, &ts) == 0 && localtime_r(&ts.tv_sec, &tm))
		snprintf(stamp, sizeof(stamp), "%02d:%02d:%02d.%03ld ", tm.tm_hour, tm.tm_min,
			 tm.tm_sec, ts.tv_nsec / 1000000);
	fprintf(stderr, "%s%s %s: %s\n", stamp, cc_logss_name(ss), cc_logl_name(lvl), line);
}

void cc_logv(enum cc_logss ss, enum cc_logl lvl, const char *fmt, va_list ap)
{
	char line[1024];
	int n;

	if (!cc_log_enabled(ss, lvl))
		return;
	n = vsnprintf(line, sizeof(line), fmt, ap);
	if (n < 0)
		return;
	/* One record per call: drop a trailing newline, mark truncation. */
	if ((size_t)n >= sizeof(line))
		memcpy(line + sizeof(line) - 4, "...", 4);
	else if (n > 0 && line[n - 1] == '\n')
		line[n - 1] = '\0';
	sink(ss, lvl, line, sink_priv);
}

void cc_log(enum cc_logss ss, enum cc_logl lvl, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cc_logv(ss, lvl, fmt, ap);
	va_end(ap);
}
