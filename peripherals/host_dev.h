/* Host devices for pass-through (i2c-host, spi-host, gpio-host): opening one with a message
 * that says what is wrong and what usually fixes it. */
#ifndef PERIPHERALS_HOST_DEV_H
#define PERIPHERALS_HOST_DEV_H

/* sim_err for errno `e` from opening `path`: "cannot open PATH: ERROR (HINT)", where the
 * hint for a missing device is `missing` and for a refused one `perm`.  Returns -1. */
int host_dev_error(const char *path, int e, const char *missing, const char *perm);
/* open(path, O_RDWR | O_CLOEXEC): the descriptor, or -1 with sim_err set. */
int host_dev_open(const char *path, const char *missing, const char *perm);

#endif
