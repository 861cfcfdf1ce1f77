// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: the log-level specification parser (CC_LOG environment
 * variable, --log options).  Any input must either apply completely or change
 * nothing, and never read past the string.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <callcenter/log.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum cc_logl before[CC_LOGSS__COUNT];
	char *spec = malloc(size + 1);
	size_t pos = 0;
	int ret;

	if (!spec)
		return 0;
	memcpy(spec, data, size);
	spec[size] = '\0';
	for (int i = 0; i < CC_LOGSS__COUNT; i++)
		before[i] = cc_log_get_level((enum cc_logss)i);
	ret = cc_log_parse_levels(spec, &pos);
	if (ret < 0) {
		if (ret != -EINVAL || pos > strlen(spec))
			abort();
		for (int i = 0; i < CC_LOGSS__COUNT; i++)
			if (cc_log_get_level((enum cc_logss)i) != before[i])
				abort(); /* a rejected spec must change nothing */
	}
	free(spec);
	return 0;
}
