/* Tiny assertion helpers for C unit tests: each CHECK prints "PASS name" or
 * "FAIL name: ..." in the tests/lib.sh format. */
#ifndef TESTS_UNIT_CHECK_H
#define TESTS_UNIT_CHECK_H

#include <stdio.h>

static int check_failures;

#define CHECK_EQ(name, got, want)                                                              \
    do {                                                                                       \
        unsigned long long g_ = (unsigned long long)(got), w_ = (unsigned long long)(want);    \
        if (g_ == w_)                                                                          \
            printf("PASS %s\n", name);                                                         \
        else {                                                                                 \
            printf("FAIL %s: got %llu, expected %llu (%s:%d)\n", name, g_, w_, __FILE__,       \
                   __LINE__);                                                                  \
            check_failures++;                                                                  \
        }                                                                                      \
    } while (0)

#define CHECK(name, cond) CHECK_EQ(name, !!(cond), 1)

#endif
