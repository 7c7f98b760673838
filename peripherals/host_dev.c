/* Opening host devices for pass-through, with messages that name the cure. */
#include "peripherals/host_dev.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "sim/error.h"

int host_dev_error(const char *path, int e, const char *missing, const char *perm)
{
    const char *hint = e == ENOENT ? missing : (e == EACCES || e == EPERM) ? perm : NULL;
    if (hint)
        return sim_err("cannot open '%s': %s (%s)", path, strerror(e), hint);
    return sim_err("cannot open '%s': %s", path, strerror(e));
}

int host_dev_open(const char *path, const char *missing, const char *perm)
{
    int fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return host_dev_error(path, errno, missing, perm);
    return fd;
}
