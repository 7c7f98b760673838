/* i2c-temp: the temperature the sensor measures, settable from outside (Lua, tests). */
#ifndef PERIPHERALS_I2C_TEMP_H
#define PERIPHERALS_I2C_TEMP_H

#include <stdint.h>

struct device;

/* Set the temperature of an i2c-temp device in milli-degrees Celsius (the same as setting
 * its `temperature` property).  Returns -1 with sim_err set when d is not an i2c-temp. */
int i2c_temp_set(struct device *d, int32_t millideg);

#endif
