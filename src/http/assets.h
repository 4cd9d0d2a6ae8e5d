/* assets.h: the stylesheet and script, built into the binary. */
#ifndef HTTP_ASSETS_H
#define HTTP_ASSETS_H

#include <stddef.h>

struct asset {
	const char	*type;
	const char	*data;
	size_t		 len;
};

/* The asset served at path; -1 if there is none. */
int	asset_find(const char *path, struct asset *);

#endif
